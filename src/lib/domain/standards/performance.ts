import { mergeWarnings, type CalendarWarning } from '../calendar/bank-holidays';
import { londonDate, type LocalDate } from '../calendar/london-date';
import { quarterDays } from '../results/reporting-periods';
import type { ReportingYear } from '../calendar/reporting-year';
import {
	addWorkingDays,
	isWorkingDay,
	type WithWarnings,
	type WorkingCalendar
} from '../calendar/working-days';

/**
 * What a service standard measures:
 * - contact-reply: contacts other than complaints, replied to within N working days of receipt
 *   (complaints have their own two measures);
 * - complaint-acknowledgement / complaint-response: a complaint stage acknowledged, or answered,
 *   within N working days of that stage being received. Refused complaints are left out, and so
 *   is a stage withdrawn before it was answered: there was nothing left to answer;
 * - mystery-item: a yes/no or measured item of a mystery-shopping scorecard ("the phone was
 *   answered within 30 seconds"), met on approved visits, not-applicable answers left out.
 */
export const standardMeasures = [
	'contact-reply',
	'complaint-acknowledgement',
	'complaint-response',
	'mystery-item'
] as const;
export type StandardMeasure = (typeof standardMeasures)[number];

export const measureLabels: Record<StandardMeasure, string> = {
	'contact-reply': 'Replying to contacts',
	'complaint-acknowledgement': 'Acknowledging complaints',
	'complaint-response': 'Answering complaints',
	'mystery-item': 'A mystery-shopping scorecard item'
};

/** Measures counted in working days from when something was received. */
export function isTimedMeasure(measure: StandardMeasure): boolean {
	return measure !== 'mystery-item';
}

export function isComplaintMeasure(measure: StandardMeasure): boolean {
	return measure === 'complaint-acknowledgement' || measure === 'complaint-response';
}

/**
 * One case a standard applies to, on the London date it counts on: the day a contact or stage
 * was received, or a mystery shop's visit. `met` is null while it is still inside its deadline
 * with nothing done yet: pending, and left out of the percentage until it is known.
 */
export interface StandardCase {
	day: LocalDate;
	met: boolean | null;
}

export interface TimedCase {
	receivedAt: Date;
	/** When the reply, acknowledgement or response happened; null if it has not yet. */
	eventAt: Date | null;
}

/**
 * The last London date on which a case received on `day` meets an N-working-day standard: the Nth
 * working day after it, or for 0 working days the day itself if it is a working day and otherwise
 * the next working day (a Saturday email answered first thing on Monday is answered "the same
 * working day").
 */
export function standardDueDay(
	day: LocalDate,
	workingDays: number,
	calendar: WorkingCalendar
): WithWarnings & { date: LocalDate } {
	if (workingDays === 0 && !isWorkingDay(day, calendar)) return addWorkingDays(day, 1, calendar);
	return addWorkingDays(day, workingDays, calendar);
}

/**
 * Judges each case of a working-day standard at `now`: met if the event happened by the end of
 * its due day (standardDueDay), missed if it happened later or has not happened and that day is
 * past, pending otherwise. Due days are worked out once per day received, as a year of cases
 * falls on a few hundred days.
 */
export function timedCases(
	cases: readonly TimedCase[],
	workingDays: number,
	calendar: WorkingCalendar,
	now: Date
): WithWarnings & { cases: StandardCase[] } {
	const today = londonDate(now);
	const dueByDay = new Map<LocalDate, LocalDate>();
	const warnings: CalendarWarning[][] = [];
	const judged = cases.map((c) => {
		const day = londonDate(c.receivedAt);
		let due = dueByDay.get(day);
		if (due === undefined) {
			const computed = standardDueDay(day, workingDays, calendar);
			warnings.push(computed.warnings);
			due = computed.date;
			dueByDay.set(day, due);
		}
		const met = c.eventAt ? londonDate(c.eventAt) <= due : today > due ? false : null;
		return { day, met };
	});
	return { cases: judged, warnings: mergeWarnings(...warnings) };
}

export type TargetStatus = 'meets' | 'below' | 'no-cases' | 'withheld';

export interface PeriodPerformance {
	label: string;
	firstDay: LocalDate;
	lastDay: LocalDate;
	/** Cases whose result is known: the base of the percentage. */
	n: number;
	met: number;
	/** Unrounded 100 × met ÷ n, null when n is 0; round only to show it. */
	percent: number | null;
	/** Cases still inside their deadline with nothing done, left out of n. */
	pending: number;
	status: TargetStatus;
	/** Set when the figure rests on fewer cases than this and is not shown (withholdSmall). */
	withheldBelow?: number;
}

/**
 * For the panel: a figure resting on fewer cases than the minimum group size is withheld, as
 * survey figures are, so that "stage 2 complaints about lettings: 0 of 1" cannot point at one
 * person's case. No cases at all is still said.
 */
export function withholdSmall(p: PeriodPerformance, k: number | null): PeriodPerformance {
	if (k === null || p.n === 0 || p.n >= k) return p;
	return { ...p, n: 0, met: 0, percent: null, pending: 0, status: 'withheld', withheldBelow: k };
}

/**
 * Whether a period meets a target, decided on the counts rather than on a rounded percentage:
 * 1,999 met of 2,500 (79.96%) is below an 80% target although it shows as 80.0%, which is why the
 * status is always shown beside the figure.
 */
export function targetStatus(met: number, n: number, targetPercent: number): TargetStatus {
	if (n === 0) return 'no-cases';
	return met * 100 >= targetPercent * n ? 'meets' : 'below';
}

export function periodPerformance(
	cases: readonly StandardCase[],
	period: { label: string; firstDay: LocalDate; lastDay: LocalDate },
	targetPercent: number
): PeriodPerformance {
	let n = 0;
	let met = 0;
	let pending = 0;
	for (const c of cases) {
		if (c.day < period.firstDay || c.day > period.lastDay) continue;
		if (c.met === null) {
			pending++;
			continue;
		}
		n++;
		if (c.met) met++;
	}
	return {
		...period,
		n,
		met,
		percent: n === 0 ? null : (100 * met) / n,
		pending,
		status: targetStatus(met, n, targetPercent)
	};
}

/** The four quarters of a reporting year, April–June first, labelled "April to June 2025". */
export function quartersOf(
	year: ReportingYear
): { label: string; firstDay: LocalDate; lastDay: LocalDate }[] {
	return ([1, 2, 3, 4] as const).map((quarter) => {
		const { firstDay, lastDay, months } = quarterDays(year.startYear, quarter);
		return { label: months, firstDay, lastDay };
	});
}

export interface YearPerformance {
	year: PeriodPerformance;
	quarters: PeriodPerformance[];
}

/** A standard over one reporting year and each of its quarters. */
export function yearPerformance(
	cases: readonly StandardCase[],
	year: ReportingYear,
	targetPercent: number
): YearPerformance {
	return {
		year: periodPerformance(
			cases,
			{ label: `Reporting year ${year.label}`, firstDay: year.firstDay, lastDay: year.lastDay },
			targetPercent
		),
		quarters: quartersOf(year).map((q) => periodPerformance(cases, q, targetPercent))
	};
}
