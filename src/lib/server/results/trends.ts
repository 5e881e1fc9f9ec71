import { and, count, eq, max, min, sql, type SQL } from 'drizzle-orm';
import { londonDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { compareMeasures, periodsBetween, type PeriodKind } from '$lib/domain/results/periods';
import { measureOf, type QuestionMeasure } from '$lib/domain/results/question-results';
import { REFUSED_OPTION, type Question } from '$lib/domain/survey';
import { suppressCells, SUPPRESSION_LABELS, type SuppressionReason } from '$lib/domain/suppression';
import type { PeriodComparison } from '$lib/domain/intervals';
import type { Db } from '../db';
import { answer, response } from '../db/schema';
import { responseConditions, type ResultsFilter } from './filters';
import { suppressionFor, type Viewer } from './report';

export interface TrendPoint {
	label: string;
	n: number;
	measure: QuestionMeasure | null;
	/** Not shown to this viewer. */
	hidden: boolean;
	/** Why the panel and the public do not see it; shown to admins as a mark. */
	mark: string | null;
	reason: SuppressionReason | null;
}

export interface Trend {
	period: PeriodKind;
	points: TrendPoint[];
	/** The last period against the one before it. */
	comparison: PeriodComparison | null;
	comparing: [string, string] | null;
}

/**
 * The headline measure per month or quarter (London dates), each period counted in one query. The
 * page shows the same question's result for the whole filter, so the periods are cells of that
 * total: complementary suppression applies across them as in a breakdown, with any answers from
 * before the first period shown counted as a hidden part of the total.
 */
export function trends(
	db: Db,
	surveyId: number,
	filter: ResultsFilter,
	question: Question,
	period: PeriodKind,
	viewer: Viewer
): Trend {
	const where = responseConditions(surveyId, filter);
	const span = db
		.select({ first: min(response.submittedAt), last: max(response.submittedAt) })
		.from(response)
		.where(where)
		.get();
	if (!span?.first || !span.last) return { period, points: [], comparison: null, comparing: null };
	const periods = periodsBetween(londonDate(span.first), londonDate(span.last), period);
	const bounds = periods.map((p) => startOfLondonDay(p.end).getTime());
	const firstStart = startOfLondonDay(periods[0]!.start).getTime();
	// One CASE maps each submission time to its period (-1 before the first), so every period
	// comes back from one query.
	const bucket = sql<number>`case when ${response.submittedAt} < ${firstStart} then -1 ${sql.join(
		bounds.map((end, index) => sql`when ${response.submittedAt} < ${end} then ${index}`),
		sql` `
	)} end`;
	const rows = db
		.select({
			bucket,
			kind: sql<string>`json_extract(${answer.value}, '$.type')`,
			value: sql<string | number | null>`json_extract(${answer.value}, '$.value')`,
			n: count()
		})
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.where(and(where, eq(answer.questionId, question.id)) as SQL)
		.groupBy(sql`1`, sql`2`, sql`3`)
		.all();
	const counts = periods.map(() => ({}) as Record<string, number>);
	const before: Record<string, number> = {};
	for (const row of rows) {
		const target = row.bucket === -1 ? before : counts[row.bucket];
		if (!target) continue;
		const key = row.kind === 'refused' ? REFUSED_OPTION.value : String(row.value);
		target[key] = (target[key] ?? 0) + row.n;
	}
	const { k } = suppressionFor(db);
	const strict = viewer !== 'admin';
	const measures = counts.map((c) => measureOf(question, c));
	const suppressed = suppressCells(
		measures.map((measure, index) => ({ key: index, n: measure?.result.n ?? 0 })),
		k,
		{ unlisted: measureOf(question, before)?.result.n ?? 0 }
	);
	const points = periods.map((p, index): TrendPoint => {
		const cell = suppressed.cells[index]!;
		const hidden = strict && cell.suppressed;
		return {
			label: p.label,
			n: hidden ? 0 : cell.n,
			measure: strict && (hidden || cell.n === 0) ? null : measures[index]!,
			hidden,
			mark: cell.reason ? SUPPRESSION_LABELS[cell.reason] : null,
			reason: cell.reason
		};
	});
	const [previous, current] = points.slice(-2);
	const comparable = points.length >= 2 && previous && current;
	return {
		period,
		points,
		comparison: comparable ? compareMeasures(previous.measure, current.measure) : null,
		comparing: comparable ? [previous.label, current.label] : null
	};
}
