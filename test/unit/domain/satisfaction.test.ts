import { describe, expect, test } from 'vitest';
import {
	agreementTopTwoBox,
	csat,
	customerEffortScore,
	percentResult,
	ratingOutOf100
} from '$lib/domain/satisfaction';
import { formatScore } from '$lib/domain/rounding';

describe('csat', () => {
	test("top two points of valid answers; not applicable / don't know outside the base", () => {
		// very 30 + fairly 25 = 55 satisfied
		// valid = 30 + 25 + 10 + 5 + 10 = 80 (the 20 N/A–DK are not in it)
		// CSAT = 100 × 55 ÷ 80 = 68.75 (with the 20 in the base it would wrongly be 55 ÷ 100 = 55)
		// SE = √(0.6875 × 0.3125 ÷ 80) = √0.00268555 = 0.0518223 → 5.18223 points
		// 1.96 × 5.18223 = 10.15717 → 58.59283 to 78.90717
		const result = csat({
			verySatisfied: 30,
			fairlySatisfied: 25,
			neither: 10,
			fairlyDissatisfied: 5,
			veryDissatisfied: 10,
			notApplicableOrDontKnow: 20
		});
		expect(result).toMatchObject({ n: 80, positive: 55, excluded: 20, percent: 68.75 });
		expect(result.se).toBeCloseTo(5.18223, 4);
		expect(result.lower).toBeCloseTo(58.59283, 4);
		expect(result.upper).toBeCloseTo(78.90717, 4);
	});

	test('only "not applicable / don\'t know" answers: no score', () => {
		const result = csat({
			verySatisfied: 0,
			fairlySatisfied: 0,
			neither: 0,
			fairlyDissatisfied: 0,
			veryDissatisfied: 0,
			notApplicableOrDontKnow: 7
		});
		expect(result).toEqual({
			n: 0,
			positive: 0,
			excluded: 7,
			percent: null,
			se: null,
			lower: null,
			upper: null
		});
	});

	test('everyone satisfied: 100% with an interval of zero width', () => {
		// 3 very + 1 fairly = 4 of 4 → 100%; SE = √(1 × 0 ÷ 4) = 0
		const result = csat({
			verySatisfied: 3,
			fairlySatisfied: 1,
			neither: 0,
			fairlyDissatisfied: 0,
			veryDissatisfied: 0
		});
		expect(result).toMatchObject({ n: 4, percent: 100, lower: 100, upper: 100, excluded: 0 });
	});

	test('refuses a negative count', () => {
		expect(() =>
			csat({
				verySatisfied: 3,
				fairlySatisfied: -1,
				neither: 0,
				fairlyDissatisfied: 0,
				veryDissatisfied: 0
			})
		).toThrow(RangeError);
	});
});

describe('agreementTopTwoBox', () => {
	test('strongly agree + agree of valid answers', () => {
		// 12 + 18 = 30 agreeing; valid = 12 + 18 + 6 + 3 + 1 = 40 (10 N/A–DK excluded)
		// 100 × 30 ÷ 40 = 75
		// SE = √(0.75 × 0.25 ÷ 40) = √0.0046875 = 0.0684653 → 6.84653 points
		// 1.96 × 6.84653 = 13.41920 → 61.58080 to 88.41920
		const result = agreementTopTwoBox({
			stronglyAgree: 12,
			agree: 18,
			neither: 6,
			disagree: 3,
			stronglyDisagree: 1,
			notApplicableOrDontKnow: 10
		});
		expect(result).toMatchObject({ n: 40, positive: 30, excluded: 10, percent: 75 });
		expect(result.lower).toBeCloseTo(61.5808, 4);
		expect(result.upper).toBeCloseTo(88.4192, 4);
	});
});

describe('customerEffortScore', () => {
	test('mean of 1–7 and % agreeing (5–7)', () => {
		// point:  1  2  3   4   5   6   7
		// count:  2  3  5  10  20  30  30   → n = 100
		// Σ = 1×2 + 2×3 + 3×5 + 4×10 + 5×20 + 6×30 + 7×30 = 2 + 6 + 15 + 40 + 100 + 180 + 210 = 553
		// mean = 553 ÷ 100 = 5.53 → shown 5.5
		// agreeing = 20 + 30 + 30 = 80 → 80%; SE = √(0.8 × 0.2 ÷ 100) = 0.04 → 4 points
		// 1.96 × 4 = 7.84 → 72.16 to 87.84
		const result = customerEffortScore([2, 3, 5, 10, 20, 30, 30]);
		expect(result.n).toBe(100);
		expect(result.mean).toBeCloseTo(5.53, 10);
		expect(formatScore(result.mean)).toBe('5.5');
		expect(result.agreement).toMatchObject({ n: 100, positive: 80, percent: 80 });
		expect(result.agreement.se).toBeCloseTo(4, 10);
		expect(result.agreement.lower).toBeCloseTo(72.16, 10);
		expect(result.agreement.upper).toBeCloseTo(87.84, 10);
	});

	test('4 is neither agreeing nor disagreeing, and stays in the base', () => {
		// one answer each of 4 and 5: n = 2, agreeing = 1 → 50%; mean = (4 + 5) ÷ 2 = 4.5
		const result = customerEffortScore([0, 0, 0, 1, 1, 0, 0], 3);
		expect(result).toMatchObject({ n: 2, excluded: 3, mean: 4.5 });
		expect(result.agreement.percent).toBe(50);
	});

	test('no valid answers: no mean, no percentage', () => {
		const result = customerEffortScore([0, 0, 0, 0, 0, 0, 0], 2);
		expect(result.mean).toBeNull();
		expect(result.agreement.percent).toBeNull();
		expect(result.excluded).toBe(2);
	});

	test('needs seven counts', () => {
		expect(() => customerEffortScore([1, 2, 3, 4, 5])).toThrow(RangeError);
	});
});

describe('ratingOutOf100', () => {
	test('mean × 10', () => {
		// three 7s, four 8s, two 9s and one 10: n = 10
		// Σ = 21 + 32 + 18 + 10 = 81; mean = 8.1; out of 100 = 81
		const result = ratingOutOf100([0, 0, 0, 0, 0, 0, 3, 4, 2, 1]);
		expect(result).toMatchObject({ n: 10, excluded: 0 });
		expect(result.mean).toBeCloseTo(8.1, 10);
		expect(result.outOf100).toBe(81);
	});

	test('a half-way result is shown rounded up', () => {
		// 151 answers of 7 and 49 of 8: n = 200; Σ = 1,057 + 392 = 1,449
		// out of 100 = 10 × 1,449 ÷ 200 = 72.45 → shown 72.5
		const result = ratingOutOf100([0, 0, 0, 0, 0, 0, 151, 49, 0, 0]);
		expect(result.n).toBe(200);
		expect(result.outOf100).toBeCloseTo(72.45, 10);
		expect(formatScore(result.outOf100)).toBe('72.5');
	});

	test('no valid answers: no score', () => {
		expect(ratingOutOf100(new Array<number>(10).fill(0), 4)).toEqual({
			n: 0,
			excluded: 4,
			mean: null,
			outOf100: null
		});
	});

	test('needs ten counts', () => {
		expect(() => ratingOutOf100([1, 2, 3])).toThrow(RangeError);
	});
});

describe('percentResult', () => {
	test('refuses more positive answers than valid ones', () => {
		expect(() => percentResult(5, 4)).toThrow(RangeError);
	});
});
