import {
	bankHolidayWarnings,
	isBankHoliday,
	type CalendarWarning,
	type Division
} from './bank-holidays';
import { addCalendarDays, isLocalDate, isWeekend, londonDate, type LocalDate } from './london-date';

/** The organisation's working calendar: its bank-holiday division and its own closure days. */
export interface WorkingCalendar {
	division: Division;
	/** Extra days the organisation is closed, e.g. the days between Christmas and New Year. */
	closureDays: readonly LocalDate[];
}

export const defaultWorkingCalendar: WorkingCalendar = Object.freeze({
	division: 'england-and-wales',
	closureDays: Object.freeze([])
});

/** A computed value and what a person should know before trusting it. */
export interface WithWarnings {
	warnings: CalendarWarning[];
}

// Counting a deadline asks about one day at a time; the lookup set is built once per closure list,
// which is why a calendar's closure days must not be changed in place after use.
const closureSets = new WeakMap<readonly LocalDate[], ReadonlySet<LocalDate>>();

function closureSet(calendar: WorkingCalendar): ReadonlySet<LocalDate> {
	let set = closureSets.get(calendar.closureDays);
	if (!set) {
		for (const day of calendar.closureDays) {
			if (!isLocalDate(day)) throw new RangeError(`Not a YYYY-MM-DD closure day: "${day}"`);
		}
		set = new Set(calendar.closureDays);
		closureSets.set(calendar.closureDays, set);
	}
	return set;
}

/** Monday to Friday, not a bank holiday of the calendar's division, not a closure day. */
export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
	return (
		!isWeekend(date) && !isBankHoliday(date, calendar.division) && !closureSet(calendar).has(date)
	);
}

// A calendar made only of closures would otherwise loop for ever; no real deadline is ten years
// of calendar days past its start.
const MAX_CALENDAR_DAYS = 3660;

function assertCount(n: number): void {
	if (!Number.isInteger(n) || n < 0) {
		throw new RangeError(`A number of working days must be a whole number, 0 or more: ${n}`);
	}
}

/**
 * The Nth working day after day 0. Day 0 itself never counts, whether or not it is a working day,
 * so 0 working days after a date is that date.
 */
export function addWorkingDays(
	day0: LocalDate,
	n: number,
	calendar: WorkingCalendar
): WithWarnings & { date: LocalDate } {
	assertCount(n);
	let date = day0;
	let counted = 0;
	let steps = 0;
	while (counted < n) {
		date = addCalendarDays(date, 1);
		if (++steps > MAX_CALENDAR_DAYS) throw new RangeError('No working days in the calendar');
		if (isWorkingDay(date, calendar)) counted++;
	}
	return { date, warnings: bankHolidayWarnings(day0, date, calendar.division) };
}

/**
 * "Within N working days of X": day 0 is the London date of the instant X; the deadline is the
 * Nth working day after it, and anything up to the end of that London day is on time.
 */
export function workingDaysAfter(
	instant: Date,
	n: number,
	calendar: WorkingCalendar
): WithWarnings & { date: LocalDate } {
	return addWorkingDays(londonDate(instant), n, calendar);
}

/** The date itself if it is a working day, otherwise the next working day after it. */
export function onOrNextWorkingDay(
	date: LocalDate,
	calendar: WorkingCalendar
): WithWarnings & { date: LocalDate } {
	let result = date;
	let steps = 0;
	while (!isWorkingDay(result, calendar)) {
		result = addCalendarDays(result, 1);
		if (++steps > MAX_CALENDAR_DAYS) throw new RangeError('No working days in the calendar');
	}
	return { date: result, warnings: bankHolidayWarnings(date, result, calendar.division) };
}

/**
 * The working days after `from` up to and including `to`: the inverse of addWorkingDays, so a
 * deadline N working days after X is N working days from X. Negative when `to` is before `from`.
 */
export function workingDaysBetween(
	from: LocalDate,
	to: LocalDate,
	calendar: WorkingCalendar
): WithWarnings & { days: number } {
	const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
	let days = 0;
	for (let date = addCalendarDays(start, 1); date <= end; date = addCalendarDays(date, 1)) {
		if (isWorkingDay(date, calendar)) days++;
	}
	return { days: sign * days, warnings: bankHolidayWarnings(start, end, calendar.division) };
}

/** On time if the instant falls on or before the due date in London (up to 23:59:59.999 there). */
export function isOnTime(instant: Date, due: LocalDate): boolean {
	return londonDate(instant) <= due;
}
