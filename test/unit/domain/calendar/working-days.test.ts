import { describe, expect, test } from 'vitest';
import {
	addWorkingDays,
	isOnTime,
	isWorkingDay,
	onOrNextWorkingDay,
	workingDaysAfter,
	workingDaysBetween,
	type WorkingCalendar
} from '$lib/domain/calendar/working-days';

const EW: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };
const SCO: WorkingCalendar = { division: 'scotland', closureDays: [] };
const NI: WorkingCalendar = { division: 'northern-ireland', closureDays: [] };

//    December 2026           January 2027
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
// 21 22 23 24 25 26 27                 1  2  3
// 28 29 30 31              4  5  6  7  8  9 10
// Bank holidays: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute), Fri 1 Jan; Scotland also Mon 4 Jan.

describe('isWorkingDay', () => {
	test('weekends, bank holidays and closure days are not working days', () => {
		expect(isWorkingDay('2026-12-24', EW)).toBe(true);
		expect(isWorkingDay('2026-12-25', EW)).toBe(false);
		expect(isWorkingDay('2026-12-26', EW)).toBe(false);
		expect(isWorkingDay('2026-12-28', EW)).toBe(false);
		expect(isWorkingDay('2026-12-29', EW)).toBe(true);
		const closed: WorkingCalendar = { division: 'england-and-wales', closureDays: ['2026-12-29'] };
		expect(isWorkingDay('2026-12-29', closed)).toBe(false);
	});

	test('a malformed closure day is refused rather than ignored', () => {
		const bad: WorkingCalendar = { division: 'england-and-wales', closureDays: ['29/12/2026'] };
		expect(() => isWorkingDay('2026-12-29', bad)).toThrow(RangeError);
	});
});

describe('addWorkingDays around Christmas and New Year', () => {
	test('5 working days after Wednesday 23 December 2026', () => {
		// Thu 24 (1), Fri 25 BH, Sat, Sun, Mon 28 BH, Tue 29 (2), Wed 30 (3), Thu 31 (4),
		// Fri 1 Jan BH, Sat, Sun, Mon 4 Jan (5).
		expect(addWorkingDays('2026-12-23', 5, EW)).toEqual({ date: '2027-01-04', warnings: [] });
		expect(addWorkingDays('2026-12-23', 5, NI).date).toBe('2027-01-04');
		// In Scotland Mon 4 Jan is the 2 January substitute, so the 5th is Tue 5 Jan.
		expect(addWorkingDays('2026-12-23', 5, SCO).date).toBe('2027-01-05');
	});

	test("Scotland's 2 January: 1 working day after Wednesday 31 December 2025", () => {
		// Thu 1 Jan 2026 BH; Fri 2 Jan is a working day in England and Wales only.
		expect(addWorkingDays('2025-12-31', 1, EW).date).toBe('2026-01-02');
		// Scotland: Fri 2 Jan BH, Sat, Sun, Mon 5 Jan (1).
		expect(addWorkingDays('2025-12-31', 1, SCO).date).toBe('2026-01-05');
	});

	test('closure days between Christmas and New Year push the deadline on', () => {
		const closed: WorkingCalendar = {
			division: 'england-and-wales',
			closureDays: ['2026-12-29', '2026-12-30', '2026-12-31']
		};
		// Thu 24 (1), Fri 25 BH, Mon 28 BH, Tue 29–Thu 31 closed, Fri 1 BH,
		// Mon 4 (2), Tue 5 (3), Wed 6 (4), Thu 7 (5).
		expect(addWorkingDays('2026-12-23', 5, closed).date).toBe('2027-01-07');
	});
});

describe('addWorkingDays around Easter', () => {
	//      April 2026: Good Friday 3, Easter Monday 6 (not in Scotland)
	// Mo Tu We Th Fr Sa Su
	//        1  2  3  4  5
	//  6  7  8  9 10 11 12
	test('1 working day after Thursday 2 April 2026', () => {
		expect(addWorkingDays('2026-04-02', 1, EW).date).toBe('2026-04-07');
		expect(addWorkingDays('2026-04-02', 1, NI).date).toBe('2026-04-07');
		expect(addWorkingDays('2026-04-02', 1, SCO).date).toBe('2026-04-06');
	});
});

describe('addWorkingDays around the May and August bank holidays', () => {
	test('early May: 1 working day after Friday 1 May 2026 is Tuesday 5 May everywhere', () => {
		// Sat 2, Sun 3, Mon 4 BH, Tue 5 (1).
		expect(addWorkingDays('2026-05-01', 1, EW).date).toBe('2026-05-05');
		expect(addWorkingDays('2026-05-01', 1, SCO).date).toBe('2026-05-05');
		expect(addWorkingDays('2026-05-01', 1, NI).date).toBe('2026-05-05');
	});

	test('spring: 1 working day after Friday 22 May 2026 is Tuesday 26 May everywhere', () => {
		// Sat 23, Sun 24, Mon 25 BH, Tue 26 (1).
		expect(addWorkingDays('2026-05-22', 1, EW).date).toBe('2026-05-26');
		expect(addWorkingDays('2026-05-22', 1, SCO).date).toBe('2026-05-26');
		expect(addWorkingDays('2026-05-22', 1, NI).date).toBe('2026-05-26');
	});

	test('summer: first Monday of August in Scotland, last Monday elsewhere', () => {
		// After Fri 31 July: Scotland Mon 3 Aug BH → Tue 4; England and Wales Mon 3.
		expect(addWorkingDays('2026-07-31', 1, SCO).date).toBe('2026-08-04');
		expect(addWorkingDays('2026-07-31', 1, EW).date).toBe('2026-08-03');
		// After Fri 28 Aug: Mon 31 Aug BH in England, Wales and Northern Ireland → Tue 1 Sep.
		expect(addWorkingDays('2026-08-28', 1, EW).date).toBe('2026-09-01');
		expect(addWorkingDays('2026-08-28', 1, NI).date).toBe('2026-09-01');
		expect(addWorkingDays('2026-08-28', 1, SCO).date).toBe('2026-08-31');
	});
});

describe("addWorkingDays over Northern Ireland's own days", () => {
	test("St Patrick's Day: 1 working day after Monday 16 March 2026", () => {
		// Tue 17 March is a bank holiday in Northern Ireland only.
		expect(addWorkingDays('2026-03-16', 1, NI).date).toBe('2026-03-18');
		expect(addWorkingDays('2026-03-16', 1, EW).date).toBe('2026-03-17');
	});

	test('12 July 2026 is a Sunday: Monday 13 July is the holiday', () => {
		// After Fri 10 July: Sat 11, Sun 12, Mon 13 BH (NI), Tue 14 (1).
		expect(addWorkingDays('2026-07-10', 1, NI).date).toBe('2026-07-14');
		expect(addWorkingDays('2026-07-10', 1, EW).date).toBe('2026-07-13');
	});
});

describe('day 0', () => {
	test('day 0 counts whether or not it is a working day', () => {
		// Day 0 Sunday 1 March 2026: Mon 2 (1), Tue 3 (2), Wed 4 (3), Thu 5 (4), Fri 6 (5).
		expect(addWorkingDays('2026-03-01', 5, EW).date).toBe('2026-03-06');
		// Day 0 Monday 4 May 2026 (a bank holiday): Tue 5 (1).
		expect(addWorkingDays('2026-05-04', 1, EW).date).toBe('2026-05-05');
	});

	test('0 working days after a date is that date', () => {
		expect(addWorkingDays('2026-12-26', 0, EW).date).toBe('2026-12-26');
	});

	test('a negative or fractional count is refused', () => {
		expect(() => addWorkingDays('2026-03-02', -1, EW)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-03-02', 1.5, EW)).toThrow(RangeError);
	});
});

describe('instants: day 0 is the London date', () => {
	//      July 2026
	// Mo Tu We Th Fr Sa Su
	// 13 14 15 16 17 18 19
	// 20 21 22 23 24 25 26
	test('a message at 23:30 UTC on Wednesday 15 July (summer) arrived on Thursday 16 July', () => {
		// Day 0 Thu 16: Fri 17 (1), Mon 20 (2), Tue 21 (3), Wed 22 (4), Thu 23 (5).
		expect(workingDaysAfter(new Date('2026-07-15T23:30:00Z'), 5, EW).date).toBe('2026-07-23');
		// 22:30 UTC is 23:30 BST, still Wednesday: day 0 Wed 15, 5th working day Wed 22.
		expect(workingDaysAfter(new Date('2026-07-15T22:30:00Z'), 5, EW).date).toBe('2026-07-22');
	});

	test('anything up to 23:59:59 London time on the due date is on time', () => {
		expect(isOnTime(new Date('2026-07-23T22:59:59Z'), '2026-07-23')).toBe(true);
		// 23:30 UTC in summer is 00:30 on Friday 24 July: late.
		expect(isOnTime(new Date('2026-07-23T23:30:00Z'), '2026-07-23')).toBe(false);
		// In winter London is on UTC: 23:30 UTC is 23:30 on the due date.
		expect(isOnTime(new Date('2026-01-15T23:30:00Z'), '2026-01-15')).toBe(true);
		expect(isOnTime(new Date('2026-01-16T00:00:00Z'), '2026-01-15')).toBe(false);
	});
});

describe('onOrNextWorkingDay', () => {
	test('a working day stays; otherwise the next working day', () => {
		expect(onOrNextWorkingDay('2026-12-24', EW).date).toBe('2026-12-24');
		// Fri 25 BH, Sat, Sun, Mon 28 BH → Tue 29.
		expect(onOrNextWorkingDay('2026-12-25', EW).date).toBe('2026-12-29');
	});
});

describe('workingDaysBetween', () => {
	test('counts working days after the first date up to and including the second', () => {
		// As above: from Wed 23 Dec 2026 to Mon 4 Jan 2027 is 5 working days.
		expect(workingDaysBetween('2026-12-23', '2027-01-04', EW)).toEqual({ days: 5, warnings: [] });
		expect(workingDaysBetween('2026-12-23', '2027-01-04', SCO).days).toBe(4);
		expect(workingDaysBetween('2026-12-23', '2026-12-23', EW).days).toBe(0);
	});

	test('is negative when the second date is earlier', () => {
		expect(workingDaysBetween('2027-01-04', '2026-12-23', EW).days).toBe(-5);
	});

	test('over Easter 2026, Scotland works on Easter Monday', () => {
		// From Thu 2 April to Tue 7 April: E&W Tue 7 only; Scotland Mon 6 and Tue 7.
		expect(workingDaysBetween('2026-04-02', '2026-04-07', EW).days).toBe(1);
		expect(workingDaysBetween('2026-04-02', '2026-04-07', SCO).days).toBe(2);
	});
});

describe('beyond the shipped bank holidays', () => {
	test('a deadline that runs into 2028 comes with a warning', () => {
		//    December 2027           January 2028
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		// 20 21 22 23 24 25 26                    1  2
		// 27 28 29 30 31           3  4  5  6  7  8  9
		// Fri 24 (1), Mon 27 BH, Tue 28 BH, Wed 29 (2), Thu 30 (3), Fri 31 (4),
		// Mon 3 Jan 2028 BH (New Year's Day substitute, calculated), Tue 4 (5).
		const result = addWorkingDays('2027-12-23', 5, EW);
		expect(result.date).toBe('2028-01-04');
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toMatchObject({ year: 2028, division: 'england-and-wales' });
	});

	test('a deadline inside the shipped years has none', () => {
		expect(addWorkingDays('2027-12-01', 5, EW).warnings).toEqual([]);
	});

	test('counting across 2028 also warns', () => {
		expect(workingDaysBetween('2027-12-31', '2028-01-04', EW)).toMatchObject({
			days: 1,
			warnings: [{ year: 2028 }]
		});
	});
});
