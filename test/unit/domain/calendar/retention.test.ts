import { describe, expect, test } from 'vitest';
import { retentionCutoff } from '$lib/domain/calendar/retention';

describe('retentionCutoff', () => {
	test('is the start of the London day the given calendar months before today', () => {
		// 15 May in summer time: 15 April began at 23:00 UTC on 14 April.
		expect(retentionCutoff(new Date('2026-05-15T12:00:00Z'), 1).toISOString()).toBe(
			'2026-04-14T23:00:00.000Z'
		);
		// In winter London is on UTC.
		expect(retentionCutoff(new Date('2026-12-02T09:00:00Z'), 24).toISOString()).toBe(
			'2024-12-02T00:00:00.000Z'
		);
	});

	test('a month with no such day ends at its last day', () => {
		expect(retentionCutoff(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe(
			'2026-02-28T00:00:00.000Z'
		);
		expect(retentionCutoff(new Date('2028-03-31T12:00:00Z'), 1).toISOString()).toBe(
			'2028-02-29T00:00:00.000Z'
		);
	});

	test('counts the London date, not the UTC one, just after midnight in summer', () => {
		// 00:30 on 1 June in London is still 31 May in UTC.
		expect(retentionCutoff(new Date('2026-05-31T23:30:00Z'), 12).toISOString()).toBe(
			'2025-05-31T23:00:00.000Z'
		);
	});

	test('refuses anything but a whole number of months, at least 1', () => {
		for (const months of [0, -1, 1.5, Number.NaN])
			expect(() => retentionCutoff(new Date(), months)).toThrow(RangeError);
	});
});
