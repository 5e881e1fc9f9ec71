import { describe, expect, test } from 'vitest';
import {
	evaluateCondition,
	keptAnswers,
	liveConditions,
	parsePageAnswers,
	questionsShownNow,
	nextPage,
	previousPage,
	questionsForPage,
	visiblePages,
	visibleQuestions,
	type Answers,
	type Condition,
	type SurveyDefinition
} from '$lib/domain/survey';
import { everyTypeDefinition } from './fixtures';

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** a (yes/no) → b shown on yes (page 2) → c shown when b answered (page 3) */
function chain(): SurveyDefinition {
	return {
		pages: [
			{
				id: 'one',
				questions: [{ id: 'a', code: 'A', type: 'yes-no', text: 'A?', required: true }]
			},
			{
				id: 'two',
				questions: [
					{
						id: 'b',
						code: 'B',
						type: 'nps',
						text: 'B?',
						required: true,
						condition: { type: 'equals', questionId: 'a', value: 'yes' }
					}
				]
			},
			{
				id: 'three',
				questions: [
					{
						id: 'c',
						code: 'C',
						type: 'short-text',
						text: 'C?',
						required: true,
						maxLength: 50,
						condition: { type: 'answered', questionId: 'b' }
					},
					{ id: 'd', code: 'D', type: 'yes-no', text: 'D?', required: false }
				]
			}
		]
	};
}

describe('condition rules', () => {
	const answers: Answers = {
		choice: { type: 'choice', value: 'red' },
		many: { type: 'choices', values: ['cost', 'speed'] },
		score: { type: 'number', value: 7 },
		refused: { type: 'refused' }
	};

	test('equals matches a chosen option, one of several checkboxes, or a number', () => {
		expect(evaluateCondition({ type: 'equals', questionId: 'choice', value: 'red' }, answers)).toBe(
			true
		);
		expect(
			evaluateCondition({ type: 'equals', questionId: 'choice', value: 'blue' }, answers)
		).toBe(false);
		expect(evaluateCondition({ type: 'equals', questionId: 'many', value: 'speed' }, answers)).toBe(
			true
		);
		expect(evaluateCondition({ type: 'equals', questionId: 'score', value: 7 }, answers)).toBe(
			true
		);
		expect(evaluateCondition({ type: 'equals', questionId: 'score', value: '7' }, answers)).toBe(
			false
		);
	});

	test('one of, answered and the inclusive number range', () => {
		const oneOf: Condition = { type: 'one-of', questionId: 'choice', values: ['blue', 'red'] };
		expect(evaluateCondition(oneOf, answers)).toBe(true);
		expect(evaluateCondition({ type: 'answered', questionId: 'choice' }, answers)).toBe(true);
		expect(evaluateCondition({ type: 'answered', questionId: 'nothing' }, answers)).toBe(false);
		expect(evaluateCondition({ type: 'range', questionId: 'score', min: 7, max: 8 }, answers)).toBe(
			true
		);
		expect(evaluateCondition({ type: 'range', questionId: 'score', max: 7 }, answers)).toBe(true);
		expect(evaluateCondition({ type: 'range', questionId: 'score', min: 8 }, answers)).toBe(false);
		expect(evaluateCondition({ type: 'range', questionId: 'choice', min: 0 }, answers)).toBe(false);
	});

	test('a staff-recorded refusal does not count as answered', () => {
		expect(evaluateCondition({ type: 'answered', questionId: 'refused' }, answers)).toBe(false);
	});

	test('all and any combine rules, and nest', () => {
		const red = { type: 'equals', questionId: 'choice', value: 'red' } as const;
		const blue = { type: 'equals', questionId: 'choice', value: 'blue' } as const;
		expect(evaluateCondition({ type: 'all', conditions: [red, blue] }, answers)).toBe(false);
		expect(evaluateCondition({ type: 'any', conditions: [red, blue] }, answers)).toBe(true);
		expect(
			evaluateCondition(
				{ type: 'all', conditions: [red, { type: 'any', conditions: [blue, red] }] },
				answers
			)
		).toBe(true);
	});
});

describe('visibility', () => {
	test('a question whose source is hidden is itself hidden, even with a stale answer', () => {
		const stale: Answers = {
			a: { type: 'choice', value: 'no' },
			b: { type: 'number', value: 9 },
			c: { type: 'text', value: 'left over from before the change' }
		};
		expect(ids(visibleQuestions(chain(), stale))).toEqual(['a', 'd']);
		expect(ids(visiblePages(chain(), stale))).toEqual(['one', 'three']);
		expect(keptAnswers(chain(), stale)).toEqual({ a: { type: 'choice', value: 'no' } });
	});

	test('the chain opens up answer by answer', () => {
		expect(ids(visibleQuestions(chain(), {}))).toEqual(['a', 'd']);
		const yes: Answers = { a: { type: 'choice', value: 'yes' } };
		expect(ids(visibleQuestions(chain(), yes))).toEqual(['a', 'b', 'd']);
		expect(ids(visibleQuestions(chain(), { ...yes, b: { type: 'number', value: 0 } }))).toEqual([
			'a',
			'b',
			'c',
			'd'
		]);
	});

	test('a page whose questions are all hidden is skipped', () => {
		const definition = everyTypeDefinition();
		const pages = (answers: Answers) => ids(visiblePages(definition, answers));
		expect(pages({})).toEqual(['p1', 'p2', 'p4']);
		expect(pages({ yn: { type: 'choice', value: 'yes' } })).toEqual(['p1', 'p2', 'p3', 'p4']);
		const onlyConditional: SurveyDefinition = {
			pages: [
				chain().pages[0]!,
				{ id: 'empty', questions: chain().pages[1]!.questions },
				chain().pages[2]!
			]
		};
		expect(ids(visiblePages(onlyConditional, { a: { type: 'choice', value: 'no' } }))).toEqual([
			'one',
			'three'
		]);
	});

	test('a condition pointing forward (in an unvalidated definition) sees no answer', () => {
		const definition: SurveyDefinition = {
			pages: [
				{
					id: 'p',
					questions: [
						{
							id: 'first',
							code: 'FIRST',
							type: 'yes-no',
							text: '?',
							required: false,
							condition: { type: 'equals', questionId: 'second', value: 'yes' }
						},
						{ id: 'second', code: 'SECOND', type: 'yes-no', text: '?', required: false }
					]
				}
			]
		};
		expect(ids(visibleQuestions(definition, { second: { type: 'choice', value: 'yes' } }))).toEqual(
			['second']
		);
	});
});

describe('questionsForPage', () => {
	test('marks questions that depend on an answer on the same page, leaves out those already hidden', () => {
		const definition = everyTypeDefinition();
		const page = questionsForPage(definition, 'p1', {});
		expect(page.map((q) => [q.question.id, q.conditional])).toEqual([
			['sat', false],
			['why', true],
			['agree', false],
			['colour', false]
		]);
		expect(questionsForPage(definition, 'p3', {})).toEqual([]);
		expect(
			questionsForPage(definition, 'p3', { yn: { type: 'choice', value: 'yes' } }).map(
				(q) => q.question.id
			)
		).toEqual(['name', 'calls', 'when']);
	});

	test('a same-page dependant of a question that earlier pages hide is left out', () => {
		const definition: SurveyDefinition = {
			pages: [
				{
					id: 'p1',
					questions: [{ id: 'a', code: 'A', type: 'yes-no', text: '?', required: false }]
				},
				{
					id: 'p2',
					questions: [
						{ id: 'shown', code: 'SHOWN', type: 'yes-no', text: '?', required: false },
						{
							id: 'b',
							code: 'B',
							type: 'yes-no',
							text: '?',
							required: false,
							condition: { type: 'equals', questionId: 'a', value: 'yes' }
						},
						{
							id: 'c',
							code: 'C',
							type: 'yes-no',
							text: '?',
							required: false,
							condition: { type: 'equals', questionId: 'b', value: 'yes' }
						}
					]
				}
			]
		};
		const no = { a: { type: 'choice', value: 'no' } } as const;
		expect(questionsForPage(definition, 'p2', no).map((q) => q.question.id)).toEqual(['shown']);
		const yes = { a: { type: 'choice', value: 'yes' } } as const;
		expect(
			questionsForPage(definition, 'p2', yes).map((q) => [q.question.id, q.conditional])
		).toEqual([
			['shown', false],
			['b', false],
			['c', true]
		]);
	});
});

describe('page navigation', () => {
	const definition = everyTypeDefinition();

	test('next and previous skip pages that are not shown', () => {
		const no: Answers = { yn: { type: 'choice', value: 'no' } };
		expect(nextPage(definition, 'p2', no)?.id).toBe('p4');
		expect(previousPage(definition, 'p4', no)?.id).toBe('p2');
		expect(nextPage(definition, 'p2', yes)?.id).toBe('p3');
		expect(previousPage(definition, 'p4', yes)?.id).toBe('p3');
		expect(nextPage(definition, 'p4', yes)).toBeUndefined();
		expect(previousPage(definition, 'p1', yes)).toBeUndefined();
	});
});

const yes: Answers = { yn: { type: 'choice', value: 'yes' } };

describe('showing and hiding questions while a page is answered', () => {
	/** Page 1: a. Page 2: shown; b if a = yes; c if b = yes; d if a = no. */
	const definition: SurveyDefinition = {
		pages: [
			{
				id: 'p1',
				questions: [
					{ id: 'a', code: 'A', type: 'yes-no', text: '?', required: false },
					{ id: 'private', code: 'P', type: 'short-text', text: '?', required: false, maxLength: 9 }
				]
			},
			{
				id: 'p2',
				questions: [
					{ id: 'shown', code: 'SHOWN', type: 'nps', text: '?', required: false },
					{
						id: 'b',
						code: 'B',
						type: 'yes-no',
						text: '?',
						required: false,
						condition: {
							type: 'all',
							conditions: [
								{ type: 'equals', questionId: 'a', value: 'yes' },
								{ type: 'range', questionId: 'shown', min: 0, max: 6 }
							]
						}
					},
					{
						id: 'c',
						code: 'C',
						type: 'short-text',
						text: '?',
						required: false,
						maxLength: 20,
						condition: { type: 'equals', questionId: 'b', value: 'yes' }
					}
				]
			}
		]
	};
	const earlier: Answers = {
		a: { type: 'choice', value: 'yes' },
		private: { type: 'text', value: 'secret' }
	};

	test('the browser is given the page’s questions and only the earlier answers its conditions read', () => {
		const page = questionsForPage(definition, 'p2', earlier);
		expect(liveConditions(definition, 'p2', earlier, page)).toEqual({
			questions: definition.pages[1]!.questions,
			earlier: { a: { type: 'choice', value: 'yes' } }
		});
		expect(liveConditions(definition, 'p1', {}, questionsForPage(definition, 'p1', {}))).toBeNull();
	});

	test('a question shows once what it depends on is answered, and only with a complete, valid answer', () => {
		const page = definition.pages[1]!.questions;
		const shown = (values: Record<string, string[]>) => [
			...questionsShownNow(page, values, { a: earlier.a! })
		];
		expect(shown({})).toEqual(['shown']);
		expect(shown({ q_shown: ['3'] })).toEqual(['shown', 'b']);
		expect(shown({ q_shown: ['9'] })).toEqual(['shown']);
		expect(shown({ q_shown: ['3'], q_b: ['yes'] })).toEqual(['shown', 'b', 'c']);
		expect(shown({ q_shown: ['3'], q_b: ['maybe'] })).toEqual(['shown', 'b']);
		// b hidden again: its answer no longer counts, so c goes too.
		expect(shown({ q_shown: ['9'], q_b: ['yes'] })).toEqual(['shown']);
		expect([...questionsShownNow(page, { q_shown: ['3'], q_b: ['yes'] }, {})]).toEqual(['shown']);
	});

	test('for every combination, valid or not, the browser shows exactly what the server decides from the post', () => {
		const page = definition.pages[1]!.questions;
		for (const score of [undefined, '3', '9', '12', 'x'])
			for (const b of [undefined, 'yes', 'no', 'maybe'])
				for (const c of [undefined, 'fix it']) {
					const values: Record<string, string[]> = {};
					if (score) values.q_shown = [score];
					if (b) values.q_b = [b];
					if (c) values.q_c = [c];
					const server = parsePageAnswers(definition, 'p2', values, { answers: earlier });
					expect([...questionsShownNow(page, values, { a: earlier.a! })]).toEqual(
						server.visibleQuestionIds
					);
				}
	});
});
