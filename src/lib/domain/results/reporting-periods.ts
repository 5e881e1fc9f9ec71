/**
 * The fixed periods the scrutiny panel reads results by, and the rule that stops a small group
 * being worked out by subtracting one period's figures from another's.
 *
 * Why fixed periods: with free dates, "1 Jan–31 Dec" minus "2 Jan–31 Dec" gives the answers of
 * whoever responded on 1 January, however few. So the panel chooses from a list: all time, one
 * reporting year (1 April–31 March, London dates) or one quarter of it. These nest (quarters make
 * a year, years make all time), so subtraction can still isolate one part of a whole. The rule:
 *
 * - a figure is never shown for a period where it rests on fewer than k answers (as before);
 * - a quarter shows a figure only if, in every quarter of its year, that figure rests on no
 *   answers or on at least k: otherwise that year's figure is given for the whole year only;
 * - "all time" shows a figure only if, in every reporting year, it rests on no answers or on at
 *   least k: otherwise it is given year by year only.
 *
 * So any difference of figures the panel can see is a union of quarters, or of years, each with
 * no answers or at least k: nothing smaller than k can be isolated along the dates. The same rule
 * applies to each question, each TSM measure and each quarter of a trend, since each rests on its
 * own number of answers.
 */

import { reportingYear, reportingYearLabel } from '../calendar/reporting-year';
import {
	addCalendarDays,
	type LocalDate,
	MONTH_NAMES,
	parseLocalDate
} from '../calendar/london-date';

export type Quarter = 1 | 2 | 3 | 4;

export type PanelPeriod =
	| { kind: 'all' }
	| { kind: 'year'; startYear: number }
	| { kind: 'quarter'; startYear: number; quarter: Quarter };

export const ALL_TIME: PanelPeriod = { kind: 'all' };

/** Quarter 1 is April–June, 4 is January–March of the next calendar year. */
export function quarterDays(startYear: number, quarter: Quarter) {
	const firstMonth = ((quarter - 1) * 3 + 3) % 12; // 0-based: April is 3
	const year = quarter === 4 ? startYear + 1 : startYear;
	const pad = (n: number) => String(n).padStart(2, '0');
	const firstDay: LocalDate = `${year}-${pad(firstMonth + 1)}-01`;
	const nextMonth = firstMonth + 3;
	const next: LocalDate =
		nextMonth >= 12 ? `${year + 1}-${pad(nextMonth - 11)}-01` : `${year}-${pad(nextMonth + 1)}-01`;
	return {
		firstDay,
		lastDay: addCalendarDays(next, -1),
		months: `${MONTH_NAMES[firstMonth]} to ${MONTH_NAMES[firstMonth + 2]} ${year}`
	};
}

/** The quarter of a reporting year holding a London date. */
export function quarterOf(date: LocalDate): { startYear: number; quarter: Quarter } {
	const { year, month } = parseLocalDate(date);
	const startYear = month >= 4 ? year : year - 1;
	const quarter = (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as Quarter;
	return { startYear, quarter };
}

/** The London dates a period covers; null for all time. */
export function periodDays(
	period: PanelPeriod
): { firstDay: LocalDate; lastDay: LocalDate } | null {
	if (period.kind === 'all') return null;
	if (period.kind === 'year') {
		const year = reportingYear(period.startYear);
		return { firstDay: year.firstDay, lastDay: year.lastDay };
	}
	const { firstDay, lastDay } = quarterDays(period.startYear, period.quarter);
	return { firstDay, lastDay };
}

export function periodLabel(period: PanelPeriod): string {
	if (period.kind === 'all') return 'All time';
	const year = reportingYearLabel(period.startYear);
	if (period.kind === 'year')
		return `${year} (April ${period.startYear} to March ${period.startYear + 1})`;
	return `${year} quarter ${period.quarter} (${quarterDays(period.startYear, period.quarter).months})`;
}

export const quarterKey = (startYear: number, quarter: Quarter) => `${startYear}-q${quarter}`;

/** How many answers one figure rests on in one quarter. */
export interface QuarterCount {
	/** Answers of any kind, refusals included. */
	answered: number;
	/** The answers its result is worked out from. */
	valid: number;
}

/** Answers per quarter, keyed by `quarterKey`; a quarter not listed has none. */
export type QuarterCounts = ReadonlyMap<string, QuarterCount>;

const isSmall = (count: QuarterCount, k: number) => count.answered > 0 && count.valid < k;

function sumOf(counts: QuarterCounts, keys: readonly string[]): QuarterCount {
	const total = { answered: 0, valid: 0 };
	for (const key of keys) {
		const c = counts.get(key);
		if (c) {
			total.answered += c.answered;
			total.valid += c.valid;
		}
	}
	return total;
}

const quartersOfYear = (startYear: number) =>
	([1, 2, 3, 4] as const).map((q) => quarterKey(startYear, q));

/** Every reporting year with answers, from the quarter keys given. */
function yearsIn(counts: QuarterCounts): number[] {
	return [...new Set([...counts.keys()].map((key) => Number(key.split('-')[0])))];
}

/** Whether each quarter of the year holds no answers or at least k, so quarters may be shown. */
export function quartersSafe(counts: QuarterCounts, startYear: number, k: number): boolean {
	return quartersOfYear(startYear).every((key) => !isSmall(sumOf(counts, [key]), k));
}

/** Whether each reporting year holds no answers or at least k, so all time may be shown. */
export function yearsSafe(counts: QuarterCounts, k: number): boolean {
	return yearsIn(counts).every((year) => !isSmall(sumOf(counts, quartersOfYear(year)), k));
}

/**
 * Why a figure resting on these answers may not be shown to the panel for this period, beyond
 * resting on fewer than k answers in it (which the results pages already hide): 'year-only' when
 * one of the year's quarters is small, 'by-year-only' when one of the years is; null when it may.
 */
export function periodHiding(
	period: PanelPeriod,
	counts: QuarterCounts,
	k: number
): 'year-only' | 'by-year-only' | null {
	if (period.kind === 'quarter')
		return quartersSafe(counts, period.startYear, k) ? null : 'year-only';
	if (period.kind === 'all') return yearsSafe(counts, k) ? null : 'by-year-only';
	return null;
}

export const PERIOD_HIDING_MESSAGES = {
	'year-only': (k: number) =>
		`Given for the whole reporting year only: in one of its quarters fewer than ${k} answered`,
	'by-year-only': (k: number) =>
		`Given year by year only: in one reporting year fewer than ${k} answered`
} as const;
