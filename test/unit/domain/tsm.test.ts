import { describe, expect, test } from 'vitest';
import {
	assessTsmAccuracy,
	calculateCh01,
	calculateCh02,
	calculateTsmPerceptionMeasures,
	calculateTsmPerceptionMeasuresByPopulation,
	isInTsmBase,
	isSmallProvider,
	marginOfError,
	meetsAccuracyRequirement,
	minimumSample,
	requiredMarginOfError,
	stratumWeights,
	TSM_PERCEPTION_CODES,
	TSM_PERCEPTION_MEASURES,
	tsmMeasureFromCounts,
	weightedTsmMeasureFromCounts,
	type TsmAnswer,
	type TsmMeasureResult,
	type TsmPerceptionCode,
	type TsmPopulation,
	type TsmRespondent,
	type TsmScreenAnswer,
	type TsmScreenCode
} from '$lib/domain/tsm';
import { formatScore } from '$lib/domain/rounding';

function respondent(
	answers: Partial<Record<TsmPerceptionCode, TsmAnswer>>,
	screens: Partial<Record<TsmScreenCode, TsmScreenAnswer>> = {},
	population: TsmPopulation = 'LCRA',
	stratum?: string
): TsmRespondent {
	return { population, answers, screens, stratum };
}

function measure(results: TsmMeasureResult[], code: TsmPerceptionCode): TsmMeasureResult {
	const result = results.find((candidate) => candidate.code === code);
	if (result === undefined) throw new Error(`no ${code} in the results`);
	return result;
}

function repeat(count: number, make: () => TsmRespondent): TsmRespondent[] {
	return Array.from({ length: count }, make);
}

describe('the measures as data', () => {
	test('twelve perception measures with their bases', () => {
		expect(TSM_PERCEPTION_CODES).toHaveLength(12);
		const screened = TSM_PERCEPTION_MEASURES.filter((m) => m.screen !== null).map((m) => [
			m.code,
			m.screen
		]);
		expect(screened).toEqual([
			['TP02', 'R'],
			['TP03', 'R'],
			['TP09', 'C'],
			['TP10', 'P']
		]);
		const notAskedOfLcho = TSM_PERCEPTION_MEASURES.filter((m) => !m.askedOfLcho).map((m) => m.code);
		expect(notAskedOfLcho).toEqual(['TP02', 'TP03', 'TP04']);
		const agreement = TSM_PERCEPTION_MEASURES.filter((m) => m.scale === 'A5').map((m) => m.code);
		expect(agreement).toEqual(['TP08']);
	});
});

describe('perception measures from records', () => {
	test("not applicable / don't know, refused and blank are outside the base", () => {
		// TP05 answers: 1, 2, 2, 3, 5 are valid (5); N/A–DK, refused and blank are excluded (3)
		// satisfied = positions 1–2 = 3 → 100 × 3 ÷ 5 = 60
		// (counting the 3 excluded as dissatisfied would wrongly give 3 ÷ 8 = 37.5)
		// SE = √(0.6 × 0.4 ÷ 5) = √0.048 = 0.2190890 → 21.90890 points; 1.96 × 21.90890 = 42.94145
		// 60 − 42.94145 = 17.05855; 60 + 42.94145 = 102.94 → clamped to 100
		const answers: TsmAnswer[] = [
			1,
			2,
			2,
			3,
			5,
			'not-applicable-dont-know',
			'dont-know-refused',
			null
		];
		const results = calculateTsmPerceptionMeasures(
			'LCRA',
			answers.map((answer) => respondent({ TP05: answer }))
		);
		const tp05 = measure(results, 'TP05');
		expect(tp05).toMatchObject({ n: 5, satisfied: 3, excluded: 3, percent: 60, weighted: false });
		expect(tp05.lower).toBeCloseTo(17.05855, 4);
		expect(tp05.upper).toBe(100);
	});

	test('a question left out of the record entirely counts as blank', () => {
		// two respondents, only one answered TP06 (Very satisfied): 1 of 1 valid → 100%, 1 excluded
		const results = calculateTsmPerceptionMeasures('LCRA', [
			respondent({ TP06: 1 }),
			respondent({ TP01: 3 })
		]);
		expect(measure(results, 'TP06')).toMatchObject({ n: 1, excluded: 1, percent: 100 });
	});

	test('TP02: only those answering Yes to screen R are in the base, whatever their record holds', () => {
		// in the base: Yes + 1 (satisfied), Yes + 4 (dissatisfied), Yes + blank (excluded)
		// outside it: No + 1, don't know + 2, no screen answer + 2 (e.g. from an imported file)
		// TP02 = 100 × 1 ÷ 2 = 50 (ignoring the screen it would be 4 satisfied ÷ 5 valid = 80)
		const results = calculateTsmPerceptionMeasures('LCRA', [
			respondent({ TP02: 1 }, { R: 'yes' }),
			respondent({ TP02: 4 }, { R: 'yes' }),
			respondent({ TP02: null }, { R: 'yes' }),
			respondent({ TP02: 1 }, { R: 'no' }),
			respondent({ TP02: 2 }, { R: 'dont-know-refused' }),
			respondent({ TP02: 2 })
		]);
		expect(measure(results, 'TP02')).toMatchObject({
			n: 2,
			satisfied: 1,
			excluded: 1,
			percent: 50
		});
	});

	test.each([
		['TP03', 'R'],
		['TP09', 'C'],
		['TP10', 'P']
	] as const)('%s: only Yes to screen %s counts', (code, screen) => {
		// Yes + 2 (satisfied), Yes + 3 (neither), No + 1 (outside the base), blank screen + 1 (outside)
		// → 1 satisfied of 2 valid = 50 (all four counted would be 3 ÷ 4 = 75)
		const results = calculateTsmPerceptionMeasures('LCRA', [
			respondent({ [code]: 2 }, { [screen]: 'yes' }),
			respondent({ [code]: 3 }, { [screen]: 'yes' }),
			respondent({ [code]: 1 }, { [screen]: 'no' }),
			respondent({ [code]: 1 }, { [screen]: null })
		]);
		expect(measure(results, code)).toMatchObject({ n: 2, satisfied: 1, percent: 50 });
	});

	test('a Yes to one screen does not open the base of another', () => {
		// Yes to R only: in the base for TP02, not for TP09 (screen C) or TP10 (screen P)
		const tenant = respondent({ TP02: 1, TP09: 1, TP10: 1 }, { R: 'yes' });
		expect(isInTsmBase('TP02', tenant)).toBe(true);
		expect(isInTsmBase('TP09', tenant)).toBe(false);
		expect(isInTsmBase('TP10', tenant)).toBe(false);
		const results = calculateTsmPerceptionMeasures('LCRA', [tenant]);
		expect(measure(results, 'TP09')).toMatchObject({ n: 0, excluded: 0, percent: null });
	});

	test('TP08 counts Strongly agree and Agree', () => {
		// positions 1 (Strongly agree), 2 (Agree), 3 (Neither), 4 (Disagree): 2 of 4 → 50
		const results = calculateTsmPerceptionMeasures(
			'LCRA',
			([1, 2, 3, 4] as const).map((answer) => respondent({ TP08: answer }))
		);
		expect(measure(results, 'TP08')).toMatchObject({ n: 4, satisfied: 2, percent: 50 });
	});

	test('no respondents: every measure has no score', () => {
		const results = calculateTsmPerceptionMeasures('LCRA', []);
		expect(results).toHaveLength(12);
		expect(results.every((result) => result.percent === null && result.n === 0)).toBe(true);
	});
});

describe('LCRA and LCHO', () => {
	test('TP02, TP03 and TP04 are not asked of LCHO, whatever the record holds', () => {
		const lcho = respondent({ TP01: 2, TP02: 1, TP03: 1, TP04: 1 }, { R: 'yes' }, 'LCHO');
		const results = calculateTsmPerceptionMeasures('LCHO', [lcho]);
		for (const code of ['TP02', 'TP03', 'TP04'] as const) {
			expect(measure(results, code)).toMatchObject({ asked: false, n: 0, percent: null });
		}
		expect(measure(results, 'TP01')).toMatchObject({ asked: true, n: 1, percent: 100 });
		expect(tsmMeasureFromCounts('TP04', 'LCHO', { satisfied: 3, valid: 4 })).toMatchObject({
			asked: false,
			percent: null
		});
	});

	test('are computed separately and never pooled', () => {
		// LCRA TP01: 1, 1, 4 → 2 of 3 = 66.67; LCHO TP01: 2, 5 → 1 of 2 = 50
		// pooled it would be 3 of 5 = 60, which is neither
		const everyone = [
			respondent({ TP01: 1 }),
			respondent({ TP01: 1 }),
			respondent({ TP01: 4 }),
			respondent({ TP01: 2 }, {}, 'LCHO'),
			respondent({ TP01: 5 }, {}, 'LCHO')
		];
		const byPopulation = calculateTsmPerceptionMeasuresByPopulation(everyone);
		expect(measure(byPopulation.LCRA, 'TP01').percent).toBeCloseTo(66.666667, 5);
		expect(measure(byPopulation.LCRA, 'TP01').n).toBe(3);
		expect(measure(byPopulation.LCHO, 'TP01')).toMatchObject({ n: 2, percent: 50 });
		expect(() => calculateTsmPerceptionMeasures('LCRA', everyone)).toThrow(RangeError);
	});
});

describe('weighting', () => {
	test('weight = population share ÷ sample share', () => {
		// general needs: 900 of 1,000 homes (0.9), 60 of 100 respondents (0.6) → 0.9 ÷ 0.6 = 1.5
		// older people's: 100 of 1,000 homes (0.1), 40 of 100 respondents (0.4) → 0.1 ÷ 0.4 = 0.25
		const weights = stratumWeights([
			{ stratum: 'general needs', population: 900, respondents: 60 },
			{ stratum: "older people's", population: 100, respondents: 40 }
		]);
		expect(weights['general needs']).toBeCloseTo(1.5, 12);
		expect(weights["older people's"]).toBeCloseTo(0.25, 12);
	});

	test('a stratum with nobody in the sample gets no weight; homes-less respondents are refused', () => {
		// A: 500 of 1,000 homes, 50 of 50 respondents → 0.5 ÷ 1 = 0.5; B: nobody to carry it
		expect(
			stratumWeights([
				{ stratum: 'A', population: 500, respondents: 50 },
				{ stratum: 'B', population: 500, respondents: 0 }
			])
		).toEqual({ A: 0.5 });
		expect(() => stratumWeights([{ stratum: 'A', population: 0, respondents: 3 }])).toThrow(
			RangeError
		);
		expect(() =>
			stratumWeights([
				{ stratum: 'A', population: 10, respondents: 0 },
				{ stratum: 'A', population: 10, respondents: 3 }
			])
		).toThrow(RangeError);
	});

	test('two strata: weighted TP = Σ(w × satisfied) ÷ Σ(w × valid)', () => {
		// general needs (w = 1.5): 60 respondents, 30 satisfied (Very), 30 dissatisfied (Fairly dis.)
		// older people's (w = 0.25): 40 respondents, 36 satisfied (Fairly), 4 Very dissatisfied
		// unweighted: (30 + 36) ÷ 100 = 66%
		// weighted: (1.5 × 30 + 0.25 × 36) ÷ (1.5 × 60 + 0.25 × 40) = (45 + 9) ÷ (90 + 10) = 54%
		// (check: 0.9 × 30/60 + 0.1 × 36/40 = 0.45 + 0.09 = 0.54)
		// effective n = (Σw)² ÷ Σw² = 100² ÷ (60 × 2.25 + 40 × 0.0625) = 10,000 ÷ 137.5 = 72.7273
		// SE = √(0.54 × 0.46 ÷ 72.7273) = √0.0034155 = 0.0584423; 1.96 × 5.84423 = 11.45469
		// → 42.54531 to 65.45469
		const generalNeeds = [
			...repeat(30, () => respondent({ TP01: 1 }, {}, 'LCRA', 'general needs')),
			...repeat(30, () => respondent({ TP01: 4 }, {}, 'LCRA', 'general needs'))
		];
		const olderPeople = [
			...repeat(36, () => respondent({ TP01: 2 }, {}, 'LCRA', "older people's")),
			...repeat(4, () => respondent({ TP01: 5 }, {}, 'LCRA', "older people's"))
		];
		const weights = { 'general needs': 1.5, "older people's": 0.25 };
		const tp01 = measure(
			calculateTsmPerceptionMeasures('LCRA', [...generalNeeds, ...olderPeople], weights),
			'TP01'
		);
		expect(tp01).toMatchObject({ n: 100, satisfied: 66, weighted: true });
		expect(tp01.weightedSatisfied).toBeCloseTo(54, 10);
		expect(tp01.weightedValid).toBeCloseTo(100, 10);
		expect(tp01.percent).toBeCloseTo(54, 10);
		expect(tp01.effectiveN).toBeCloseTo(72.727273, 5);
		expect(tp01.lower).toBeCloseTo(42.54531, 4);
		expect(tp01.upper).toBeCloseTo(65.45469, 4);

		const unweighted = measure(
			calculateTsmPerceptionMeasures('LCRA', [...generalNeeds, ...olderPeople]),
			'TP01'
		);
		expect(unweighted.percent).toBe(66);

		const fromCounts = weightedTsmMeasureFromCounts('TP01', 'LCRA', [
			{ weight: 1.5, satisfied: 30, valid: 60 },
			{ weight: 0.25, satisfied: 36, valid: 40 }
		]);
		expect(fromCounts.percent).toBeCloseTo(54, 10);
		expect(fromCounts.effectiveN).toBeCloseTo(72.727273, 5);
	});

	test('weighted respondents still leave the excluded out', () => {
		// w = 2: 1 satisfied, 1 don't know; w = 0.5: 1 dissatisfied
		// (2 × 1) ÷ (2 × 1 + 0.5 × 1) = 2 ÷ 2.5 = 80%; the don't know is in neither
		const tp07 = measure(
			calculateTsmPerceptionMeasures(
				'LCRA',
				[
					respondent({ TP07: 1 }, {}, 'LCRA', 'A'),
					respondent({ TP07: 'not-applicable-dont-know' }, {}, 'LCRA', 'A'),
					respondent({ TP07: 4 }, {}, 'LCRA', 'B')
				],
				{ A: 2, B: 0.5 }
			),
			'TP07'
		);
		expect(tp07).toMatchObject({ n: 2, excluded: 1 });
		expect(tp07.percent).toBeCloseTo(80, 10);
	});

	test('a respondent without a weight is refused rather than silently dropped', () => {
		expect(() =>
			calculateTsmPerceptionMeasures('LCRA', [respondent({ TP01: 1 }, {}, 'LCRA', 'C')], { A: 1 })
		).toThrow(RangeError);
	});
});

describe('perception measures from counts', () => {
	test('unweighted', () => {
		// 312 satisfied of 480 valid: 100 × 312 ÷ 480 = 65; 40 excluded reported as such
		// SE = √(0.65 × 0.35 ÷ 480) = √0.000473958 = 0.0217706; 1.96 × 2.17706 = 4.26704
		// → 65 − 4.26704 = 60.73296 to 65 + 4.26704 = 69.26704
		const result = tsmMeasureFromCounts('TP01', 'LCRA', {
			satisfied: 312,
			valid: 480,
			excluded: 40
		});
		expect(result).toMatchObject({ n: 480, satisfied: 312, excluded: 40, percent: 65 });
		expect(result.lower).toBeCloseTo(60.73296, 4);
		expect(result.upper).toBeCloseTo(69.26704, 4);
		expect(result.effectiveN).toBe(480);
	});

	test('no valid answers: no score', () => {
		expect(
			tsmMeasureFromCounts('TP12', 'LCHO', { satisfied: 0, valid: 0, excluded: 9 })
		).toMatchObject({ asked: true, n: 0, excluded: 9, percent: null, lower: null });
	});

	test('refuses more satisfied than valid', () => {
		expect(() => tsmMeasureFromCounts('TP01', 'LCRA', { satisfied: 5, valid: 4 })).toThrow(
			RangeError
		);
	});
});

describe('statistical accuracy', () => {
	test('small provider: fewer than 1,000 relevant homes in total has no requirement', () => {
		expect(isSmallProvider(999)).toBe(true);
		expect(isSmallProvider(1000)).toBe(false);
		// LCRA 700 + LCHO 250 = 950 < 1,000: neither population has a requirement
		expect(requiredMarginOfError(700, 950)).toBeNull();
		expect(requiredMarginOfError(250, 950)).toBeNull();
		// the same 700 LCRA homes in a landlord with 1,000 in total: ±5%
		expect(requiredMarginOfError(700, 1000)).toBe(5);
	});

	test.each([
		[2_499, 5],
		[2_500, 4],
		[9_999, 4],
		[10_000, 3],
		[24_999, 3],
		[25_000, 2],
		[60_000, 2]
	])('a population of %d homes needs ±%d%%', (homes, required) => {
		expect(requiredMarginOfError(homes, 100_000)).toBe(required);
	});

	test('N = 3,200 LCRA needs ±4%: minimum sample 506', () => {
		// 3,200 is in 2,500–9,999 → ±4%.
		// MoE ≤ r  ⇔  (196² × 0.25) × (N − n) ÷ (n × (N − 1)) ≤ r²
		//          ⇔  9,604 × (N − n) ≤ r² × n × (N − 1)
		//          ⇔  n ≥ 9,604 × N ÷ (r² × (N − 1) + 9,604)
		// = 9,604 × 3,200 ÷ (16 × 3,199 + 9,604) = 30,732,800 ÷ (51,184 + 9,604) = 30,732,800 ÷ 60,788
		// = 505.57… → the smallest whole n is 506
		// check n = 506: 196 × √(0.25 ÷ 506) × √(2,694 ÷ 3,199) = 196 × 0.0222277 × 0.917681 = 3.998
		// check n = 505: 196 × √(0.25 ÷ 505) × √(2,695 ÷ 3,199) = 196 × 0.0222497 × 0.917851 = 4.0027
		expect(requiredMarginOfError(3200, 3200)).toBe(4);
		expect(minimumSample(3200, 4)).toBe(506);
		expect(marginOfError(506, 3200)).toBeCloseTo(3.998, 3);
		expect(marginOfError(505, 3200)).toBeCloseTo(4.0027, 4);
		expect(meetsAccuracyRequirement(506, 3200, 4)).toBe(true);
		expect(meetsAccuracyRequirement(505, 3200, 4)).toBe(false);
	});

	test('the unrounded MoE is compared, though both display as 4.0', () => {
		// 3.998 and 4.0027 both show as "4.0"; only the first meets ±4
		expect(formatScore(marginOfError(506, 3200))).toBe('4.0');
		expect(formatScore(marginOfError(505, 3200))).toBe('4.0');
		expect(assessTsmAccuracy(3200, 4000, 505).meetsRequirement).toBe(false);
		expect(assessTsmAccuracy(3200, 4000, 506).meetsRequirement).toBe(true);
	});

	test('N = 800 LCHO at ±5%: 260', () => {
		// 9,604 × 800 ÷ (25 × 799 + 9,604) = 7,683,200 ÷ (19,975 + 9,604) = 7,683,200 ÷ 29,579
		// = 259.75… → 260
		expect(minimumSample(800, 5)).toBe(260);
		// MoE(260) = 196 × √(0.25 ÷ 260) × √(540 ÷ 799) = 196 × 0.0310087 × 0.822098 = 4.9965
		expect(marginOfError(260, 800)).toBeCloseTo(4.9965, 4);
	});

	test('N = 12,000 at ±3%: 981', () => {
		// 9,604 × 12,000 ÷ (9 × 11,999 + 9,604) = 115,248,000 ÷ (107,991 + 9,604)
		// = 115,248,000 ÷ 117,595 = 980.04… → 981
		// (980 gives 3.00007, just over ±3)
		expect(minimumSample(12000, 3)).toBe(981);
		expect(meetsAccuracyRequirement(980, 12000, 3)).toBe(false);
	});

	test('N = 30,000 at ±2%: 2,224', () => {
		// 9,604 × 30,000 ÷ (4 × 29,999 + 9,604) = 288,120,000 ÷ (119,996 + 9,604)
		// = 288,120,000 ÷ 129,600 = 2,223.15 → 2,224
		expect(minimumSample(30000, 2)).toBe(2224);
	});

	test('an MoE of exactly the requirement meets it', () => {
		// N = 1,030 at ±5%: 9,604 × 1,030 ÷ (25 × 1,029 + 9,604) = 9,892,120 ÷ 35,329 = 280 exactly
		// MoE(280)² = 9,604 × (1,030 − 280) ÷ (280 × 1,029) = 7,203,000 ÷ 288,120 = 25 → MoE = 5
		expect(marginOfError(280, 1030)).toBe(5);
		expect(meetsAccuracyRequirement(280, 1030, 5)).toBe(true);
		expect(meetsAccuracyRequirement(279, 1030, 5)).toBe(false);
		expect(minimumSample(1030, 5)).toBe(280);
	});

	test('edge cases of the formula', () => {
		expect(marginOfError(0, 500)).toBeNull(); // no responses yet
		expect(marginOfError(500, 500)).toBe(0); // a census: √((N − N) ÷ (N − 1)) = 0
		expect(marginOfError(1, 1)).toBe(0);
		expect(() => marginOfError(501, 500)).toThrow(RangeError);
		expect(minimumSample(1, 5)).toBe(1); // 9,604 × 1 ÷ (25 × 0 + 9,604) = 1
		expect(minimumSample(0, 5)).toBe(0);
		// N = 10 at ±5%: 96,040 ÷ (25 × 9 + 9,604) = 96,040 ÷ 9,829 = 9.77… → 10, everyone
		expect(minimumSample(10, 5)).toBe(10);
	});

	test('the live summary for a small provider still shows the achieved MoE', () => {
		// 700 LCRA homes of 950 in total, 120 responses:
		// MoE = 196 × √(0.25 ÷ 120) × √(580 ÷ 699) = 196 × 0.0456435 × 0.910910 = 8.1491
		const summary = assessTsmAccuracy(700, 950, 120);
		expect(summary).toMatchObject({
			smallProvider: true,
			requiredMarginOfError: null,
			minimumSample: null,
			meetsRequirement: null
		});
		expect(summary.marginOfError).toBeCloseTo(8.1491, 4);
	});

	test('the live summary before any responses', () => {
		expect(assessTsmAccuracy(3200, 4000, 0)).toEqual({
			smallProvider: false,
			requiredMarginOfError: 4,
			minimumSample: 506,
			marginOfError: null,
			meetsRequirement: false
		});
	});
});

describe('CH01 and CH02', () => {
	test('an open complaint counts as received but not as responded to', () => {
		// stage 1 in the year: 3 complaints — one answered on time, one late, one still open
		// CH01 = 3 ÷ 1,500 homes × 1,000 = 2.0
		// CH02 = 100 × 1 ÷ (1 + 1) = 50.0; the open one is in neither numerator nor denominator
		// (counting it as late would give 100 × 1 ÷ 3 = 33.3)
		expect(calculateCh01({ stage: 1, complaintsReceived: 3, relevantHomes: 1500 })).toEqual({
			measure: 'CH01',
			stage: 1,
			numerator: 3,
			denominator: 1500,
			value: 2
		});
		expect(
			calculateCh02({
				stage: 1,
				respondedWithinTimescale: 1,
				respondedOutsideTimescale: 1,
				notYetResponded: 1
			})
		).toEqual({
			measure: 'CH02',
			stage: 1,
			numerator: 1,
			denominator: 2,
			value: 50,
			notYetResponded: 1
		});
	});

	test('stages are reported separately, to 1 decimal place', () => {
		// stage 1: 47 ÷ 3,200 × 1,000 = 14.6875 → 14.7
		// stage 2: 5 ÷ 3,200 × 1,000 = 1.5625 → 1.6
		const stage1 = calculateCh01({ stage: 1, complaintsReceived: 47, relevantHomes: 3200 });
		const stage2 = calculateCh01({ stage: 2, complaintsReceived: 5, relevantHomes: 3200 });
		expect(stage1.value).toBe(14.6875);
		expect(formatScore(stage1.value)).toBe('14.7');
		expect(stage2.value).toBe(1.5625);
		expect(formatScore(stage2.value)).toBe('1.6');
		// stage 1 CH02: 40 on time, 4 late, 3 open → 100 × 40 ÷ 44 = 90.909… → 90.9
		const onTime = calculateCh02({
			stage: 1,
			respondedWithinTimescale: 40,
			respondedOutsideTimescale: 4,
			notYetResponded: 3
		});
		expect(onTime.denominator).toBe(44);
		expect(formatScore(onTime.value)).toBe('90.9');
	});

	test('a zero denominator gives no value', () => {
		expect(calculateCh01({ stage: 2, complaintsReceived: 0, relevantHomes: 0 }).value).toBeNull();
		const nothingAnswered = calculateCh02({
			stage: 2,
			respondedWithinTimescale: 0,
			respondedOutsideTimescale: 0,
			notYetResponded: 2
		});
		expect(nothingAnswered).toMatchObject({ numerator: 0, denominator: 0, value: null });
	});

	test('refuses impossible counts', () => {
		expect(() => calculateCh01({ stage: 1, complaintsReceived: -1, relevantHomes: 10 })).toThrow(
			RangeError
		);
		expect(() =>
			calculateCh02({ stage: 1, respondedWithinTimescale: 1.5, respondedOutsideTimescale: 0 })
		).toThrow(RangeError);
	});
});
