import {
	formatCount,
	formatPercent,
	formatScore,
	formatSignedScore,
	roundForDisplay
} from '../rounding';
import { changeSince } from './change';

/** One figure of the scorecard for one year, with what it rests on. */
export type ScorecardFigure = {
	/** Unrounded; null when there is nothing to count, or when the panel may not see it. */
	value: number | null;
	/** What the figure rests on: valid answers, or numerator and denominator. */
	n?: number;
	numerator?: number;
	denominator?: number;
	/** True when the minimum group size hides it from this reader. */
	suppressed?: boolean;
	/** Shown to an admin although it rests on fewer answers than the minimum group size. */
	belowMinimum?: boolean;
	/** The weighted figure its survey's TSM report publishes. */
	weighted?: boolean;
	/** Surveys left out because each alone is under the minimum group size for this reader. */
	leftOut?: number;
};

export type ScorecardRow = {
	key: string;
	label: string;
	/** How the figure is written: a percentage, an NPS, a rate per 1,000 homes or a count. */
	unit: 'percent' | 'nps' | 'per-1000' | 'count';
	/** Which way is better, to read the change by. */
	better: 'higher' | 'lower';
	definition: string;
	current: ScorecardFigure;
	previous: ScorecardFigure;
};

/**
 * The words the page and the download both print for a scorecard figure, so the two never
 * disagree: the figure, what it rests on, and how it changed.
 */
export function figureText(row: ScorecardRow, f: ScorecardFigure, k: number | null): string {
	if (f.suppressed) return `Fewer than ${k} answers: not shown`;
	if (row.unit === 'count') return formatCount(f.value ?? 0);
	if (f.value === null) {
		if (row.unit === 'per-1000' && f.denominator === 0) return 'No score: relevant homes not set';
		return f.denominator === 0 || f.n === 0 ? 'None in the year' : 'no score';
	}
	const text =
		row.unit === 'percent'
			? formatPercent(f.value)
			: row.unit === 'nps'
				? formatSignedScore(f.value)
				: formatScore(f.value);
	return f.belowMinimum ? `${text} (below minimum group size)` : text;
}

export function basisText(row: ScorecardRow, f: ScorecardFigure): string {
	if (f.suppressed || row.unit === 'count') return '';
	if (f.n !== undefined) {
		const parts = [`n = ${formatCount(f.n)}`];
		if (f.weighted) parts.push('weighted');
		if (f.leftOut)
			parts.push(
				`${f.leftOut === 1 ? '1 survey' : `${formatCount(f.leftOut)} surveys`} under the minimum group size left out`
			);
		return parts.join('; ');
	}
	if (f.numerator === undefined || f.denominator === undefined) return '';
	const of = `${formatCount(f.numerator)} of ${formatCount(f.denominator)}`;
	return row.unit === 'per-1000' ? `${of} homes` : of;
}

export function changeText(row: ScorecardRow): string {
	if (row.current.suppressed || row.previous.suppressed) return 'Not shown';
	const c = changeSince(row.current.value, row.previous.value, row.better);
	if (!c) return 'No comparison';
	if (c.direction === 'same') return 'No change';
	const amount =
		row.unit === 'count'
			? formatCount(Math.abs(c.difference))
			: formatScore(Math.abs(c.difference));
	const unit = row.unit === 'percent' ? ' percentage points' : row.unit === 'nps' ? ' points' : '';
	return `${c.difference > 0 ? 'Up' : 'Down'} ${amount}${unit} (${c.direction})`;
}

/**
 * The figure for a spreadsheet cell: a number rounded as shown (so a spreadsheet can chart it and
 * never reads it as a formula), or the words the page shows when there is no number.
 */
export function figureCell(
	row: ScorecardRow,
	f: ScorecardFigure,
	k: number | null
): number | string {
	if (f.suppressed || f.belowMinimum || (f.value === null && row.unit !== 'count'))
		return figureText(row, f, k);
	return row.unit === 'count' ? (f.value ?? 0) : roundForDisplay(f.value ?? 0);
}

export const unitText: Record<ScorecardRow['unit'], string> = {
	percent: '%',
	nps: 'score from -100 to 100',
	'per-1000': 'per 1,000 homes',
	count: 'number'
};
