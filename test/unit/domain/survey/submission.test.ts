import { describe, expect, test } from 'vitest';
import {
	answersSchema,
	answerToFormValues,
	formatAnswer,
	formatAnswerLines,
	parsePageAnswers,
	summariseAnswers,
	validateAnswer,
	validateSubmission,
	type Answers
} from '$lib/domain/survey';
import { everyTypeDefinition, questionById } from './fixtures';

const definition = everyTypeDefinition();

const complete: Answers = {
	sat: { type: 'choice', value: 'fairly-satisfied' },
	colour: { type: 'choice', value: 'other', writeIn: 'Sage green' },
	nps: { type: 'number', value: 9 },
	yn: { type: 'choice', value: 'yes' },
	name: { type: 'text', value: 'Sam' },
	calls: { type: 'number', value: 2 },
	when: { type: 'date', value: '2024-04-01' },
	matters: { type: 'choices', values: ['cost', 'other'], writeIns: { other: 'Noise' } },
	grid: { type: 'grid', rows: { stairs: 'very-satisfied', lifts: 'not-applicable' } }
};

describe('validateSubmission', () => {
	test('a complete set of answers passes unchanged', () => {
		const result = validateSubmission(definition, complete);
		expect(result.ok).toBe(true);
		expect(result.errors).toEqual([]);
		expect(result.answers).toEqual(complete);
		expect(result.discarded).toEqual([]);
	});

	test('answers to hidden questions are discarded, and their questions not required', () => {
		const changedMind: Answers = {
			...complete,
			yn: { type: 'choice', value: 'no' },
			why: { type: 'text', value: 'Kept from when I was dissatisfied' }
		};
		const result = validateSubmission(definition, changedMind);
		expect(result.ok).toBe(true);
		expect(result.discarded).toEqual(['why', 'name', 'calls', 'when']);
		expect(Object.keys(result.answers)).toEqual(['sat', 'colour', 'nps', 'yn', 'matters', 'grid']);
	});

	test('a question becomes required when an answer shows it, and the error names its page', () => {
		const result = validateSubmission(definition, {
			...complete,
			sat: { type: 'choice', value: 'very-dissatisfied' }
		});
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			{ pageId: 'p1', questionId: 'why', field: 'q_why', message: 'Enter your answer' }
		]);
	});

	test('missing required answers are listed in survey order', () => {
		const result = validateSubmission(definition, { yn: { type: 'choice', value: 'yes' } });
		expect(result.errors.map((e) => [e.pageId, e.field])).toEqual([
			['p1', 'q_sat'],
			['p1', 'q_colour'],
			['p2', 'q_nps'],
			['p3', 'q_name'],
			['p4', 'q_grid.stairs']
		]);
	});

	test('stored answers are checked against their questions again', () => {
		const tampered: Answers = {
			...complete,
			nps: { type: 'number', value: 11 },
			calls: { type: 'number', value: 2.5 },
			colour: { type: 'text', value: 'red' },
			matters: { type: 'choices', values: ['cost', 'speed', 'quality'] },
			grid: { type: 'grid', rows: { stairs: 'very-satisfied', lifts: 'agree' } }
		};
		const result = validateSubmission(definition, tampered);
		expect(result.errors.map((e) => [e.questionId, e.message])).toEqual([
			['colour', 'Select an answer'],
			['nps', 'Select a score from 0 to 10'],
			['calls', 'Enter a whole number'],
			['matters', 'Select no more than 2 answers'],
			['grid', 'Select an answer for ‘The lifts’']
		]);
		expect(result.answers['nps']).toBeUndefined();
	});

	test('an invalid answer counts as no answer for the questions after it', () => {
		const result = validateSubmission(definition, {
			...complete,
			yn: { type: 'choice', value: 'perhaps' }
		});
		expect(result.errors.map((e) => e.questionId)).toEqual(['yn']);
		expect(result.discarded).toEqual(['name', 'calls', 'when']);
	});

	test('a grid with a row that does not exist is invalid', () => {
		const result = validateSubmission(definition, {
			...complete,
			grid: { type: 'grid', rows: { stairs: 'very-satisfied', lifts: 'agree', roof: 'agree' } }
		});
		expect(result.errors.map((e) => e.questionId)).toEqual(['grid']);
	});

	test('ids that are not questions of this survey are reported', () => {
		const result = validateSubmission(definition, {
			...complete,
			'tp01-elsewhere': { type: 'choice', value: 'very-satisfied' }
		});
		expect(result.unknownQuestionIds).toEqual(['tp01-elsewhere']);
		expect(result.answers['tp01-elsewhere']).toBeUndefined();
	});

	test('a refusal is kept only when staff entered it on a question that allows it', () => {
		const survey = everyTypeDefinition();
		const sat = survey.pages[0]!.questions[0]!;
		sat.staffCanRecordRefusal = true;
		const refused: Answers = { ...complete, sat: { type: 'refused' } };
		expect(validateSubmission(survey, refused, { enteredByStaff: true }).ok).toBe(true);
		expect(validateSubmission(survey, refused).errors.map((e) => e.questionId)).toEqual(['sat']);
		expect(validateSubmission(definition, refused, { enteredByStaff: true }).ok).toBe(false);
	});

	test('malformed stored JSON is an error, not a crash', () => {
		const junk = { ...complete, nps: { type: 'number', value: '9' } } as unknown as Answers;
		expect(validateSubmission(definition, junk).errors.map((e) => e.questionId)).toEqual(['nps']);
		expect(validateAnswer(questionById(definition, 'nps'), null).ok).toBe(false);
	});
});

describe('answers are JSON and round-trip through the form', () => {
	test('JSON round trip is lossless and passes the stored-answer schema', () => {
		const json = JSON.parse(JSON.stringify(complete)) as unknown;
		expect(answersSchema.parse(json)).toEqual(complete);
	});

	test('answerToFormValues gives back what the page would post', () => {
		for (const page of definition.pages) {
			const raw: Record<string, string[]> = {};
			for (const question of page.questions) {
				Object.assign(raw, answerToFormValues(question, complete[question.id]));
			}
			const result = parsePageAnswers(definition, page.id, raw, { answers: complete });
			expect(result.unexpected, page.id).toEqual([]);
			const expected = Object.fromEntries(
				page.questions.filter((q) => complete[q.id]).map((q) => [q.id, complete[q.id]])
			);
			expect(result.answers, page.id).toEqual(expected);
		}
	});

	test('dates refill as a person would type them', () => {
		expect(answerToFormValues(questionById(definition, 'when'), complete['when'])).toEqual({
			'q_when.day': ['1'],
			'q_when.month': ['4'],
			'q_when.year': ['2024']
		});
	});
});

describe('display', () => {
	const show = (id: string, answer = complete[id]) =>
		formatAnswer(questionById(definition, id), answer);

	test('answers read as words', () => {
		expect(show('sat')).toBe('Fairly satisfied');
		expect(show('colour')).toBe('Another colour: Sage green');
		expect(show('nps')).toBe('9 out of 10');
		expect(show('ces', { type: 'number', value: 6 })).toBe('6 – Agree');
		expect(show('yn')).toBe('Yes');
		expect(show('when')).toBe('1 April 2024');
		expect(show('weight', { type: 'number', value: 1234.5 })).toBe('1,234.5');
		expect(show('matters')).toBe('Cost; Something else: Noise');
		expect(formatAnswerLines(questionById(definition, 'grid'), complete['grid'])).toEqual([
			'The stairs: Very satisfied',
			"The lifts: Not applicable/ don't know"
		]);
		expect(show('agree', undefined)).toBe('Not answered');
		expect(show('sat', { type: 'refused' })).toBe("Don't know / refused");
	});
});

describe('check your answers', () => {
	test('lists shown questions only, blanks as "Not answered", with the field to change', () => {
		const rows = summariseAnswers(definition, {
			...complete,
			yn: { type: 'choice', value: 'no' },
			why: { type: 'text', value: 'hidden, so not listed' }
		});
		expect(rows.map((r) => r.question.id)).toEqual([
			'sat',
			'agree',
			'colour',
			'nps',
			'ces',
			'rate',
			'yn',
			'matters',
			'grid',
			'weight'
		]);
		expect(rows.find((r) => r.question.id === 'agree')).toMatchObject({
			pageId: 'p1',
			lines: ['Not answered'],
			field: 'q_agree'
		});
		expect(rows.find((r) => r.question.id === 'grid')?.field).toBe('q_grid.stairs');
	});
});
