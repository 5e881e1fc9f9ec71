import { describe, expect, test } from 'vitest';
import {
	formatInstantForPeople,
	londonInstant,
	londonTime
} from '../../../../src/lib/domain/calendar/london-time';

describe('London wall-clock times typed in forms', () => {
	test('winter is UTC, summer is an hour ahead', () => {
		expect(londonInstant('2025-12-24', '10:00').toISOString()).toBe('2025-12-24T10:00:00.000Z');
		expect(londonInstant('2025-07-01', '00:30').toISOString()).toBe('2025-06-30T23:30:00.000Z');
	});

	test('the hour skipped in spring is read as the later clock', () => {
		// Clocks go forward at 01:00 UTC on Sunday 30 March 2025: 01:30 London never happened.
		expect(londonInstant('2025-03-30', '01:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
		expect(londonInstant('2025-03-30', '02:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
	});

	test('the hour repeated in autumn is read as its first occurrence', () => {
		// Clocks go back at 01:00 UTC on Sunday 26 October 2025: 01:30 London happens twice.
		expect(londonInstant('2025-10-26', '01:30').toISOString()).toBe('2025-10-26T00:30:00.000Z');
	});

	test('shown back in London time', () => {
		expect(londonTime(new Date('2025-06-30T23:30:00Z'))).toBe('00:30');
		expect(formatInstantForPeople(new Date('2025-06-30T23:30:00Z'))).toBe('Tue, 1 Jul 2025, 00:30');
	});

	test('nonsense is refused', () => {
		expect(() => londonInstant('2025-02-30', '10:00')).toThrow(RangeError);
		expect(() => londonInstant('2025-02-10', '24:00')).toThrow(RangeError);
	});
});
