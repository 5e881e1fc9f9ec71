import { and, count, eq, max, min, sql, type SQL } from 'drizzle-orm';
import { londonDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { compareMeasures, periodsBetween, type PeriodKind } from '$lib/domain/results/periods';
import { measureOf, type QuestionMeasure } from '$lib/domain/results/question-results';
import { REFUSED_OPTION, type Question } from '$lib/domain/survey';
import type { PeriodComparison } from '$lib/domain/intervals';
import type { Db } from '../db';
import { answer, response } from '../db/schema';
import { responseConditions, type ResultsFilter } from './filters';
import { suppressionFor, type Viewer } from './report';

export interface TrendPoint {
	label: string;
	n: number;
	measure: QuestionMeasure | null;
	hidden: boolean;
	belowMinimum: boolean;
}

export interface Trend {
	period: PeriodKind;
	points: TrendPoint[];
	/** The last period against the one before it. */
	comparison: PeriodComparison | null;
	comparing: [string, string] | null;
}

/** The headline measure per month or quarter (London dates), each period counted in one query. */
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
	// One CASE maps each submission time to its period, so every period comes back from one query.
	const bucket = sql<number>`case ${sql.join(
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
		.where(
			and(
				where,
				eq(answer.questionId, question.id),
				sql`${response.submittedAt} >= ${firstStart}`
			) as SQL
		)
		.groupBy(sql`1`, sql`2`, sql`3`)
		.all();
	const counts = periods.map(() => ({}) as Record<string, number>);
	for (const row of rows) {
		const target = counts[row.bucket];
		if (!target) continue;
		const key = row.kind === 'refused' ? REFUSED_OPTION.value : String(row.value);
		target[key] = (target[key] ?? 0) + row.n;
	}
	const { k } = suppressionFor(db);
	const strict = viewer !== 'admin';
	const points = periods.map((p, index): TrendPoint => {
		const measure = measureOf(question, counts[index]!);
		const n = measure?.result.n ?? 0;
		const small = n < k;
		return {
			label: p.label,
			n: strict && small ? 0 : n,
			measure: strict && small ? null : measure,
			hidden: strict && small && n > 0,
			belowMinimum: small && n > 0
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
