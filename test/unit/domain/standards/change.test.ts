import { describe, expect, test } from 'vitest';
import { changeSince } from '../../../../src/lib/domain/standards/change';

describe('changeSince', () => {
	test('a rise is better where higher is better, and worse where lower is', () => {
		expect(changeSince(72.4, 70.1, 'higher')).toEqual({ difference: 2.3, direction: 'better' });
		expect(changeSince(12.5, 10, 'lower')).toEqual({ difference: 2.5, direction: 'worse' });
		expect(changeSince(8, 10, 'lower')).toEqual({ difference: -2, direction: 'better' });
	});

	test('figures that read the same are no change, though unrounded they differ', () => {
		// 62.46 and 62.54 both show as 62.5.
		expect(changeSince(62.46, 62.54, 'higher')).toEqual({ difference: 0, direction: 'same' });
	});

	test('the difference is the one a reader works out from the shown figures', () => {
		// 70.05 shows as 70.1 (half away from zero) and 68.04 as 68.0: a rise of 2.1, not 2.0.
		expect(changeSince(70.05, 68.04, 'higher')?.difference).toBe(2.1);
		expect(changeSince(-12.35, -10, 'higher')).toEqual({ difference: -2.4, direction: 'worse' });
	});

	test('no figure in either year: no change to show', () => {
		expect(changeSince(null, 50, 'higher')).toBeNull();
		expect(changeSince(50, null, 'higher')).toBeNull();
	});
});
