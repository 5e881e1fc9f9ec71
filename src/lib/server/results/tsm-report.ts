import { and, count, eq, max, min } from 'drizzle-orm';
import { z } from 'zod';
import { londonDate } from '$lib/domain/calendar/london-date';
import {
	assessTsmAccuracy,
	stratumWeights,
	TSM_PERCEPTION_CODES,
	TSM_POPULATIONS,
	tsmMeasureFromCounts,
	weightedTsmMeasureFromCounts,
	type TsmPopulation
} from '$lib/domain/tsm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { response, tenures, tsmApproach, tsmStratum, type Survey } from '../db/schema';
import { getOrganisation } from '../settings';
import { responseConditions, type ResultsFilter } from './filters';
import { countStrata, countValidTsmResponses, tallyTsm } from './tsm-counts';

const text = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`);

export const approachSchema = z.object({
	sampleMethod: text(2000),
	representativeness: text(2000),
	contractor: text(500),
	excludedHouseholds: z.coerce
		.number({ error: 'Enter the number of households excluded, as a whole number' })
		.int('Enter a whole number')
		.min(0, 'Enter 0 or more')
		.max(10_000_000),
	exclusionReasons: text(2000),
	sampleShortfall: text(2000),
	incentives: text(1000),
	otherIssues: text(2000)
});

export const stratumSchema = z.object({
	population: z.enum(tenures, { error: 'Select LCRA or LCHO' }),
	questionCode: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_]{1,40}$/, 'Enter the code of the question that sets the stratum'),
	value: z.string().trim().min(1, 'Enter the answer value for this stratum').max(100),
	homes: z.coerce
		.number({ error: 'Enter the homes in this stratum' })
		.int('Enter a whole number')
		.min(1, 'A stratum has at least 1 home')
		.max(10_000_000)
});

export function saveApproach(
	db: Db,
	actor: Actor,
	surveyId: number,
	input: z.output<typeof approachSchema>
) {
	writeTransaction(db, (tx) => {
		tx.insert(tsmApproach)
			.values({ surveyId, ...input, updatedAt: new Date() })
			.onConflictDoUpdate({
				target: tsmApproach.surveyId,
				set: { ...input, updatedAt: new Date() }
			})
			.run();
		recordAudit(tx, actor, {
			action: 'tsm.approach.update',
			entity: 'survey',
			entityId: surveyId,
			after: input
		});
	});
}

export function addStratum(
	db: Db,
	actor: Actor,
	surveyId: number,
	input: z.output<typeof stratumSchema>
) {
	writeTransaction(db, (tx) => {
		tx.insert(tsmStratum)
			.values({ surveyId, ...input })
			.onConflictDoUpdate({
				target: [tsmStratum.surveyId, tsmStratum.population, tsmStratum.value],
				set: { homes: input.homes, questionCode: input.questionCode }
			})
			.run();
		recordAudit(tx, actor, {
			action: 'tsm.stratum.save',
			entity: 'survey',
			entityId: surveyId,
			after: input
		});
	});
}

export function removeStratum(db: Db, actor: Actor, surveyId: number, stratumId: number) {
	writeTransaction(db, (tx) => {
		const gone = tx
			.delete(tsmStratum)
			.where(and(eq(tsmStratum.id, stratumId), eq(tsmStratum.surveyId, surveyId)))
			.returning()
			.get();
		if (gone)
			recordAudit(tx, actor, {
				action: 'tsm.stratum.remove',
				entity: 'survey',
				entityId: surveyId,
				before: gone
			});
	});
}

function populationReport(
	db: Db,
	survey: Survey,
	filter: ResultsFilter,
	population: TsmPopulation
) {
	const organisation = getOrganisation(db);
	const homes = population === 'LCRA' ? organisation.homesLcra : organisation.homesLcho;
	const where = responseConditions(survey.id, { ...filter, tenure: population });
	const submitted = db.select({ n: count() }).from(response).where(where).get()?.n ?? 0;
	const n = countValidTsmResponses(db, where)[population];
	const accuracy =
		homes > 0 && n <= homes
			? assessTsmAccuracy(homes, organisation.homesLcra + organisation.homesLcho, n)
			: null;
	const strata = db
		.select()
		.from(tsmStratum)
		.where(and(eq(tsmStratum.surveyId, survey.id), eq(tsmStratum.population, population)))
		.all();
	const unweighted = tallyTsm(db, where)[population];
	const measures = TSM_PERCEPTION_CODES.map((code) =>
		tsmMeasureFromCounts(
			code,
			population,
			[...(unweighted[code]?.values() ?? [])][0] ?? { satisfied: 0, valid: 0 }
		)
	);
	let weighted = null;
	let outsideStrata = 0;
	if (strata.length > 0) {
		const code = strata[0]!.questionCode;
		const sample = countStrata(db, where, code);
		const defined = new Set(strata.map((s) => s.value));
		outsideStrata = sample
			.filter((s) => s.stratum === null || !defined.has(s.stratum))
			.reduce((t, s) => t + s.n, 0);
		const weights = stratumWeights(
			strata.map((s) => ({
				stratum: s.value,
				population: s.homes,
				respondents: sample.find((row) => row.stratum === s.value)?.n ?? 0
			}))
		);
		const tally = tallyTsm(db, where, code)[population];
		// Respondents outside every defined stratum carry no weight: the summary says how many.
		weighted = TSM_PERCEPTION_CODES.map((c) =>
			weightedTsmMeasureFromCounts(
				c,
				population,
				[...(tally[c]?.entries() ?? [])]
					.filter(([stratum]) => weights[stratum] !== undefined)
					.map(([stratum, counts]) => ({ ...counts, weight: weights[stratum]! }))
			)
		);
	}
	return { population, homes, n, submitted, accuracy, measures, weighted, strata, outsideStrata };
}

export function tsmReport(db: Db, survey: Survey, filter: ResultsFilter) {
	const where = responseConditions(survey.id, filter);
	const span = db
		.select({ first: min(response.submittedAt), last: max(response.submittedAt) })
		.from(response)
		.where(where)
		.get();
	const channels = db
		.select({ channel: response.channel, n: count() })
		.from(response)
		.where(where)
		.groupBy(response.channel)
		.all();
	const approach = db.select().from(tsmApproach).where(eq(tsmApproach.surveyId, survey.id)).get();
	return {
		populations: TSM_POPULATIONS.map((p) => populationReport(db, survey, filter, p)),
		timing:
			span?.first && span.last ? { from: londonDate(span.first), to: londonDate(span.last) } : null,
		channels,
		accessMode: survey.accessMode,
		approach: approach ?? null
	};
}

export type TsmReport = ReturnType<typeof tsmReport>;
