/**
 * The Tenant Satisfaction Measures question bank (Regulator of Social Housing, in force from
 * 1 April 2023). The wording is data: when the regulator changes it (consulted on for 2026/27), a
 * new bank is added beside this one and surveys already built keep the wording they were asked in.
 */

import { fillDefinitionPlaceholders } from './placeholders';
import { scalePosition } from './scales';
import type { Answer, Answers, Condition, Question, SurveyPage, SurveyTemplate } from './types';

export type TsmScreen = 'R' | 'C' | 'P';
export type TsmTenure = 'LCRA' | 'LCHO';

export interface TsmBankQuestion {
	id: string;
	code: string;
	/** The regulator's wording, "[landlord]" standing for the organisation's name. */
	text: string;
	/** S5 satisfaction, A5 agreement, or a Yes / No screening question. */
	scale: 'S5' | 'A5' | 'yes-no';
	/** Whether "Not applicable/ don't know" is offered to respondents. */
	notApplicable: boolean;
	/** Asked only of those who answered Yes to this screening question. */
	screen?: TsmScreen;
	/** Whether low-cost home ownership (LCHO) respondents are asked it. */
	askedOfLcho: boolean;
	errorMessage: string;
}

export interface TsmQuestionBank {
	id: string;
	/** YYYY-MM-DD */
	inForceFrom: string;
	source: string;
	tenureQuestion: {
		id: string;
		code: string;
		text: string;
		options: { value: TsmTenure; label: string }[];
		errorMessage: string;
	};
	/** Perception questions and screening questions, by code. */
	questions: TsmBankQuestion[];
	/** The order the questionnaire asks them in: each screen comes before what depends on it. */
	pages: { id: string; title: string; codes: string[] }[];
}

export const TSM_TENURE_QUESTION_ID = 'tenure';
export const TSM_TENURE_CODE = 'TENURE';

export const TSM_QUESTION_BANK_2023: TsmQuestionBank = {
	id: 'TSM_2023',
	inForceFrom: '2023-04-01',
	source: 'Tenant Satisfaction Measures: Tenant Survey Requirements, Regulator of Social Housing',
	tenureQuestion: {
		id: TSM_TENURE_QUESTION_ID,
		code: TSM_TENURE_CODE,
		text: 'Which of these describes your home?',
		options: [
			{ value: 'LCRA', label: 'I rent my home from [landlord]' },
			{
				value: 'LCHO',
				label:
					'I own part of my home through shared ownership or another low-cost home ownership scheme'
			}
		],
		errorMessage: 'Select whether you rent your home or own part of it'
	},
	questions: [
		{
			id: 'tp01',
			code: 'TP01',
			text: 'Taking everything into account, how satisfied or dissatisfied are you with the service provided by [landlord]?',
			scale: 'S5',
			notApplicable: false,
			askedOfLcho: true,
			errorMessage: 'Select how satisfied you are with the service provided by [landlord]'
		},
		{
			id: 'screen-r',
			code: 'R',
			text: 'Has [landlord] carried out a repair to your home in the last 12 months?',
			scale: 'yes-no',
			notApplicable: false,
			askedOfLcho: false,
			errorMessage:
				'Select yes if [landlord] has carried out a repair to your home in the last 12 months'
		},
		{
			id: 'tp02',
			code: 'TP02',
			text: 'How satisfied or dissatisfied are you with the overall repairs service from [landlord] over the last 12 months?',
			scale: 'S5',
			notApplicable: false,
			screen: 'R',
			askedOfLcho: false,
			errorMessage: 'Select how satisfied you are with the overall repairs service from [landlord]'
		},
		{
			id: 'tp03',
			code: 'TP03',
			text: 'How satisfied or dissatisfied are you with the time taken to complete your most recent repair after you reported it?',
			scale: 'S5',
			notApplicable: false,
			screen: 'R',
			askedOfLcho: false,
			errorMessage:
				'Select how satisfied you are with the time taken to complete your most recent repair'
		},
		{
			id: 'tp04',
			code: 'TP04',
			text: 'How satisfied or dissatisfied are you that [landlord] provides a home that is well maintained?',
			scale: 'S5',
			notApplicable: false,
			askedOfLcho: false,
			errorMessage:
				'Select how satisfied you are that [landlord] provides a home that is well maintained'
		},
		{
			id: 'tp05',
			code: 'TP05',
			text: 'Thinking about the condition of the property or building you live in, how satisfied or dissatisfied are you that [landlord] provides a home that is safe?',
			scale: 'S5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage: 'Select how satisfied you are that [landlord] provides a home that is safe'
		},
		{
			id: 'tp06',
			code: 'TP06',
			text: 'How satisfied or dissatisfied are you that [landlord] listens to your views and acts upon them?',
			scale: 'S5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage:
				'Select how satisfied you are that [landlord] listens to your views and acts upon them'
		},
		{
			id: 'tp07',
			code: 'TP07',
			text: 'How satisfied or dissatisfied are you that [landlord] keeps you informed about things that matter to you?',
			scale: 'S5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage:
				'Select how satisfied you are that [landlord] keeps you informed about things that matter to you'
		},
		{
			id: 'tp08',
			code: 'TP08',
			text: 'To what extent do you agree or disagree with the following "[landlord] treats me fairly and with respect"?',
			scale: 'A5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage: 'Select how much you agree that [landlord] treats you fairly and with respect'
		},
		{
			id: 'screen-c',
			code: 'C',
			text: 'Have you made a complaint to [landlord] in the last 12 months?',
			scale: 'yes-no',
			notApplicable: false,
			askedOfLcho: true,
			errorMessage: 'Select yes if you have made a complaint to [landlord] in the last 12 months'
		},
		{
			id: 'tp09',
			code: 'TP09',
			text: "How satisfied or dissatisfied are you with [landlord]'s approach to complaints handling?",
			scale: 'S5',
			notApplicable: false,
			screen: 'C',
			askedOfLcho: true,
			errorMessage: "Select how satisfied you are with [landlord]'s approach to complaints handling"
		},
		{
			id: 'screen-p',
			code: 'P',
			text: 'Do you live in a building with communal areas, either inside or outside, that [landlord] is responsible for maintaining?',
			scale: 'yes-no',
			notApplicable: false,
			askedOfLcho: true,
			errorMessage:
				'Select yes if you live in a building with communal areas that [landlord] maintains'
		},
		{
			id: 'tp10',
			code: 'TP10',
			text: 'How satisfied or dissatisfied are you that [landlord] keeps these communal areas clean and well maintained?',
			scale: 'S5',
			notApplicable: false,
			screen: 'P',
			askedOfLcho: true,
			errorMessage:
				'Select how satisfied you are that [landlord] keeps the communal areas clean and well maintained'
		},
		{
			id: 'tp11',
			code: 'TP11',
			text: 'How satisfied or dissatisfied are you that [landlord] makes a positive contribution to your neighbourhood?',
			scale: 'S5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage:
				'Select how satisfied you are that [landlord] makes a positive contribution to your neighbourhood'
		},
		{
			id: 'tp12',
			code: 'TP12',
			text: "How satisfied or dissatisfied are you with [landlord]'s approach to handling anti-social behaviour?",
			scale: 'S5',
			notApplicable: true,
			askedOfLcho: true,
			errorMessage:
				"Select how satisfied you are with [landlord]'s approach to handling anti-social behaviour"
		}
	],
	pages: [
		{ id: 'tsm-overall', title: 'Overall', codes: ['TP01'] },
		{ id: 'tsm-repairs', title: 'Repairs', codes: ['R', 'TP02', 'TP03'] },
		{ id: 'tsm-home', title: 'Your home', codes: ['TP04', 'TP05'] },
		{
			id: 'tsm-listening',
			title: 'Listening and keeping you informed',
			codes: ['TP06', 'TP07', 'TP08']
		},
		{ id: 'tsm-complaints', title: 'Complaints', codes: ['C', 'TP09'] },
		{ id: 'tsm-communal', title: 'Communal areas', codes: ['P', 'TP10'] },
		{ id: 'tsm-neighbourhood', title: 'Your neighbourhood', codes: ['TP11', 'TP12'] }
	]
};

/** Oldest first. */
export const TSM_QUESTION_BANKS: readonly TsmQuestionBank[] = [TSM_QUESTION_BANK_2023];

/** The bank in force on a date (YYYY-MM-DD); undefined before the TSMs began. */
export function tsmBankInForce(onDate: string): TsmQuestionBank | undefined {
	const inForce = TSM_QUESTION_BANKS.filter((bank) => bank.inForceFrom <= onDate);
	return inForce[inForce.length - 1];
}

function bankQuestion(bank: TsmQuestionBank, code: string): TsmBankQuestion {
	const question = bank.questions.find((q) => q.code === code);
	if (question === undefined) throw new RangeError(`${bank.id} has no question ${code}`);
	return question;
}

function toQuestion(bank: TsmQuestionBank, entry: TsmBankQuestion): Question {
	const rules: Condition[] = [];
	if (!entry.askedOfLcho) {
		rules.push({ type: 'equals', questionId: bank.tenureQuestion.id, value: 'LCRA' });
	}
	if (entry.screen !== undefined) {
		rules.push({ type: 'equals', questionId: bankQuestion(bank, entry.screen).id, value: 'yes' });
	}
	const condition: Condition | undefined =
		rules.length === 0
			? undefined
			: rules.length === 1
				? rules[0]
				: { type: 'all', conditions: rules };
	// Optional, so nobody is pushed into an answer they do not mean; blanks are outside the base.
	const common = {
		id: entry.id,
		code: entry.code,
		text: entry.text,
		errorMessage: entry.errorMessage,
		required: false,
		locked: true,
		staffCanRecordRefusal: true,
		...(condition && { condition })
	};
	switch (entry.scale) {
		case 'S5':
			return { ...common, type: 'satisfaction', notApplicable: entry.notApplicable };
		case 'A5':
			return { ...common, type: 'agreement', notApplicable: entry.notApplicable };
		case 'yes-no':
			return { ...common, type: 'yes-no' };
	}
}

/**
 * The full TSM perception survey. Tenure (LCRA or LCHO) is an ordinary required question on the
 * first page, so every response carries it and TP02–TP04 (and screen R) are skipped for LCHO.
 * When the tenure is already known from the landlord's records, record it as the TENURE answer
 * (see tsmTenureAnswer) when the response is started and skip that page.
 */
export function tsmPerceptionTemplate(
	organisation: string,
	bank: TsmQuestionBank = TSM_QUESTION_BANK_2023
): SurveyTemplate {
	const tenurePage: SurveyPage = {
		id: 'tsm-tenure',
		title: 'About your home',
		questions: [
			{
				id: bank.tenureQuestion.id,
				code: bank.tenureQuestion.code,
				type: 'single-choice',
				text: bank.tenureQuestion.text,
				errorMessage: bank.tenureQuestion.errorMessage,
				required: true,
				options: bank.tenureQuestion.options.map((option) => ({ ...option }))
			}
		]
	};
	const pages: SurveyPage[] = bank.pages.map((page) => ({
		id: page.id,
		title: page.title,
		questions: page.codes.map((code) => toQuestion(bank, bankQuestion(bank, code)))
	}));
	return {
		title: 'Tenant satisfaction survey',
		description: tsmDescription(organisation),
		definition: fillDefinitionPlaceholders({ pages: [tenurePage, ...pages] }, organisation)
	};
}

function tsmDescription(organisation: string): string {
	return `${organisation.trim()} asks these questions every year, in the words set by the Regulator of Social Housing. The results are published with a summary of how the survey was done. It takes about 5 minutes.`;
}

/** The answer to record when the tenure comes from the landlord's records. */
export function tsmTenureAnswer(tenure: TsmTenure): Answer {
	return { type: 'choice', value: tenure };
}

export function tsmTenureOf(answers: Answers): TsmTenure | null {
	const answer = answers[TSM_TENURE_QUESTION_ID];
	if (answer?.type !== 'choice') return null;
	return answer.value === 'LCRA' || answer.value === 'LCHO' ? answer.value : null;
}

/**
 * A TSM answer as the measures count it: 1 (Very satisfied / Strongly agree) … 5, the offered
 * "not applicable / don't know", a staff-recorded "don't know / refused", or null for a blank.
 */
export function tsmAnswerOf(
	answer: Answer | undefined
): 1 | 2 | 3 | 4 | 5 | 'not-applicable-dont-know' | 'dont-know-refused' | null {
	if (answer === undefined) return null;
	if (answer.type === 'refused') return 'dont-know-refused';
	if (answer.type !== 'choice') return null;
	if (answer.value === 'not-applicable') return 'not-applicable-dont-know';
	return scalePosition(answer.value) ?? null;
}

export function tsmScreenAnswerOf(
	answer: Answer | undefined
): 'yes' | 'no' | 'dont-know-refused' | null {
	if (answer === undefined) return null;
	if (answer.type === 'refused') return 'dont-know-refused';
	if (answer.type !== 'choice') return null;
	return answer.value === 'yes' || answer.value === 'no' ? answer.value : null;
}
