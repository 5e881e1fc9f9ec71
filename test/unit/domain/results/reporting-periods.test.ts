import { describe, expect, test } from 'vitest';
import {
	periodDays,
	periodHiding,
	periodLabel,
	quarterDays,
	quarterOf,
	quartersSafe,
	yearsSafe,
	type QuarterCount
} from '$lib/domain/results/reporting-periods';

const K = 5;
const counts = (entries: Record<string, number | QuarterCount>) =>
	new Map(
		Object.entries(entries).map(([key, n]) => [
			key,
			typeof n === 'number' ? { answered: n, valid: n } : n
		])
	);

describe('reporting quarters (1 April to 31 March, London dates)', () => {
	test('quarter 1 is April to June; quarter 4 is January to March of the next calendar year', () => {
		expect(quarterDays(2025, 1)).toEqual({
			firstDay: '2025-04-01',
			lastDay: '2025-06-30',
			months: 'April to June 2025'
		});
		expect(quarterDays(2025, 3)).toMatchObject({ firstDay: '2025-10-01', lastDay: '2025-12-31' });
		expect(quarterDays(2025, 4)).toEqual({
			firstDay: '2026-01-01',
			lastDay: '2026-03-31',
			months: 'January to March 2026'
		});
		expect(quarterDays(2027, 4).lastDay).toBe('2028-03-31');
	});

	test('a date belongs to the quarter of the reporting year it falls in', () => {
		expect(quarterOf('2026-01-01')).toEqual({ startYear: 2025, quarter: 4 });
		expect(quarterOf('2026-03-31')).toEqual({ startYear: 2025, quarter: 4 });
		expect(quarterOf('2026-04-01')).toEqual({ startYear: 2026, quarter: 1 });
		expect(quarterOf('2025-09-30')).toEqual({ startYear: 2025, quarter: 2 });
		expect(quarterOf('2025-10-01')).toEqual({ startYear: 2025, quarter: 3 });
	});

	test('periods are named and dated so a panel member knows what they chose', () => {
		expect(periodLabel({ kind: 'all' })).toBe('All time');
		expect(periodLabel({ kind: 'year', startYear: 2025 })).toBe(
			'2025/26 (April 2025 to March 2026)'
		);
		expect(periodLabel({ kind: 'quarter', startYear: 2025, quarter: 4 })).toBe(
			'2025/26 quarter 4 (January to March 2026)'
		);
		expect(periodDays({ kind: 'all' })).toBeNull();
		expect(periodDays({ kind: 'year', startYear: 2025 })).toEqual({
			firstDay: '2025-04-01',
			lastDay: '2026-03-31'
		});
	});
});

describe('the rule that stops a small period being worked out by subtraction', () => {
	test('a year whose quarters each hold none or at least k may be shown by quarter', () => {
		const c = counts({ '2025-q1': 10, '2025-q2': 0, '2025-q3': 5, '2025-q4': 12 });
		expect(quartersSafe(c, 2025, K)).toBe(true);
		expect(periodHiding({ kind: 'quarter', startYear: 2025, quarter: 1 }, c, K)).toBeNull();
	});

	test('one small quarter keeps every quarter of that year hidden: year less the rest would give it', () => {
		// 10 + 10 + 10 shown and the year's 32 shown would leave the 2 of quarter 4.
		const c = counts({ '2025-q1': 10, '2025-q2': 10, '2025-q3': 10, '2025-q4': 2 });
		expect(quartersSafe(c, 2025, K)).toBe(false);
		for (const quarter of [1, 2, 3, 4] as const)
			expect(periodHiding({ kind: 'quarter', startYear: 2025, quarter }, c, K)).toBe('year-only');
		expect(periodHiding({ kind: 'year', startYear: 2025 }, c, K)).toBeNull();
		// Another year's quarters are unaffected.
		expect(quartersSafe(counts({ '2024-q1': 7, ...Object.fromEntries(c) }), 2024, K)).toBe(true);
	});

	test('one small year keeps "all time" hidden: all time less the other years would give it', () => {
		const c = counts({ '2024-q3': 2, '2025-q1': 20, '2025-q2': 20 });
		expect(yearsSafe(c, K)).toBe(false);
		expect(periodHiding({ kind: 'all' }, c, K)).toBe('by-year-only');
		// A year spread thin over quarters is still one year: 2 + 2 + 1 = 5.
		const spread = counts({ '2024-q1': 2, '2024-q2': 2, '2024-q4': 1, '2025-q1': 20 });
		expect(periodHiding({ kind: 'all' }, spread, K)).toBeNull();
		expect(periodHiding({ kind: 'quarter', startYear: 2024, quarter: 1 }, spread, K)).toBe(
			'year-only'
		);
	});

	test('refusals count as answers: a quarter with only 2 "don\'t know" answers is small', () => {
		const c = counts({
			'2025-q1': 10,
			'2025-q2': { answered: 2, valid: 0 },
			'2025-q3': 10,
			'2025-q4': 10
		});
		expect(quartersSafe(c, 2025, K)).toBe(false);
	});

	test('worked through: every difference of the periods the rule shows is none or at least k', () => {
		// Quarter counts for two years; the attacker may see any period the rule leaves shown.
		const c = counts({
			'2024-q1': 3,
			'2024-q2': 9,
			'2025-q1': 6,
			'2025-q2': 8,
			'2025-q3': 0,
			'2025-q4': 5
		});
		const years = [2024, 2025];
		const all = [...c.keys()];
		const quartersOfYear = (y: number) => all.filter((key) => key.startsWith(`${y}-`));
		const shown: string[][] = [];
		if (!periodHiding({ kind: 'all' }, c, K)) shown.push(all);
		for (const y of years) {
			shown.push(quartersOfYear(y));
			for (const key of quartersOfYear(y))
				if (!periodHiding({ kind: 'quarter', startYear: y, quarter: 1 }, c, K)) shown.push([key]);
		}
		const total = (keys: string[]) => keys.reduce((n, key) => n + (c.get(key)?.valid ?? 0), 0);
		for (const whole of shown)
			for (const part of shown) {
				if (part === whole || !part.every((key) => whole.includes(key))) continue;
				const left = total(whole) - total(part);
				expect(left === 0 || left >= K, `${whole} less ${part}`).toBe(true);
			}
		// 2024's quarters (3 and 9) are not shown; 2025's are; all time is (12 and 19).
		expect(shown).toContainEqual(['2025-q4']);
		expect(shown).not.toContainEqual(['2024-q1']);
		expect(shown).toContainEqual(all);
	});
});
