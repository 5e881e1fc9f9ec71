import { londonDate, startOfLondonDay } from './london-date';
import { addCalendarMonths } from './subject-access';

/**
 * The instant before which a record kept for `months` calendar months is past its retention:
 * the start of the London day that many months before today. A record from 31 March kept for
 * 1 month is past it from 1 May; one from 15 March, from 15 April.
 */
export function retentionCutoff(now: Date, months: number): Date {
	if (!Number.isInteger(months) || months < 1)
		throw new RangeError(`A retention period is a whole number of months, at least 1: ${months}`);
	return startOfLondonDay(addCalendarMonths(londonDate(now), -months));
}
