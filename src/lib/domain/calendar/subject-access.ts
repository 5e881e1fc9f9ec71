import { mergeWarnings } from './bank-holidays';
import {
	daysInMonth,
	formatLocalDate,
	londonDate,
	parseLocalDate,
	type LocalDate
} from './london-date';
import { onOrNextWorkingDay, type WithWarnings, type WorkingCalendar } from './working-days';

/**
 * The corresponding date a number of calendar months later, or the last day of that month when it
 * has no such date (31 January + 1 month is 28 or 29 February).
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
	if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
	const { year, month, day } = parseLocalDate(date);
	const index = year * 12 + (month - 1) + months;
	const targetYear = Math.floor(index / 12);
	const targetMonth = (index % 12) + 1;
	return formatLocalDate({
		year: targetYear,
		month: targetMonth,
		day: Math.min(day, daysInMonth(targetYear, targetMonth))
	});
}

export interface SubjectAccessDeadlines extends WithWarnings {
	/** The London date of receipt: the day the count starts from. */
	receivedOn: LocalDate;
	/** One calendar month after receipt, on or rolled to the next working day. */
	due: LocalDate;
	/**
	 * For a complex request: three calendar months after receipt, rolled the same way. The person
	 * must be told of the extension by `due`.
	 */
	dueIfExtended: LocalDate;
}

/** The ICO's counting rule for a subject-access request received at an instant. */
export function subjectAccessDeadlines(
	receivedAt: Date,
	calendar: WorkingCalendar
): SubjectAccessDeadlines {
	const receivedOn = londonDate(receivedAt);
	const due = onOrNextWorkingDay(addCalendarMonths(receivedOn, 1), calendar);
	const extended = onOrNextWorkingDay(addCalendarMonths(receivedOn, 3), calendar);
	return {
		receivedOn,
		due: due.date,
		dueIfExtended: extended.date,
		warnings: mergeWarnings(due.warnings, extended.warnings)
	};
}
