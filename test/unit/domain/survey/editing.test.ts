import { describe, expect, test } from 'vitest';
import {
	addPage,
	addQuestion,
	buildCondition,
	describeCondition,
	EditError,
	formatOptionLines,
	moveQuestion,
	movePage,
	nextQuestionCode,
	operatorsFor,
	parseDefinition,
	parseOptionLines,
	removePage,
	removeQuestion,
	setCondition,
	conditionSourcesFor,
	updateQuestion,
	withEqualityMonitoring,
	withOther,
	EQUALITY_PAGE_ID,
	ID_PATTERN,
	type SurveyDefinition
} from '$lib/domain/survey';
import { everyTypeDefinition } from './fixtures';

const blank = (): SurveyDefinition => ({
	pages: [
		{
			id: 'p1',
			questions: [
				{ id: 'q1', code: 'Q1', type: 'yes-no', text: 'Did we call back?', required: true }
			]
		}
	]
});

const ids = (d: SurveyDefinition) => d.pages.map((p) => p.questions.map((q) => q.id));

describe('adding', () => {
	test('a new question gets a fresh id and the code after the highest, and the result is valid', () => {
		const start = blank();
		start.pages[0]!.questions.push({
			id: 'q3',
			code: 'Q3',
			type: 'short-text',
			text: 'Name',
			required: false,
			maxLength: 50
		});
		const { definition, questionId } = addQuestion(start, 'p1', {
			type: 'single-choice',
			text: 'Which repair?'
		});
		expect(questionId).toMatch(ID_PATTERN);
		expect(['q1', 'q3']).not.toContain(questionId);
		const added = definition.pages[0]!.questions.at(-1)!;
		expect(added).toMatchObject({
			id: questionId,
			code: 'Q4',
			type: 'single-choice',
			required: false
		});
		expect(parseDefinition(definition).ok).toBe(true);
		expect(start.pages[0]!.questions).toHaveLength(2);
	});

	test('codes are unique whatever their case', () => {
		const start = blank();
		start.pages[0]!.questions[0]!.code = 'q1';
		expect(nextQuestionCode(start)).toBe('Q2');
	});

	test('a deleted question’s id is never given to a new one', () => {
		const { definition, questionId } = addQuestion(blank(), 'p1', { type: 'nps', text: 'x' });
		const removed = removeQuestion(definition, questionId);
		const seen = new Set<string>();
		for (let i = 0; i < 50; i++)
			seen.add(addQuestion(removed, 'p1', { type: 'nps', text: 'y' }).questionId);
		expect(seen.has(questionId)).toBe(false);
		expect(seen.size).toBe(50);
	});

	test('every question type starts out valid', () => {
		for (const type of [
			'single-choice',
			'multiple-choice',
			'satisfaction',
			'agreement',
			'nps',
			'effort',
			'rating',
			'yes-no',
			'short-text',
			'long-text',
			'number',
			'date',
			'grid'
		] as const) {
			const { definition } = addQuestion(blank(), 'p1', { type, text: `A ${type} question` });
			expect(parseDefinition(definition), type).toMatchObject({ ok: true });
		}
	});

	test('a new page comes with its first question and goes before the equality page', () => {
		const start = withEqualityMonitoring(blank());
		const { definition, pageId, questionId } = addPage(start, {
			title: 'Your home',
			question: { type: 'nps', text: 'How likely…?' }
		});
		expect(definition.pages.map((p) => p.id)).toEqual(['p1', pageId, EQUALITY_PAGE_ID]);
		expect(definition.pages[1]!.questions.map((q) => q.id)).toEqual([questionId]);
		expect(parseDefinition(definition).ok).toBe(true);
	});

	test('questions cannot be added to the equality page', () => {
		expect(() =>
			addQuestion(withEqualityMonitoring(blank()), EQUALITY_PAGE_ID, { type: 'nps', text: 'x' })
		).toThrow(EditError);
	});
});

describe('updating a question', () => {
	test('changes only the keys its type has; empty values remove optional settings', () => {
		const start = everyTypeDefinition();
		const next = updateQuestion(start, 'sat', {
			text: 'How satisfied are you?',
			hint: undefined,
			notApplicable: true,
			maxLength: 5,
			options: [{ value: 'x', label: 'X' }]
		});
		const sat = next.pages[0]!.questions[0]!;
		expect(sat).toEqual({
			id: 'sat',
			code: 'SAT',
			type: 'satisfaction',
			text: 'How satisfied are you?',
			required: true,
			notApplicable: true
		});
		expect(start.pages[0]!.questions[0]!.text).not.toBe('How satisfied are you?');
	});

	test('a number range and whole-numbers-only', () => {
		const { definition, questionId } = addQuestion(blank(), 'p1', {
			type: 'number',
			text: 'Rooms'
		});
		const next = updateQuestion(definition, questionId, { min: 1, max: 9, integer: false });
		expect(next.pages[0]!.questions[1]).toMatchObject({ min: 1, max: 9, integer: false });
		const cleared = updateQuestion(next, questionId, { min: undefined });
		expect(cleared.pages[0]!.questions[1]).not.toHaveProperty('min');
	});

	test('an error message on any question; a date range; the refusal flag only where one option is picked', () => {
		const withMessage = updateQuestion(blank(), 'q1', {
			errorMessage: 'Select yes if we called you back',
			staffCanRecordRefusal: true
		});
		expect(withMessage.pages[0]!.questions[0]).toMatchObject({
			errorMessage: 'Select yes if we called you back',
			staffCanRecordRefusal: true
		});
		expect(parseDefinition(withMessage).ok).toBe(true);
		const cleared = updateQuestion(withMessage, 'q1', { errorMessage: undefined });
		expect(cleared.pages[0]!.questions[0]).not.toHaveProperty('errorMessage');

		const { definition, questionId } = addQuestion(blank(), 'p1', { type: 'date', text: 'When?' });
		const dated = updateQuestion(definition, questionId, {
			min: '2026-01-01',
			max: '2026-06-30',
			staffCanRecordRefusal: true
		});
		expect(dated.pages[0]!.questions[1]).toMatchObject({ min: '2026-01-01', max: '2026-06-30' });
		// A date is typed, not picked: staff cannot record a refusal on it.
		expect(dated.pages[0]!.questions[1]).not.toHaveProperty('staffCanRecordRefusal');
		expect(parseDefinition(dated).ok).toBe(true);
	});

	test('equality questions are edited only as a block', () => {
		expect(() =>
			updateQuestion(withEqualityMonitoring(blank()), 'eq-age', { text: 'How old?' })
		).toThrow(/fixed set/);
	});
});

describe('options typed one per line', () => {
	test('"value | label" keeps the value; a bare label gets one made from it, unique', () => {
		expect(
			parseOptionLines('gas | Gas boiler\nElectric heating\n\n  Électric heating  \nx|y')
		).toEqual([
			{ value: 'gas', label: 'Gas boiler' },
			{ value: 'electric-heating', label: 'Electric heating' },
			{ value: 'electric-heating-2', label: 'Électric heating' },
			{ value: 'x', label: 'y' }
		]);
	});

	test('a bar in a label that is not a value stays part of the label', () => {
		expect(parseOptionLines('Rent or service charge | both')).toEqual([
			{ value: 'rent-or-service-charge-both', label: 'Rent or service charge | both' }
		]);
	});

	test('saving the shown text unchanged keeps every option, hints included', () => {
		const existing = [
			{ value: 'a', label: 'Apple', hint: 'Green or red' },
			{ value: 'none', label: 'None of these', exclusive: true }
		];
		expect(parseOptionLines(formatOptionLines(existing), existing)).toEqual(existing);
	});

	test('"Other — please specify" is added once and kept as it was', () => {
		const listed = [{ value: 'a', label: 'A' }];
		expect(withOther(listed, [], true)).toEqual([
			{ value: 'a', label: 'A' },
			{ value: 'other', label: 'Other — please specify', writeIn: true }
		]);
		const kept = { value: 'elsewhere', label: 'Somewhere else', writeIn: true };
		expect(withOther(listed, [kept], true)).toEqual([{ value: 'a', label: 'A' }, kept]);
		expect(withOther(listed, [kept], false)).toEqual(listed);
	});
});

describe('moving and removing', () => {
	/** Two pages, with questions renamed q1, q2 | q3 so the expectations read easily. */
	const twoPages = (): SurveyDefinition => {
		const first = addQuestion(blank(), 'p1', { type: 'nps', text: 'Recommend?' });
		const both = addPage(first.definition, { question: { type: 'long-text', text: 'Why?' } });
		both.definition.pages[0]!.questions[1]!.id = 'q2';
		both.definition.pages[1]!.questions[0]!.id = 'q3';
		both.definition.pages[1]!.id = 'p2';
		return both.definition;
	};

	test('a question moves within its page, then across to the next page', () => {
		const start = twoPages();
		expect(ids(start)).toEqual([['q1', 'q2'], ['q3']]);
		const down = moveQuestion(start, 'q1', 'down');
		expect(ids(down)).toEqual([['q2', 'q1'], ['q3']]);
		expect(ids(moveQuestion(down, 'q1', 'down'))).toEqual([['q2'], ['q1', 'q3']]);
		expect(ids(moveQuestion(start, 'q1', 'up'))).toEqual(ids(start));
	});

	test('the only question on a page cannot leave it, and pages move instead', () => {
		const start = twoPages();
		expect(() => moveQuestion(start, 'q3', 'up')).toThrow(/only question/);
		expect(movePage(start, 'p2', 'up').pages.map((p) => p.id)).toEqual(['p2', 'p1']);
	});

	test('a question others depend on cannot be removed until the condition is cleared', () => {
		const start = setCondition(
			twoPages(),
			{ kind: 'page', id: 'p2' },
			{
				type: 'range',
				questionId: 'q2',
				max: 6
			}
		);
		expect(() => removeQuestion(start, 'q2')).toThrow(
			'Page 2 depends on the answer to Q2. Clear those conditions first.'
		);
		expect(() => removePage(start, 'p1')).toThrow(/Page 2 depends on answers to this page/);
		const cleared = setCondition(start, { kind: 'page', id: 'p2' }, undefined);
		expect(ids(removeQuestion(cleared, 'q2'))).toEqual([['q1'], ['q3']]);
	});

	test('the last question of a page and the last page are not removed', () => {
		expect(() => removeQuestion(twoPages(), 'q3')).toThrow(/Delete the page instead/);
		expect(() => removePage(blank(), 'p1')).toThrow('A survey needs at least one page');
	});
});

describe('conditions', () => {
	test('sources are the questions before the target, never equality questions', () => {
		const d = withEqualityMonitoring(everyTypeDefinition());
		const before = conditionSourcesFor(d, { kind: 'question', id: 'agree' }).map((q) => q.id);
		expect(before).toEqual(['sat', 'why']);
		const all = conditionSourcesFor(d, { kind: 'page', id: 'nope' });
		expect(all.some((q) => q.equalityMonitoring)).toBe(false);
	});

	test('operators follow the kind of answer', () => {
		const d = everyTypeDefinition();
		const byType = (type: string) =>
			d.pages.flatMap((p) => p.questions).find((q) => q.type === type)!;
		expect(operatorsFor(byType('satisfaction'))).toEqual(['equals', 'one-of', 'answered']);
		expect(operatorsFor(byType('nps'))).toEqual(['equals', 'one-of', 'answered', 'range']);
		expect(operatorsFor(byType('number'))).toEqual(['answered', 'range']);
		expect(operatorsFor(byType('long-text'))).toEqual(['answered']);
	});

	test('scores are stored as numbers; a wrong number of answers is refused', () => {
		const nps = { id: 'n', code: 'NPS', type: 'nps', text: 'x', required: true } as const;
		expect(buildCondition(nps, { operator: 'one-of', values: ['9', '10'] })).toEqual({
			type: 'one-of',
			questionId: 'n',
			values: [9, 10]
		});
		expect(() => buildCondition(nps, { operator: 'equals', values: ['1', '2'] })).toThrow(
			'Choose one answer'
		);
		expect(buildCondition(nps, { operator: 'range', values: [], min: 0 })).toEqual({
			type: 'range',
			questionId: 'n',
			min: 0
		});
	});

	test('described with the source’s code and option labels', () => {
		const d = everyTypeDefinition();
		expect(
			describeCondition(d, {
				type: 'one-of',
				questionId: 'sat',
				values: ['fairly-dissatisfied', 'very-dissatisfied']
			})
		).toBe('Shown if SAT is one of ‘Fairly dissatisfied’, ‘Very dissatisfied’');
		expect(describeCondition(d, { type: 'range', questionId: 'gone', min: 2, max: 4 })).toBe(
			'Shown if a removed question is between 2 and 4'
		);
	});
});
