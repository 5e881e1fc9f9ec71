import { describe, expect, test } from 'vitest';
import {
	answerOptions,
	checkDefinitionUpdate,
	parseDefinition,
	parsePageAnswers,
	REFUSED_VALUE,
	TSM_QUESTION_BANK_2023,
	tsmAnswerOf,
	tsmBankInForce,
	tsmPerceptionTemplate,
	tsmScreenAnswerOf,
	tsmTenureAnswer,
	tsmTenureOf,
	validateSubmission,
	visibleQuestions,
	type Answers,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';

const LANDLORD = 'Riverside Homes';

// Copied from reference/tsm.md, with "[landlord]" replaced by the organisation's name.
const WORDING: Record<string, string> = {
	TP01: 'Taking everything into account, how satisfied or dissatisfied are you with the service provided by Riverside Homes?',
	TP02: 'How satisfied or dissatisfied are you with the overall repairs service from Riverside Homes over the last 12 months?',
	TP03: 'How satisfied or dissatisfied are you with the time taken to complete your most recent repair after you reported it?',
	TP04: 'How satisfied or dissatisfied are you that Riverside Homes provides a home that is well maintained?',
	TP05: 'Thinking about the condition of the property or building you live in, how satisfied or dissatisfied are you that Riverside Homes provides a home that is safe?',
	TP06: 'How satisfied or dissatisfied are you that Riverside Homes listens to your views and acts upon them?',
	TP07: 'How satisfied or dissatisfied are you that Riverside Homes keeps you informed about things that matter to you?',
	TP08: 'To what extent do you agree or disagree with the following "Riverside Homes treats me fairly and with respect"?',
	TP09: "How satisfied or dissatisfied are you with Riverside Homes's approach to complaints handling?",
	TP10: 'How satisfied or dissatisfied are you that Riverside Homes keeps these communal areas clean and well maintained?',
	TP11: 'How satisfied or dissatisfied are you that Riverside Homes makes a positive contribution to your neighbourhood?',
	TP12: "How satisfied or dissatisfied are you with Riverside Homes's approach to handling anti-social behaviour?",
	R: 'Has Riverside Homes carried out a repair to your home in the last 12 months?',
	C: 'Have you made a complaint to Riverside Homes in the last 12 months?',
	P: 'Do you live in a building with communal areas, either inside or outside, that Riverside Homes is responsible for maintaining?'
};

const S5 = [
	'Very satisfied',
	'Fairly satisfied',
	'Neither satisfied nor dissatisfied',
	'Fairly dissatisfied',
	'Very dissatisfied'
];
const A5 = [
	'Strongly agree',
	'Agree',
	'Neither agree nor disagree',
	'Disagree',
	'Strongly disagree'
];
const NA = "Not applicable/ don't know";
const WITH_NA = ['TP05', 'TP06', 'TP07', 'TP08', 'TP11', 'TP12'];
const TSM_CODES = Object.keys(WORDING);

const { definition, title } = tsmPerceptionTemplate(LANDLORD);

function byCode(survey: SurveyDefinition, code: string): Question {
	const question = survey.pages.flatMap((p) => p.questions).find((q) => q.code === code);
	if (!question) throw new Error(`no ${code}`);
	return question;
}

const labels = (question: Question, enteredByStaff = false) =>
	answerOptions(question, { enteredByStaff }).map((o) => o.label);

describe('TSM perception survey template', () => {
	test('is a valid definition', () => {
		const check = parseDefinition(definition);
		expect(check.ok ? [] : check.issues).toEqual([]);
		expect(title).toBe('Tenant satisfaction survey');
	});

	test('uses exactly the regulator’s wording with the landlord’s name', () => {
		for (const [code, text] of Object.entries(WORDING)) {
			expect(byCode(definition, code).text, code).toBe(text);
		}
	});

	test('has TP01–TP12, the three screens and the tenure question, and nothing else', () => {
		const codes = definition.pages.flatMap((p) => p.questions.map((q) => q.code));
		expect([...codes].sort()).toEqual([...TSM_CODES, 'TENURE'].sort());
	});

	test('uses the S5 scale, and A5 for TP08', () => {
		for (let n = 1; n <= 12; n++) {
			const code = `TP${String(n).padStart(2, '0')}`;
			const scale = code === 'TP08' ? A5 : S5;
			const expected = WITH_NA.includes(code) ? [...scale, NA] : scale;
			expect(labels(byCode(definition, code)), code).toEqual(expected);
		}
		for (const screen of ['R', 'C', 'P']) {
			expect(labels(byCode(definition, screen)), screen).toEqual(['Yes', 'No']);
		}
	});

	test('offers "Not applicable/ don’t know" on exactly TP05, TP06, TP07, TP08, TP11 and TP12', () => {
		const withNa = TSM_CODES.filter((code) => labels(byCode(definition, code)).includes(NA));
		expect(withNa).toEqual(WITH_NA);
	});

	test('every TSM question is locked and lets staff record a spontaneous don’t know / refused', () => {
		for (const code of TSM_CODES) {
			const question = byCode(definition, code);
			expect(question.locked, code).toBe(true);
			expect(question.staffCanRecordRefusal, code).toBe(true);
			expect(labels(question, true).at(-1), code).toBe("Don't know / refused");
			expect(labels(question, false), code).not.toContain("Don't know / refused");
		}
		expect(byCode(definition, 'TENURE').locked).toBeFalsy();
	});

	test('each screen comes before the questions that depend on it', () => {
		const order = definition.pages.flatMap((p) => p.questions.map((q) => q.code));
		const at = (code: string) => order.indexOf(code);
		expect(at('TENURE')).toBe(0);
		expect(at('TP01')).toBe(1);
		expect(at('R')).toBeLessThan(at('TP02'));
		expect(at('R')).toBeLessThan(at('TP03'));
		expect(at('C')).toBeLessThan(at('TP09'));
		expect(at('P')).toBeLessThan(at('TP10'));
	});
});

describe('who is asked what', () => {
	const asked = (answers: Answers) =>
		visibleQuestions(definition, answers)
			.map((q) => q.code)
			.filter((code) => code !== 'TENURE');

	const lcra = tsmTenureAnswer('LCRA');
	const lcho = tsmTenureAnswer('LCHO');
	const yesTo = (...screens: string[]): Answers =>
		Object.fromEntries(
			screens.map((code) => [byCode(definition, code).id, { type: 'choice', value: 'yes' }])
		);

	test('TP02, TP03, TP09 and TP10 are shown only on Yes to their screen', () => {
		expect(asked({ tenure: lcra })).toEqual([
			'TP01',
			'R',
			'TP04',
			'TP05',
			'TP06',
			'TP07',
			'TP08',
			'C',
			'P',
			'TP11',
			'TP12'
		]);
		expect(asked({ tenure: lcra, ...yesTo('R', 'C', 'P') })).toEqual([
			'TP01',
			'R',
			'TP02',
			'TP03',
			'TP04',
			'TP05',
			'TP06',
			'TP07',
			'TP08',
			'C',
			'TP09',
			'P',
			'TP10',
			'TP11',
			'TP12'
		]);
	});

	test('TP02–TP04 (and so screen R) are not asked of LCHO respondents', () => {
		expect(asked({ tenure: lcho, ...yesTo('R', 'C', 'P') })).toEqual([
			'TP01',
			'TP05',
			'TP06',
			'TP07',
			'TP08',
			'C',
			'TP09',
			'P',
			'TP10',
			'TP11',
			'TP12'
		]);
	});

	test('a staff-recorded refusal on a screen keeps its questions out', () => {
		const answers: Answers = { tenure: lcra, [byCode(definition, 'R').id]: { type: 'refused' } };
		expect(asked(answers)).not.toContain('TP02');
	});

	test('answers from an LCHO respondent to TP02–TP04 are discarded', () => {
		const answers: Answers = {
			tenure: lcho,
			...yesTo('R'),
			tp02: { type: 'choice', value: 'very-satisfied' },
			tp04: { type: 'choice', value: 'very-satisfied' },
			tp01: { type: 'choice', value: 'fairly-satisfied' }
		};
		const result = validateSubmission(definition, answers);
		expect(result.ok).toBe(true);
		expect(result.discarded.sort()).toEqual(['screen-r', 'tp02', 'tp04']);
		expect(tsmTenureOf(result.answers)).toBe('LCHO');
	});

	test('the tenure is required', () => {
		expect(validateSubmission(definition, {}).errors.map((e) => e.questionId)).toEqual(['tenure']);
	});
});

describe('staff-only "don’t know / refused"', () => {
	const page = definition.pages.find((p) => p.questions.some((q) => q.code === 'TP01'))!;

	test('is accepted only from staff', () => {
		const raw = { q_tp01: [REFUSED_VALUE] };
		const staff = parsePageAnswers(definition, page.id, raw, { enteredByStaff: true });
		expect(staff.answers).toEqual({ tp01: { type: 'refused' } });
		const online = parsePageAnswers(definition, page.id, raw);
		expect(online.answers).toEqual({});
		expect(online.errors).toEqual({
			q_tp01: 'Select how satisfied you are with the service provided by Riverside Homes'
		});
	});

	test('N/A is not available on TP01 to anyone', () => {
		const raw = { q_tp01: ['not-applicable'] };
		expect(parsePageAnswers(definition, page.id, raw, { enteredByStaff: true }).ok).toBe(false);
	});
});

describe('mapping answers for the TSM calculation', () => {
	test('scale positions, N/A, refusals and blanks', () => {
		expect(tsmAnswerOf({ type: 'choice', value: 'very-satisfied' })).toBe(1);
		expect(tsmAnswerOf({ type: 'choice', value: 'agree' })).toBe(2);
		expect(tsmAnswerOf({ type: 'choice', value: 'very-dissatisfied' })).toBe(5);
		expect(tsmAnswerOf({ type: 'choice', value: 'not-applicable' })).toBe(
			'not-applicable-dont-know'
		);
		expect(tsmAnswerOf({ type: 'refused' })).toBe('dont-know-refused');
		expect(tsmAnswerOf(undefined)).toBeNull();
		expect(tsmScreenAnswerOf({ type: 'choice', value: 'yes' })).toBe('yes');
		expect(tsmScreenAnswerOf({ type: 'refused' })).toBe('dont-know-refused');
	});
});

describe('the question bank is versioned data', () => {
	test('the 2023 bank is in force from 1 April 2023', () => {
		expect(tsmBankInForce('2023-03-31')).toBeUndefined();
		expect(tsmBankInForce('2023-04-01')).toBe(TSM_QUESTION_BANK_2023);
		expect(tsmBankInForce('2026-06-01')).toBe(TSM_QUESTION_BANK_2023);
	});

	test('a changed bank gives a changed survey without code changes', () => {
		const reworded = {
			...TSM_QUESTION_BANK_2023,
			id: 'TSM_TEST',
			questions: TSM_QUESTION_BANK_2023.questions.map((q) =>
				q.code === 'TP01' ? { ...q, text: 'Overall, how satisfied are you with [landlord]?' } : q
			)
		};
		const survey = tsmPerceptionTemplate(LANDLORD, reworded).definition;
		expect(byCode(survey, 'TP01').text).toBe(
			'Overall, how satisfied are you with Riverside Homes?'
		);
	});

	test('locked wording cannot be edited', () => {
		const edited = structuredClone(definition);
		const tp01 = byCode(edited, 'TP01');
		tp01.text = 'How happy are you with Riverside Homes?';
		const check = checkDefinitionUpdate(definition, edited, { hasResponses: false });
		expect(check.allowed).toBe(false);
		expect(check.allowed ? [] : check.reasons).toEqual([
			'Question TP01 has regulated wording that cannot be changed'
		]);
	});
});
