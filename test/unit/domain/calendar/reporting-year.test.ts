import { describe, expect, test } from 'vitest';
import {
	isInReportingYear,
	reportingYear,
	reportingYearLabel,
	reportingYearOf
} from '$lib/domain/calendar/reporting-year';

// 1 April is always in British Summer Time (it starts on the last Sunday of March, 25–31 March),
// so a reporting year starts at 23:00 UTC on 31 March and ends at 22:59:59.999 UTC a year later.

describe('reportingYear', () => {
	test('2025/26 runs from 1 April 2025 to 31 March 2026, London time', () => {
		expect(reportingYear(2025)).toEqual({
			startYear: 2025,
			label: '2025/26',
			firstDay: '2025-04-01',
			lastDay: '2026-03-31',
			start: new Date('2025-03-31T23:00:00.000Z'),
			end: new Date('2026-03-31T22:59:59.999Z')
		});
	});

	test('labels across a century', () => {
		expect(reportingYearLabel(2024)).toBe('2024/25');
		expect(reportingYearLabel(1999)).toBe('1999/00');
		expect(reportingYearLabel(2009)).toBe('2009/10');
	});
});

describe('reportingYearOf', () => {
	test('by London date', () => {
		expect(reportingYearOf('2026-04-01').label).toBe('2026/27');
		expect(reportingYearOf('2027-03-31').label).toBe('2026/27');
		expect(reportingYearOf('2026-01-10').label).toBe('2025/26');
	});

	test('an instant late on 31 March in summer time belongs to the next year', () => {
		// BST began on 29 March 2026. 22:59:59 UTC on 31 March is 23:59:59 BST on 31 March.
		expect(reportingYearOf(new Date('2026-03-31T22:59:59Z')).label).toBe('2025/26');
		// 23:30 UTC on 31 March is 00:30 BST on 1 April.
		expect(reportingYearOf(new Date('2026-03-31T23:30:00Z')).label).toBe('2026/27');
	});

	test('isInReportingYear uses the London boundaries', () => {
		const year = reportingYear(2025);
		expect(isInReportingYear(new Date('2025-03-31T23:00:00Z'), year)).toBe(true);
		expect(isInReportingYear(new Date('2025-03-31T22:59:59Z'), year)).toBe(false);
		expect(isInReportingYear(new Date('2026-03-31T22:59:59.999Z'), year)).toBe(true);
		expect(isInReportingYear(new Date('2026-03-31T23:00:00Z'), year)).toBe(false);
	});
});
