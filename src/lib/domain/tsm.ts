/**
 * Tenant Satisfaction Measures (Regulator of Social Housing, England; reference/tsm.md): the
 * perception measures TP01–TP12 with their screening bases and weighting, the statistical accuracy
 * rules, and the complaints measures CH01 and CH02.
 *
 * The question wording is versioned data in the survey question bank; this module holds only the
 * facts the calculation needs: each measure's scale, base and whether LCHO tenants are asked it.
 */

import { effectiveSampleSize, requireCount, waldInterval } from './intervals';

export type TsmPopulation = 'LCRA' | 'LCHO';
export const TSM_POPULATIONS: readonly TsmPopulation[] = ['LCRA', 'LCHO'];

/** R: a repair in the last 12 months; C: a complaint in the last 12 months; P: communal areas. */
export type TsmScreenCode = 'R' | 'C' | 'P';
export type TsmScaleCode = 'S5' | 'A5';

export const TSM_PERCEPTION_CODES = [
	'TP01',
	'TP02',
	'TP03',
	'TP04',
	'TP05',
	'TP06',
	'TP07',
	'TP08',
	'TP09',
	'TP10',
	'TP11',
	'TP12'
] as const;
export type TsmPerceptionCode = (typeof TSM_PERCEPTION_CODES)[number];

/**
 * A regulated TSM perception question (TP01–TP12). Its results are shown for one tenure at a time
 * or in the TSM table, never pooled across LCRA and LCHO ("Calculation").
 */
export function isTsmPerceptionQuestion(question: { code: string; locked?: boolean }): boolean {
	return (
		question.locked === true && (TSM_PERCEPTION_CODES as readonly string[]).includes(question.code)
	);
}

/** What results show in place of a TSM question's answers when no tenure is chosen. */
export const TSM_BY_TENURE_ONLY =
	'A Tenant Satisfaction Measure: shown for LCRA and LCHO separately, never together. See the measures table, or filter by tenure.';

/** The scale points in the order the regulator prints them: position 1 is the most positive. */
export const TSM_SCALE_POINTS: Readonly<Record<TsmScaleCode, readonly string[]>> = {
	S5: [
		'Very satisfied',
		'Fairly satisfied',
		'Neither satisfied nor dissatisfied',
		'Fairly dissatisfied',
		'Very dissatisfied'
	],
	A5: ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree']
};

/** Positions 1 and 2 (Very + Fairly satisfied, or Strongly agree + Agree) count as satisfied. */
export const TSM_SATISFIED_POSITIONS: readonly TsmScalePosition[] = [1, 2];

export interface TsmMeasureDefinition {
	code: TsmPerceptionCode;
	scale: TsmScaleCode;
	/** Only those answering Yes to this screening question are in the base; null means everyone. */
	screen: TsmScreenCode | null;
	/** Whether "Not applicable / don't know" is offered to respondents who fill it in themselves. */
	notApplicableOffered: boolean;
	askedOfLcho: boolean;
}

export const TSM_PERCEPTION_MEASURES: readonly TsmMeasureDefinition[] = [
	{ code: 'TP01', scale: 'S5', screen: null, notApplicableOffered: false, askedOfLcho: true },
	{ code: 'TP02', scale: 'S5', screen: 'R', notApplicableOffered: false, askedOfLcho: false },
	{ code: 'TP03', scale: 'S5', screen: 'R', notApplicableOffered: false, askedOfLcho: false },
	{ code: 'TP04', scale: 'S5', screen: null, notApplicableOffered: false, askedOfLcho: false },
	{ code: 'TP05', scale: 'S5', screen: null, notApplicableOffered: true, askedOfLcho: true },
	{ code: 'TP06', scale: 'S5', screen: null, notApplicableOffered: true, askedOfLcho: true },
	{ code: 'TP07', scale: 'S5', screen: null, notApplicableOffered: true, askedOfLcho: true },
	{ code: 'TP08', scale: 'A5', screen: null, notApplicableOffered: true, askedOfLcho: true },
	{ code: 'TP09', scale: 'S5', screen: 'C', notApplicableOffered: false, askedOfLcho: true },
	{ code: 'TP10', scale: 'S5', screen: 'P', notApplicableOffered: false, askedOfLcho: true },
	{ code: 'TP11', scale: 'S5', screen: null, notApplicableOffered: true, askedOfLcho: true },
	{ code: 'TP12', scale: 'S5', screen: null, notApplicableOffered: true, askedOfLcho: true }
];

export function tsmMeasureDefinition(code: TsmPerceptionCode): TsmMeasureDefinition {
	const definition = TSM_PERCEPTION_MEASURES.find((measure) => measure.code === code);
	if (definition === undefined) throw new RangeError(`Unknown TSM measure ${code}`);
	return definition;
}

export function isAskedOf(code: TsmPerceptionCode, population: TsmPopulation): boolean {
	return population === 'LCRA' || tsmMeasureDefinition(code).askedOfLcho;
}

// ——— Perception measures ———

/** 1 = Very satisfied (Strongly agree for TP08) … 5 = Very dissatisfied (Strongly disagree). */
export type TsmScalePosition = 1 | 2 | 3 | 4 | 5;

/**
 * An answer as recorded. Only a scale position is a valid answer; the offered "not applicable /
 * don't know", a spontaneous "don't know / refused" taken by telephone, and a blank are all outside
 * both numerator and denominator.
 */
export type TsmAnswer = TsmScalePosition | 'not-applicable-dont-know' | 'dont-know-refused' | null;

export type TsmScreenAnswer = 'yes' | 'no' | 'dont-know-refused' | null;

export interface TsmRespondent {
	population: TsmPopulation;
	answers: Partial<Record<TsmPerceptionCode, TsmAnswer>>;
	screens?: Partial<Record<TsmScreenCode, TsmScreenAnswer>>;
	/** The weighting stratum; needed only when weights are given. */
	stratum?: string;
}

export interface TsmCounts {
	/** Valid answers at positions 1–2. */
	satisfied: number;
	/** Respondents in the base who chose one of the five scale points. */
	valid: number;
	/** Respondents in the base without a valid answer (not applicable, don't know, refused, blank). */
	excluded?: number;
}

export interface TsmWeightedCounts extends TsmCounts {
	weight: number;
}

export interface TsmMeasureResult {
	code: TsmPerceptionCode;
	population: TsmPopulation;
	/** False for TP02–TP04 among LCHO tenants: not asked, so never reported, whatever was recorded. */
	asked: boolean;
	/** Valid answers, unweighted: the n shown beside the figure. */
	n: number;
	satisfied: number;
	excluded: number;
	weighted: boolean;
	/** Σ(w × satisfied) and Σ(w × valid); equal to satisfied and n when unweighted. */
	weightedSatisfied: number;
	weightedValid: number;
	/** Kish effective sample size behind the interval; equal to n when unweighted. */
	effectiveN: number;
	/** 0–100; null when there are no valid answers or the measure is not asked. */
	percent: number | null;
	se: number | null;
	lower: number | null;
	upper: number | null;
}

function isScalePosition(answer: TsmAnswer | undefined): answer is TsmScalePosition {
	return answer === 1 || answer === 2 || answer === 3 || answer === 4 || answer === 5;
}

export function isInTsmBase(code: TsmPerceptionCode, respondent: TsmRespondent): boolean {
	if (!isAskedOf(code, respondent.population)) return false;
	const { screen } = tsmMeasureDefinition(code);
	return screen === null || respondent.screens?.[screen] === 'yes';
}

function measureFromStrata(
	code: TsmPerceptionCode,
	population: TsmPopulation,
	strata: readonly TsmWeightedCounts[],
	weighted: boolean
): TsmMeasureResult {
	let n = 0;
	let satisfied = 0;
	let excluded = 0;
	let weightedSatisfied = 0;
	let weightedValid = 0;
	let sumOfSquaredWeights = 0;
	for (const stratum of strata) {
		requireCount(stratum.satisfied, `${code} satisfied`);
		requireCount(stratum.valid, `${code} valid answers`);
		requireCount(stratum.excluded ?? 0, `${code} excluded answers`);
		requireCount(stratum.weight, `${code} weight`, true);
		if (stratum.satisfied > stratum.valid) {
			throw new RangeError(`${code} has more satisfied answers than valid ones`);
		}
		n += stratum.valid;
		satisfied += stratum.satisfied;
		excluded += stratum.excluded ?? 0;
		weightedSatisfied += stratum.weight * stratum.satisfied;
		weightedValid += stratum.weight * stratum.valid;
		sumOfSquaredWeights += stratum.weight * stratum.weight * stratum.valid;
	}

	const asked = isAskedOf(code, population);
	const empty = {
		code,
		population,
		asked,
		n: 0,
		satisfied: 0,
		excluded: 0,
		weighted,
		weightedSatisfied: 0,
		weightedValid: 0,
		effectiveN: 0,
		percent: null,
		se: null,
		lower: null,
		upper: null
	};
	if (!asked) return empty;

	const counted = { ...empty, n, satisfied, excluded, weightedSatisfied, weightedValid };
	if (weightedValid === 0) return counted;

	const effectiveN = effectiveSampleSize(weightedValid, sumOfSquaredWeights);
	const percent = (100 * weightedSatisfied) / weightedValid;
	const interval = waldInterval(Math.min(1, weightedSatisfied / weightedValid), effectiveN);
	return {
		...counted,
		effectiveN,
		percent,
		se: interval === null ? null : 100 * interval.standardError,
		lower: interval === null ? null : 100 * interval.lower,
		upper: interval === null ? null : 100 * interval.upper
	};
}

/** One measure for one population from counts made elsewhere (e.g. in SQL), unweighted. */
export function tsmMeasureFromCounts(
	code: TsmPerceptionCode,
	population: TsmPopulation,
	counts: TsmCounts
): TsmMeasureResult {
	return measureFromStrata(code, population, [{ ...counts, weight: 1 }], false);
}

/**
 * One measure for one population, weighted: counts per stratum with each stratum's weight.
 * Weighted TP = Σ(w × satisfied) ÷ Σ(w × valid).
 */
export function weightedTsmMeasureFromCounts(
	code: TsmPerceptionCode,
	population: TsmPopulation,
	strata: readonly TsmWeightedCounts[]
): TsmMeasureResult {
	return measureFromStrata(code, population, strata, true);
}

export interface TsmStratumSize {
	stratum: string;
	/** Homes (or households) in the stratum in the population surveyed. */
	population: number;
	/** Respondents in the stratum in the achieved sample. */
	respondents: number;
}

/**
 * Weight of a stratum = population share ÷ sample share = (N_h ÷ N) ÷ (n_h ÷ n). A stratum with
 * nobody in the sample gets no weight (nobody carries it) and is absent from the result; the
 * published summary should say so.
 */
export function stratumWeights(strata: readonly TsmStratumSize[]): Record<string, number> {
	let populationTotal = 0;
	let respondentTotal = 0;
	const seen = new Set<string>();
	for (const { stratum, population, respondents } of strata) {
		if (seen.has(stratum)) throw new RangeError(`Stratum ${stratum} is listed twice`);
		seen.add(stratum);
		requireCount(population, `The population of stratum ${stratum}`);
		requireCount(respondents, `The respondents in stratum ${stratum}`);
		if (respondents > 0 && population === 0) {
			throw new RangeError(`Stratum ${stratum} has respondents but no homes`);
		}
		populationTotal += population;
		respondentTotal += respondents;
	}
	const weights: Record<string, number> = {};
	for (const { stratum, population, respondents } of strata) {
		if (respondents === 0) continue;
		weights[stratum] = (population * respondentTotal) / (populationTotal * respondents);
	}
	return weights;
}

function tallyStrata(
	code: TsmPerceptionCode,
	respondents: readonly TsmRespondent[],
	weights: Readonly<Record<string, number>> | undefined
): TsmWeightedCounts[] {
	const byStratum = new Map<string, TsmWeightedCounts>();
	for (const respondent of respondents) {
		if (!isInTsmBase(code, respondent)) continue;
		let key = '';
		let weight = 1;
		if (weights !== undefined) {
			key = respondent.stratum ?? '';
			const stratumWeight = Object.hasOwn(weights, key) ? weights[key] : undefined;
			if (stratumWeight === undefined) {
				throw new RangeError(`No weight for stratum "${key}"`);
			}
			weight = stratumWeight;
		}
		let counts = byStratum.get(key);
		if (counts === undefined) {
			counts = { weight, satisfied: 0, valid: 0, excluded: 0 };
			byStratum.set(key, counts);
		}
		const answer = respondent.answers[code];
		if (isScalePosition(answer)) {
			counts.valid += 1;
			if (TSM_SATISFIED_POSITIONS.includes(answer)) counts.satisfied += 1;
		} else {
			counts.excluded = (counts.excluded ?? 0) + 1;
		}
	}
	return [...byStratum.values()];
}

/**
 * TP01–TP12 for one population from respondents' records. Every respondent must belong to that
 * population: LCRA and LCHO results are never pooled. With weights (see stratumWeights), each
 * respondent counts with their stratum's weight.
 */
export function calculateTsmPerceptionMeasures(
	population: TsmPopulation,
	respondents: readonly TsmRespondent[],
	weights?: Readonly<Record<string, number>>
): TsmMeasureResult[] {
	const stray = respondents.find((respondent) => respondent.population !== population);
	if (stray !== undefined) {
		throw new RangeError(`An ${stray.population} respondent cannot count towards ${population}`);
	}
	return TSM_PERCEPTION_CODES.map((code) =>
		measureFromStrata(
			code,
			population,
			tallyStrata(code, respondents, weights),
			weights !== undefined
		)
	);
}

/** TP01–TP12 for LCRA and LCHO, each from its own respondents and with its own weights. */
export function calculateTsmPerceptionMeasuresByPopulation(
	respondents: readonly TsmRespondent[],
	weightsByPopulation: Partial<Record<TsmPopulation, Readonly<Record<string, number>>>> = {}
): Record<TsmPopulation, TsmMeasureResult[]> {
	const of = (population: TsmPopulation) =>
		calculateTsmPerceptionMeasures(
			population,
			respondents.filter((respondent) => respondent.population === population),
			weightsByPopulation[population]
		);
	return { LCRA: of('LCRA'), LCHO: of('LCHO') };
}

// ——— Statistical accuracy ———

/** Below this many relevant homes in total (LCRA + LCHO) there is no accuracy requirement. */
export const SMALL_PROVIDER_BELOW_HOMES = 1000;

/** Required margin of error, in percentage points, by the homes in the population: largest first. */
export const TSM_ACCURACY_BANDS: readonly { fromHomes: number; marginOfError: number }[] = [
	{ fromHomes: 25_000, marginOfError: 2 },
	{ fromHomes: 10_000, marginOfError: 3 },
	{ fromHomes: 2_500, marginOfError: 4 },
	{ fromHomes: 0, marginOfError: 5 }
];

// (100 × 1.96)² × 0.25 = 38,416 × 0.25 = 9,604, held as an exact integer so that the boundary
// comparison below is exact; 1.96 × 1.96 in binary floating point is not.
const SQUARED_MARGIN_NUMERATOR = 9604;

export function isSmallProvider(totalRelevantHomes: number): boolean {
	requireCount(totalRelevantHomes, 'Total relevant homes');
	return totalRelevantHomes < SMALL_PROVIDER_BELOW_HOMES;
}

/** In percentage points; null for a small provider, which has no requirement. */
export function requiredMarginOfError(
	populationHomes: number,
	totalRelevantHomes: number
): number | null {
	requireCount(populationHomes, 'Homes in the population');
	if (populationHomes > totalRelevantHomes) {
		throw new RangeError('A population cannot have more homes than the landlord has in total');
	}
	if (isSmallProvider(totalRelevantHomes)) return null;
	const band = TSM_ACCURACY_BANDS.find((candidate) => populationHomes >= candidate.fromHomes);
	if (band === undefined) throw new RangeError(`No accuracy band for ${populationHomes} homes`);
	return band.marginOfError;
}

function requireSampleWithinPopulation(n: number, populationSize: number): void {
	requireCount(n, 'Valid responses');
	requireCount(populationSize, 'Population');
	if (n > populationSize) {
		throw new RangeError(`${n} responses from a population of ${populationSize} is not possible`);
	}
}

/**
 * MoE = 100 × 1.96 × √(0.25 ÷ n) × √((N − n) ÷ (N − 1)), in percentage points, unrounded. Null with
 * no responses; 0 when everyone responded.
 */
export function marginOfError(n: number, populationSize: number): number | null {
	requireSampleWithinPopulation(n, populationSize);
	if (n === 0) return null;
	if (n === populationSize) return 0;
	return Math.sqrt((SQUARED_MARGIN_NUMERATOR * (populationSize - n)) / (n * (populationSize - 1)));
}

/** Whether the unrounded MoE is at or below the requirement, compared without rounding error. */
export function meetsAccuracyRequirement(
	n: number,
	populationSize: number,
	requirement: number
): boolean {
	requireSampleWithinPopulation(n, populationSize);
	if (!(requirement > 0))
		throw new RangeError(`A margin of error must be positive, not ${requirement}`);
	if (n === 0) return false;
	if (n === populationSize) return true;
	// MoE ≤ r  ⇔  9,604 × (N − n) ÷ (n × (N − 1)) ≤ r²  ⇔  9,604 × (N − n) ≤ r² × n × (N − 1)
	return (
		SQUARED_MARGIN_NUMERATOR * (populationSize - n) <=
		requirement * requirement * n * (populationSize - 1)
	);
}

/**
 * The smallest n whose MoE is at or below the requirement: from the inequality above,
 * n ≥ 9,604 × N ÷ (r² × (N − 1) + 9,604), then checked exactly either side of the estimate.
 */
export function minimumSample(populationSize: number, requirement: number): number {
	requireCount(populationSize, 'Population');
	if (!(requirement > 0))
		throw new RangeError(`A margin of error must be positive, not ${requirement}`);
	if (populationSize === 0) return 0;
	let n = Math.ceil(
		(SQUARED_MARGIN_NUMERATOR * populationSize) /
			(requirement * requirement * (populationSize - 1) + SQUARED_MARGIN_NUMERATOR)
	);
	n = Math.min(Math.max(n, 1), populationSize);
	while (n > 1 && meetsAccuracyRequirement(n - 1, populationSize, requirement)) n -= 1;
	while (n < populationSize && !meetsAccuracyRequirement(n, populationSize, requirement)) n += 1;
	return n;
}

export interface TsmAccuracy {
	smallProvider: boolean;
	/** Percentage points; null for a small provider. */
	requiredMarginOfError: number | null;
	minimumSample: number | null;
	/** Achieved, unrounded; null with no responses yet. */
	marginOfError: number | null;
	/** Null for a small provider, which has nothing to meet. */
	meetsRequirement: boolean | null;
}

/** What the TSM survey set-up shows live for one population (LCRA or LCHO). */
export function assessTsmAccuracy(
	populationHomes: number,
	totalRelevantHomes: number,
	validResponses: number
): TsmAccuracy {
	const requirement = requiredMarginOfError(populationHomes, totalRelevantHomes);
	const achieved = marginOfError(validResponses, populationHomes);
	return {
		smallProvider: requirement === null,
		requiredMarginOfError: requirement,
		minimumSample: requirement === null ? null : minimumSample(populationHomes, requirement),
		marginOfError: achieved,
		meetsRequirement:
			requirement === null
				? null
				: meetsAccuracyRequirement(validResponses, populationHomes, requirement)
	};
}

// ——— Complaints: CH01 and CH02 ———

export type ComplaintStage = 1 | 2;

export interface ComplaintMeasureResult {
	measure: 'CH01' | 'CH02';
	stage: ComplaintStage;
	numerator: number;
	denominator: number;
	/** Null when the denominator is 0. */
	value: number | null;
}

/** CH01: complaints received at the stage in the reporting year per 1,000 relevant homes. */
export function calculateCh01(input: {
	stage: ComplaintStage;
	complaintsReceived: number;
	relevantHomes: number;
}): ComplaintMeasureResult {
	const numerator = requireCount(input.complaintsReceived, 'Complaints received');
	const denominator = requireCount(input.relevantHomes, 'Relevant homes');
	return {
		measure: 'CH01',
		stage: input.stage,
		numerator,
		denominator,
		value: denominator === 0 ? null : (numerator * 1000) / denominator
	};
}

export interface Ch02Result extends ComplaintMeasureResult {
	measure: 'CH02';
	/** Complaints at the stage not yet responded to: in neither numerator nor denominator. */
	notYetResponded: number;
}

/**
 * CH02: 100 × complaints responded to within the Complaint Handling Code timescales ÷ complaints
 * responded to at the stage in the year. A response within a Code-compliant extension is counted
 * by the caller as within the timescale.
 */
export function calculateCh02(input: {
	stage: ComplaintStage;
	respondedWithinTimescale: number;
	respondedOutsideTimescale: number;
	notYetResponded?: number;
}): Ch02Result {
	const numerator = requireCount(input.respondedWithinTimescale, 'Responded within timescale');
	const late = requireCount(input.respondedOutsideTimescale, 'Responded outside timescale');
	const notYetResponded = requireCount(input.notYetResponded ?? 0, 'Not yet responded');
	const denominator = numerator + late;
	return {
		measure: 'CH02',
		stage: input.stage,
		numerator,
		denominator,
		value: denominator === 0 ? null : (100 * numerator) / denominator,
		notYetResponded
	};
}
