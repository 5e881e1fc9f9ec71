import { describe, expect, test } from 'vitest';
import {
	compareNps,
	compareProportions,
	effectiveSampleSize,
	NPS_DIFFERENCE_TEST,
	requireCount,
	TWO_PROPORTION_TEST,
	waldInterval,
	Z_95
} from '$lib/domain/intervals';

describe('waldInterval', () => {
	test('p = 0.5, n = 100', () => {
		// SE = √(0.5 × 0.5 ÷ 100) = √0.0025 = 0.05; 1.96 × 0.05 = 0.098
		// interval = 0.5 ± 0.098 = 0.402 to 0.598
		const interval = waldInterval(0.5, 100);
		expect(Z_95).toBe(1.96);
		expect(interval?.standardError).toBeCloseTo(0.05, 10);
		expect(interval?.lower).toBeCloseTo(0.402, 10);
		expect(interval?.upper).toBeCloseTo(0.598, 10);
	});

	test('is clamped to [0, 1]', () => {
		// p = 0.9, n = 10: SE = √(0.9 × 0.1 ÷ 10) = √0.009 = 0.0948683
		// 1.96 × 0.0948683 = 0.1859419; 0.9 + 0.1859419 = 1.0859 → clamped to 1
		// lower = 0.9 − 0.1859419 = 0.7140581
		const interval = waldInterval(0.9, 10);
		expect(interval?.lower).toBeCloseTo(0.7140581, 6);
		expect(interval?.upper).toBe(1);
		// p = 0.1, n = 10 mirrors it: 0.1 − 0.1859419 < 0 → clamped to 0
		expect(waldInterval(0.1, 10)?.lower).toBe(0);
	});

	test('zero variance gives an interval of zero width', () => {
		// p = 1: SE = √(1 × 0 ÷ 3) = 0
		expect(waldInterval(1, 3)).toEqual({ proportion: 1, standardError: 0, lower: 1, upper: 1 });
		expect(waldInterval(0, 5)).toEqual({ proportion: 0, standardError: 0, lower: 0, upper: 0 });
	});

	test('no sample, no interval', () => {
		expect(waldInterval(0, 0)).toBeNull();
	});

	test('refuses a proportion outside 0 to 1', () => {
		expect(() => waldInterval(1.2, 10)).toThrow(RangeError);
		expect(() => waldInterval(Number.NaN, 10)).toThrow(RangeError);
		expect(() => waldInterval(0.5, -1)).toThrow(RangeError);
	});
});

describe('effectiveSampleSize', () => {
	test('equal weights: the effective n is the respondent count', () => {
		// ten weights of 1: (Σw)² ÷ Σw² = 10² ÷ 10 = 10
		expect(effectiveSampleSize(10, 10)).toBe(10);
	});

	test('uneven weights shrink it', () => {
		// 60 weights of 1.5 and 40 of 0.25: Σw = 90 + 10 = 100; Σw² = 60 × 2.25 + 40 × 0.0625 = 137.5
		// (Σw)² ÷ Σw² = 10,000 ÷ 137.5 = 72.7272…
		expect(effectiveSampleSize(100, 137.5)).toBeCloseTo(72.727273, 6);
	});
});

describe('requireCount', () => {
	test('counts are whole and not negative; weighted sums need only be non-negative', () => {
		expect(requireCount(3, 'x')).toBe(3);
		expect(() => requireCount(-1, 'x')).toThrow(RangeError);
		expect(() => requireCount(2.5, 'x')).toThrow(RangeError);
		expect(requireCount(2.5, 'x', true)).toBe(2.5);
		expect(() => requireCount(Number.NaN, 'x', true)).toThrow(RangeError);
	});
});

describe('compareProportions', () => {
	test('a rise larger than the uncertainty', () => {
		// previous 60 of 100 (p₁ = 0.6), current 75 of 100 (p₂ = 0.75)
		// difference = 75 − 60 = 15 percentage points
		// SE = √(0.6 × 0.4 ÷ 100 + 0.75 × 0.25 ÷ 100) = √(0.0024 + 0.001875) = √0.004275
		//    = 0.0653835 → 6.53835 points; 1.96 × 6.53835 = 12.81516
		// interval = 15 ± 12.81516 = 2.18484 to 27.81516: excludes zero
		// z = 15 ÷ 6.53835 = 2.29416
		const comparison = compareProportions({ successes: 60, n: 100 }, { successes: 75, n: 100 });
		expect(comparison?.difference).toBeCloseTo(15, 10);
		expect(comparison?.standardError).toBeCloseTo(6.53835, 5);
		expect(comparison?.lower).toBeCloseTo(2.18484, 4);
		expect(comparison?.upper).toBeCloseTo(27.81516, 4);
		expect(comparison?.zStatistic).toBeCloseTo(2.29416, 4);
		expect(comparison?.exceedsUncertainty).toBe(true);
		expect(comparison?.testName).toBe(TWO_PROPORTION_TEST);
		expect(TWO_PROPORTION_TEST).toBe('two-proportion z-test');
		expect(comparison?.confidenceLevel).toBe(0.95);
	});

	test('a rise within the uncertainty', () => {
		// previous 50 of 100, current 55 of 100: difference = 5 points
		// SE = √(0.5 × 0.5 ÷ 100 + 0.55 × 0.45 ÷ 100) = √(0.0025 + 0.002475) = √0.004975
		//    = 0.0705337 → 7.05337 points; 1.96 × 7.05337 = 13.82460
		// interval = 5 ± 13.82460 = −8.82460 to 18.82460: includes zero
		const comparison = compareProportions({ successes: 50, n: 100 }, { successes: 55, n: 100 });
		expect(comparison?.difference).toBeCloseTo(5, 10);
		expect(comparison?.lower).toBeCloseTo(-8.8246, 4);
		expect(comparison?.upper).toBeCloseTo(18.8246, 4);
		expect(comparison?.exceedsUncertainty).toBe(false);
	});

	test('a fall is current minus previous, so negative', () => {
		// previous 75 of 100, current 60 of 100: 60 − 75 = −15; same SE as above, 6.53835
		// interval = −15 ± 12.81516 = −27.81516 to −2.18484
		const comparison = compareProportions({ successes: 75, n: 100 }, { successes: 60, n: 100 });
		expect(comparison?.difference).toBeCloseTo(-15, 10);
		expect(comparison?.lower).toBeCloseTo(-27.81516, 4);
		expect(comparison?.upper).toBeCloseTo(-2.18484, 4);
		expect(comparison?.zStatistic).toBeCloseTo(-2.29416, 4);
		expect(comparison?.exceedsUncertainty).toBe(true);
	});

	test('both periods unanimous: zero standard error', () => {
		// 10 of 10 then 10 of 10: difference 0, SE √(0 + 0) = 0 → no change
		const same = compareProportions({ successes: 10, n: 10 }, { successes: 10, n: 10 });
		expect(same).toMatchObject({ difference: 0, standardError: 0, lower: 0, upper: 0 });
		expect(same?.zStatistic).toBeNull();
		expect(same?.exceedsUncertainty).toBe(false);
		// 0 of 10 then 10 of 10: difference 100, SE 0 → interval 100 to 100, a real change
		const opposite = compareProportions({ successes: 0, n: 10 }, { successes: 10, n: 10 });
		expect(opposite).toMatchObject({ difference: 100, lower: 100, upper: 100 });
		expect(opposite?.exceedsUncertainty).toBe(true);
	});

	test('nothing to compare when a period has no valid answers', () => {
		expect(compareProportions({ successes: 0, n: 0 }, { successes: 5, n: 10 })).toBeNull();
		expect(compareProportions({ successes: 5, n: 10 }, { successes: 0, n: 0 })).toBeNull();
	});

	test('refuses more successes than answers', () => {
		expect(() => compareProportions({ successes: 11, n: 10 }, { successes: 5, n: 10 })).toThrow(
			RangeError
		);
	});
});

describe('compareNps', () => {
	test('difference tested with both standard errors', () => {
		// previous NPS 20 (SE 5), current NPS 35 (SE 5): difference = 15
		// SE of the difference = √(5² + 5²) = √50 = 7.0710678; 1.96 × 7.0710678 = 13.859293
		// interval = 15 ± 13.859293 = 1.140707 to 28.859293: excludes zero
		const comparison = compareNps({ score: 20, se: 5 }, { score: 35, se: 5 });
		expect(comparison?.difference).toBe(15);
		expect(comparison?.standardError).toBeCloseTo(7.0710678, 6);
		expect(comparison?.lower).toBeCloseTo(1.140707, 5);
		expect(comparison?.upper).toBeCloseTo(28.859293, 5);
		expect(comparison?.exceedsUncertainty).toBe(true);
		expect(comparison?.testName).toBe(NPS_DIFFERENCE_TEST);
	});

	test('a smaller change is within the uncertainty', () => {
		// 20 (SE 5) → 30 (SE 5): 10 ± 13.859293 = −3.859293 to 23.859293, includes zero
		const comparison = compareNps({ score: 20, se: 5 }, { score: 30, se: 5 });
		expect(comparison?.lower).toBeCloseTo(-3.859293, 5);
		expect(comparison?.exceedsUncertainty).toBe(false);
	});

	test('is clamped to the widest possible change, ±200', () => {
		// previous: all detractors, NPS −100, SE 0
		// current: 9 promoters and 1 passive, NPS 90, SE = 100 × √((0.9 − 0.81) ÷ 10) = 9.486833
		// difference = 90 − (−100) = 190; 1.96 × √(0² + 9.486833²) = 18.594193
		// 190 + 18.594193 = 208.59 → clamped to 200; lower = 190 − 18.594193 = 171.405807
		const comparison = compareNps({ score: -100, se: 0 }, { score: 90, se: 9.486833 });
		expect(comparison?.difference).toBe(190);
		expect(comparison?.upper).toBe(200);
		expect(comparison?.lower).toBeCloseTo(171.405807, 5);
	});

	test('no score on either side, nothing to compare', () => {
		expect(compareNps({ score: null, se: null }, { score: 10, se: 4 })).toBeNull();
	});
});
