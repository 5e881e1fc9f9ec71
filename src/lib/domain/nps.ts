/**
 * Net Promoter Score and its 95% interval (reference/measures.md, "Net Promoter Score").
 *
 * Every function takes aggregated counts, never rows: results are counted in SQL, so a survey with
 * 100,000 answers costs one query and eleven numbers here.
 */

import { effectiveSampleSize, requireCount, Z_95 } from './intervals';

/** The answers 0 to 10: eleven points. */
export const NPS_SCALE_POINTS = 11;
export const NPS_LOWEST_PROMOTER = 9;
export const NPS_LOWEST_PASSIVE = 7;
export const NPS_SMALL_SAMPLE_BELOW = 30;
export const NPS_MINIMUM = -100;
export const NPS_MAXIMUM = 100;

export interface NpsGroupCounts {
	promoters: number;
	passives: number;
	detractors: number;
}

export interface NpsResult extends NpsGroupCounts {
	/** Respondents who gave a score from 0 to 10 (blanks are not responses). */
	n: number;
	/** −100 to +100; null when nobody answered. */
	score: number | null;
	se: number | null;
	lower: number | null;
	upper: number | null;
	/** n below 30: the figure is shown, flagged as resting on few answers. */
	smallSample: boolean;
}

export interface WeightedNpsResult extends NpsResult {
	/** Kish effective sample size; the interval uses this rather than n. */
	effectiveN: number;
}

export function npsGroupOfScore(score: number): keyof NpsGroupCounts {
	if (!Number.isInteger(score) || score < 0 || score > 10) {
		throw new RangeError(`An NPS answer is a whole number from 0 to 10, not ${score}`);
	}
	if (score >= NPS_LOWEST_PROMOTER) return 'promoters';
	if (score >= NPS_LOWEST_PASSIVE) return 'passives';
	return 'detractors';
}

/** counts[s] is the number of people who answered s, for s = 0 … 10. */
export function groupNpsScoreCounts(counts: readonly number[]): NpsGroupCounts {
	if (counts.length !== NPS_SCALE_POINTS) {
		throw new RangeError(
			`NPS needs ${NPS_SCALE_POINTS} counts (scores 0 to 10), not ${counts.length}`
		);
	}
	const groups: NpsGroupCounts = { promoters: 0, passives: 0, detractors: 0 };
	counts.forEach((count, score) => {
		groups[npsGroupOfScore(score)] += requireCount(count, `The count for score ${score}`);
	});
	return groups;
}

function calculate(groups: NpsGroupCounts, sampleSize: number, n: number): NpsResult {
	const total = groups.promoters + groups.passives + groups.detractors;
	const smallSample = n < NPS_SMALL_SAMPLE_BELOW;
	if (total === 0) {
		return { ...groups, n, score: null, se: null, lower: null, upper: null, smallSample };
	}
	const net = groups.promoters - groups.detractors;
	// p + d − (p − d)², written over total² so whole counts give an exact, never negative, variance.
	const variance = Math.max(
		0,
		((groups.promoters + groups.detractors) * total - net * net) / (total * total)
	);
	const score = (100 * net) / total;
	const se = 100 * Math.sqrt(variance / sampleSize);
	return {
		...groups,
		n,
		score,
		se,
		lower: Math.max(NPS_MINIMUM, score - Z_95 * se),
		upper: Math.min(NPS_MAXIMUM, score + Z_95 * se),
		smallSample
	};
}

export function npsFromGroupCounts(groups: NpsGroupCounts): NpsResult {
	requireCount(groups.promoters, 'Promoters');
	requireCount(groups.passives, 'Passives');
	requireCount(groups.detractors, 'Detractors');
	const n = groups.promoters + groups.passives + groups.detractors;
	return calculate({ ...groups }, n, n);
}

/** counts[s] is the number of people who answered s, for s = 0 … 10. */
export function npsFromScoreCounts(counts: readonly number[]): NpsResult {
	return npsFromGroupCounts(groupNpsScoreCounts(counts));
}

export interface WeightedNpsSums extends NpsGroupCounts {
	/** Respondents behind the sums, unweighted: the n shown beside the figure. */
	respondents: number;
	/** Σw² over those respondents, for the effective sample size. */
	sumOfSquaredWeights: number;
}

/**
 * NPS from weighted sums: promoters, passives and detractors are each Σw over that group. The score
 * is the weighted one; the interval uses the Kish effective sample size, so uneven weights widen
 * it. n and the small-sample flag are about the people who actually answered.
 */
export function weightedNps(sums: WeightedNpsSums): WeightedNpsResult {
	requireCount(sums.promoters, 'Weighted promoters', true);
	requireCount(sums.passives, 'Weighted passives', true);
	requireCount(sums.detractors, 'Weighted detractors', true);
	requireCount(sums.respondents, 'Respondents');
	const sumOfWeights = sums.promoters + sums.passives + sums.detractors;
	const effectiveN = effectiveSampleSize(sumOfWeights, sums.sumOfSquaredWeights);
	if (sumOfWeights > 0 && effectiveN === 0) {
		throw new RangeError('Weighted NPS needs the sum of squared weights');
	}
	const groups = {
		promoters: sums.promoters,
		passives: sums.passives,
		detractors: sums.detractors
	};
	return { ...calculate(groups, effectiveN, sums.respondents), effectiveN };
}
