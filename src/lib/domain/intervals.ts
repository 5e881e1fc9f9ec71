/**
 * 95% intervals and period-on-period comparisons (reference/measures.md, "Rounding and
 * intervals"): z = 1.96, and the normal approximation (Wald) for proportions.
 */

export const Z_95 = 1.96;
export const CONFIDENCE_LEVEL = 0.95;

export const TWO_PROPORTION_TEST = 'two-proportion z-test';
export const NPS_DIFFERENCE_TEST = 'z-test on the difference of two NPS';

export type ComparisonTestName = typeof TWO_PROPORTION_TEST | typeof NPS_DIFFERENCE_TEST;

/**
 * Throws unless the value can be a count (or, when weighted, a sum of weights). Aggregates arrive
 * from SQL; a negative or fractional count there is a bug upstream, and a figure computed from it
 * would be published as if it were true.
 */
export function requireCount(value: number, label: string, weighted = false): number {
	if (!Number.isFinite(value) || value < 0 || (!weighted && !Number.isInteger(value))) {
		const kind = weighted ? 'a non-negative number' : 'a whole number of at least 0';
		throw new RangeError(`${label} must be ${kind}, not ${value}`);
	}
	return value;
}

/** An interval on the proportion scale, 0 to 1. */
export interface ProportionInterval {
	proportion: number;
	standardError: number;
	lower: number;
	upper: number;
}

/**
 * p ± 1.96·√(p(1−p)/n), clamped to [0, 1]. A proportion of 0 or 1 has zero variance and so an
 * interval of zero width. Null when there is no sample to speak of.
 *
 * For weighted figures, pass the weighted proportion and the effective sample size.
 */
export function waldInterval(proportion: number, sampleSize: number): ProportionInterval | null {
	if (!(proportion >= 0 && proportion <= 1)) {
		throw new RangeError(`A proportion must be between 0 and 1, not ${proportion}`);
	}
	requireCount(sampleSize, 'Sample size', true);
	if (sampleSize === 0) return null;
	const standardError = Math.sqrt((proportion * (1 - proportion)) / sampleSize);
	return {
		proportion,
		standardError,
		lower: Math.max(0, proportion - Z_95 * standardError),
		upper: Math.min(1, proportion + Z_95 * standardError)
	};
}

/**
 * Kish's effective sample size, (Σw)² ÷ Σw²: the number of unweighted answers that would give the
 * same precision. Uneven weights make a weighted figure less certain than its raw n suggests, so
 * intervals around weighted figures use this instead of the respondent count.
 */
export function effectiveSampleSize(sumOfWeights: number, sumOfSquaredWeights: number): number {
	requireCount(sumOfWeights, 'Sum of weights', true);
	requireCount(sumOfSquaredWeights, 'Sum of squared weights', true);
	if (sumOfSquaredWeights === 0) return 0;
	return (sumOfWeights * sumOfWeights) / sumOfSquaredWeights;
}

/**
 * A change from one period to the next, in points on the measure's own scale (percentage points
 * for proportions, NPS points for NPS): current minus previous.
 */
export interface PeriodComparison {
	difference: number;
	standardError: number;
	lower: number;
	upper: number;
	/** Null when the standard error is zero (both periods unanimous). */
	zStatistic: number | null;
	/** True when the 95% interval of the difference excludes zero. */
	exceedsUncertainty: boolean;
	testName: ComparisonTestName;
	confidenceLevel: number;
}

function compareWithStandardError(
	difference: number,
	standardError: number,
	bound: number,
	testName: ComparisonTestName
): PeriodComparison {
	const margin = Z_95 * standardError;
	return {
		difference,
		standardError,
		lower: Math.max(-bound, difference - margin),
		upper: Math.min(bound, difference + margin),
		zStatistic: standardError === 0 ? null : difference / standardError,
		// With zero uncertainty on both sides, any difference at all is a real one.
		exceedsUncertainty: Math.abs(difference) > margin,
		testName,
		confidenceLevel: CONFIDENCE_LEVEL
	};
}

export interface ProportionCounts {
	successes: number;
	n: number;
}

/**
 * Compares two independent proportions. The standard error is the unpooled one,
 * √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂), used both for the interval and for the verdict, so a change is
 * called larger than the uncertainty exactly when its interval excludes zero; a pooled test
 * statistic can disagree with the interval shown beside it near the boundary. Null when either
 * period has no valid answers.
 */
export function compareProportions(
	previous: ProportionCounts,
	current: ProportionCounts
): PeriodComparison | null {
	for (const [label, period] of [
		['previous', previous],
		['current', current]
	] as const) {
		requireCount(period.n, `The ${label} period's n`, true);
		requireCount(period.successes, `The ${label} period's successes`, true);
		if (period.successes > period.n) {
			throw new RangeError(`The ${label} period has more successes than answers`);
		}
	}
	if (previous.n === 0 || current.n === 0) return null;

	const previousProportion = previous.successes / previous.n;
	const currentProportion = current.successes / current.n;
	const variance =
		(previousProportion * (1 - previousProportion)) / previous.n +
		(currentProportion * (1 - currentProportion)) / current.n;
	const difference =
		(100 * current.successes) / current.n - (100 * previous.successes) / previous.n;
	return compareWithStandardError(difference, 100 * Math.sqrt(variance), 100, TWO_PROPORTION_TEST);
}

export interface ScoreWithStandardError {
	score: number | null;
	se: number | null;
}

/**
 * Compares two independent NPS: the difference's standard error is √(SE₁² + SE₂²), and the
 * interval is clamped to the widest change possible, −200 to +200. Null when either has no score.
 */
export function compareNps(
	previous: ScoreWithStandardError,
	current: ScoreWithStandardError
): PeriodComparison | null {
	if (previous.score === null || current.score === null) return null;
	if (previous.se === null || current.se === null) return null;
	const standardError = Math.sqrt(previous.se * previous.se + current.se * current.se);
	return compareWithStandardError(
		current.score - previous.score,
		standardError,
		200,
		NPS_DIFFERENCE_TEST
	);
}
