import { describe, expect, test } from 'vitest';
import { addCalendarMonths, subjectAccessDeadlines } from '$lib/domain/calendar/subject-access';
import type { WorkingCalendar } from '$lib/domain/calendar/working-days';

const EW: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };
const SCO: WorkingCalendar = { division: 'scotland', closureDays: [] };

describe('addCalendarMonths', () => {
	test('the same date, or the last day of a shorter month', () => {
		expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
		expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addCalendarMonths('2026-08-31', 1)).toBe('2026-09-30');
		expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
		expect(addCalendarMonths('2026-01-31', 3)).toBe('2026-04-30');
	});
});

describe('subjectAccessDeadlines', () => {
	test('received Thursday 3 September 2026: 3 October is a Saturday, so Monday 5 October', () => {
		//   October 2026          December 2026
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		//           1  2  3  4        1  2  3  4  5  6
		//  5  6  7  8  9 10 11
		// Extended: 3 December 2026 is a Thursday.
		expect(subjectAccessDeadlines(new Date('2026-09-03T10:00:00Z'), EW)).toEqual({
			receivedOn: '2026-09-03',
			due: '2026-10-05',
			dueIfExtended: '2026-12-03',
			warnings: []
		});
	});

	test('received Saturday 31 January 2026: no 31 February, so 28 February — a Saturday — then Monday 2 March', () => {
		//   February 2026            March 2026
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		// 23 24 25 26 27 28                          1
		//                          2  3  4  5  6  7  8
		// Extended: no 31 April, so Thursday 30 April 2026.
		const result = subjectAccessDeadlines(new Date('2026-01-31T12:00:00Z'), EW);
		expect(result.due).toBe('2026-03-02');
		expect(result.dueIfExtended).toBe('2026-04-30');
	});

	test('rolled over Christmas: received Wednesday 25 November 2026', () => {
		// 25 December 2026 is a Friday bank holiday; Sat 26, Sun 27, Mon 28 (substitute) → Tue 29.
		// Extended: 25 February 2027 is a Thursday.
		const result = subjectAccessDeadlines(new Date('2026-11-25T10:00:00Z'), EW);
		expect(result.due).toBe('2026-12-29');
		expect(result.dueIfExtended).toBe('2027-02-25');
	});

	test('Easter Monday is a working day in Scotland', () => {
		// Received Friday 6 March 2026 → Monday 6 April 2026, Easter Monday.
		expect(subjectAccessDeadlines(new Date('2026-03-06T10:00:00Z'), EW).due).toBe('2026-04-07');
		expect(subjectAccessDeadlines(new Date('2026-03-06T10:00:00Z'), SCO).due).toBe('2026-04-06');
	});

	test('the day of receipt is the London date', () => {
		// 23:30 UTC on Sunday 31 May 2026 is 00:30 BST on Monday 1 June: due Wednesday 1 July.
		// (Counting from the UTC date would give 30 June.)
		const result = subjectAccessDeadlines(new Date('2026-05-31T23:30:00Z'), EW);
		expect(result.receivedOn).toBe('2026-06-01');
		expect(result.due).toBe('2026-07-01');
	});

	test('a closure day is not a working day', () => {
		const closed: WorkingCalendar = { division: 'england-and-wales', closureDays: ['2026-10-05'] };
		expect(subjectAccessDeadlines(new Date('2026-09-03T10:00:00Z'), closed).due).toBe('2026-10-06');
	});

	test('a leap-year February beyond the shipped data is computed and warned about', () => {
		// Received Monday 31 January 2028 → Tuesday 29 February 2028 (a working day).
		// Extended: there is no 31 April, so Sunday 30 April 2028 → [Mon 1 May, early May bank
		// holiday, calculated] → Tuesday 2 May.
		const result = subjectAccessDeadlines(new Date('2028-01-31T10:00:00Z'), EW);
		expect(result.due).toBe('2028-02-29');
		expect(result.dueIfExtended).toBe('2028-05-02');
		expect(result.warnings.map((w) => w.year)).toEqual([2028]);
	});
});
