import { describe, expect, test } from 'vitest';
import {
	commentsNotShownMessage,
	DEFAULT_SUPPRESSION_SETTINGS,
	meetsMinimumGroupSize,
	resolveSuppressionSettings,
	resultsNotShownMessage,
	suppressCells,
	SUPPRESSION_LABELS,
	type BreakdownCell
} from '$lib/domain/suppression';

function cells(sizes: Record<string, number>): BreakdownCell<string>[] {
	return Object.entries(sizes).map(([key, n]) => ({ key, n }));
}

/** key → reason, for the cells that are suppressed. */
function suppressedOf(sizes: Record<string, number>, k = 5): Record<string, string | null> {
	const result = suppressCells(cells(sizes), k);
	return Object.fromEntries(
		result.cells.filter((cell) => cell.suppressed).map((cell) => [cell.key, cell.reason])
	);
}

describe('settings', () => {
	test('defaults: k = 5, and 10 for comments', () => {
		expect(DEFAULT_SUPPRESSION_SETTINGS).toEqual({ k: 5, kText: 10 });
		expect(resolveSuppressionSettings()).toEqual({ k: 5, kText: 10 });
	});

	test('k is never below 3', () => {
		expect(resolveSuppressionSettings({ k: 2 })).toEqual({ k: 3, kText: 10 });
		expect(resolveSuppressionSettings({ k: 3, kText: 3 })).toEqual({ k: 3, kText: 3 });
	});

	test('the comments threshold is never below k', () => {
		expect(resolveSuppressionSettings({ k: 12 })).toEqual({ k: 12, kText: 12 });
	});

	test('refuses a fractional threshold', () => {
		expect(() => resolveSuppressionSettings({ k: 4.5 })).toThrow(RangeError);
	});

	test('messages are written from k', () => {
		expect(resultsNotShownMessage(5)).toBe('Fewer than 5 responses: results not shown');
		expect(resultsNotShownMessage(7)).toBe('Fewer than 7 responses: results not shown');
		expect(commentsNotShownMessage(10)).toBe('Fewer than 10 comments: comments not shown');
	});

	test('a group is shown at exactly k', () => {
		expect(meetsMinimumGroupSize(5, 5)).toBe(true);
		expect(meetsMinimumGroupSize(4, 5)).toBe(false);
		expect(() => meetsMinimumGroupSize(4, 2)).toThrow(RangeError);
	});

	test('admins see small cells marked', () => {
		expect(SUPPRESSION_LABELS.primary).toBe('below minimum group size');
	});
});

describe('suppressCells', () => {
	test('no cell below k: nothing hidden, and a cell of exactly k is shown', () => {
		// 12, 8, 5 are all ≥ 5; total 25
		const result = suppressCells(cells({ A: 12, B: 8, C: 5 }), 5);
		expect(result.cells.every((cell) => !cell.suppressed && cell.reason === null)).toBe(true);
		expect(result).toMatchObject({ total: 25, resultShown: true, notShownMessage: null });
	});

	test('primary cells that together reach exactly k need no complementary cell', () => {
		// A = 2 and B = 3 are below 5: primary. Hidden total 2 + 3 = 5 = k, so nothing more.
		// Shown: C = 8, D = 9, total 22 → A + B = 22 − 8 − 9 = 5, but not each of them.
		expect(suppressedOf({ A: 2, B: 3, C: 8, D: 9 })).toEqual({ A: 'primary', B: 'primary' });
	});

	test('primary cells adding up to k − 1 take the smallest other cell with them', () => {
		// A = 2, B = 2: primary, hidden total 4 = k − 1 < 5.
		// The smallest remaining is C = 8: hidden total 4 + 8 = 12 ≥ 5. D = 9 stays shown.
		expect(suppressedOf({ A: 2, B: 2, C: 8, D: 9 })).toEqual({
			A: 'primary',
			B: 'primary',
			C: 'complementary'
		});
	});

	test('one small cell is never left to be worked out from the total', () => {
		// A = 4 alone: total 17 − 6 − 7 would give 4 away. B = 6 (the smallest other) goes too:
		// hidden total 4 + 6 = 10 ≥ 5
		const result = suppressCells(cells({ A: 4, B: 6, C: 7 }), 5);
		expect(result.cells).toEqual([
			{ key: 'A', n: 4, suppressed: true, reason: 'primary' },
			{ key: 'B', n: 6, suppressed: true, reason: 'complementary' },
			{ key: 'C', n: 7, suppressed: false, reason: null }
		]);
		expect(result.total).toBe(17);
		expect(result.resultShown).toBe(true);
	});

	test('the complementary cell is the smallest remaining, wherever it sits', () => {
		// A = 3 primary; of 20, 6 and 9 the smallest is C = 6: 3 + 6 = 9 ≥ 5
		expect(suppressedOf({ A: 3, B: 20, C: 6, D: 9 })).toEqual({
			A: 'primary',
			C: 'complementary'
		});
	});

	test('ties go to the first cell in the order given', () => {
		// A = 1 primary; B and C tie at 7: B comes first
		expect(suppressedOf({ A: 1, B: 7, C: 7 })).toEqual({ A: 'primary', B: 'complementary' });
		// the same cells in another order: C comes first
		expect(suppressedOf({ C: 7, A: 1, B: 7 })).toEqual({ C: 'complementary', A: 'primary' });
	});

	test('a zero cell is shown and is never the complementary cell', () => {
		// A = 2 primary; B = 0 would add nothing to the hidden total (still 2), so it stays shown
		// and C = 10, the smallest non-empty cell, is hidden: 2 + 10 = 12 ≥ 5
		const result = suppressCells(cells({ A: 2, B: 0, C: 10, D: 12 }), 5);
		expect(result.cells.map((cell) => [cell.key, cell.reason])).toEqual([
			['A', 'primary'],
			['B', null],
			['C', 'complementary'],
			['D', null]
		]);
	});

	test('several small cells that together reach k are hidden without a complementary one', () => {
		// 2 + 2 + 2 = 6 ≥ 5: all three primary, none complementary, total 6 shown
		const result = suppressCells(cells({ A: 2, B: 2, C: 2 }), 5);
		expect(result.cells.every((cell) => cell.reason === 'primary')).toBe(true);
		expect(result).toMatchObject({ total: 6, resultShown: true });
	});

	test('a whole result below k is not shown at all', () => {
		// 2 + 1 + 1 = 4 < 5
		const result = suppressCells(cells({ A: 2, B: 1, C: 1 }), 5);
		expect(result.resultShown).toBe(false);
		expect(result.notShownMessage).toBe('Fewer than 5 responses: results not shown');
		expect(result.cells.every((cell) => cell.suppressed)).toBe(true);
	});

	test('one cell: shown at k, not shown below it', () => {
		expect(suppressCells(cells({ A: 5 }), 5)).toMatchObject({
			resultShown: true,
			cells: [{ key: 'A', suppressed: false }]
		});
		expect(suppressCells(cells({ A: 4 }), 5)).toMatchObject({
			resultShown: false,
			cells: [{ key: 'A', suppressed: true, reason: 'primary' }]
		});
	});

	test('no cells: nothing to show', () => {
		expect(suppressCells([], 5)).toEqual({
			cells: [],
			total: 0,
			resultShown: false,
			notShownMessage: 'Fewer than 5 responses: results not shown'
		});
	});

	test('k = 3', () => {
		// A = 2 and B = 1 are below 3; 2 + 1 = 3 = k: no complementary cell. Total 18 ≥ 3.
		expect(suppressedOf({ A: 2, B: 1, C: 5, D: 10 }, 3)).toEqual({ A: 'primary', B: 'primary' });
		// with k = 5 the same cells need more: 2 + 1 = 3 < 5 → C = 5 hidden too (3 + 5 = 8)
		expect(suppressedOf({ A: 2, B: 1, C: 5, D: 10 }, 5)).toEqual({
			A: 'primary',
			B: 'primary',
			C: 'complementary'
		});
	});

	test('keys of any type, in the order given', () => {
		const result = suppressCells(
			[
				{ key: 2, n: 30 },
				{ key: 1, n: 3 },
				{ key: 3, n: 40 }
			],
			5
		);
		expect(result.cells.map((cell) => cell.key)).toEqual([2, 1, 3]);
		// 3 primary; 30 the smallest other → complementary (3 + 30 = 33)
		expect(result.cells.map((cell) => cell.reason)).toEqual(['complementary', 'primary', null]);
	});

	test('refuses a threshold below 3 and impossible counts', () => {
		expect(() => suppressCells(cells({ A: 4 }), 2)).toThrow(RangeError);
		expect(() => suppressCells(cells({ A: -1 }), 5)).toThrow(RangeError);
		expect(() => suppressCells(cells({ A: 1.5 }), 5)).toThrow(RangeError);
		expect(() => suppressCells(cells({ A: 4 }), 5, { unlisted: -1 })).toThrow(RangeError);
	});
});

/**
 * A trend's periods are cells of the result the page shows for the whole filter. Worked example:
 * 16 of 23 satisfied in all; January 15 of 20, February 1 of 3. Hiding February alone would leave
 * it as 16 − 15 = 1 of 23 − 20 = 3, so January goes too.
 */
describe('suppressCells across the periods of a trend', () => {
	test('a small period takes the smallest other period with it', () => {
		const result = suppressCells(
			[
				{ key: 'Jan 2026', n: 20 },
				{ key: 'Feb 2026', n: 3 }
			],
			5
		);
		expect(result.cells.map((cell) => [cell.key, cell.reason])).toEqual([
			['Jan 2026', 'complementary'],
			['Feb 2026', 'primary']
		]);
		expect(result.total).toBe(23);
	});

	test('answers before the periods shown are hidden already and count towards k', () => {
		// 40 in all: 2 answered before the window, then Apr 20, May 3, Jun 15. Hidden: 2 + 3 = 5 = k,
		// so only May is hidden; 40 − 20 − 15 = 5 cannot be split into the 2 and the 3.
		const periods = cells({ Apr: 20, May: 3, Jun: 15 });
		const split = suppressCells(periods, 5, { unlisted: 2 });
		expect(split.total).toBe(40);
		expect(split.cells.filter((cell) => cell.suppressed).map((cell) => cell.key)).toEqual(['May']);
		// 1 before the window: 1 + 3 = 4 < 5, so Jun (15, the smallest other) is hidden too.
		expect(
			suppressCells(periods, 5, { unlisted: 1 })
				.cells.filter((cell) => cell.suppressed)
				.map((cell) => [cell.key, cell.reason])
		).toEqual([
			['May', 'primary'],
			['Jun', 'complementary']
		]);
	});

	test('a small part before the periods shown is not left to be worked out from the total', () => {
		// 2 before the window, every period shown at 5 or more: 27 − 20 − 5 = 2 would give it away,
		// so May (5, the smallest) is hidden: 2 + 5 = 7 ≥ 5
		const result = suppressCells(cells({ Apr: 20, May: 5 }), 5, { unlisted: 2 });
		expect(result.cells.map((cell) => [cell.key, cell.reason])).toEqual([
			['Apr', null],
			['May', 'complementary']
		]);
		expect(result).toMatchObject({ total: 27, resultShown: true });
	});
});
