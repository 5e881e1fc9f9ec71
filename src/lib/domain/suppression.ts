/**
 * Minimum group size (reference/measures.md, "Minimum group size (anonymity)"): what the panel and
 * the public may see of a breakdown without anyone in a small group being identifiable.
 *
 * Choices where the reference is silent:
 * - A cell with n = 0 is shown. It says nothing about any person, and hiding it would not protect
 *   another cell: it adds nothing to the suppressed total, so it is never chosen as a
 *   complementary cell either.
 * - When several cells tie for the smallest, the one that comes first in the order given is
 *   suppressed. Callers pass cells in display order; to prefer hiding a particular cell, sort first.
 * - The cells must cover the whole total (include a "not stated" cell), because the total is shown
 *   and anything it includes that no cell does could be found by subtraction. Where part of the
 *   total is never listed (a trend's periods before those it shows), pass its size as `unlisted`:
 *   it is hidden already, so it counts towards the hidden total, and if it is below k the smallest
 *   cells are hidden with it.
 * - This protects one breakdown against its own total. A cross-tabulation needs each of its rows
 *   and columns treated as a breakdown.
 */

export const DEFAULT_MINIMUM_GROUP_SIZE = 5;
export const DEFAULT_MINIMUM_GROUP_SIZE_FOR_COMMENTS = 10;
export const LOWEST_MINIMUM_GROUP_SIZE = 3;

export interface SuppressionSettings {
	/** Smallest group whose counts and results may be shown. */
	k: number;
	/** Smallest group whose free-text comments may be shown. */
	kText: number;
}

export const DEFAULT_SUPPRESSION_SETTINGS: Readonly<SuppressionSettings> = {
	k: DEFAULT_MINIMUM_GROUP_SIZE,
	kText: DEFAULT_MINIMUM_GROUP_SIZE_FOR_COMMENTS
};

function requireWholeSize(value: number, label: string): void {
	if (!Number.isInteger(value))
		throw new RangeError(`${label} must be a whole number, not ${value}`);
}

/**
 * The settings in force. A stored k below 3 is raised to 3 rather than trusted, and kText is never
 * below k: a comment identifies its author more easily than a count does.
 */
export function resolveSuppressionSettings(
	configured: Partial<SuppressionSettings> = {}
): SuppressionSettings {
	const k = configured.k ?? DEFAULT_MINIMUM_GROUP_SIZE;
	const kText = configured.kText ?? DEFAULT_MINIMUM_GROUP_SIZE_FOR_COMMENTS;
	requireWholeSize(k, 'The minimum group size');
	requireWholeSize(kText, 'The minimum group size for comments');
	const resolvedK = Math.max(LOWEST_MINIMUM_GROUP_SIZE, k);
	return { k: resolvedK, kText: Math.max(resolvedK, kText) };
}

function requireMinimumGroupSize(k: number): void {
	requireWholeSize(k, 'The minimum group size');
	if (k < LOWEST_MINIMUM_GROUP_SIZE) {
		throw new RangeError(
			`The minimum group size is never below ${LOWEST_MINIMUM_GROUP_SIZE}, not ${k}`
		);
	}
}

export function meetsMinimumGroupSize(n: number, k: number): boolean {
	requireMinimumGroupSize(k);
	return n >= k;
}

export function resultsNotShownMessage(k: number): string {
	return `Fewer than ${k} responses: results not shown`;
}

export function commentsNotShownMessage(kText: number): string {
	return `Fewer than ${kText} comments: comments not shown`;
}

/**
 * primary: the cell itself is below the minimum group size.
 * complementary: the cell is large enough, but hidden so that a smaller one cannot be worked out by
 * subtracting the shown cells from the total.
 */
export type SuppressionReason = 'primary' | 'complementary';

/** How an admin's view marks a cell that the panel and the public do not see. */
export const SUPPRESSION_LABELS: Readonly<Record<SuppressionReason, string>> = {
	primary: 'below minimum group size',
	complementary: 'hidden so that a smaller group cannot be worked out'
};

export interface BreakdownCell<Key> {
	key: Key;
	n: number;
}

export interface SuppressedCell<Key> extends BreakdownCell<Key> {
	suppressed: boolean;
	reason: SuppressionReason | null;
}

export interface SuppressedBreakdown<Key> {
	/** In the order given. */
	cells: SuppressedCell<Key>[];
	/** Always shown when the result is shown. */
	total: number;
	/** False when the total itself is below k: nothing of the result is shown. */
	resultShown: boolean;
	/** "Fewer than k responses: results not shown" when the result is not shown. */
	notShownMessage: string | null;
}

/**
 * Primary suppression of every cell with 0 < n < k, then complementary suppression: while the
 * suppressed cells (with any unlisted part of the total) add up to more than 0 but fewer than k,
 * the smallest remaining non-empty cell is suppressed too (the first of equals, in the order
 * given).
 */
export function suppressCells<Key>(
	cells: readonly BreakdownCell<Key>[],
	k: number,
	{ unlisted = 0 }: { unlisted?: number } = {}
): SuppressedBreakdown<Key> {
	requireMinimumGroupSize(k);
	for (const n of [...cells.map((cell) => cell.n), unlisted]) {
		if (!Number.isInteger(n) || n < 0) {
			throw new RangeError(`A cell's n must be a whole number of at least 0, not ${n}`);
		}
	}

	const result: SuppressedCell<Key>[] = cells.map((cell) => {
		const primary = cell.n > 0 && cell.n < k;
		return { key: cell.key, n: cell.n, suppressed: primary, reason: primary ? 'primary' : null };
	});
	const total = result.reduce((sum, cell) => sum + cell.n, unlisted);

	let suppressedTotal = result.reduce(
		(sum, cell) => sum + (cell.suppressed ? cell.n : 0),
		unlisted
	);
	while (suppressedTotal > 0 && suppressedTotal < k) {
		let smallest: SuppressedCell<Key> | undefined;
		for (const cell of result) {
			if (cell.suppressed || cell.n === 0) continue;
			if (smallest === undefined || cell.n < smallest.n) smallest = cell;
		}
		// Only when the whole total is below k, and then nothing is shown anyway.
		if (smallest === undefined) break;
		smallest.suppressed = true;
		smallest.reason = 'complementary';
		suppressedTotal += smallest.n;
	}

	const resultShown = total >= k;
	return {
		cells: result,
		total,
		resultShown,
		notShownMessage: resultShown ? null : resultsNotShownMessage(k)
	};
}
