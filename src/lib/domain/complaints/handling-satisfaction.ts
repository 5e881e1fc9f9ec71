/**
 * Satisfaction with complaint handling, split by service, outcome, stage and whether the complaint
 * was handled on time, with the minimum group size rules (reference/measures.md) for the panel.
 *
 * Satisfied = 4 or 5 on the 1–5 overall satisfaction answer; "don't know" (null) is outside the
 * base. A complaint counts as on time when every stage response it had was within its deadline
 * (an accepted extension included); one late stage makes it late.
 */
import { suppressCells, SUPPRESSION_LABELS, type SuppressionReason } from '../suppression';

export interface HandlingResponse {
	service: string;
	outcome: string;
	/** The last stage the complaint reached. */
	stage: 1 | 2;
	onTime: boolean | null;
	/** 1–5, or null for "don't know". */
	overallSatisfaction: number | null;
}

export type HandlingDimension = 'service' | 'outcome' | 'stage' | 'timeliness';

export interface HandlingCell {
	key: string;
	n: number;
	satisfied: number;
	/** Unrounded 100 × satisfied ÷ n; null when n is 0 or the cell is hidden from this audience. */
	percent: number | null;
	hidden: boolean;
	/** For staff: why the panel does not see it. */
	note: string | null;
}

export interface HandlingBreakdown {
	dimension: HandlingDimension;
	total: number;
	resultShown: boolean;
	notShownMessage: string | null;
	cells: HandlingCell[];
}

export type Audience = 'staff' | 'panel';

function keyOf(row: HandlingResponse, dimension: HandlingDimension): string {
	if (dimension === 'service') return row.service;
	if (dimension === 'outcome') return row.outcome;
	if (dimension === 'stage') return `Stage ${row.stage}`;
	return row.onTime === null ? 'Not known' : row.onTime ? 'On time' : 'Late';
}

const SATISFIED_FROM = 4;

/**
 * One breakdown. Staff see every cell, with small ones marked; the panel sees only cells at or
 * above k, with complementary suppression so that no hidden cell can be worked out.
 */
export function handlingSatisfactionBreakdown(
	rows: readonly HandlingResponse[],
	dimension: HandlingDimension,
	k: number,
	audience: Audience,
	order: readonly string[] = []
): HandlingBreakdown {
	const tallies = new Map<string, { n: number; satisfied: number }>();
	for (const key of order) tallies.set(key, { n: 0, satisfied: 0 });
	for (const row of rows) {
		if (row.overallSatisfaction === null) continue;
		const key = keyOf(row, dimension);
		const tally = tallies.get(key) ?? { n: 0, satisfied: 0 };
		tally.n++;
		if (row.overallSatisfaction >= SATISFIED_FROM) tally.satisfied++;
		tallies.set(key, tally);
	}
	const entries = [...tallies.entries()];
	const suppressed = suppressCells(
		entries.map(([key, t]) => ({ key, n: t.n })),
		k
	);
	const cells = suppressed.cells.map((cell, i): HandlingCell => {
		const tally = entries[i]![1];
		const hidden = audience === 'panel' && (cell.suppressed || !suppressed.resultShown);
		const reason: SuppressionReason | null = cell.reason;
		return {
			key: cell.key,
			n: hidden ? 0 : tally.n,
			satisfied: hidden ? 0 : tally.satisfied,
			percent: hidden || tally.n === 0 ? null : (100 * tally.satisfied) / tally.n,
			hidden,
			note: audience === 'staff' && reason ? SUPPRESSION_LABELS[reason] : null
		};
	});
	return {
		dimension,
		total: suppressed.total,
		resultShown: audience === 'staff' || suppressed.resultShown,
		notShownMessage: audience === 'panel' ? suppressed.notShownMessage : null,
		cells: audience === 'panel' && !suppressed.resultShown ? [] : cells
	};
}
