import { and, count, countDistinct, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
	TSM_PERCEPTION_CODES,
	TSM_PERCEPTION_MEASURES,
	TSM_SATISFIED_POSITIONS,
	type TsmPerceptionCode,
	type TsmPopulation,
	type TsmWeightedCounts
} from '$lib/domain/tsm';
import { scalePosition } from '$lib/domain/survey';
import { AGREEMENT_SCALE, SATISFACTION_SCALE } from '$lib/domain/survey/scales';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { answer, response } from '../db/schema';

const screenAnswer = alias(answer, 'screen_answer');
const stratumAnswer = alias(answer, 'stratum_answer');

const screenOf = Object.fromEntries(
	TSM_PERCEPTION_MEASURES.filter((m) => m.screen !== null).map((m) => [m.code, m.screen!])
) as Partial<Record<TsmPerceptionCode, string>>;

// The screening question each measure's base depends on, as a SQL expression on the answer row.
const screenCodeSql = sql.join(
	[
		sql`case ${answer.questionCode}`,
		...Object.entries(screenOf).map(([code, screen]) => sql`when ${code} then ${screen}`),
		sql`end`
	],
	sql` `
);

// Each answer row beside the same response's answer to its measure's screening question, if any.
const screenOfSameResponse = and(
	eq(screenAnswer.responseId, answer.responseId),
	eq(screenAnswer.questionCode, screenCodeSql)
);

/** population → measure → stratum ('' when unweighted) → counts. */
export type TsmTally = Record<
	TsmPopulation,
	Partial<Record<TsmPerceptionCode, Map<string, TsmWeightedCounts>>>
>;

/**
 * Counts TP01–TP12 per population straight from the answers. Anyone whose screening answer is
 * not "yes" is outside TP02, TP03, TP09 and TP10 whatever else their record holds; only the five
 * scale points are valid answers. With `stratumCode`, counts are split by the answer to that
 * question, for weighting.
 */
export function tallyTsm(db: Db, where: SQL, stratumCode?: string): TsmTally {
	const kind = sql<string>`json_extract(${answer.value}, '$.type')`;
	const value = sql<string | null>`json_extract(${answer.value}, '$.value')`;
	const screen = sql<string | null>`json_extract(${screenAnswer.value}, '$.value')`;
	const stratum = stratumCode
		? sql<string | null>`json_extract(${stratumAnswer.value}, '$.value')`
		: sql<string | null>`''`;
	let query = db
		.select({
			population: response.tenure,
			code: answer.questionCode,
			kind,
			value,
			screen,
			stratum,
			n: count()
		})
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.leftJoin(screenAnswer, screenOfSameResponse)
		.$dynamic();
	if (stratumCode)
		query = query.leftJoin(
			stratumAnswer,
			and(
				eq(stratumAnswer.responseId, answer.responseId),
				eq(stratumAnswer.questionCode, stratumCode)
			)
		);
	const rows = query
		.where(and(where, inArray(answer.questionCode, [...TSM_PERCEPTION_CODES])))
		.groupBy(response.tenure, answer.questionCode, kind, value, screen, stratum)
		.all();

	const tally: TsmTally = { LCRA: {}, LCHO: {} };
	for (const row of rows) {
		if (row.population !== 'LCRA' && row.population !== 'LCHO') continue;
		const code = row.code as TsmPerceptionCode;
		if (screenOf[code] !== undefined && row.screen !== 'yes') continue;
		const byStratum = (tally[row.population][code] ??= new Map());
		const key = row.stratum === null ? '' : String(row.stratum);
		const counts = byStratum.get(key) ?? { weight: 1, satisfied: 0, valid: 0, excluded: 0 };
		const position =
			row.kind === 'choice' && row.value !== null ? scalePosition(row.value) : undefined;
		if (position === undefined) counts.excluded = (counts.excluded ?? 0) + row.n;
		else {
			counts.valid += row.n;
			if (TSM_SATISFIED_POSITIONS.includes(position)) counts.satisfied += row.n;
		}
		byStratum.set(key, counts);
	}
	return tally;
}

/** Respondents per population and stratum value, for the sample shares behind the weights. */
export function countStrata(
	db: Db,
	where: SQL,
	stratumCode: string
): { population: string | null; stratum: string | null; n: number }[] {
	const stratum = sql<string | null>`json_extract(${stratumAnswer.value}, '$.value')`;
	return db
		.select({ population: response.tenure, stratum, n: count() })
		.from(response)
		.leftJoin(
			stratumAnswer,
			and(eq(stratumAnswer.responseId, response.id), eq(stratumAnswer.questionCode, stratumCode))
		)
		.where(where)
		.groupBy(response.tenure, stratum)
		.all();
}

const SCALE_POINT_VALUES = [...SATISFACTION_SCALE, ...AGREEMENT_SCALE].map((o) => o.value);
const NOT_ASKED_OF_LCHO = TSM_PERCEPTION_MEASURES.filter((m) => !m.askedOfLcho).map((m) => m.code);

/**
 * The achieved sample the margin of error rests on ("n the valid responses"): per population, the
 * responses with at least one valid TSM answer, a scale point inside its measure's base. A
 * response with no TSM answer, or only "Not applicable/ don't know", refusals or answers outside
 * the base (a screened measure without a "yes" to its screen, TP02–TP04 from LCHO), is not one.
 */
export function countValidTsmResponses(db: Db, where: SQL): Record<TsmPopulation, number> {
	const rows = db
		.select({ population: response.tenure, n: countDistinct(answer.responseId) })
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.leftJoin(screenAnswer, screenOfSameResponse)
		.where(
			and(
				where,
				inArray(answer.questionCode, [...TSM_PERCEPTION_CODES]),
				sql`json_extract(${answer.value}, '$.type') = 'choice'`,
				inArray(sql`json_extract(${answer.value}, '$.value')`, SCALE_POINT_VALUES),
				sql`(${screenCodeSql} is null or json_extract(${screenAnswer.value}, '$.value') = 'yes')`,
				// LCHO respondents are not asked TP02–TP04: such answers (an import) support no measure.
				sql`not (${response.tenure} = 'LCHO' and ${inArray(answer.questionCode, NOT_ASKED_OF_LCHO)})`
			)
		)
		.groupBy(response.tenure)
		.all();
	const valid: Record<TsmPopulation, number> = { LCRA: 0, LCHO: 0 };
	for (const row of rows) {
		if (row.population === 'LCRA' || row.population === 'LCHO') valid[row.population] = row.n;
	}
	return valid;
}
