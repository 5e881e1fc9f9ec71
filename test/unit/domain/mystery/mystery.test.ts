import { describe, expect, test } from 'vitest';
import {
	parseScorecardDefinition,
	readinessProblems
} from '../../../../src/lib/domain/mystery/definition-schema';
import { formatPercent } from '../../../../src/lib/domain/mystery/describe';
import { conflictingAssignment, reviewChecks } from '../../../../src/lib/domain/mystery/review';
import {
	checkDraft,
	checkSubmission,
	readAnswerFields,
	storedToScorecardAnswers
} from '../../../../src/lib/domain/mystery/submission';
import { scoreVisit, type ScorecardTemplate } from '../../../../src/lib/domain/scorecard';

/**
 * A walk-in scorecard to work by hand from reference/measures.md (mystery-shop scoring).
 *   Arrival (weight 1): queue ≤ 10 minutes (2 points, critical, may be N/A); greeted (yes/no, 1).
 *   Premises (weight 1): notice board up to date (yes/no/N/A, 1).
 *   Advice (weight 2): knowledge 1–5 (4 points); identity checked (yes/no, 2, critical).
 */
const walkIn: ScorecardTemplate = parseScorecardDefinition({
	passMark: null,
	sections: [
		{
			id: 'arrival',
			title: 'Arrival',
			weight: 1,
			items: [
				{
					id: 'queue',
					kind: 'measured',
					text: 'Minutes waited',
					points: 2,
					critical: true,
					unit: 'minutes',
					threshold: 10,
					direction: 'at-most',
					allowNotApplicable: true,
					evidenceRequired: false
				},
				{
					id: 'greeted',
					kind: 'yes-no',
					text: 'Greeted',
					points: 1,
					critical: false,
					evidenceRequired: false
				}
			]
		},
		{
			id: 'premises',
			title: 'Premises',
			weight: 1,
			items: [
				{
					id: 'board',
					kind: 'yes-no-na',
					text: 'Notice board up to date',
					points: 1,
					critical: false,
					evidenceRequired: false
				}
			]
		},
		{
			id: 'advice',
			title: 'Advice',
			weight: 2,
			items: [
				{
					id: 'knowledge',
					kind: 'scale',
					text: 'Knowledge',
					points: 4,
					critical: false,
					evidenceRequired: false
				},
				{
					id: 'identity',
					kind: 'yes-no',
					text: 'Identity checked',
					points: 2,
					critical: true,
					evidenceRequired: false
				}
			]
		}
	]
});

function form(values: Record<string, string>, comments: Record<string, string> = {}) {
	return readAnswerFields([
		...Object.entries(values).map(([k, v]) => [`answer.${k}`, v] as [string, string]),
		...Object.entries(comments).map(([k, v]) => [`comment.${k}`, v] as [string, string])
	]);
}

function score(values: Record<string, string>, comments: Record<string, string> = {}) {
	const answers = form(values, comments);
	const checked = checkSubmission(walkIn, answers, {});
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	return scoreVisit(walkIn, checked.answers);
}

describe('scoring worked by hand, through the shopper form', () => {
	test('not applicable, an empty section, a scale item and a threshold exactly at the limit', () => {
		const result = score({
			queue: '10',
			greeted: 'yes',
			board: 'na',
			knowledge: '3',
			identity: 'yes'
		});
		// Arrival: queue 10 ≤ 10 passes → 2, greeted → 1: 3 of 3 = 100%.
		// Premises: the only item is N/A → nothing applicable, section left out.
		// Advice: knowledge 3 → 4 × (3 − 1)/4 = 2, identity → 2: 4 of 6 = 66.67%.
		// Weights left in: 1 + 2 = 3. Visit = (1 × 100 + 2 × 66.67) ÷ 3 = 233.33 ÷ 3 = 77.78.
		expect(result.sections.map((s) => [s.sectionId, s.included, s.percent])).toEqual([
			['arrival', true, 100],
			['premises', false, null],
			['advice', true, (100 * 4) / 6]
		]);
		expect(result.rawScore).toBeCloseTo(77.7778, 4);
		expect(result.finalScore).toBeCloseTo(77.7778, 4);
		expect(result.outcome).toBe('pass');
	});

	test('one minute over the threshold on a critical measured item fails the visit with 0, keeping the raw score', () => {
		const result = score(
			{ queue: '11', greeted: 'yes', board: 'yes', knowledge: '5', identity: 'yes' },
			{ queue: 'Waited 11 minutes' }
		);
		// Arrival: queue fails → 0 of 2, greeted 1 of 1: 1/3 = 33.33%. Premises 100%. Advice 6/6 = 100%.
		// Raw = (33.33 + 100 + 2 × 100) ÷ 4 = 333.33 ÷ 4 = 83.33; final 0.
		expect(result.rawScore).toBeCloseTo(83.3333, 4);
		expect(result.finalScore).toBe(0);
		expect(result.outcome).toBe('fail-critical');
		expect(result.failedCriticalItems).toEqual(['queue']);
	});

	test('a critical "no" fails the visit; the N/A queue leaves the arrival section with the greeting only', () => {
		const result = score(
			{ queue: 'na', greeted: 'no', board: 'yes', knowledge: '1', identity: 'no' },
			{ greeted: 'Nobody looked up', identity: 'Not asked' }
		);
		// Arrival: greeted 0 of 1 = 0%. Premises 100%. Advice: knowledge 1 → 0, identity 0: 0 of 6 = 0%.
		// Raw = (0 + 100 + 0) ÷ 4 = 25; final 0.
		expect(result.rawScore).toBe(25);
		expect(result.finalScore).toBe(0);
		expect(result.failedItems).toEqual(['greeted', 'identity']);
	});
});

describe('checkSubmission', () => {
	test('every "no" needs a written comment, even when evidence is attached', () => {
		const answers = form({
			queue: '3',
			greeted: 'no',
			board: 'yes',
			knowledge: '4',
			identity: 'yes'
		});
		const result = checkSubmission(walkIn, answers, { greeted: 1 });
		expect(result).toEqual({
			ok: false,
			errors: [
				{ itemId: 'greeted', message: 'Add a comment to explain why the answer to "Greeted" is no' }
			]
		});
	});

	test('refuses a score outside the range and an answer to an item on another scorecard', () => {
		const answers = form({
			queue: '3',
			greeted: 'yes',
			board: 'yes',
			knowledge: '6',
			identity: 'yes',
			other: 'yes'
		});
		const result = checkSubmission(walkIn, answers, {});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors.map((e) => e.itemId)).toEqual(['knowledge', 'other']);
	});

	test('stored answers read back into the same score', () => {
		const answers = form({
			queue: '3',
			greeted: 'yes',
			board: 'yes',
			knowledge: '4',
			identity: 'yes'
		});
		expect(storedToScorecardAnswers(walkIn, answers, {})).not.toBeNull();
	});
});

describe('checkDraft', () => {
	test('allows blanks and a "no" without a comment while the shopper is still working', () => {
		expect(checkDraft(walkIn, form({ greeted: 'no' }))).toEqual([]);
		expect(checkDraft(walkIn, form({}))).toEqual([]);
	});

	test('still refuses values that do not fit, and unknown items', () => {
		expect(
			checkDraft(walkIn, form({ knowledge: '0', queue: 'ten', ghost: 'yes' })).map((e) => e.itemId)
		).toEqual(['queue', 'knowledge', 'ghost']);
	});
});

describe('readAnswerFields', () => {
	test('reads answers, trims comments and applies the not-applicable tick', () => {
		expect(
			readAnswerFields([
				['answer.a', ' yes '],
				['comment.a', '  '],
				['comment.b', ' slow '],
				['answer.q', '7'],
				['na.q', 'na'],
				['visitedAt', '2026-01-01T10:00']
			])
		).toEqual({
			a: { value: 'yes', comment: null },
			b: { value: '', comment: 'slow' },
			q: { value: 'na', comment: null }
		});
	});
});

describe('definition schema', () => {
	test('refuses a critical scale item and duplicate ids', () => {
		expect(() =>
			parseScorecardDefinition({
				sections: [
					{
						id: 's',
						title: 'S',
						weight: 1,
						items: [
							{
								id: 'x',
								kind: 'scale',
								text: 'X',
								points: 1,
								critical: true,
								evidenceRequired: false
							}
						]
					}
				]
			})
		).toThrow();
		expect(() =>
			parseScorecardDefinition({
				sections: [
					{ id: 's', title: 'S', weight: 1, items: [] },
					{ id: 's', title: 'T', weight: 1, items: [] }
				]
			})
		).toThrow(/Duplicate/);
	});

	test('a scorecard with no items is not ready to assign', () => {
		expect(readinessProblems({ sections: [] })).toContain(
			'Add at least one item before assigning this scorecard'
		);
		expect(readinessProblems(walkIn)).toEqual([]);
	});
});

describe('reviewChecks', () => {
	const base = {
		template: walkIn,
		answers: form(
			{ queue: '12', greeted: 'no', board: 'yes', knowledge: '4', identity: 'yes' },
			{ queue: 'Long wait' }
		),
		evidenceCounts: {},
		windowFrom: '2026-03-02',
		windowTo: '2026-03-13'
	};

	test('reports the visit date against the window, missing comments and lateness', () => {
		const checks = reviewChecks({
			...base,
			visitedAt: '2026-03-14T09:00',
			submittedAt: new Date('2026-03-16T12:00:00Z')
		});
		expect(checks.map((c) => [c.id, c.passed])).toEqual([
			['window', false],
			['comments', false],
			['evidence', true],
			['on-time', false]
		]);
		expect(checks[1]!.detail).toBe('No comment on: Greeted');
	});

	test('the last day of the window and the last day of grace both count', () => {
		const checks = reviewChecks({
			...base,
			answers: form({ queue: '3', greeted: 'yes', board: 'yes', knowledge: '4', identity: 'yes' }),
			visitedAt: '2026-03-13T17:00',
			submittedAt: new Date('2026-03-15T23:30:00Z') // 15 March in London (GMT)
		});
		expect(checks.every((c) => c.passed)).toBe(true);
	});
});

describe('conflictingAssignment', () => {
	const existing = [
		{ id: 1, shopperId: 7, serviceId: 3, windowFrom: '2026-01-10', status: 'approved' }
	];
	test('blocks the same shopper and service inside the interval, in either direction', () => {
		expect(conflictingAssignment(existing, 7, 3, '2026-04-09', 90)?.id).toBe(1); // 89 days later
		expect(conflictingAssignment(existing, 7, 3, '2025-10-13', 90)?.id).toBe(1); // 89 days before
		expect(conflictingAssignment(existing, 7, 3, '2026-04-10', 90)).toBeNull(); // exactly 90
	});
	test('another shopper or another service is fine', () => {
		expect(conflictingAssignment(existing, 8, 3, '2026-01-10', 90)).toBeNull();
		expect(conflictingAssignment(existing, 7, 4, '2026-01-10', 90)).toBeNull();
	});
});

describe('scorecard percentages', () => {
	test('round half away from zero in decimal: 23 of 80 is 28.75%, shown as 28.8%', () => {
		// In binary 23 / 80 × 100 is 28.749999999999996, which a plain Math.round takes down to 28.7.
		expect(formatPercent((23 / 80) * 100)).toBe('28.8%');
		expect(formatPercent(100)).toBe('100.0%');
		expect(formatPercent(null)).toBe('–');
	});
});
