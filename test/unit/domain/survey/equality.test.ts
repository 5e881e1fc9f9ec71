import { describe, expect, test } from 'vitest';
import {
	answerOptions,
	equalityQuestions,
	ETHNIC_CATEGORIES,
	ETHNIC_GROUPS,
	ethnicGroupOf,
	npsTemplate,
	parseDefinition,
	parsePageAnswers,
	splitEqualityAnswers,
	validateSubmission,
	visibleQuestions,
	withEqualityMonitoring,
	withoutEqualityMonitoring,
	type Question
} from '$lib/domain/survey';

const questions = equalityQuestions();
const byCode = (code: string): Question => {
	const question = questions.find((q) => q.code === code);
	if (!question) throw new Error(`no ${code}`);
	return question;
};
const labels = (code: string) => answerOptions(byCode(code)).map((o) => o.label);

describe('the equality monitoring block', () => {
	test('special category flags follow equality.md', () => {
		const flags = Object.fromEntries(questions.map((q) => [q.code, q.specialCategory]));
		expect(flags).toEqual({
			EQ_AGE: false,
			EQ_SEX: false,
			EQ_GENDER_IDENTITY: false,
			EQ_SEXUAL_ORIENTATION: true,
			EQ_DISABILITY: true,
			EQ_DISABILITY_IMPACT: true,
			EQ_ETHNIC_GROUP: true,
			EQ_RELIGION: true,
			EQ_MARRIAGE: false,
			EQ_PREGNANCY: true
		});
	});

	test('every question is optional, marked, EQ_-coded and offers "Prefer not to say"', () => {
		for (const question of questions) {
			expect(question.required, question.code).toBe(false);
			expect(question.equalityMonitoring, question.code).toBe(true);
			expect(question.code.startsWith('EQ_'), question.code).toBe(true);
			expect(answerOptions(question).at(-1)?.label, question.code).toBe('Prefer not to say');
		}
	});

	test('sexual orientation uses the ONS wording and options', () => {
		const question = byCode('EQ_SEXUAL_ORIENTATION');
		expect(question.text).toBe('Which of the following best describes your sexual orientation?');
		expect(labels('EQ_SEXUAL_ORIENTATION')).toEqual([
			'Straight or Heterosexual',
			'Gay or Lesbian',
			'Bisexual',
			'Other sexual orientation',
			'Prefer not to say'
		]);
		const other = answerOptions(question).find((o) => o.label === 'Other sexual orientation');
		expect(other?.writeIn).toBe(true);
	});

	test('gender identity is separate from sex and has a write-in', () => {
		expect(labels('EQ_SEX')).toEqual(['Female', 'Male', 'Prefer not to say']);
		const identity = answerOptions(byCode('EQ_GENDER_IDENTITY'));
		expect(identity.some((o) => o.writeIn)).toBe(true);
		expect(identity.at(-1)?.label).toBe('Prefer not to say');
	});

	test('disability uses the two GSS harmonised questions, the second only after Yes', () => {
		expect(byCode('EQ_DISABILITY').text).toBe(
			'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?'
		);
		expect(labels('EQ_DISABILITY')).toEqual(['Yes', 'No', 'Prefer not to say']);
		expect(byCode('EQ_DISABILITY_IMPACT').text).toBe(
			'Does your condition or illness reduce your ability to carry out day-to-day activities?'
		);
		expect(labels('EQ_DISABILITY_IMPACT')).toEqual([
			'Yes, a lot',
			'Yes, a little',
			'Not at all',
			'Prefer not to say'
		]);
		const survey = withEqualityMonitoring(npsTemplate('Acme').definition);
		const shown = (value: string) =>
			visibleQuestions(survey, { 'eq-disability': { type: 'choice', value } }).map((q) => q.code);
		expect(shown('yes')).toContain('EQ_DISABILITY_IMPACT');
		expect(shown('no')).not.toContain('EQ_DISABILITY_IMPACT');
		expect(shown('prefer-not-to-say')).not.toContain('EQ_DISABILITY_IMPACT');
	});

	test('ethnic group: the 2021 Census 5 groups and 19 categories, each "Any other" with a write-in', () => {
		expect(ETHNIC_GROUPS.map((g) => g.label)).toEqual([
			'White',
			'Mixed or Multiple ethnic groups',
			'Asian, Asian British or Asian Welsh',
			'Black, Black British, Black Welsh, Caribbean or African',
			'Other ethnic group'
		]);
		expect(ETHNIC_CATEGORIES).toHaveLength(19);
		const counts = Object.fromEntries(
			ETHNIC_GROUPS.map((g) => [
				g.value,
				ETHNIC_CATEGORIES.filter((c) => c.group === g.value).length
			])
		);
		expect(counts).toEqual({ white: 5, mixed: 4, asian: 5, black: 3, other: 2 });
		const options = answerOptions(byCode('EQ_ETHNIC_GROUP'));
		expect(options).toHaveLength(20);
		const anyOther = options.filter((o) => o.label.startsWith('Any other'));
		expect(anyOther.map((o) => o.label)).toEqual([
			'Any other White background',
			'Any other Mixed or Multiple ethnic background',
			'Any other Asian background',
			'Any other Black, Black British or Caribbean background',
			'Any other ethnic group'
		]);
		expect(anyOther.every((o) => o.writeIn)).toBe(true);
		expect(options.find((o) => o.value === 'asian-chinese')?.group).toBe(
			'Asian, Asian British or Asian Welsh'
		);
		expect(ethnicGroupOf('white-roma')).toBe('white');
		expect(ethnicGroupOf('prefer-not-to-say')).toBeUndefined();
	});

	test('religion uses the 2021 Census options', () => {
		expect(labels('EQ_RELIGION')).toEqual([
			'No religion',
			'Christian (including Church of England, Catholic, Protestant and all other Christian denominations)',
			'Buddhist',
			'Hindu',
			'Jewish',
			'Muslim',
			'Sikh',
			'Any other religion',
			'Prefer not to say'
		]);
	});

	test('covers every protected characteristic', () => {
		expect(questions.map((q) => q.code)).toEqual([
			'EQ_AGE',
			'EQ_SEX',
			'EQ_GENDER_IDENTITY',
			'EQ_SEXUAL_ORIENTATION',
			'EQ_DISABILITY',
			'EQ_DISABILITY_IMPACT',
			'EQ_ETHNIC_GROUP',
			'EQ_RELIGION',
			'EQ_MARRIAGE',
			'EQ_PREGNANCY'
		]);
	});
});

describe('including the block in a survey', () => {
	const base = npsTemplate('Acme').definition;
	const survey = withEqualityMonitoring(base);

	test('adds one last page, once, and the result is a valid definition', () => {
		expect(survey.pages).toHaveLength(base.pages.length + 1);
		expect(survey.pages.at(-1)?.id).toBe('equality');
		expect(withEqualityMonitoring(survey)).toBe(survey);
		const check = parseDefinition(survey);
		expect(check.ok ? [] : check.issues).toEqual([]);
		expect(withoutEqualityMonitoring(survey)).toEqual(base);
	});

	test('nothing on the page is required, and the write-ins are kept', () => {
		const empty = parsePageAnswers(survey, 'equality', {});
		expect(empty.ok).toBe(true);
		const answered = parsePageAnswers(survey, 'equality', {
			'q_eq-ethnic-group': ['white-other'],
			'q_eq-ethnic-group.other.white-other': ['Polish'],
			'q_eq-sex': ['prefer-not-to-say']
		});
		expect(answered.answers).toEqual({
			'eq-sex': { type: 'choice', value: 'prefer-not-to-say' },
			'eq-ethnic-group': { type: 'choice', value: 'white-other', writeIn: 'Polish' }
		});
	});

	test('answers split into survey answers and equality answers stored apart', () => {
		const result = validateSubmission(survey, {
			nps: { type: 'number', value: 10 },
			'eq-age': { type: 'choice', value: '35-44' },
			'eq-religion': { type: 'choice', value: 'none' }
		});
		expect(result.ok).toBe(true);
		expect(splitEqualityAnswers(survey, result.answers)).toEqual({
			survey: { nps: { type: 'number', value: 10 } },
			equality: {
				'eq-age': { type: 'choice', value: '35-44' },
				'eq-religion': { type: 'choice', value: 'none' }
			}
		});
	});
});
