import { describe, expect, test } from 'vitest';
import {
	formatCount,
	formatPercent,
	formatScore,
	formatSignedScore,
	NO_SCORE,
	roundForDisplay
} from '$lib/domain/rounding';

describe('roundForDisplay', () => {
	test.each([
		// The reference's own examples.
		[1.45, 1.5], // 1.45 is stored as 1.44999…; as the decimal it stands for, 1.4|5 rounds up
		[-0.35, -0.4], // half away from zero: −0.3|5 → −0.4, not −0.3
		[0.05, 0.1], // 0.0|5 → 0.1
		// Further half-way cases, both signs.
		[2.25, 2.3], // 2.2|5 → 2.3 (half away from zero, not half to even's 2.2)
		[-2.25, -2.3], // −2.2|5 → −2.3
		[9.95, 10], // 9.9|5 → 10.0, carrying into the units
		[-99.95, -100], // −99.9|5 → −100.0
		// Not half-way.
		[1.44, 1.4], // 1.4|4 → 1.4
		[1.46, 1.5], // 1.4|6 → 1.5
		[123456789.25, 123456789.3], // …789.2|5 → …789.3
		[7, 7]
	])('%d → %d', (value, expected) => {
		expect(roundForDisplay(value)).toBe(expected);
	});

	test('a value that arithmetic left just below a half is read as the half', () => {
		// 0.05 + 2.3 = 2.35 exactly, but in binary floating point the sum is 2.3499999999999996;
		// the figure stands for 2.35, and 2.3|5 rounds to 2.4.
		expect(0.05 + 2.3).toBe(2.3499999999999996);
		expect(roundForDisplay(0.05 + 2.3)).toBe(2.4);
		// 100 × 0.145 = 14.5 exactly; in binary it is 14.499999999999998 → 14.5 at 1 place.
		expect(roundForDisplay(100 * 0.145)).toBe(14.5);
	});

	test('something that rounds to zero is zero, never minus zero', () => {
		// −0.04 → −0.0|4 → 0; a "−0.0" on a dashboard would suggest a fall that is not there.
		expect(Object.is(roundForDisplay(-0.04), 0)).toBe(true);
		expect(roundForDisplay(0.04)).toBe(0); // 0.0|4 → 0.0
		expect(roundForDisplay(0.0000001)).toBe(0); // far below 0.05
		expect(Object.is(roundForDisplay(-0), 0)).toBe(true);
	});

	test('other numbers of places', () => {
		expect(roundForDisplay(2.5, 0)).toBe(3); // 2|.5 → 3
		expect(roundForDisplay(-2.5, 0)).toBe(-3); // −2|.5 → −3
		expect(roundForDisplay(1.005, 2)).toBe(1.01); // 1.00|5 → 1.01, though stored as 1.00499…
	});

	test('refuses what is not a number', () => {
		expect(() => roundForDisplay(Number.NaN)).toThrow(RangeError);
		expect(() => roundForDisplay(Number.POSITIVE_INFINITY)).toThrow(RangeError);
		expect(() => roundForDisplay(1, -1)).toThrow(RangeError);
	});
});

describe('formatting', () => {
	test('null is "no score", never 0 or NaN', () => {
		expect(NO_SCORE).toBe('no score');
		expect(formatScore(null)).toBe('no score');
		expect(formatPercent(null)).toBe('no score');
		expect(formatSignedScore(null)).toBe('no score');
	});

	test('formatScore: 1 decimal place, always shown, with thousands separators', () => {
		expect(formatScore(1.45)).toBe('1.5'); // 1.4|5 → 1.5
		expect(formatScore(8)).toBe('8.0'); // the decimal place is kept: 8 → "8.0"
		expect(formatScore(-0.35)).toBe('-0.4'); // −0.3|5 → −0.4
		expect(formatScore(1234.56)).toBe('1,234.6'); // 1,234.5|6 → 1,234.6
		expect(formatScore(-0.04)).toBe('0.0'); // rounds to zero: no minus sign
	});

	test('formatPercent', () => {
		expect(formatPercent(45.25)).toBe('45.3%'); // 45.2|5 → 45.3
		expect(formatPercent(100)).toBe('100.0%');
		expect(formatPercent(0)).toBe('0.0%');
	});

	test('formatSignedScore shows the sign of a change or an NPS', () => {
		expect(formatSignedScore(12.45)).toBe('+12.5'); // 12.4|5 → +12.5
		expect(formatSignedScore(-3)).toBe('-3.0');
		expect(formatSignedScore(0.04)).toBe('0.0'); // rounds to 0.0: neither up nor down
		expect(formatSignedScore(-0.04)).toBe('0.0');
		expect(formatSignedScore(0.05)).toBe('+0.1'); // 0.0|5 → +0.1
	});

	test('formatCount', () => {
		expect(formatCount(0)).toBe('0');
		expect(formatCount(999)).toBe('999');
		expect(formatCount(100000)).toBe('100,000');
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(() => formatCount(1.5)).toThrow(RangeError);
	});
});
