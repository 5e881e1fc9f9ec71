import { describe, expect, test } from 'vitest';
import { compareMeasures, periodsBetween } from '../../../../src/lib/domain/results/periods';
import { summariseQuestion } from '../../../../src/lib/domain/results/question-results';
import { TWO_PROPORTION_TEST } from '../../../../src/lib/domain/intervals';
import type { Question } from '../../../../src/lib/domain/survey';

const satisfaction: Question = {
	id: 's',
	code: 'S',
	type: 'satisfaction',
	text: 'Satisfied?',
	required: false,
	notApplicable: true
};

describe('question summaries from counts', () => {
	test('CSAT leaves not applicable and staff refusals out of the base', () => {
		// Top two 3 + 2 = 5 of 3 + 2 + 1 + 1 + 1 = 8 valid: 62.5%; 2 N/A + 1 refused excluded.
		const result = summariseQuestion(satisfaction, {
			'very-satisfied': 3,
			'fairly-satisfied': 2,
			neither: 1,
			'fairly-dissatisfied': 1,
			'very-dissatisfied': 1,
			'not-applicable': 2,
			_refused: 1
		});
		expect(result.measure?.kind).toBe('csat');
		expect(result.measure?.result.n).toBe(8);
		expect(result.measure?.kind === 'csat' && result.measure.result.percent).toBe(62.5);
		expect(result.answered).toBe(11);
		expect(result.rows.find((r) => r.value === '_refused')?.n).toBe(1);
	});

	test('customer effort: mean and % agreeing (5–7)', () => {
		// 1, 4, 5, 7, 7: mean 24 / 5 = 4.8; 3 of 5 agree = 60%.
		const effort: Question = { id: 'e', code: 'E', type: 'effort', text: 'Easy?', required: false };
		const { measure } = summariseQuestion(effort, { '1': 1, '4': 1, '5': 1, '7': 2 });
		expect(measure?.kind === 'effort' && measure.result.mean).toBe(4.8);
		expect(measure?.kind === 'effort' && measure.result.agreement.percent).toBe(60);
	});

	test('an empty set is no score, never 0', () => {
		const { measure, rows } = summariseQuestion(satisfaction, {});
		expect(measure?.kind === 'csat' && measure.result.percent).toBeNull();
		expect(rows.every((r) => r.percent === null)).toBe(true);
	});

	test('multiple choice percentages are of people, so they may add up to over 100', () => {
		const question: Question = {
			id: 'm',
			code: 'M',
			type: 'multiple-choice',
			text: 'Which?',
			required: false,
			options: [
				{ value: 'a', label: 'A' },
				{ value: 'b', label: 'B' }
			]
		};
		const { rows } = summariseQuestion(question, { a: 3, b: 2 }, { respondents: 4 });
		expect(rows.map((r) => r.percent)).toEqual([75, 50]);
	});
});

describe('periods and comparisons', () => {
	test('months and quarters cover the range, in London dates', () => {
		expect(periodsBetween('2025-11-15', '2026-02-03', 'month').map((p) => p.label)).toEqual([
			'Nov 2025',
			'Dec 2025',
			'Jan 2026',
			'Feb 2026'
		]);
		const quarters = periodsBetween('2025-11-15', '2026-02-03', 'quarter');
		expect(quarters.map((p) => [p.start, p.end])).toEqual([
			['2025-10-01', '2026-01-01'],
			['2026-01-01', '2026-04-01']
		]);
	});

	test('a 10-point CSAT change on 100 answers each is within the uncertainty', () => {
		// SE = √(0.5 × 0.5 / 100 + 0.6 × 0.4 / 100) = 0.07 → 7 points; 1.96 × 7 = 13.72 > 10.
		const csat = (positive: number, n: number) => ({
			kind: 'csat' as const,
			result: {
				n,
				positive,
				excluded: 0,
				percent: (100 * positive) / n,
				se: null,
				lower: null,
				upper: null
			}
		});
		const change = compareMeasures(csat(50, 100), csat(60, 100))!;
		expect(change.difference).toBeCloseTo(10, 10);
		expect(change.standardError).toBeCloseTo(7, 10);
		expect(change.exceedsUncertainty).toBe(false);
		expect(change.testName).toBe(TWO_PROPORTION_TEST);
	});
});
