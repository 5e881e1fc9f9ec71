import { describe, expect, test } from 'vitest';
import {
	checkDefinitionUpdate,
	compareDefinitions,
	tsmPerceptionTemplate,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';
import { everyTypeDefinition } from './fixtures';

function edit(change: (definition: SurveyDefinition) => void): SurveyDefinition {
	const copy = structuredClone(everyTypeDefinition());
	change(copy);
	return copy;
}

function question(definition: SurveyDefinition, id: string): Question {
	const found = definition.pages.flatMap((p) => p.questions).find((q) => q.id === id);
	if (!found) throw new Error(`no ${id}`);
	return found;
}

const before = everyTypeDefinition();

describe('compareDefinitions', () => {
	test('identical definitions are the same, whatever the key order or absent false flags', () => {
		const reordered = edit((d) => {
			const sat = question(d, 'sat');
			sat.locked = false;
			d.pages[0]!.questions[0] = Object.fromEntries(Object.entries(sat).reverse()) as Question;
		});
		expect(compareDefinitions(before, reordered)).toEqual({
			change: 'same',
			reasons: [],
			lockedChanges: []
		});
	});

	test('texts, hints, labels and page titles are wording only', () => {
		const reworded = edit((d) => {
			question(d, 'sat').text = 'How satisfied or dissatisfied are you with our repairs service?';
			question(d, 'agree').hint = 'Think about your last visit';
			const colour = question(d, 'colour');
			if (colour.type === 'single-choice') colour.options[0]!.label = 'Red (pillar box)';
			const grid = question(d, 'grid');
			if (grid.type === 'grid') grid.rows[1]!.label = 'The lift';
			d.pages[1]!.title = 'Your scores';
		});
		const comparison = compareDefinitions(before, reworded);
		expect(comparison.change).toBe('wording-only');
		expect(comparison.reasons).toEqual([
			'Page “Your scores”: its title or introduction changed',
			'Question SAT: its wording changed',
			'Question AGREE: its wording changed',
			'Question COLOUR: its wording changed',
			'Question GRID: its wording changed'
		]);
		expect(checkDefinitionUpdate(before, reworded, { hasResponses: true }).allowed).toBe(true);
	});

	test.each([
		[
			'an option value',
			(d: SurveyDefinition) => {
				const q = question(d, 'colour');
				if (q.type === 'single-choice') q.options[0]!.value = 'crimson';
			},
			'Question COLOUR: its options changed'
		],
		[
			'an added option',
			(d: SurveyDefinition) => {
				const q = question(d, 'colour');
				if (q.type === 'single-choice') q.options.push({ value: 'green', label: 'Green' });
			},
			'Question COLOUR: its options changed'
		],
		[
			'requiredness',
			(d: SurveyDefinition) => {
				question(d, 'agree').required = true;
			},
			'Question AGREE: whether an answer is required changed'
		],
		[
			'the question type',
			(d: SurveyDefinition) => {
				d.pages[0]!.questions[2] = { ...question(d, 'agree'), type: 'satisfaction' } as Question;
			},
			'Question AGREE: its question type changed'
		],
		[
			'a condition',
			(d: SurveyDefinition) => {
				question(d, 'why').condition = { type: 'equals', questionId: 'sat', value: 'neither' };
			},
			'Question WHY: when it is shown changed'
		],
		[
			'N/A being offered',
			(d: SurveyDefinition) => {
				const q = question(d, 'sat');
				if (q.type === 'satisfaction') q.notApplicable = true;
			},
			"Question SAT: whether “Not applicable/ don't know” is offered changed"
		],
		[
			'a number range',
			(d: SurveyDefinition) => {
				const q = question(d, 'calls');
				if (q.type === 'number') q.max = 20;
			},
			'Question CALLS: its highest allowed answer changed'
		],
		[
			'a grid row value',
			(d: SurveyDefinition) => {
				const q = question(d, 'grid');
				if (q.type === 'grid') q.rows[0]!.value = 'steps';
			},
			'Question GRID: its rows changed'
		],
		[
			'a code',
			(d: SurveyDefinition) => {
				question(d, 'nps').code = 'RECOMMEND';
			},
			'Question NPS: its code changed'
		],
		[
			'a page condition',
			(d: SurveyDefinition) => {
				d.pages[2]!.condition = { type: 'equals', questionId: 'yn', value: 'no' };
			},
			'Page “Details”: when it is shown changed'
		],
		[
			'a removed question',
			(d: SurveyDefinition) => {
				d.pages[1]!.questions.pop();
			},
			'Question YN was removed'
		],
		[
			'an added question',
			(d: SurveyDefinition) => {
				d.pages[1]!.questions.push({
					id: 'new',
					code: 'NEW',
					type: 'yes-no',
					text: 'New?',
					required: false
				});
			},
			'Question NEW was added'
		],
		[
			'reordered questions',
			(d: SurveyDefinition) => {
				d.pages[1]!.questions.reverse();
			},
			'The questions were reordered'
		],
		[
			'a question moved to another page',
			(d: SurveyDefinition) => {
				d.pages[3]!.questions.push(d.pages[1]!.questions.splice(1, 1)[0]!);
			},
			'Question CES moved to another page'
		],
		[
			'reordered options',
			(d: SurveyDefinition) => {
				const q = question(d, 'colour');
				if (q.type === 'single-choice') q.options.reverse();
			},
			'Question COLOUR: its options changed'
		]
	])('changing %s is structural', (_name, change, reason) => {
		const after = edit(change);
		const comparison = compareDefinitions(before, after);
		expect(comparison.change).toBe('structural');
		expect(comparison.reasons).toContain(reason);
		const update = checkDefinitionUpdate(before, after, { hasResponses: true });
		expect(update.allowed).toBe(false);
		expect(checkDefinitionUpdate(before, after, { hasResponses: false }).allowed).toBe(true);
	});
});

describe('locked wording', () => {
	const tsm = tsmPerceptionTemplate('Acme Homes').definition;

	test('is refused even when the survey has no responses', () => {
		const after = structuredClone(tsm);
		const tp05 = after.pages.flatMap((p) => p.questions).find((q) => q.code === 'TP05')!;
		tp05.hint = 'Think about gas, fire and electrical safety';
		const check = checkDefinitionUpdate(tsm, after, { hasResponses: false });
		expect(check.allowed).toBe(false);
		expect(compareDefinitions(tsm, after).lockedChanges).toEqual([
			'Question TP05 has regulated wording that cannot be changed'
		]);
	});

	test('cannot be unlocked', () => {
		const after = structuredClone(tsm);
		const tp01 = after.pages.flatMap((p) => p.questions).find((q) => q.code === 'TP01')!;
		tp01.locked = false;
		expect(compareDefinitions(tsm, after).lockedChanges).toEqual([
			'Question TP01 has regulated wording and cannot be unlocked'
		]);
	});

	test('its code, answers and when it is asked are the regulator’s too', () => {
		const question = (defn: typeof tsm, code: string) =>
			defn.pages.flatMap((p) => p.questions).find((q) => q.code === code)!;
		const refused =
			'is a regulated question: its code, answers and when it is asked cannot be changed';

		// TP01 offers no "Not applicable/ don't know": offering it would shrink the base.
		const withNa = structuredClone(tsm);
		Object.assign(question(withNa, 'TP01'), { notApplicable: true });
		expect(checkDefinitionUpdate(tsm, withNa, { hasResponses: false })).toMatchObject({
			allowed: false,
			reasons: [`Question TP01 ${refused}`]
		});

		const renamed = structuredClone(tsm);
		question(renamed, 'TP01').code = 'SAT01';
		expect(compareDefinitions(tsm, renamed).lockedChanges).toEqual([`Question TP01 ${refused}`]);

		// TP02 is asked only of those who had a repair; asking everyone changes its base.
		const unscreened = structuredClone(tsm);
		delete question(unscreened, 'TP02').condition;
		expect(compareDefinitions(tsm, unscreened).lockedChanges).toEqual([`Question TP02 ${refused}`]);

		// Nor by the page it is on: a condition on TP01's page, or a move to a page with one.
		const pageScreened = structuredClone(tsm);
		const overall = pageScreened.pages.find((p) => p.questions.some((q) => q.code === 'TP01'))!;
		overall.condition = { type: 'equals', questionId: 'screen-r', value: 'yes' };
		expect(compareDefinitions(tsm, pageScreened).lockedChanges).toEqual([
			`Question TP01 ${refused}`
		]);
		const moved = structuredClone(tsm);
		const from = moved.pages.find((p) => p.questions.some((q) => q.code === 'TP01'))!;
		const tp01 = from.questions.splice(
			from.questions.findIndex((q) => q.code === 'TP01'),
			1
		)[0]!;
		moved.pages.push({
			id: 'screened',
			condition: { type: 'equals', questionId: 'screen-r', value: 'yes' },
			questions: [tp01]
		});
		expect(compareDefinitions(tsm, moved).lockedChanges).toContain(`Question TP01 ${refused}`);

		const noRefusal = structuredClone(tsm);
		question(noRefusal, 'TP05').staffCanRecordRefusal = false;
		expect(compareDefinitions(tsm, noRefusal).lockedChanges).toEqual([`Question TP05 ${refused}`]);
	});

	test('whether it is required and its error message may still change', () => {
		const after = structuredClone(tsm);
		const tp01 = after.pages.flatMap((p) => p.questions).find((q) => q.code === 'TP01')!;
		tp01.required = true;
		tp01.errorMessage = 'Tell us how satisfied you are overall';
		expect(compareDefinitions(tsm, after).lockedChanges).toEqual([]);
	});

	test('other wording on the same survey may still be fixed', () => {
		const after = structuredClone(tsm);
		after.pages[1]!.title = 'Overall satisfaction';
		const tenure = after.pages[0]!.questions[0]!;
		tenure.hint = 'Ask us if you are not sure';
		const check = checkDefinitionUpdate(tsm, after, { hasResponses: true });
		expect(check.allowed).toBe(true);
		expect(check.comparison.change).toBe('wording-only');
	});

	describe('the tenure question', () => {
		const tenureOf = (defn: typeof tsm) =>
			defn.pages.flatMap((p) => p.questions).find((q) => q.code === 'TENURE')!;
		const refused =
			"Question TENURE records each response's tenure for the Tenant Satisfaction Measures: its wording can change, but not its code, answers, whether it is required or when it is asked";

		test('keeps its answers, code, requirement and screening while regulated questions remain', () => {
			const revalued = structuredClone(tsm);
			const tenure = tenureOf(revalued);
			if (tenure.type !== 'single-choice') throw new Error('tenure is single choice');
			tenure.options[0]!.value = 'rent';
			expect(checkDefinitionUpdate(tsm, revalued, { hasResponses: false })).toMatchObject({
				allowed: false,
				reasons: [refused]
			});

			const optional = structuredClone(tsm);
			tenureOf(optional).required = false;
			expect(compareDefinitions(tsm, optional).lockedChanges).toEqual([refused]);

			const recoded = structuredClone(tsm);
			tenureOf(recoded).code = 'HOME';
			expect(compareDefinitions(tsm, recoded).lockedChanges).toEqual([refused]);

			const screened = structuredClone(tsm);
			screened.pages[0]!.condition = { type: 'answered', questionId: 'screen-r' };
			expect(compareDefinitions(tsm, screened).lockedChanges).toEqual([refused]);

			const removed = structuredClone(tsm);
			removed.pages = removed.pages.slice(1);
			expect(compareDefinitions(tsm, removed).lockedChanges).toEqual([
				"Question TENURE records each response's tenure for the Tenant Satisfaction Measures and cannot be removed"
			]);
		});

		test('may be reworded, and is free once no regulated question is left', () => {
			const reworded = structuredClone(tsm);
			const tenure = tenureOf(reworded);
			if (tenure.type !== 'single-choice') throw new Error('tenure is single choice');
			tenure.text = 'Do you rent or part-own your home?';
			tenure.options[1]!.label = 'I part-own my home (shared ownership)';
			expect(checkDefinitionUpdate(tsm, reworded, { hasResponses: true })).toMatchObject({
				allowed: true,
				comparison: { change: 'wording-only' }
			});

			const noMeasures = structuredClone(tsm);
			noMeasures.pages = noMeasures.pages.slice(0, 1);
			const withoutTenure = structuredClone(noMeasures);
			tenureOf(withoutTenure).required = false;
			expect(compareDefinitions(noMeasures, withoutTenure).lockedChanges).toEqual([]);
		});
	});

	test('removing a locked question is structural, not a wording change', () => {
		const after = structuredClone(tsm);
		after.pages = after.pages.filter((p) => p.id !== 'tsm-neighbourhood');
		const comparison = compareDefinitions(tsm, after);
		expect(comparison.lockedChanges).toEqual([]);
		expect(comparison.change).toBe('structural');
		expect(comparison.reasons).toEqual([
			'Page “Your neighbourhood” was removed',
			'Question TP11 was removed',
			'Question TP12 was removed'
		]);
	});
});
