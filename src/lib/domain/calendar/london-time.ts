import { isLocalDate, londonDate, parseLocalDate, type LocalDate } from './london-date';

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: string): boolean {
	return TIME_PATTERN.test(value);
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

function wallClockMs(instant: number): number {
	const parts: Record<string, number> = {};
	for (const part of wallClock.formatToParts(new Date(instant)))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
}

/**
 * The instant a London wall-clock time names, e.g. ('2026-07-01', '23:30') → 22:30 UTC. In the hour
 * skipped when the clocks go forward the later reading is taken; in the repeated hour, the first.
 */
export function londonInstant(date: LocalDate, time: string): Date {
	if (!isLocalDate(date) || !isLocalTime(time))
		throw new RangeError(`Not a date and time: ${date} ${time}`);
	const { year, month, day } = parseLocalDate(date);
	const [hour, minute] = time.split(':').map(Number) as [number, number];
	const wanted = Date.UTC(year, month - 1, day, hour, minute);
	// London is UTC or UTC+1: try the earlier reading first.
	for (const offset of [3600_000, 0]) {
		const candidate = wanted - offset;
		if (wallClockMs(candidate) === wanted) return new Date(candidate);
	}
	return new Date(wanted);
}

/** The London wall-clock time of an instant, "HH:MM". */
export function londonTime(instant: Date): string {
	const ms = wallClockMs(instant.getTime());
	const d = new Date(ms);
	return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'UTC',
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});

/** "Tue 5 Jan 2027" for a London date. */
export function formatLocalDateForPeople(date: LocalDate): string {
	const { year, month, day } = parseLocalDate(date);
	return dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

/** "Tue 5 Jan 2027, 14:05" in London time. */
export function formatInstantForPeople(instant: Date): string {
	return `${formatLocalDateForPeople(londonDate(instant))}, ${londonTime(instant)}`;
}
