/**
 * CSAT, customer effort, ratings out of 100 and agreement top-two-box (reference/measures.md,
 * "CSAT and customer effort"). Like NPS, everything is computed from counts aggregated in SQL.
 * "Not applicable / don't know" is outside the base: it is reported as excluded, never as a
 * dissatisfied or disagreeing answer.
 */

import { requireCount, waldInterval } from './intervals';

/** A share of valid answers, on the 0–100 scale, with its 95% Wald interval. */
export interface PercentResult {
	/** Valid answers: the base. */
	n: number;
	/** Valid answers in the counted group (e.g. the top two points). */
	positive: number;
	/** Not applicable / don't know: outside the base. */
	excluded: number;
	/** Null when there are no valid answers. */
	percent: number | null;
	se: number | null;
	lower: number | null;
	upper: number | null;
}

/** positive out of n valid answers as a percentage with its interval; exported for other measures. */
export function percentResult(positive: number, n: number, excluded = 0): PercentResult {
	requireCount(positive, 'The positive count');
	requireCount(n, 'The number of valid answers');
	requireCount(excluded, 'The excluded count');
	if (positive > n) throw new RangeError(`${positive} positive answers out of only ${n}`);
	const interval = waldInterval(n === 0 ? 0 : positive / n, n);
	if (interval === null) {
		return { n, positive, excluded, percent: null, se: null, lower: null, upper: null };
	}
	return {
		n,
		positive,
		excluded,
		percent: (100 * positive) / n,
		se: 100 * interval.standardError,
		lower: 100 * interval.lower,
		upper: 100 * interval.upper
	};
}

export interface SatisfactionCounts {
	verySatisfied: number;
	fairlySatisfied: number;
	neither: number;
	fairlyDissatisfied: number;
	veryDissatisfied: number;
	notApplicableOrDontKnow?: number;
}

/** CSAT: % of valid answers that are "Very satisfied" or "Fairly satisfied". */
export function csat(counts: SatisfactionCounts): PercentResult {
	for (const [label, count] of Object.entries(counts)) requireCount(count, label);
	const positive = counts.verySatisfied + counts.fairlySatisfied;
	const valid = positive + counts.neither + counts.fairlyDissatisfied + counts.veryDissatisfied;
	return percentResult(positive, valid, counts.notApplicableOrDontKnow ?? 0);
}

export interface AgreementCounts {
	stronglyAgree: number;
	agree: number;
	neither: number;
	disagree: number;
	stronglyDisagree: number;
	notApplicableOrDontKnow?: number;
}

/** Top-two-box on an agreement scale: % of valid answers that are "Strongly agree" or "Agree". */
export function agreementTopTwoBox(counts: AgreementCounts): PercentResult {
	for (const [label, count] of Object.entries(counts)) requireCount(count, label);
	const positive = counts.stronglyAgree + counts.agree;
	const valid = positive + counts.neither + counts.disagree + counts.stronglyDisagree;
	return percentResult(positive, valid, counts.notApplicableOrDontKnow ?? 0);
}

interface ScaleTally {
	n: number;
	total: number;
}

/** counts[i] is the number who chose point i + 1; returns n and the sum of the points chosen. */
function tallyNumberedScale(counts: readonly number[], points: number, label: string): ScaleTally {
	if (counts.length !== points) {
		throw new RangeError(
			`${label} needs ${points} counts (points 1 to ${points}), not ${counts.length}`
		);
	}
	let n = 0;
	let total = 0;
	counts.forEach((count, index) => {
		requireCount(count, `The count for point ${index + 1}`);
		n += count;
		total += count * (index + 1);
	});
	return { n, total };
}

export const EFFORT_SCALE_POINTS = 7;
export const EFFORT_LOWEST_AGREEING = 5;

export interface CustomerEffortResult {
	n: number;
	excluded: number;
	/** Mean of the 1–7 answers (7 = strongly agree it was easy); null with no valid answers. */
	mean: number | null;
	/** Those agreeing (5, 6 or 7) as a share of valid answers. */
	agreement: PercentResult;
}

/**
 * Customer Effort Score. counts[i] is the number who chose i + 1 on the 1–7 scale, 1 = Strongly
 * disagree, 7 = Strongly agree that the organisation made it easy.
 */
export function customerEffortScore(
	counts: readonly number[],
	notApplicableOrDontKnow = 0
): CustomerEffortResult {
	const { n, total } = tallyNumberedScale(counts, EFFORT_SCALE_POINTS, 'Customer effort');
	requireCount(notApplicableOrDontKnow, 'The excluded count');
	const agreeing = counts.slice(EFFORT_LOWEST_AGREEING - 1).reduce((sum, count) => sum + count, 0);
	return {
		n,
		excluded: notApplicableOrDontKnow,
		mean: n === 0 ? null : total / n,
		agreement: percentResult(agreeing, n, notApplicableOrDontKnow)
	};
}

export const RATING_SCALE_POINTS = 10;

export interface RatingResult {
	n: number;
	excluded: number;
	/** Mean of the 1–10 answers; null with no valid answers. */
	mean: number | null;
	/** The mean × 10, as the UK Customer Satisfaction Index shows it. */
	outOf100: number | null;
}

/** A 1–10 rating shown out of 100. counts[i] is the number who chose i + 1. */
export function ratingOutOf100(
	counts: readonly number[],
	notApplicableOrDontKnow = 0
): RatingResult {
	const { n, total } = tallyNumberedScale(counts, RATING_SCALE_POINTS, 'A 1–10 rating');
	requireCount(notApplicableOrDontKnow, 'The excluded count');
	if (n === 0) return { n, excluded: notApplicableOrDontKnow, mean: null, outOf100: null };
	// 10 × total ÷ n rather than (total ÷ n) × 10, so a result like 72.45 is not nudged below the half.
	return { n, excluded: notApplicableOrDontKnow, mean: total / n, outOf100: (10 * total) / n };
}
