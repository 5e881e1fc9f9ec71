import { describe, expect, test } from 'vitest';
import {
	dependantsOf,
	parseDefinition,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';
import { everyTypeDefinition } from './fixtures';

function issues(definition: unknown): { path: string; message: string }[] {
	const check = parseDefinition(definition);
	return check.ok ? [] : check.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function onePage(...questions: Question[]): SurveyDefinition {
	return { pages: [{ id: 'p1', questions }] };
}

const yesNo = (id: string, extra: Partial<Question> = {}): Question =>
	({
		id,
		code: id.toUpperCase(),
		type: 'yes-no',
		text: `${id}?`,
		required: false,
		...extra
	}) as Question;

describe('a valid definition', () => {
	test('passes, with every question type', () => {
		expect(issues(everyTypeDefinition())).toEqual([]);
	});

	test('trims text and drops empty hints', () => {
		const check = parseDefinition(onePage(yesNo('a', { text: '  Is it?  ', hint: '  ' })));
		expect(check.ok && check.definition.pages[0]!.questions[0]).toMatchObject({ text: 'Is it?' });
		expect(check.ok && check.definition.pages[0]!.questions[0]!.hint).toBeUndefined();
	});
});

describe('conditions', () => {
	test('a condition pointing forward is rejected', () => {
		const definition = onePage(
			yesNo('a', { condition: { type: 'equals', questionId: 'b', value: 'yes' } }),
			yesNo('b')
		);
		expect(issues(definition)).toEqual([
			{
				path: 'pages.0.questions.0.condition.questionId',
				message:
					'Question A depends on question B, which comes after it. A question can only depend on questions before it.'
			}
		]);
	});

	test('a condition pointing to a later page is rejected, even nested', () => {
		const definition: SurveyDefinition = {
			pages: [
				{
					id: 'p1',
					questions: [
						yesNo('a'),
						yesNo('b', {
							condition: {
								type: 'any',
								conditions: [
									{ type: 'answered', questionId: 'a' },
									{ type: 'equals', questionId: 'c', value: 'yes' }
								]
							}
						})
					]
				},
				{ id: 'p2', questions: [yesNo('c')] }
			]
		};
		expect(issues(definition).map((i) => i.path)).toEqual([
			'pages.0.questions.1.condition.conditions.1.questionId'
		]);
	});

	test('a page may depend only on earlier pages, not on its own questions', () => {
		const definition: SurveyDefinition = {
			pages: [
				{ id: 'p1', questions: [yesNo('a')] },
				{
					id: 'p2',
					condition: { type: 'equals', questionId: 'b', value: 'yes' },
					questions: [yesNo('b')]
				},
				{
					id: 'p3',
					condition: { type: 'equals', questionId: 'a', value: 'yes' },
					questions: [yesNo('c')]
				}
			]
		};
		expect(issues(definition)).toEqual([
			{
				path: 'pages.1.condition.questionId',
				message:
					'Page 2 depends on question B, which is not on an earlier page. A page can only depend on questions on earlier pages.'
			}
		]);
	});

	test('self references, missing questions and impossible answers are rejected', () => {
		const definition = onePage(
			yesNo('a', { condition: { type: 'answered', questionId: 'a' } }),
			yesNo('b', { condition: { type: 'equals', questionId: 'gone', value: 'yes' } }),
			yesNo('c', { condition: { type: 'equals', questionId: 'a', value: 'maybe' } }),
			{
				id: 'n',
				code: 'N',
				type: 'nps',
				text: 'N?',
				required: false,
				condition: { type: 'one-of', questionId: 'a', values: ['yes', 3] }
			},
			yesNo('d', { condition: { type: 'equals', questionId: 'n', value: 11 } }),
			yesNo('e', { condition: { type: 'range', questionId: 'n' } }),
			yesNo('f', { condition: { type: 'range', questionId: 'a', min: 1 } }),
			yesNo('g', { condition: { type: 'range', questionId: 'n', min: 9, max: 6 } })
		);
		expect(issues(definition).map((i) => i.message)).toEqual([
			'Question A cannot depend on its own answer',
			'Question B depends on a question that is not in this survey',
			'Question C depends on the answer ‘maybe’, which question A does not offer',
			'Question N depends on the answer ‘3’, which question A does not offer',
			'Question D depends on the answer ‘11’, which question N cannot be given',
			'Question E: enter the lowest number, the highest number, or both',
			'Question F: a number range can only be used with a question answered with a number',
			'Question G: the highest number must be the same as or more than the lowest'
		]);
	});

	test('a text answer can only be tested for being answered', () => {
		const text: Question = {
			id: 't',
			code: 'T',
			type: 'short-text',
			text: 'Name?',
			required: false,
			maxLength: 20
		};
		expect(
			issues(
				onePage(text, yesNo('a', { condition: { type: 'equals', questionId: 't', value: 'x' } }))
			)
		).toEqual([
			{
				path: 'pages.0.questions.1.condition.questionId',
				message: 'Question A can only depend on whether question T was answered, not on its answer'
			}
		]);
		expect(
			issues(onePage(text, yesNo('a', { condition: { type: 'answered', questionId: 't' } })))
		).toEqual([]);
	});

	test('an empty all / any is rejected', () => {
		expect(
			issues(onePage(yesNo('a', { condition: { type: 'all', conditions: [] } }))).map(
				(i) => i.message
			)
		).toEqual(['Add at least one rule']);
	});

	test('dependantsOf lists what would break if a question were deleted', () => {
		expect(dependantsOf(everyTypeDefinition(), 'yn')).toEqual({ pageIds: ['p3'], questionIds: [] });
		expect(dependantsOf(everyTypeDefinition(), 'sat')).toEqual({
			pageIds: [],
			questionIds: ['why']
		});
	});
});

describe('ids, codes and options', () => {
	test('ids and codes must be unique; codes regardless of case', () => {
		const definition = onePage(yesNo('a'), yesNo('a', { code: 'B' }), yesNo('c', { code: 'b' }));
		expect(issues(definition).map((i) => `${i.path}: ${i.message}`)).toEqual([
			'pages.0.questions.1.id: Question ID ‘a’ is used more than once',
			'pages.0.questions.2.code: The question code b is used more than once. Give each question its own code.'
		]);
	});

	test('codes are letters, digits and underscores starting with a letter', () => {
		for (const code of ['1A', 'TP-01', 'TP 01', '', 'X'.repeat(33)]) {
			expect(
				issues(onePage(yesNo('a', { code }))).map((i) => i.path),
				code
			).toEqual(['pages.0.questions.0.code']);
		}
		expect(issues(onePage(yesNo('a', { code: 'tp_01' })))).toEqual([]);
	});

	test('ids cannot contain dots, which the field names rely on', () => {
		expect(issues(onePage(yesNo('a.b', { code: 'AB' }))).map((i) => i.path)).toEqual([
			'pages.0.questions.0.id'
		]);
	});

	test('options: at least two, unique values and labels, valid codes', () => {
		const choice = (options: { value: string; label: string }[]): Question => ({
			id: 'c',
			code: 'C',
			type: 'single-choice',
			text: 'Pick',
			required: false,
			options
		});
		expect(issues(onePage(choice([{ value: 'a', label: 'A' }]))).map((i) => i.message)).toEqual([
			'Add at least 2 options'
		]);
		expect(
			issues(
				onePage(
					choice([
						{ value: 'a', label: 'Same' },
						{ value: 'a', label: 'same ' },
						{ value: '_refused', label: 'Sneaky' }
					])
				)
			).map((i) => i.path)
		).toEqual([
			'pages.0.questions.0.options.2.value',
			'pages.0.questions.0.options.1.value',
			'pages.0.questions.0.options.1.label'
		]);
	});

	test('grids need rows and a scale of at least two answers', () => {
		const grid: Question = {
			id: 'g',
			code: 'G',
			type: 'grid',
			text: 'Rate',
			required: false,
			rows: [],
			scale: { type: 'options', options: [{ value: 'ok', label: 'OK', writeIn: true }] }
		};
		expect(issues(onePage(grid)).map((i) => i.message)).toEqual([
			'Add at least 1 row',
			'Add at least 2 answers',
			'Question G: grid answers cannot have a ‘please specify’ box or rule out other answers'
		]);
	});
});

describe('ranges', () => {
	const number = (extra: Partial<Question>): Question =>
		({
			id: 'n',
			code: 'N',
			type: 'number',
			text: 'How many?',
			required: false,
			integer: true,
			...extra
		}) as Question;

	test('number bounds must be in order, and whole for whole-number questions', () => {
		expect(issues(onePage(number({ min: 10, max: 1 }))).map((i) => i.message)).toEqual([
			'The highest number must be the same as or more than the lowest'
		]);
		expect(issues(onePage(number({ min: 0.5 }))).map((i) => i.message)).toEqual([
			'Answers are whole numbers, so use a whole number here'
		]);
		expect(issues(onePage(number({ min: 5, max: 5 })))).toEqual([]);
	});

	test('dates must be real and in order', () => {
		const date = (min: string, max: string): Question => ({
			id: 'd',
			code: 'D',
			type: 'date',
			text: 'When?',
			required: false,
			min,
			max
		});
		expect(issues(onePage(date('2024-02-30', '2024-03-01'))).map((i) => i.message)).toEqual([
			'Enter a real date'
		]);
		expect(issues(onePage(date('2024-03-02', '2024-03-01'))).map((i) => i.message)).toEqual([
			'The latest date must be the same as or after the earliest date'
		]);
	});

	test('text limits', () => {
		const text = (type: 'short-text' | 'long-text', maxLength: number): Question => ({
			id: 't',
			code: 'T',
			type,
			text: 'Say',
			required: false,
			maxLength
		});
		expect(issues(onePage(text('short-text', 501))).map((i) => i.path)).toEqual([
			'pages.0.questions.0.maxLength'
		]);
		expect(issues(onePage(text('long-text', 10_000)))).toEqual([]);
		expect(issues(onePage(text('long-text', 0))).length).toBe(1);
	});

	test('the most checkboxes allowed is between 1 and the number of options', () => {
		const multi: Question = {
			id: 'm',
			code: 'M',
			type: 'multiple-choice',
			text: 'Pick',
			required: false,
			maxSelections: 3,
			options: [
				{ value: 'a', label: 'A' },
				{ value: 'b', label: 'B' }
			]
		};
		expect(issues(onePage(multi)).map((i) => i.message)).toEqual([
			'The most answers a person can choose must be between 1 and 2'
		]);
	});
});

describe('structure and flags', () => {
	test('a survey needs a page, and pages need questions', () => {
		expect(issues({ pages: [] }).map((i) => i.message)).toEqual(['Add at least one page']);
		expect(issues({ pages: [{ id: 'p', questions: [] }] }).map((i) => i.message)).toEqual([
			'Page 1 has no questions. Add a question or remove the page.'
		]);
	});

	test('staff refusal only on questions answered by picking one option', () => {
		const text: Question = {
			id: 't',
			code: 'T',
			type: 'long-text',
			text: 'Say',
			required: false,
			maxLength: 10,
			staffCanRecordRefusal: true
		};
		expect(issues(onePage(text)).map((i) => i.path)).toEqual([
			'pages.0.questions.0.staffCanRecordRefusal'
		]);
		expect(issues(onePage(yesNo('a', { staffCanRecordRefusal: true })))).toEqual([]);
	});

	test('EQ_ codes belong to equality questions, which are optional and never depended on', () => {
		expect(issues(onePage(yesNo('a', { code: 'EQ_MINE' }))).map((i) => i.message)).toEqual([
			'Codes starting EQ_ are kept for equality monitoring questions'
		]);
		const equality = yesNo('eq', { code: 'EQ_X', equalityMonitoring: true, specialCategory: true });
		expect(issues(onePage(equality))).toEqual([]);
		expect(issues(onePage({ ...equality, required: true })).map((i) => i.message)).toEqual([
			'Question EQ_X: equality monitoring questions must be optional'
		]);
		expect(
			issues(
				onePage(equality, yesNo('b', { condition: { type: 'answered', questionId: 'eq' } }))
			).map((i) => i.message)
		).toEqual([
			'Question B cannot depend on an equality monitoring question: those answers are kept apart from the survey'
		]);
		expect(issues(onePage(yesNo('c', { specialCategory: true }))).length).toBe(1);
	});

	test('something that is not a definition at all gets messages, not an exception', () => {
		expect(issues(null).length).toBeGreaterThan(0);
		expect(
			issues({ pages: [{ id: 'p', questions: [{ type: 'telepathy' }] }] }).length
		).toBeGreaterThan(0);
	});
});
