/**
 * Reporting periods for trends (calendar months or quarters, in London dates) and the
 * period-on-period comparison of a measure, which names the test it uses (intervals.ts).
 */

import { compareNps, compareProportions, type PeriodComparison } from '../intervals';
import { parseLocalDate, type LocalDate } from '../calendar/london-date';
import type { QuestionMeasure } from './question-results';

export type PeriodKind = 'month' | 'quarter';

export interface Period {
	label: string;
	/** First London date in the period. */
	start: LocalDate;
	/** First London date after it. */
	end: LocalDate;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The periods from the one holding `from` to the one holding `to`, at most `limit`, latest kept. */
export function periodsBetween(
	from: LocalDate,
	to: LocalDate,
	kind: PeriodKind,
	limit = 36
): Period[] {
	const step = kind === 'month' ? 1 : 3;
	const first = parseLocalDate(from);
	const last = parseLocalDate(to);
	let year = first.year;
	let month = kind === 'month' ? first.month : first.month - ((first.month - 1) % 3);
	const periods: Period[] = [];
	while (year < last.year || (year === last.year && month <= last.month)) {
		const nextMonth = month + step > 12 ? month + step - 12 : month + step;
		const nextYear = month + step > 12 ? year + 1 : year;
		periods.push({
			label:
				kind === 'month'
					? `${MONTHS[month - 1]} ${year}`
					: `${MONTHS[month - 1]}–${MONTHS[month + 1]} ${year}`,
			start: `${year}-${pad(month)}-01`,
			end: `${nextYear}-${pad(nextMonth)}-01`
		});
		year = nextYear;
		month = nextMonth;
	}
	return periods.slice(-limit);
}

/**
 * The change in a measure from one period to the next, or null where the measure has no test
 * here (a mean rating) or either period has no valid answers. Customer effort is compared on its
 * % agreeing.
 */
export function compareMeasures(
	previous: QuestionMeasure | null,
	current: QuestionMeasure | null
): PeriodComparison | null {
	if (!previous || !current || previous.kind !== current.kind) return null;
	switch (previous.kind) {
		case 'nps':
			return compareNps(previous.result, (current as typeof previous).result);
		case 'csat':
		case 'agreement': {
			const now = (current as typeof previous).result;
			return compareProportions(
				{ successes: previous.result.positive, n: previous.result.n },
				{ successes: now.positive, n: now.n }
			);
		}
		case 'effort': {
			const now = (current as typeof previous).result.agreement;
			const before = previous.result.agreement;
			return compareProportions(
				{ successes: before.positive, n: before.n },
				{ successes: now.positive, n: now.n }
			);
		}
		default:
			return null;
	}
}
