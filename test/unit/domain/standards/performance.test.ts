import { describe, expect, test } from 'vitest';
import { reportingYear } from '../../../../src/lib/domain/calendar/reporting-year';
import { defaultWorkingCalendar } from '../../../../src/lib/domain/calendar/working-days';
import {
	periodPerformance,
	quartersOf,
	standardDueDay,
	targetStatus,
	timedCases,
	yearPerformance
} from '../../../../src/lib/domain/standards/performance';

const calendar = defaultWorkingCalendar;
const london = (iso: string) => new Date(iso);

describe('a working-day standard judges each case', () => {
	// Reply within 2 working days of Wednesday 24 December 2025: Christmas Day and Boxing Day are
	// bank holidays and 27–28 December a weekend, so the 2 working days are Monday 29 and
	// Tuesday 30 December.
	const received = london('2025-12-24T10:00:00Z');
	const now = london('2026-02-01T12:00:00Z');
	const judge = (eventAt: Date | null, at = now) =>
		timedCases([{ receivedAt: received, eventAt }], 2, calendar, at).cases[0]!.met;

	test('met up to the last minute of the last working day, in London time', () => {
		expect(judge(london('2025-12-30T23:59:00Z'))).toBe(true);
		expect(judge(london('2025-12-31T00:00:00Z'))).toBe(false);
	});

	test('a reply on the bank holidays counts as early, not as late', () => {
		expect(judge(london('2025-12-26T09:00:00Z'))).toBe(true);
	});

	test('with nothing done, pending until the deadline has passed, then missed', () => {
		expect(judge(null, london('2025-12-30T17:00:00Z'))).toBeNull();
		expect(judge(null, london('2025-12-31T09:00:00Z'))).toBe(false);
	});

	test('0 working days means the same day', () => {
		const sameDay = (eventAt: string) =>
			timedCases([{ receivedAt: received, eventAt: london(eventAt) }], 0, calendar, now).cases[0]!
				.met;
		expect(sameDay('2025-12-24T23:30:00Z')).toBe(true);
		expect(sameDay('2025-12-25T00:30:00Z')).toBe(false);
	});

	test('a case counts on its London date: 00:30 on 1 April in summer time is in April', () => {
		const { cases } = timedCases(
			[{ receivedAt: london('2025-03-31T23:30:00Z'), eventAt: null }],
			2,
			calendar,
			now
		);
		expect(cases[0]!.day).toBe('2025-04-01');
	});

	test('warns when a deadline falls in a year beyond the shipped bank holidays', () => {
		const { warnings } = timedCases(
			[{ receivedAt: london('2031-06-02T10:00:00Z'), eventAt: null }],
			2,
			calendar,
			london('2031-06-02T11:00:00Z')
		);
		expect(warnings.map((w) => w.year)).toEqual([2031]);
		expect(
			timedCases([{ receivedAt: received, eventAt: null }], 2, calendar, now).warnings
		).toEqual([]);
	});
});

describe('due days across calendars and clocks', () => {
	const EW = calendar;
	const NI = { division: 'northern-ireland', closureDays: [] } as const;
	const judge = (
		received: string,
		eventAt: string | null,
		workingDays: number,
		cal: typeof EW | typeof NI = EW,
		now = '2027-06-01T12:00:00Z'
	) =>
		timedCases(
			[{ receivedAt: london(received), eventAt: eventAt ? london(eventAt) : null }],
			workingDays,
			cal,
			london(now)
		).cases[0]!.met;

	test('1 working day over Christmas 2026: Thursday 24 December is due Tuesday 29', () => {
		expect(standardDueDay('2026-12-24', 1, EW).date).toBe('2026-12-29');
		expect(judge('2026-12-24T10:00:00Z', '2026-12-29T17:00:00Z', 1)).toBe(true);
		expect(judge('2026-12-24T10:00:00Z', '2026-12-30T09:00:00Z', 1)).toBe(false);
	});

	test('a reply at 23:30 UTC in summer is on the next London day', () => {
		// Received Friday 17 July 2026: Monday 20 (1), Tuesday 21 (2).
		expect(judge('2026-07-17T16:00:00Z', '2026-07-21T22:30:00Z', 2)).toBe(true);
		expect(judge('2026-07-17T16:00:00Z', '2026-07-21T23:30:00Z', 2)).toBe(false);
	});

	test("10 working days over St Patrick's Day differ between Northern Ireland and England", () => {
		// Received Monday 16 March 2026. Northern Ireland skips Tuesday 17 and is due Tuesday 31;
		// England and Wales is due Monday 30.
		expect(judge('2026-03-16T09:00:00Z', '2026-03-31T12:00:00Z', 10, NI)).toBe(true);
		expect(judge('2026-03-16T09:00:00Z', '2026-03-31T12:00:00Z', 10, EW)).toBe(false);
	});

	test('0 working days: received on a weekend or bank holiday, due the next working day', () => {
		// Saturday 7 June 2025, answered Monday 9 June.
		expect(standardDueDay('2025-06-07', 0, EW).date).toBe('2025-06-09');
		expect(judge('2025-06-07T10:00:00Z', '2025-06-09T08:00:00Z', 0)).toBe(true);
		expect(judge('2025-06-07T10:00:00Z', '2025-06-10T08:00:00Z', 0)).toBe(false);
		// Good Friday 18 April 2025: Easter Monday too, so due Tuesday 22 April.
		expect(standardDueDay('2025-04-18', 0, EW).date).toBe('2025-04-22');
		// Nothing done by Sunday is still not late.
		expect(judge('2025-06-07T10:00:00Z', null, 0, EW, '2025-06-08T12:00:00Z')).toBeNull();
	});
});

describe('performance over a period', () => {
	test('the target is judged on the counts, not on the rounded percentage', () => {
		// 1,999 of 2,500 is 79.96%, shown as 80.0%, and still below an 80% target.
		expect(targetStatus(1999, 2500, 80)).toBe('below');
		expect(targetStatus(2000, 2500, 80)).toBe('meets');
		expect(targetStatus(0, 0, 80)).toBe('no-cases');
		expect(targetStatus(1, 1, 100)).toBe('meets');
	});

	test('pending cases are counted apart and left out of the base', () => {
		const p = periodPerformance(
			[
				{ day: '2025-05-01', met: true },
				{ day: '2025-05-02', met: false },
				{ day: '2025-05-03', met: null },
				{ day: '2025-03-31', met: false },
				{ day: '2025-08-01', met: false }
			],
			{ label: 'May', firstDay: '2025-05-01', lastDay: '2025-05-31' },
			50
		);
		expect(p).toMatchObject({ n: 2, met: 1, percent: 50, pending: 1, status: 'meets' });
	});

	test('a reporting year has four quarters, the last in the next calendar year', () => {
		expect(quartersOf(reportingYear(2025))).toEqual([
			{ label: 'April to June 2025', firstDay: '2025-04-01', lastDay: '2025-06-30' },
			{ label: 'July to September 2025', firstDay: '2025-07-01', lastDay: '2025-09-30' },
			{ label: 'October to December 2025', firstDay: '2025-10-01', lastDay: '2025-12-31' },
			{ label: 'January to March 2026', firstDay: '2026-01-01', lastDay: '2026-03-31' }
		]);
		// A leap year's February falls in the last quarter's span without changing its end.
		expect(quartersOf(reportingYear(2027))[3]!.lastDay).toBe('2028-03-31');
	});

	test('the year is the sum of its quarters', () => {
		const cases = [
			{ day: '2025-04-01', met: true },
			{ day: '2025-06-30', met: false },
			{ day: '2025-07-01', met: true },
			{ day: '2025-12-31', met: true },
			{ day: '2026-01-01', met: null },
			{ day: '2026-03-31', met: false },
			{ day: '2026-04-01', met: true },
			{ day: '2025-03-31', met: true }
		];
		const { year, quarters } = yearPerformance(cases, reportingYear(2025), 75);
		expect(year).toMatchObject({ n: 5, met: 3, percent: 60, pending: 1, status: 'below' });
		expect(quarters.map((q) => [q.met, q.n, q.pending])).toEqual([
			[1, 2, 0],
			[1, 1, 0],
			[1, 1, 0],
			[0, 1, 1]
		]);
		expect(quarters.reduce((sum, q) => sum + q.n, 0)).toBe(year.n);
	});
});
