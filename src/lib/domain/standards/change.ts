import { roundForDisplay } from '../rounding';

export type Change = {
	/** Shown figure this year less shown figure last year, as readers would work it out. */
	difference: number;
	direction: 'better' | 'worse' | 'same';
};

/**
 * How a scorecard figure moved since last year. Compared as shown (1 decimal place), so two
 * figures that read the same are "no change" and the difference matches what the page prints.
 * Null when either year has no figure.
 */
export function changeSince(
	current: number | null,
	previous: number | null,
	better: 'higher' | 'lower'
): Change | null {
	if (current === null || previous === null) return null;
	const difference = roundForDisplay(roundForDisplay(current) - roundForDisplay(previous));
	if (difference === 0) return { difference: 0, direction: 'same' };
	const up = difference > 0;
	return { difference, direction: up === (better === 'higher') ? 'better' : 'worse' };
}
