import Holidays from 'date-holidays';
import shipped from './bank-holidays.json';
import { isWeekend, parseLocalDate, yearOf, type LocalDate } from './london-date';

export const divisions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

/** The bank-holiday divisions of the UK (Wales shares England's bank holidays). */
export type Division = (typeof divisions)[number];

export const divisionNames: Record<Division, string> = {
	'england-and-wales': 'England and Wales',
	scotland: 'Scotland',
	'northern-ireland': 'Northern Ireland'
};

export function isDivision(value: string): value is Division {
	return (divisions as readonly string[]).includes(value);
}

const shippedDates: Record<Division, ReadonlySet<LocalDate>> = {
	'england-and-wales': new Set(shipped.divisions['england-and-wales']),
	scotland: new Set(shipped.divisions.scotland),
	'northern-ireland': new Set(shipped.divisions['northern-ireland'])
};

function shippedYearRange(): { first: number; last: number } {
	const years = Object.values(shipped.divisions)
		.flat()
		.map((date) => parseLocalDate(date).year);
	return { first: Math.min(...years), last: Math.max(...years) };
}

/** The calendar years, inclusive, for which the shipped bank-holiday list is authoritative. */
export const shippedYears: Readonly<{ first: number; last: number }> =
	Object.freeze(shippedYearRange());

export function isYearInShippedData(year: number): boolean {
	return year >= shippedYears.first && year <= shippedYears.last;
}

export function isBeyondShippedData(date: LocalDate): boolean {
	return !isYearInShippedData(yearOf(date));
}

const dateHolidaysState: Record<Division, string> = {
	'england-and-wales': 'ENG',
	scotland: 'SCT',
	'northern-ireland': 'NIR'
};

const calculators = new Map<Division, Holidays>();
const calculatedByYear = new Map<string, readonly LocalDate[]>();

/**
 * Bank holidays for a year as date-holidays calculates them, reduced to the shipped data's
 * pattern: only the days a holiday is observed on. date-holidays also lists observances (Mother's
 * Day, Easter Sunday) and, when a holiday falls at a weekend, both the weekend date and its
 * substitute Monday; the weekend date is dropped because it is not a working day anyway.
 */
export function calculatedBankHolidays(year: number, division: Division): readonly LocalDate[] {
	const key = `${division}:${year}`;
	const cached = calculatedByYear.get(key);
	if (cached) return cached;
	let calculator = calculators.get(division);
	if (!calculator) {
		calculator = new Holidays('GB', dateHolidaysState[division], { types: ['public', 'bank'] });
		calculators.set(division, calculator);
	}
	const dates = calculator
		.getHolidays(year)
		.filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
		// The date string is in the country's own time zone (Europe/London) — the `start` instant
		// would be the evening before in summer.
		.map((holiday) => holiday.date.slice(0, 10))
		.filter((date) => !isWeekend(date));
	const unique = [...new Set(dates)].sort();
	calculatedByYear.set(key, unique);
	return unique;
}

export type BankHolidaySource = 'shipped' | 'calculated';

/** A year's bank holidays: the shipped list where it covers the year, calculated otherwise. */
export function bankHolidaysIn(
	year: number,
	division: Division
): { dates: readonly LocalDate[]; source: BankHolidaySource } {
	if (isYearInShippedData(year)) {
		const dates = [...shippedDates[division]].filter((date) => yearOf(date) === year).sort();
		return { dates, source: 'shipped' };
	}
	return { dates: calculatedBankHolidays(year, division), source: 'calculated' };
}

/**
 * Whether a date is an observed bank holiday in a division. Outside the shipped years the answer is
 * calculated; callers that show the result should also show `bankHolidayWarnings` for the dates.
 */
export function isBankHoliday(date: LocalDate, division: Division): boolean {
	const year = yearOf(date);
	if (isYearInShippedData(year)) return shippedDates[division].has(date);
	return calculatedBankHolidays(year, division).includes(date);
}

export interface BeyondShippedDataWarning {
	code: 'bank-holidays-beyond-shipped-data';
	division: Division;
	year: number;
	message: string;
}

/** Something a person should know before trusting a computed date. */
export type CalendarWarning = BeyondShippedDataWarning;

function beyondShippedDataWarning(year: number, division: Division): BeyondShippedDataWarning {
	return {
		code: 'bank-holidays-beyond-shipped-data',
		division,
		year,
		message:
			`Bank holidays for ${year} (${divisionNames[division]}) are not in the shipped list, which ` +
			`covers ${shippedYears.first} to ${shippedYears.last}. They have been calculated from the ` +
			`usual rules: check this date against the official list.`
	};
}

/** One warning for each year from `from` to `to` (either order) that the shipped data does not cover. */
export function bankHolidayWarnings(
	from: LocalDate,
	to: LocalDate,
	division: Division
): CalendarWarning[] {
	const a = yearOf(from);
	const b = yearOf(to);
	const warnings: CalendarWarning[] = [];
	for (let year = Math.min(a, b); year <= Math.max(a, b); year++) {
		if (!isYearInShippedData(year)) warnings.push(beyondShippedDataWarning(year, division));
	}
	return warnings;
}

/** Joins warning lists from several calculations, keeping one warning per division and year. */
export function mergeWarnings(
	...lists: readonly (readonly CalendarWarning[])[]
): CalendarWarning[] {
	const seen = new Map<string, CalendarWarning>();
	for (const warning of lists.flat()) {
		seen.set(`${warning.code}:${warning.division}:${warning.year}`, warning);
	}
	return [...seen.values()].sort((x, y) => x.year - y.year || x.division.localeCompare(y.division));
}
