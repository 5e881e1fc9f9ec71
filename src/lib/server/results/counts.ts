import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ValueCounts } from '$lib/domain/results/question-results';
import { REFUSED_OPTION, type Question } from '$lib/domain/survey';
import type { Db } from '../db';
import { answer, equalityAnswer, response } from '../db/schema';

/**
 * Every figure on the results pages is counted here in SQL, grouped by the value held in the
 * answer's JSON, so a survey with a million answers costs a handful of grouped queries and the
 * measures are computed from a few hundred numbers.
 */

const answerType = sql<string>`json_extract(${answer.value}, '$.type')`;
const answerValue = sql<string | number | null>`json_extract(${answer.value}, '$.value')`;

export interface SurveyCounts {
	responses: number;
	/** question id → value → n (single-value answers: choices, numbers, refusals). */
	values: Map<string, Record<string, number>>;
	/** question id → respondents who answered at all. */
	respondents: Map<string, number>;
	/** question id → grid row → value → n. */
	grid: Map<string, Record<string, Record<string, number>>>;
}

function keyOf(kind: string, value: string | number | null): string {
	return kind === 'refused' ? REFUSED_OPTION.value : String(value);
}

function add(target: Record<string, number>, key: string, n: number) {
	target[key] = (target[key] ?? 0) + n;
}

export function countResponsesWhere(db: Db, where: SQL): number {
	return db.select({ n: count() }).from(response).where(where).get()?.n ?? 0;
}

/** The ids of submitted responses in the filter, as a subquery. */
export function filteredResponseIds(db: Db, where: SQL) {
	return db.select({ id: response.id }).from(response).where(where);
}

/**
 * Counts answers per question and stored value, then reads the few distinct values here: the
 * covering index on (question, value, response) answers this without touching the table or
 * parsing any JSON in SQL. Free text is only counted, never grouped.
 */
export function countSurvey(db: Db, where: SQL, questions: readonly Question[]): SurveyCounts {
	const result: SurveyCounts = {
		responses: countResponsesWhere(db, where),
		values: new Map(),
		respondents: new Map(),
		grid: new Map()
	};
	const counted = questions.filter((q) => !UNGROUPED.has(q.type)).map((q) => q.id);
	const ungrouped = questions.filter((q) => UNGROUPED.has(q.type)).map((q) => q.id);
	const ids = filteredResponseIds(db, where);
	const rows = counted.length
		? db
				.select({ questionId: answer.questionId, value: answer.value, n: count() })
				.from(answer)
				.where(and(inArray(answer.questionId, counted), inArray(answer.responseId, ids)))
				.groupBy(answer.questionId, answer.value)
				.all()
		: [];
	for (const { questionId, value, n } of rows) {
		result.respondents.set(questionId, (result.respondents.get(questionId) ?? 0) + n);
		if (value.type === 'grid') {
			const byRow = result.grid.get(questionId) ?? {};
			for (const [row, chosen] of Object.entries(value.rows)) add((byRow[row] ??= {}), chosen, n);
			result.grid.set(questionId, byRow);
			continue;
		}
		const counts = result.values.get(questionId) ?? {};
		if (value.type === 'choices') for (const chosen of value.values) add(counts, chosen, n);
		else if (value.type === 'refused') add(counts, REFUSED_OPTION.value, n);
		else if (value.type === 'choice' || value.type === 'number')
			add(counts, String(value.value), n);
		result.values.set(questionId, counts);
	}
	if (ungrouped.length) {
		const answered = db
			.select({ questionId: answer.questionId, n: count() })
			.from(answer)
			.where(and(inArray(answer.questionId, ungrouped), inArray(answer.responseId, ids)))
			.groupBy(answer.questionId)
			.all();
		for (const row of answered) result.respondents.set(row.questionId, row.n);
	}
	return result;
}

/** Answered by typing: each answer is its own value, so they are counted, not grouped. */
const UNGROUPED = new Set<Question['type']>(['short-text', 'long-text', 'number', 'date']);

export type Dimension = 'service' | 'channel' | 'tenure' | `equality:${string}`;

const dimensionColumn = {
	service: response.serviceId,
	channel: response.channel,
	tenure: response.tenure
} as const;

export interface GroupCounts {
	/** null: not recorded ("not stated"). */
	group: string | null;
	counts: ValueCounts;
}

/** One question's answer counts per group of a breakdown. */
export function countByGroup(
	db: Db,
	where: SQL,
	questionId: string,
	dimension: Dimension
): GroupCounts[] {
	let rows: {
		group: string | number | null;
		kind: string;
		value: string | number | null;
		n: number;
	}[];
	if (dimension.startsWith('equality:')) {
		const code = dimension.slice('equality:'.length);
		const group = sql<string | null>`json_extract(${equalityAnswer.value}, '$.value')`;
		rows = db
			.select({ group, kind: answerType, value: answerValue, n: count() })
			.from(answer)
			.innerJoin(response, eq(response.id, answer.responseId))
			.leftJoin(
				equalityAnswer,
				and(eq(equalityAnswer.responseId, response.id), eq(equalityAnswer.questionCode, code))
			)
			.where(and(where, eq(answer.questionId, questionId)))
			.groupBy(group, answerType, answerValue)
			.all();
	} else {
		const column = dimensionColumn[dimension as keyof typeof dimensionColumn];
		rows = db
			.select({ group: column, kind: answerType, value: answerValue, n: count() })
			.from(answer)
			.innerJoin(response, eq(response.id, answer.responseId))
			.where(and(where, eq(answer.questionId, questionId)))
			.groupBy(column, answerType, answerValue)
			.all();
	}
	const byGroup = new Map<string | null, Record<string, number>>();
	for (const row of rows) {
		const key = row.group === null ? null : String(row.group);
		const counts = byGroup.get(key) ?? {};
		add(counts, keyOf(row.kind, row.value), row.n);
		byGroup.set(key, counts);
	}
	return [...byGroup].map(([group, counts]) => ({ group, counts }));
}

/** Equality question codes with at least one answer in the survey. */
export function equalityCodes(db: Db, surveyId: number): string[] {
	return db
		.selectDistinct({ code: equalityAnswer.questionCode })
		.from(equalityAnswer)
		.innerJoin(response, eq(response.id, equalityAnswer.responseId))
		.where(eq(response.surveyId, surveyId))
		.orderBy(equalityAnswer.questionCode)
		.all()
		.map((row) => row.code);
}
