import { describe, expect, test } from 'vitest';
import {
	groupNpsScoreCounts,
	npsFromGroupCounts,
	npsFromScoreCounts,
	npsGroupOfScore,
	weightedNps
} from '$lib/domain/nps';
import { formatSignedScore } from '$lib/domain/rounding';

describe('npsGroupOfScore', () => {
	test.each([
		[0, 'detractors'],
		[6, 'detractors'],
		[7, 'passives'],
		[8, 'passives'],
		[9, 'promoters'],
		[10, 'promoters']
	])('%d is one of the %s', (score, group) => {
		expect(npsGroupOfScore(score)).toBe(group);
	});

	test('only the integers 0–10 are answers', () => {
		expect(() => npsGroupOfScore(11)).toThrow(RangeError);
		expect(() => npsGroupOfScore(-1)).toThrow(RangeError);
		expect(() => npsGroupOfScore(8.5)).toThrow(RangeError);
	});
});

describe('npsFromScoreCounts', () => {
	test('eleven counts, scores 0 to 10', () => {
		// score:   0  1  2  3  4  5  6  7  8  9 10
		// count:   1  0  0  1  0  2  1  3  2  4  6
		// detractors (0–6) = 1 + 1 + 2 + 1 = 5; passives (7–8) = 3 + 2 = 5; promoters (9–10) = 4 + 6 = 10
		// n = 20; NPS = 100 × (10 − 5) ÷ 20 = 25
		// p = 0.5, d = 0.25: p + d − (p − d)² = 0.75 − 0.0625 = 0.6875
		// SE = 100 × √(0.6875 ÷ 20) = 100 × √0.034375 = 18.540496
		// 1.96 × 18.540496 = 36.339372 → interval −11.339372 to 61.339372
		const result = npsFromScoreCounts([1, 0, 0, 1, 0, 2, 1, 3, 2, 4, 6]);
		expect(result).toMatchObject({ n: 20, promoters: 10, passives: 5, detractors: 5, score: 25 });
		expect(result.se).toBeCloseTo(18.540496, 5);
		expect(result.lower).toBeCloseTo(-11.339372, 5);
		expect(result.upper).toBeCloseTo(61.339372, 5);
		expect(result.smallSample).toBe(true); // 20 < 30
	});

	test('needs exactly eleven whole, non-negative counts', () => {
		expect(() => npsFromScoreCounts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toThrow(RangeError);
		expect(() => npsFromScoreCounts([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toThrow(RangeError);
		expect(() => npsFromScoreCounts([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])).toThrow(RangeError);
		expect(() => npsFromScoreCounts([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])).toThrow(RangeError);
	});

	test('groups the counts', () => {
		// 0–6: 1 each = 7 detractors; 7, 8: 2 each = 4 passives; 9, 10: 3 each = 6 promoters
		expect(groupNpsScoreCounts([1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3])).toEqual({
			promoters: 6,
			passives: 4,
			detractors: 7
		});
	});
});

describe('npsFromGroupCounts', () => {
	test('100 answers', () => {
		// 50 promoters, 30 passives, 20 detractors: NPS = 100 × (50 − 20) ÷ 100 = 30
		// p = 0.5, d = 0.2: 0.7 − 0.3² = 0.61; SE = 100 × √(0.61 ÷ 100) = 100 × 0.0781025 = 7.81025
		// 1.96 × 7.81025 = 15.308089 → 14.691911 to 45.308089
		const result = npsFromGroupCounts({ promoters: 50, passives: 30, detractors: 20 });
		expect(result.n).toBe(100);
		expect(result.score).toBe(30);
		expect(result.se).toBeCloseTo(7.81025, 5);
		expect(result.lower).toBeCloseTo(14.691911, 5);
		expect(result.upper).toBeCloseTo(45.308089, 5);
		expect(result.smallSample).toBe(false);
	});

	test('a small sample is flagged below 30, not at 30', () => {
		// 29 answers < 30 → flagged; 30 answers → not
		expect(npsFromGroupCounts({ promoters: 10, passives: 10, detractors: 9 }).smallSample).toBe(
			true
		);
		expect(npsFromGroupCounts({ promoters: 10, passives: 10, detractors: 10 }).smallSample).toBe(
			false
		);
	});

	test('all promoters, n = 3: score 100 with an interval of zero width', () => {
		// p = 1, d = 0: 1 + 0 − (1 − 0)² = 0 → SE 0 → 100 ± 0
		const result = npsFromGroupCounts({ promoters: 3, passives: 0, detractors: 0 });
		expect(result).toMatchObject({ n: 3, score: 100, se: 0, lower: 100, upper: 100 });
		expect(result.smallSample).toBe(true);
	});

	test('all detractors and all passives also have zero variance', () => {
		// all detractors: p = 0, d = 1: 1 − (−1)² = 0 → −100 ± 0
		expect(npsFromGroupCounts({ promoters: 0, passives: 0, detractors: 4 })).toMatchObject({
			score: -100,
			se: 0,
			lower: -100,
			upper: -100
		});
		// all passives: p = d = 0: 0 − 0 = 0 → 0 ± 0
		expect(npsFromGroupCounts({ promoters: 0, passives: 6, detractors: 0 })).toMatchObject({
			score: 0,
			se: 0,
			lower: 0,
			upper: 0
		});
	});

	test('the upper bound is clamped to 100 where it would exceed it', () => {
		// 9 promoters, 1 passive: NPS = 100 × 9 ÷ 10 = 90
		// p = 0.9, d = 0: 0.9 − 0.81 = 0.09; SE = 100 × √(0.09 ÷ 10) = 100 × √0.009 = 9.486833
		// 1.96 × 9.486833 = 18.594193: 90 + 18.594193 = 108.594193 → clamped to 100
		// lower = 90 − 18.594193 = 71.405807
		const result = npsFromGroupCounts({ promoters: 9, passives: 1, detractors: 0 });
		expect(result.score).toBe(90);
		expect(result.se).toBeCloseTo(9.486833, 5);
		expect(result.upper).toBe(100);
		expect(result.lower).toBeCloseTo(71.405807, 5);
	});

	test('the lower bound is clamped to −100', () => {
		// 1 passive, 9 detractors: NPS = −90, SE as above 9.486833
		// −90 − 18.594193 = −108.594193 → clamped to −100; upper = −71.405807
		const result = npsFromGroupCounts({ promoters: 0, passives: 1, detractors: 9 });
		expect(result.score).toBe(-90);
		expect(result.lower).toBe(-100);
		expect(result.upper).toBeCloseTo(-71.405807, 5);
	});

	test('greatest variance: half promoters, half detractors', () => {
		// 2 promoters, 2 detractors: NPS 0; p = d = 0.5: 1 − 0² = 1; SE = 100 × √(1 ÷ 4) = 50
		// 1.96 × 50 = 98 → −98 to 98
		const result = npsFromGroupCounts({ promoters: 2, passives: 0, detractors: 2 });
		expect(result).toMatchObject({ score: 0, se: 50 });
		expect(result.lower).toBeCloseTo(-98, 10);
		expect(result.upper).toBeCloseTo(98, 10);
	});

	test('nobody answered: no score, never 0 or NaN', () => {
		expect(npsFromGroupCounts({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
			n: 0,
			promoters: 0,
			passives: 0,
			detractors: 0,
			score: null,
			se: null,
			lower: null,
			upper: null,
			smallSample: true
		});
		expect(npsFromScoreCounts(new Array<number>(11).fill(0)).score).toBeNull();
	});

	test('is kept unrounded and rounded only for display, half away from zero', () => {
		// 329 promoters, 1,631 passives, 40 detractors: n = 2,000
		// NPS = 100 × (329 − 40) ÷ 2,000 = 28,900 ÷ 2,000 = 14.45 → shown "+14.5"
		const halfWay = npsFromGroupCounts({ promoters: 329, passives: 1631, detractors: 40 });
		expect(halfWay.n).toBe(2000);
		expect(halfWay.score).toBeCloseTo(14.45, 10);
		expect(formatSignedScore(halfWay.score)).toBe('+14.5');
		// the mirror image, 40 promoters and 329 detractors: −14.45 → "-14.5"
		const negative = npsFromGroupCounts({ promoters: 40, passives: 1631, detractors: 329 });
		expect(formatSignedScore(negative.score)).toBe('-14.5');
	});
});

describe('weightedNps', () => {
	test('with every weight 1 it is the unweighted NPS', () => {
		// Σw over 100 respondents = 100 and Σw² = 100, so the effective n is 100² ÷ 100 = 100
		const weighted = weightedNps({
			promoters: 50,
			passives: 30,
			detractors: 20,
			respondents: 100,
			sumOfSquaredWeights: 100
		});
		expect(weighted.effectiveN).toBe(100);
		expect(weighted.score).toBe(30);
		expect(weighted.se).toBeCloseTo(7.81025, 5);
	});

	test('two strata with different weights', () => {
		// stratum A, weight 1.5: 40 respondents — 20 promoters, 10 passives, 10 detractors
		// stratum B, weight 0.5: 40 respondents — 10 promoters, 10 passives, 20 detractors
		// weighted promoters = 1.5 × 20 + 0.5 × 10 = 35; passives = 15 + 5 = 20; detractors = 15 + 10 = 25
		// Σw = 80; Σw² = 40 × 2.25 + 40 × 0.25 = 100; effective n = 80² ÷ 100 = 64
		// NPS = 100 × (35 − 25) ÷ 80 = 12.5 (unweighted it would be 100 × (30 − 30) ÷ 80 = 0)
		// p = 35 ÷ 80 = 0.4375, d = 25 ÷ 80 = 0.3125: 0.75 − 0.125² = 0.734375
		// SE = 100 × √(0.734375 ÷ 64) = 100 × 0.1071196 = 10.71196
		// 1.96 × 10.71196 = 20.995442 → −8.495442 to 33.495442
		const result = weightedNps({
			promoters: 35,
			passives: 20,
			detractors: 25,
			respondents: 80,
			sumOfSquaredWeights: 100
		});
		expect(result.n).toBe(80);
		expect(result.effectiveN).toBe(64);
		expect(result.score).toBe(12.5);
		expect(result.se).toBeCloseTo(10.71196, 5);
		expect(result.lower).toBeCloseTo(-8.495442, 5);
		expect(result.upper).toBeCloseTo(33.495442, 5);
		expect(result.smallSample).toBe(false);
	});

	test('no weighted answers: no score', () => {
		const result = weightedNps({
			promoters: 0,
			passives: 0,
			detractors: 0,
			respondents: 0,
			sumOfSquaredWeights: 0
		});
		expect(result.score).toBeNull();
		expect(result.effectiveN).toBe(0);
	});

	test('refuses weighted sums without their squared weights', () => {
		expect(() =>
			weightedNps({
				promoters: 3,
				passives: 0,
				detractors: 1,
				respondents: 4,
				sumOfSquaredWeights: 0
			})
		).toThrow(RangeError);
	});
});
