/**
 * The equality-monitoring block (reference/equality.md): the Equality Act 2010's protected
 * characteristics, asked with ONS / Census 2021 wording. Every question is optional and offers
 * "Prefer not to say". The block's answers are stored apart from the survey's, never shown at
 * individual level, and reported only in groups of at least the minimum size; the questions are
 * marked `equalityMonitoring` (code prefix EQ_) so the caller can split them off.
 */

import type {
	Answers,
	ChoiceOption,
	Question,
	SingleChoiceQuestion,
	SurveyDefinition,
	SurveyPage
} from './types';

export const EQUALITY_PAGE_ID = 'equality';
export const PREFER_NOT_TO_SAY: ChoiceOption = {
	value: 'prefer-not-to-say',
	label: 'Prefer not to say'
};

export const ETHNIC_GROUPS = [
	{ value: 'white', label: 'White' },
	{ value: 'mixed', label: 'Mixed or Multiple ethnic groups' },
	{ value: 'asian', label: 'Asian, Asian British or Asian Welsh' },
	{ value: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African' },
	{ value: 'other', label: 'Other ethnic group' }
] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number]['value'];

/** The 19 categories of the 2021 Census for England and Wales, in the questionnaire's order. */
export const ETHNIC_CATEGORIES: readonly {
	value: string;
	label: string;
	group: EthnicGroup;
	writeIn?: boolean;
}[] = [
	{
		value: 'white-british',
		label: 'English, Welsh, Scottish, Northern Irish or British',
		group: 'white'
	},
	{ value: 'white-irish', label: 'Irish', group: 'white' },
	{ value: 'white-gypsy-irish-traveller', label: 'Gypsy or Irish Traveller', group: 'white' },
	{ value: 'white-roma', label: 'Roma', group: 'white' },
	{ value: 'white-other', label: 'Any other White background', group: 'white', writeIn: true },
	{ value: 'mixed-white-black-caribbean', label: 'White and Black Caribbean', group: 'mixed' },
	{ value: 'mixed-white-black-african', label: 'White and Black African', group: 'mixed' },
	{ value: 'mixed-white-asian', label: 'White and Asian', group: 'mixed' },
	{
		value: 'mixed-other',
		label: 'Any other Mixed or Multiple ethnic background',
		group: 'mixed',
		writeIn: true
	},
	{ value: 'asian-indian', label: 'Indian', group: 'asian' },
	{ value: 'asian-pakistani', label: 'Pakistani', group: 'asian' },
	{ value: 'asian-bangladeshi', label: 'Bangladeshi', group: 'asian' },
	{ value: 'asian-chinese', label: 'Chinese', group: 'asian' },
	{ value: 'asian-other', label: 'Any other Asian background', group: 'asian', writeIn: true },
	{ value: 'black-caribbean', label: 'Caribbean', group: 'black' },
	// The Census asks African respondents to write in their background too
	{ value: 'black-african', label: 'African', group: 'black', writeIn: true },
	{
		value: 'black-other',
		label: 'Any other Black, Black British or Caribbean background',
		group: 'black',
		writeIn: true
	},
	{ value: 'other-arab', label: 'Arab', group: 'other' },
	{ value: 'other-any', label: 'Any other ethnic group', group: 'other', writeIn: true }
];

/** The high-level group of an ethnic group answer value, for breakdowns by the 5 groups. */
export function ethnicGroupOf(value: string): EthnicGroup | undefined {
	return ETHNIC_CATEGORIES.find((category) => category.value === value)?.group;
}

function options(...list: (ChoiceOption | [string, string])[]): ChoiceOption[] {
	return [
		...list.map((item) => (Array.isArray(item) ? { value: item[0], label: item[1] } : item)),
		PREFER_NOT_TO_SAY
	];
}

function question(
	fields: Omit<SingleChoiceQuestion, 'type' | 'required' | 'equalityMonitoring'>
): SingleChoiceQuestion {
	return { type: 'single-choice', required: false, equalityMonitoring: true, ...fields };
}

/**
 * Fresh copies of the block's questions. `specialCategory` follows UK GDPR Article 9 as
 * equality.md lists it (ethnic group, religion or belief, disability and health, sexual
 * orientation); pregnancy is data about health, so it is marked too. Age, sex, gender identity
 * and marriage are personal data but not special category.
 */
export function equalityQuestions(): Question[] {
	const groupLabel = new Map<string, string>(ETHNIC_GROUPS.map((g) => [g.value, g.label]));
	return [
		question({
			id: 'eq-age',
			code: 'EQ_AGE',
			text: 'What is your age?',
			specialCategory: false,
			options: options(
				['16-24', '16 to 24'],
				['25-34', '25 to 34'],
				['35-44', '35 to 44'],
				['45-54', '45 to 54'],
				['55-64', '55 to 64'],
				['65-74', '65 to 74'],
				['75-plus', '75 or over']
			)
		}),
		question({
			id: 'eq-sex',
			code: 'EQ_SEX',
			text: 'What is your sex?',
			hint: 'A question about gender identity follows.',
			specialCategory: false,
			options: options(['female', 'Female'], ['male', 'Male'])
		}),
		question({
			id: 'eq-gender-identity',
			code: 'EQ_GENDER_IDENTITY',
			text: 'Is the gender you identify with the same as your sex registered at birth?',
			specialCategory: false,
			options: options(['yes', 'Yes'], {
				value: 'no',
				label: 'No, write in your gender identity',
				writeIn: true
			})
		}),
		question({
			id: 'eq-sexual-orientation',
			code: 'EQ_SEXUAL_ORIENTATION',
			text: 'Which of the following best describes your sexual orientation?',
			specialCategory: true,
			options: options(
				['straight', 'Straight or Heterosexual'],
				['gay-lesbian', 'Gay or Lesbian'],
				['bisexual', 'Bisexual'],
				{ value: 'other', label: 'Other sexual orientation', writeIn: true }
			)
		}),
		question({
			id: 'eq-disability',
			code: 'EQ_DISABILITY',
			text: 'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?',
			specialCategory: true,
			options: options(['yes', 'Yes'], ['no', 'No'])
		}),
		question({
			id: 'eq-disability-impact',
			code: 'EQ_DISABILITY_IMPACT',
			text: 'Does your condition or illness reduce your ability to carry out day-to-day activities?',
			specialCategory: true,
			condition: { type: 'equals', questionId: 'eq-disability', value: 'yes' },
			options: options(
				['yes-a-lot', 'Yes, a lot'],
				['yes-a-little', 'Yes, a little'],
				['not-at-all', 'Not at all']
			)
		}),
		question({
			id: 'eq-ethnic-group',
			code: 'EQ_ETHNIC_GROUP',
			text: 'What is your ethnic group?',
			hint: 'Choose the option that best describes your ethnic group or background.',
			specialCategory: true,
			options: options(
				...ETHNIC_CATEGORIES.map((category): ChoiceOption => ({
					value: category.value,
					label: category.label,
					group: groupLabel.get(category.group),
					...(category.writeIn && { writeIn: true })
				}))
			)
		}),
		question({
			id: 'eq-religion',
			code: 'EQ_RELIGION',
			text: 'What is your religion?',
			specialCategory: true,
			options: options(
				['none', 'No religion'],
				[
					'christian',
					'Christian (including Church of England, Catholic, Protestant and all other Christian denominations)'
				],
				['buddhist', 'Buddhist'],
				['hindu', 'Hindu'],
				['jewish', 'Jewish'],
				['muslim', 'Muslim'],
				['sikh', 'Sikh'],
				{ value: 'other', label: 'Any other religion', writeIn: true }
			)
		}),
		question({
			id: 'eq-marriage',
			code: 'EQ_MARRIAGE',
			text: 'What is your legal marital or registered civil partnership status?',
			specialCategory: false,
			options: options(
				['never', 'Never married and never registered a civil partnership'],
				['married', 'Married'],
				['civil-partnership', 'In a registered civil partnership'],
				['separated-married', 'Separated, but still legally married'],
				['separated-civil-partnership', 'Separated, but still legally in a civil partnership'],
				['divorced', 'Divorced'],
				['dissolved', 'Formerly in a civil partnership which is now legally dissolved'],
				['widowed', 'Widowed'],
				['surviving-partner', 'Surviving partner from civil partnership']
			)
		}),
		question({
			id: 'eq-pregnancy',
			code: 'EQ_PREGNANCY',
			text: 'Are you pregnant, or have you given birth in the last 26 weeks?',
			specialCategory: true,
			options: options(['yes', 'Yes'], ['no', 'No'])
		})
	];
}

export function equalityPage(): SurveyPage {
	return {
		id: EQUALITY_PAGE_ID,
		title: 'About you',
		description:
			'These questions are optional. We ask them to check that we hear from all the people we serve and treat everyone fairly. Your answers are kept apart from your other answers and are only ever reported as totals for groups of people.',
		questions: equalityQuestions()
	};
}

export function isEqualityQuestion(question: Question): boolean {
	return question.equalityMonitoring === true;
}

export function hasEqualityMonitoring(definition: SurveyDefinition): boolean {
	return definition.pages.some((page) => page.questions.some(isEqualityQuestion));
}

/** Adds the block as a last page; a definition that already has it is returned unchanged. */
export function withEqualityMonitoring(definition: SurveyDefinition): SurveyDefinition {
	if (hasEqualityMonitoring(definition)) return definition;
	return { ...definition, pages: [...definition.pages, equalityPage()] };
}

/** Removes every equality question, and any page left empty by that. */
export function withoutEqualityMonitoring(definition: SurveyDefinition): SurveyDefinition {
	return {
		...definition,
		pages: definition.pages
			.map((page) => ({ ...page, questions: page.questions.filter((q) => !isEqualityQuestion(q)) }))
			.filter((page) => page.questions.length > 0)
	};
}

/**
 * Splits answers into those stored with the response and those stored apart. Pass the answers
 * validateSubmission kept; anything keyed by an id that is not a question here is left out.
 */
export function splitEqualityAnswers(
	definition: SurveyDefinition,
	answers: Answers
): { survey: Answers; equality: Answers } {
	const survey: Answers = {};
	const equality: Answers = {};
	for (const page of definition.pages) {
		for (const question of page.questions) {
			if (!Object.prototype.hasOwnProperty.call(answers, question.id)) continue;
			const answer = answers[question.id];
			if (answer === undefined) continue;
			if (isEqualityQuestion(question)) equality[question.id] = answer;
			else survey[question.id] = answer;
		}
	}
	return { survey, equality };
}
