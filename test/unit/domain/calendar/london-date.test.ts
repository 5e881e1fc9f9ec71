import { describe, expect, test } from 'vitest';
import {
	addCalendarDays,
	dayOfWeek,
	endOfLondonDay,
	isLocalDate,
	isWeekend,
	londonDate,
	parseLocalDate,
	startOfLondonDay
} from '$lib/domain/calendar/london-date';

// British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October. In 2026 those Sundays are 29 March and 25 October:
//
//      March 2026              October 2026
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
// 23 24 25 26 27 28 29    19 20 21 22 23 24 25
// 30 31                   26 27 28 29 30 31

describe('londonDate', () => {
	test('in winter London is on UTC: 23:30 UTC is still the same day', () => {
		expect(londonDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
	});

	test('in summer 23:30 UTC is 00:30 the next London day', () => {
		expect(londonDate(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
		expect(londonDate(new Date('2026-07-15T22:59:59Z'))).toBe('2026-07-15');
		expect(londonDate(new Date('2026-07-15T23:00:00Z'))).toBe('2026-07-16');
	});

	test('last Sunday of March: the clocks go forward at 01:00 UTC on 29 March 2026', () => {
		// Saturday 28 March 23:30 UTC is 23:30 GMT: still Saturday.
		expect(londonDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
		// Sunday 29 March 00:30 UTC is 00:30 GMT, before the change.
		expect(londonDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
		// Sunday 29 March 23:30 UTC is 00:30 BST on Monday 30 March.
		expect(londonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
	});

	test('last Sunday of October: the clocks go back at 01:00 UTC on 25 October 2026', () => {
		// Saturday 24 October 23:30 UTC is 00:30 BST on Sunday 25 October.
		expect(londonDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
		// Sunday 25 October 23:30 UTC is 23:30 GMT, after the change: still Sunday.
		expect(londonDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
	});

	test('2025: clocks changed on 30 March and 26 October', () => {
		expect(londonDate(new Date('2025-03-30T23:30:00Z'))).toBe('2025-03-31');
		expect(londonDate(new Date('2025-03-29T23:30:00Z'))).toBe('2025-03-29');
		expect(londonDate(new Date('2025-10-25T23:30:00Z'))).toBe('2025-10-26');
		expect(londonDate(new Date('2025-10-26T23:30:00Z'))).toBe('2025-10-26');
	});

	test('an invalid instant is refused', () => {
		expect(() => londonDate(new Date('not a date'))).toThrow(RangeError);
	});

	test('every minute either side of each hour for two years agrees with the time-zone database', () => {
		// The date of each UTC hour is kept and reused, which is right only if London's date never
		// changes inside a UTC hour: check that against Intl, minute by minute near each hour.
		const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
		const start = Date.UTC(2025, 0, 1);
		const end = Date.UTC(2027, 0, 1);
		let checked = 0;
		for (let hour = start; hour < end; hour += 3_600_000) {
			for (const offset of [0, 60_000, 3_599_999]) {
				const instant = new Date(hour + offset);
				expect(londonDate(instant)).toBe(intl.format(instant));
				checked++;
			}
		}
		expect(checked).toBe(3 * 24 * 730);
		// Long before the hours are kept, and at the 1847 change from local mean time.
		expect(londonDate(new Date('1847-12-01T00:00:30Z'))).toBe(
			intl.format(new Date('1847-12-01T00:00:30Z'))
		);
	});
});

describe('startOfLondonDay and endOfLondonDay', () => {
	test('a winter day is 00:00 to 23:59:59.999 UTC', () => {
		expect(startOfLondonDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
		expect(endOfLondonDay('2026-01-15').toISOString()).toBe('2026-01-15T23:59:59.999Z');
	});

	test('a summer day starts at 23:00 UTC the evening before', () => {
		expect(startOfLondonDay('2026-07-16').toISOString()).toBe('2026-07-15T23:00:00.000Z');
		expect(endOfLondonDay('2026-07-16').toISOString()).toBe('2026-07-16T22:59:59.999Z');
	});

	test('29 March 2026 is 23 hours long: it starts in GMT and ends in BST', () => {
		expect(startOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
		expect(endOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T22:59:59.999Z');
		expect(startOfLondonDay('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
	});

	test('25 October 2026 is 25 hours long: it starts in BST and ends in GMT', () => {
		expect(startOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
		expect(endOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-25T23:59:59.999Z');
		expect(startOfLondonDay('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
	});

	test('the end of a day is on that day and one millisecond later is the next', () => {
		const end = endOfLondonDay('2026-07-16');
		expect(londonDate(end)).toBe('2026-07-16');
		expect(londonDate(new Date(end.getTime() + 1))).toBe('2026-07-17');
	});
});

describe('calendar arithmetic on dates', () => {
	test('adds days across month, year and leap-day boundaries', () => {
		expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
		// The clock change does not make 29 March 2026 a short day in date arithmetic.
		expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
	});

	test('day of the week', () => {
		// 28 December 2026 is a Monday, 26 December 2026 a Saturday, 27 a Sunday.
		expect(dayOfWeek('2026-12-28')).toBe(1);
		expect(isWeekend('2026-12-26')).toBe(true);
		expect(isWeekend('2026-12-27')).toBe(true);
		expect(isWeekend('2026-12-28')).toBe(false);
	});

	test('only real YYYY-MM-DD dates are accepted', () => {
		expect(isLocalDate('2028-02-29')).toBe(true);
		expect(isLocalDate('2027-02-29')).toBe(false);
		expect(isLocalDate('2026-2-3')).toBe(false);
		expect(isLocalDate('2026-13-01')).toBe(false);
		expect(() => parseLocalDate('2026-02-30')).toThrow(RangeError);
		expect(parseLocalDate('2026-12-28')).toEqual({ year: 2026, month: 12, day: 28 });
	});
});
