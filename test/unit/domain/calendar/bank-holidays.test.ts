import { describe, expect, test } from 'vitest';
import shipped from '$lib/domain/calendar/bank-holidays.json';
import {
	bankHolidayWarnings,
	bankHolidaysIn,
	calculatedBankHolidays,
	divisions,
	isBankHoliday,
	isBeyondShippedData,
	isDivision,
	mergeWarnings,
	shippedYears
} from '$lib/domain/calendar/bank-holidays';

const EW = 'england-and-wales';
const SCO = 'scotland';
const NI = 'northern-ireland';

describe('the shipped list', () => {
	test('covers 2024 to 2027 for every division', () => {
		expect(shippedYears).toEqual({ first: 2024, last: 2027 });
		expect(Object.keys(shipped.divisions).sort()).toEqual([...divisions].sort());
	});

	test('holds observed dates only: none falls on a weekend', () => {
		for (const dates of Object.values(shipped.divisions)) {
			for (const date of dates) {
				const day = new Date(`${date}T12:00:00Z`).getUTCDay();
				expect(day, date).not.toBe(0);
				expect(day, date).not.toBe(6);
			}
		}
	});

	test('division names are recognised', () => {
		expect(isDivision('scotland')).toBe(true);
		expect(isDivision('wales')).toBe(false);
	});
});

describe('Christmas and New Year', () => {
	//    December 2026           January 2027
	// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
	// 21 22 23 24 25 26 27                 1  2  3
	// 28 29 30 31              4  5  6  7  8  9 10
	test('Boxing Day 2026 is a Saturday, so Monday 28 December is the substitute day everywhere', () => {
		for (const division of divisions) {
			expect(isBankHoliday('2026-12-25', division)).toBe(true);
			expect(isBankHoliday('2026-12-28', division)).toBe(true);
			expect(isBankHoliday('2026-12-29', division)).toBe(false);
		}
	});

	test('2 January is a bank holiday in Scotland only', () => {
		// Friday 2 January 2026.
		expect(isBankHoliday('2026-01-02', SCO)).toBe(true);
		expect(isBankHoliday('2026-01-02', EW)).toBe(false);
		expect(isBankHoliday('2026-01-02', NI)).toBe(false);
	});

	test('in 2027 New Year is a Friday and 2 January a Saturday: Scotland takes Monday 4 January', () => {
		expect(isBankHoliday('2027-01-01', EW)).toBe(true);
		expect(isBankHoliday('2027-01-04', SCO)).toBe(true);
		expect(isBankHoliday('2027-01-04', EW)).toBe(false);
		expect(isBankHoliday('2027-01-04', NI)).toBe(false);
	});

	test('Christmas 2027 is a Saturday and Boxing Day a Sunday: Monday 27 and Tuesday 28 instead', () => {
		for (const division of divisions) {
			expect(isBankHoliday('2027-12-27', division)).toBe(true);
			expect(isBankHoliday('2027-12-28', division)).toBe(true);
		}
	});
});

describe('Easter', () => {
	// Easter Sunday 2026 is 5 April: Good Friday 3 April, Easter Monday 6 April.
	test('Good Friday is a bank holiday in every nation', () => {
		for (const division of divisions) expect(isBankHoliday('2026-04-03', division)).toBe(true);
	});

	test('Easter Monday is not a bank holiday in Scotland', () => {
		expect(isBankHoliday('2026-04-06', EW)).toBe(true);
		expect(isBankHoliday('2026-04-06', NI)).toBe(true);
		expect(isBankHoliday('2026-04-06', SCO)).toBe(false);
	});

	test('Easter 2027 falls in March (Sunday 28 March)', () => {
		expect(isBankHoliday('2027-03-26', SCO)).toBe(true);
		expect(isBankHoliday('2027-03-29', EW)).toBe(true);
		expect(isBankHoliday('2027-03-29', SCO)).toBe(false);
	});
});

describe('May and summer', () => {
	//       May 2026             August 2026
	// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
	//              1  2  3                    1  2
	//  4  5  6  7  8  9 10     3  4  5  6  7  8  9
	// 25 26 27 28 29 30 31    31
	test('early May (first Monday) and spring (last Monday) bank holidays in every nation', () => {
		for (const division of divisions) {
			expect(isBankHoliday('2026-05-04', division)).toBe(true);
			expect(isBankHoliday('2026-05-25', division)).toBe(true);
			expect(isBankHoliday('2026-05-11', division)).toBe(false);
		}
	});

	test('the summer bank holiday is the first Monday of August in Scotland, the last elsewhere', () => {
		expect(isBankHoliday('2026-08-03', SCO)).toBe(true);
		expect(isBankHoliday('2026-08-31', SCO)).toBe(false);
		expect(isBankHoliday('2026-08-31', EW)).toBe(true);
		expect(isBankHoliday('2026-08-03', EW)).toBe(false);
		expect(isBankHoliday('2026-08-31', NI)).toBe(true);
	});
});

describe("the nations' own days", () => {
	test("St Patrick's Day is a bank holiday in Northern Ireland only", () => {
		// Tuesday 17 March 2026.
		expect(isBankHoliday('2026-03-17', NI)).toBe(true);
		expect(isBankHoliday('2026-03-17', EW)).toBe(false);
		expect(isBankHoliday('2026-03-17', SCO)).toBe(false);
		// 17 March 2024 was a Sunday: Monday 18 March was the substitute.
		expect(isBankHoliday('2024-03-18', NI)).toBe(true);
	});

	test('12 July (Battle of the Boyne) in Northern Ireland, moved to Monday at a weekend', () => {
		//      July 2026
		// Mo Tu We Th Fr Sa Su
		//  6  7  8  9 10 11 12
		// 13 14 15 16 17 18 19
		expect(isBankHoliday('2026-07-13', NI)).toBe(true);
		expect(isBankHoliday('2026-07-13', EW)).toBe(false);
		// 12 July 2025 was a Saturday: Monday 14 July.
		expect(isBankHoliday('2025-07-14', NI)).toBe(true);
		// 12 July 2024 was a Friday.
		expect(isBankHoliday('2024-07-12', NI)).toBe(true);
		expect(isBankHoliday('2024-07-12', SCO)).toBe(false);
	});

	test("St Andrew's Day in Scotland, moved to Monday at a weekend", () => {
		// 30 November 2026 is a Monday; 30 November 2025 was a Sunday, so Monday 1 December.
		expect(isBankHoliday('2026-11-30', SCO)).toBe(true);
		expect(isBankHoliday('2026-11-30', EW)).toBe(false);
		expect(isBankHoliday('2025-12-01', SCO)).toBe(true);
		expect(isBankHoliday('2025-12-01', NI)).toBe(false);
	});
});

describe('date-holidays agrees with the shipped list where both exist', () => {
	for (const division of divisions) {
		for (let year = 2024; year <= 2027; year++) {
			test(`${division} ${year}`, () => {
				const fromShipped = shipped.divisions[division].filter((d) => d.startsWith(`${year}-`));
				expect(calculatedBankHolidays(year, division)).toEqual(fromShipped);
			});
		}
	}
});

describe('beyond the shipped list', () => {
	test('years outside 2024–2027 are beyond it', () => {
		expect(isBeyondShippedData('2027-12-31')).toBe(false);
		expect(isBeyondShippedData('2024-01-01')).toBe(false);
		expect(isBeyondShippedData('2028-01-01')).toBe(true);
		expect(isBeyondShippedData('2023-12-31')).toBe(true);
	});

	test('2028 is calculated from the usual rules', () => {
		//    January 2028         April 2028 (Easter Sunday 16th)
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		//                 1  2    10 11 12 13 14 15 16
		//  3  4  5  6  7  8  9    17 18 19 20 21 22 23
		// May 2028: Mondays 1 and 29. August 2028: Mondays 7 and 28. 25 December 2028 is a Monday.
		expect(bankHolidaysIn(2028, EW)).toEqual({
			source: 'calculated',
			dates: [
				'2028-01-03',
				'2028-04-14',
				'2028-04-17',
				'2028-05-01',
				'2028-05-29',
				'2028-08-28',
				'2028-12-25',
				'2028-12-26'
			]
		});
		// Scotland: 1 and 2 January are both at the weekend, so Monday 3 and Tuesday 4.
		expect(isBankHoliday('2028-01-03', SCO)).toBe(true);
		expect(isBankHoliday('2028-01-04', SCO)).toBe(true);
		expect(isBankHoliday('2028-01-04', EW)).toBe(false);
	});

	test('earlier years are calculated too, one-off holidays included', () => {
		// The coronation bank holiday, Monday 8 May 2023.
		expect(isBankHoliday('2023-05-08', EW)).toBe(true);
		expect(bankHolidaysIn(2023, EW).source).toBe('calculated');
	});

	test('a shipped year reports its source', () => {
		expect(bankHolidaysIn(2026, NI).source).toBe('shipped');
		expect(bankHolidaysIn(2026, NI).dates).toContain('2026-07-13');
	});

	test('one warning for each year touched that the list does not cover', () => {
		expect(bankHolidayWarnings('2027-01-01', '2027-12-31', EW)).toEqual([]);
		const warnings = bankHolidayWarnings('2027-12-20', '2028-01-10', SCO);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({
			code: 'bank-holidays-beyond-shipped-data',
			division: SCO,
			year: 2028
		});
		expect(warnings[0]?.message).toContain('2028');
		expect(warnings[0]?.message).toContain('Scotland');
		expect(bankHolidayWarnings('2029-02-01', '2023-06-01', EW).map((w) => w.year)).toEqual([
			2023, 2028, 2029
		]);
	});

	test('merged warnings keep one per division and year', () => {
		const a = bankHolidayWarnings('2028-01-01', '2028-02-01', EW);
		const b = bankHolidayWarnings('2027-06-01', '2029-01-01', EW);
		expect(mergeWarnings(a, b).map((w) => w.year)).toEqual([2028, 2029]);
	});
});
