/**
 * Calendar dates as the organisation sees them. Instants are stored in UTC, but every deadline
 * is counted in Europe/London calendar days, so an instant is turned into its London date before
 * any counting happens.
 */

/** A calendar date in Europe/London, written YYYY-MM-DD (e.g. '2026-12-28'). */
export type LocalDate = string;

export const LONDON_TIME_ZONE = 'Europe/London';

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DateParts {
	year: number;
	/** 1–12 */
	month: number;
	day: number;
}

/** English month names, January first. */
export const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

export function daysInMonth(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one.
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLocalDate(value: string): boolean {
	const match = LOCAL_DATE_PATTERN.exec(value);
	if (!match) return false;
	const month = Number(match[2]);
	const day = Number(match[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Throws a RangeError for anything that is not a real YYYY-MM-DD date: a bug, not user input. */
export function parseLocalDate(date: LocalDate): DateParts {
	const match = LOCAL_DATE_PATTERN.exec(date);
	if (!match || !isLocalDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
	return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function formatLocalDate({ year, month, day }: DateParts): LocalDate {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Calendar arithmetic runs on UTC midnights, where every day is exactly 24 hours long; London's
// clock changes never enter into it.
function toUtcMidnight(date: LocalDate): number {
	const { year, month, day } = parseLocalDate(date);
	return Date.UTC(year, month - 1, day);
}

function fromUtcMidnight(ms: number): LocalDate {
	const d = new Date(ms);
	return formatLocalDate({
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate()
	});
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
	if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
	return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(date: LocalDate): number {
	return new Date(toUtcMidnight(date)).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
	const day = dayOfWeek(date);
	return day === 0 || day === 6;
}

export function yearOf(date: LocalDate): number {
	return parseLocalDate(date).year;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: LONDON_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

function londonWallClock(
	instant: Date
): DateParts & { hour: number; minute: number; second: number } {
	const time = instant.getTime();
	if (Number.isNaN(time)) throw new RangeError('Invalid date');
	const parts: Record<string, number> = {};
	for (const part of londonFormat.formatToParts(instant)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year ?? NaN,
		month: parts.month ?? NaN,
		day: parts.day ?? NaN,
		hour: parts.hour ?? NaN,
		minute: parts.minute ?? NaN,
		second: parts.second ?? NaN
	};
}

// Since 1900 London's date has changed only at its midnight and its clocks only on the hour in
// UTC, so every instant in one UTC hour falls on the same London date. Reports ask for the dates
// of tens of thousands of instants over a few thousand hours, and each answer from Intl is slow,
// so the date of each hour is kept (up to a bound, then started afresh).
const HOUR_MS = 3_600_000;
const CACHED_FROM = Date.UTC(1900, 0, 1);
const MAX_CACHED_HOURS = 200_000;
const dateByHour = new Map<number, LocalDate>();

/** The Europe/London calendar date on which a UTC instant falls. */
export function londonDate(instant: Date): LocalDate {
	const time = instant.getTime();
	if (Number.isNaN(time) || time < CACHED_FROM) return formatLocalDate(londonWallClock(instant));
	const hour = Math.floor(time / HOUR_MS);
	let date = dateByHour.get(hour);
	if (date === undefined) {
		date = formatLocalDate(londonWallClock(new Date(hour * HOUR_MS)));
		if (dateByHour.size >= MAX_CACHED_HOURS) dateByHour.clear();
		dateByHour.set(hour, date);
	}
	return date;
}

/** How far London's clock is ahead of UTC at an instant: 0 in winter (GMT), 1 hour in BST. */
function londonOffsetMs(ms: number): number {
	const whole = Math.floor(ms / 1000) * 1000;
	const wall = londonWallClock(new Date(whole));
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - whole;
}

/** The first instant (00:00:00 London time) of a London date. */
export function startOfLondonDay(date: LocalDate): Date {
	const utcMidnight = toUtcMidnight(date);
	// London's clocks change at 01:00 UTC, so local midnight always exists and is never repeated;
	// the second pass corrects a first guess taken on the wrong side of a change.
	const guess = utcMidnight - londonOffsetMs(utcMidnight);
	return new Date(utcMidnight - londonOffsetMs(guess));
}

/**
 * The last instant (23:59:59.999 London time) of a London date: anything up to and including it
 * is on that date.
 */
export function endOfLondonDay(date: LocalDate): Date {
	return new Date(startOfLondonDay(addCalendarDays(date, 1)).getTime() - 1);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
