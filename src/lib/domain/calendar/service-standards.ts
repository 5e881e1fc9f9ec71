import { mergeWarnings, type CalendarWarning } from './bank-holidays';
import { londonDate, type LocalDate } from './london-date';
import {
	isOnTime,
	workingDaysAfter,
	type WithWarnings,
	type WorkingCalendar
} from './working-days';

/** A promise to customers, e.g. { channel: 'email', event: 'acknowledged', workingDays: 1 }. */
export interface ServiceStandard {
	channel: string;
	event: string;
	workingDays: number;
}

/** The last London date on which the event meets the standard. */
export function standardDueDate(
	receivedAt: Date,
	standard: ServiceStandard,
	calendar: WorkingCalendar
): WithWarnings & { date: LocalDate } {
	return workingDaysAfter(receivedAt, standard.workingDays, calendar);
}

/**
 * True or false once it is known. Null while the event has not happened and could still meet the
 * standard (or no `now` is given to tell); an event that never happened misses it once the due
 * date has passed.
 */
export function metStandard(
	receivedAt: Date,
	eventAt: Date | null,
	standard: ServiceStandard,
	calendar: WorkingCalendar,
	now?: Date
): boolean | null {
	return judge(standardDueDate(receivedAt, standard, calendar).date, eventAt, now);
}

function judge(due: LocalDate, eventAt: Date | null, now: Date | undefined): boolean | null {
	if (eventAt) return isOnTime(eventAt, due);
	if (!now) return null;
	return londonDate(now) > due ? false : null;
}

export interface StandardContact {
	receivedAt: Date;
	/** When the standard's event (acknowledgement, reply, …) happened; null if it has not. */
	eventAt: Date | null;
}

export interface StandardPerformance extends WithWarnings {
	/** Contacts whose result is known: the base of the percentage. */
	n: number;
	met: number;
	/** Unrounded 100 × met ÷ n (round only for display); null when n is 0. */
	percent: number | null;
	/** Contacts still inside their deadline with no event yet, left out of n. */
	pending: number;
}

/**
 * The share of contacts that met a standard. The caller passes the contacts the standard applies
 * to (its channel, and the event's own timestamp for each).
 */
export function standardPerformance(
	contacts: readonly StandardContact[],
	standard: ServiceStandard,
	calendar: WorkingCalendar,
	now: Date
): StandardPerformance {
	let n = 0;
	let met = 0;
	let pending = 0;
	const warnings: CalendarWarning[][] = [];
	for (const contact of contacts) {
		const due = standardDueDate(contact.receivedAt, standard, calendar);
		warnings.push(due.warnings);
		const result = judge(due.date, contact.eventAt, now);
		if (result === null) {
			pending++;
			continue;
		}
		n++;
		if (result) met++;
	}
	return {
		n,
		met,
		percent: n === 0 ? null : (100 * met) / n,
		pending,
		warnings: mergeWarnings(...warnings)
	};
}
