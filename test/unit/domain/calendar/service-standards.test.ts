import { describe, expect, test } from 'vitest';
import {
	metStandard,
	standardDueDate,
	standardPerformance,
	type ServiceStandard
} from '$lib/domain/calendar/service-standards';
import type { WorkingCalendar } from '$lib/domain/calendar/working-days';

const EW: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };
const NI: WorkingCalendar = { division: 'northern-ireland', closureDays: [] };

const acknowledgeEmail: ServiceStandard = {
	channel: 'email',
	event: 'acknowledged',
	workingDays: 1
};
const replyInTwo: ServiceStandard = { channel: 'email', event: 'replied', workingDays: 2 };
const fullReply: ServiceStandard = { channel: 'email', event: 'replied', workingDays: 10 };

const at = (iso: string) => new Date(iso);

describe('metStandard', () => {
	test('acknowledge within 1 working day, over Christmas 2026', () => {
		// Received Thu 24 Dec 2026: [Fri 25 BH, Sat, Sun, Mon 28 BH], Tue 29 (1).
		const received = at('2026-12-24T10:00:00Z');
		expect(standardDueDate(received, acknowledgeEmail, EW).date).toBe('2026-12-29');
		expect(metStandard(received, at('2026-12-29T17:00:00Z'), acknowledgeEmail, EW)).toBe(true);
		expect(metStandard(received, at('2026-12-30T09:00:00Z'), acknowledgeEmail, EW)).toBe(false);
	});

	test('a reply at 23:30 UTC in summer is on the next London day', () => {
		// Received Fri 17 July 2026: Mon 20 (1), Tue 21 (2).
		const received = at('2026-07-17T16:00:00Z');
		expect(metStandard(received, at('2026-07-21T22:30:00Z'), replyInTwo, EW)).toBe(true);
		expect(metStandard(received, at('2026-07-21T23:30:00Z'), replyInTwo, EW)).toBe(false);
	});

	test("a full reply within 10 working days over St Patrick's Day", () => {
		// Received Mon 16 March 2026.
		// Northern Ireland: [Tue 17 BH], Wed 18 (1) … Fri 20 (3), Mon 23 (4) … Fri 27 (8), Mon 30 (9), Tue 31 (10).
		// England and Wales: Tue 17 (1) … Fri 20 (4), Mon 23 (5) … Fri 27 (9), Mon 30 (10).
		const received = at('2026-03-16T09:00:00Z');
		const replied = at('2026-03-31T12:00:00Z');
		expect(metStandard(received, replied, fullReply, NI)).toBe(true);
		expect(metStandard(received, replied, fullReply, EW)).toBe(false);
	});

	test('no event yet: unknown until the due date has passed', () => {
		const received = at('2026-12-24T10:00:00Z'); // due Tue 29 Dec
		expect(metStandard(received, null, acknowledgeEmail, EW)).toBeNull();
		expect(
			metStandard(received, null, acknowledgeEmail, EW, at('2026-12-29T20:00:00Z'))
		).toBeNull();
		expect(metStandard(received, null, acknowledgeEmail, EW, at('2026-12-30T08:00:00Z'))).toBe(
			false
		);
	});
});

describe('standardPerformance', () => {
	test('percentage of contacts whose result is known', () => {
		// Acknowledge within 1 working day; now is Wed 8 July 2026, 12:00 BST.
		//      July 2026
		// Mo Tu We Th Fr Sa Su
		//        1  2  3  4  5
		//  6  7  8  9 10 11 12
		const contacts = [
			// Wed 1 → due Thu 2: acknowledged Thu 2 — met.
			{ receivedAt: at('2026-07-01T09:00:00Z'), eventAt: at('2026-07-02T15:00:00Z') },
			// Fri 3 → due Mon 6: acknowledged Mon 6 — met.
			{ receivedAt: at('2026-07-03T15:00:00Z'), eventAt: at('2026-07-06T08:00:00Z') },
			// Mon 6 → due Tue 7: never acknowledged, and Tue 7 has passed — missed.
			{ receivedAt: at('2026-07-06T09:00:00Z'), eventAt: null },
			// Wed 8 → due Thu 9: not yet acknowledged, still in time — pending, not counted.
			{ receivedAt: at('2026-07-08T09:00:00Z'), eventAt: null }
		];
		const result = standardPerformance(contacts, acknowledgeEmail, EW, at('2026-07-08T11:00:00Z'));
		expect(result).toMatchObject({ n: 3, met: 2, pending: 1, warnings: [] });
		expect(result.percent).toBeCloseTo(66.6667, 4);
	});

	test('no contacts gives no score, not 0%', () => {
		expect(standardPerformance([], acknowledgeEmail, EW, at('2026-07-08T11:00:00Z'))).toEqual({
			n: 0,
			met: 0,
			percent: null,
			pending: 0,
			warnings: []
		});
	});

	test('contacts beyond the shipped bank holidays carry a warning', () => {
		// Received Fri 31 Dec 2027 → [Mon 3 Jan 2028, New Year substitute, calculated] → due Tue 4 Jan.
		const result = standardPerformance(
			[{ receivedAt: at('2027-12-31T10:00:00Z'), eventAt: at('2028-01-04T10:00:00Z') }],
			acknowledgeEmail,
			EW,
			at('2028-01-10T10:00:00Z')
		);
		expect(result).toMatchObject({ n: 1, met: 1, percent: 100 });
		expect(result.warnings.map((w) => w.year)).toEqual([2028]);
	});
});
