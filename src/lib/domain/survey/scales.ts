import type { ChoiceOption, GridQuestion, GridScale, Question } from './types';

/** Listed most positive first, as the regulator prints them; the value codes never change. */
export const SATISFACTION_SCALE: readonly ChoiceOption[] = [
	{ value: 'very-satisfied', label: 'Very satisfied' },
	{ value: 'fairly-satisfied', label: 'Fairly satisfied' },
	{ value: 'neither', label: 'Neither satisfied nor dissatisfied' },
	{ value: 'fairly-dissatisfied', label: 'Fairly dissatisfied' },
	{ value: 'very-dissatisfied', label: 'Very dissatisfied' }
];

export const AGREEMENT_SCALE: readonly ChoiceOption[] = [
	{ value: 'strongly-agree', label: 'Strongly agree' },
	{ value: 'agree', label: 'Agree' },
	{ value: 'neither', label: 'Neither agree nor disagree' },
	{ value: 'disagree', label: 'Disagree' },
	{ value: 'strongly-disagree', label: 'Strongly disagree' }
];

/** The regulator's own spelling, space after the slash included. */
export const NOT_APPLICABLE_OPTION: ChoiceOption = {
	value: 'not-applicable',
	label: "Not applicable/ don't know"
};

/** The top two points: what CSAT and the TSMs count as satisfied (or agreeing). */
export const SATISFIED_VALUES: readonly string[] = ['very-satisfied', 'fairly-satisfied'];
export const AGREE_VALUES: readonly string[] = ['strongly-agree', 'agree'];

export const YES_NO_OPTIONS: readonly ChoiceOption[] = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' }
];

export const NPS_RANGE = {
	min: 0,
	max: 10,
	lowLabel: 'Not at all likely',
	highLabel: 'Extremely likely'
};
export const RATING_RANGE = { min: 1, max: 10 };
export const EFFORT_RANGE = { min: 1, max: 7 };

/** Customer Effort Score points; measures.md fixes the ends, the middle follows the usual CES wording. */
export const EFFORT_SCALE: readonly ChoiceOption[] = [
	{ value: '1', label: 'Strongly disagree' },
	{ value: '2', label: 'Disagree' },
	{ value: '3', label: 'Somewhat disagree' },
	{ value: '4', label: 'Neither agree nor disagree' },
	{ value: '5', label: 'Somewhat agree' },
	{ value: '6', label: 'Agree' },
	{ value: '7', label: 'Strongly agree' }
];

/**
 * Posted in the answer field when staff record a spontaneous "don't know / refused". Option values
 * cannot start with "_", so it never collides with a real option.
 */
export const REFUSED_VALUE = '_refused';
export const REFUSED_OPTION: ChoiceOption = { value: REFUSED_VALUE, label: "Don't know / refused" };

function numberOptions(min: number, max: number): ChoiceOption[] {
	const options: ChoiceOption[] = [];
	for (let n = min; n <= max; n++) options.push({ value: String(n), label: String(n) });
	return options;
}

export function gridScaleOptions(scale: GridScale): ChoiceOption[] {
	switch (scale.type) {
		case 'satisfaction':
			return [...SATISFACTION_SCALE, ...(scale.notApplicable ? [NOT_APPLICABLE_OPTION] : [])];
		case 'agreement':
			return [...AGREEMENT_SCALE, ...(scale.notApplicable ? [NOT_APPLICABLE_OPTION] : [])];
		case 'options':
			return [...scale.options];
	}
}

/**
 * The radios or checkboxes to show for a question, in order, as the answer form posts them. Empty
 * for questions answered by typing (text, number, date) and for grids (see gridScaleOptions).
 * The staff refusal is added last when `enteredByStaff` and the question allows it.
 */
export function answerOptions(
	question: Question,
	{ enteredByStaff = false }: { enteredByStaff?: boolean } = {}
): ChoiceOption[] {
	const options = baseOptions(question);
	if (enteredByStaff && question.staffCanRecordRefusal && options.length > 0) {
		options.push(REFUSED_OPTION);
	}
	return options;
}

function baseOptions(question: Question): ChoiceOption[] {
	switch (question.type) {
		case 'single-choice':
		case 'multiple-choice':
			return [...question.options];
		case 'satisfaction':
			return gridScaleOptions({ type: 'satisfaction', notApplicable: question.notApplicable });
		case 'agreement':
			return gridScaleOptions({ type: 'agreement', notApplicable: question.notApplicable });
		case 'yes-no':
			return [...YES_NO_OPTIONS];
		case 'nps':
			return numberOptions(NPS_RANGE.min, NPS_RANGE.max);
		case 'rating':
			return numberOptions(RATING_RANGE.min, RATING_RANGE.max);
		case 'effort':
			return [...EFFORT_SCALE];
		default:
			return [];
	}
}

/** Words for the two ends of a numbered scale, to show beside the first and last radio. */
export function scaleAnchors(question: Question): { low?: string; high?: string } | undefined {
	switch (question.type) {
		case 'nps':
			return { low: NPS_RANGE.lowLabel, high: NPS_RANGE.highLabel };
		case 'effort':
			return { low: 'Strongly disagree', high: 'Strongly agree' };
		case 'rating':
			return { low: question.lowLabel, high: question.highLabel };
		default:
			return undefined;
	}
}

export function gridOptions(question: GridQuestion): ChoiceOption[] {
	return gridScaleOptions(question.scale);
}

/** 1 = most positive … 5 = most negative; undefined for N/A or anything off the 5-point scales. */
export function scalePosition(value: string): 1 | 2 | 3 | 4 | 5 | undefined {
	for (const scale of [SATISFACTION_SCALE, AGREEMENT_SCALE]) {
		const index = scale.findIndex((option) => option.value === value);
		if (index >= 0) return (index + 1) as 1 | 2 | 3 | 4 | 5;
	}
	return undefined;
}
