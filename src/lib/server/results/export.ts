import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { formatAnswer, allQuestions, isEqualityQuestion, type Question } from '$lib/domain/survey';
import { TSM_BY_TENURE_ONLY } from '$lib/domain/tsm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { answer, response, surveyVersion, type Survey } from '../db/schema';
import { listServices } from '../settings';
import { responseConditions, type ResultsFilter } from './filters';
import type { SurveyResults } from './report';

const BATCH = 500;

/** Every export is logged with who took it, of what, and with which filters. */
export function recordExport(
	db: Db,
	actor: Actor,
	surveyId: number,
	kind: string,
	filter: ResultsFilter
) {
	writeTransaction(db, (tx) =>
		recordAudit(tx, actor, {
			action: `results.export.${kind}`,
			entity: 'survey',
			entityId: surveyId,
			after: { filter }
		})
	);
}

function questionColumns(db: Db, surveyId: number) {
	const versions = db
		.select()
		.from(surveyVersion)
		.where(eq(surveyVersion.surveyId, surveyId))
		.orderBy(asc(surveyVersion.number))
		.all();
	const byVersion = new Map<number, Map<string, Question>>();
	const codes: string[] = [];
	// Latest version's order first, then codes only older versions asked.
	for (const version of [...versions].reverse()) {
		const questions = allQuestions(version.definition).filter((q) => !isEqualityQuestion(q));
		byVersion.set(version.id, new Map(questions.map((q) => [q.id, q])));
		for (const q of questions) if (!codes.includes(q.code)) codes.push(q.code);
	}
	return { byVersion, codes, numbers: new Map(versions.map((v) => [v.id, v.number])) };
}

/**
 * All submitted responses in the filter as rows: a header, then one row per response and one
 * column per question code, read in batches by id so memory stays flat however many there are.
 * Equality answers are never exported row by row; anonymous surveys carry no customer column.
 * Cells are raw values: the writers make formula-like text inert.
 */
export function* responseRows(
	db: Db,
	survey: Survey,
	filter: ResultsFilter
): Generator<unknown[], void, undefined> {
	const { byVersion, codes, numbers } = questionColumns(db, survey.id);
	const services = new Map(listServices(db).map((s) => [s.id, s.name]));
	const identity = survey.anonymity === 'confidential';
	const where = responseConditions(survey.id, filter);
	const fixed = ['reference', 'submitted_at', 'channel', 'tenure', 'service', 'version'];
	yield [...fixed, ...(identity ? ['customer_id'] : []), ...codes];
	for (let after = 0; ;) {
		const batch = db
			.select()
			.from(response)
			.where(and(where, gt(response.id, after)))
			.orderBy(asc(response.id))
			.limit(BATCH)
			.all();
		if (batch.length === 0) return;
		after = batch[batch.length - 1]!.id;
		const answers = db
			.select()
			.from(answer)
			.where(
				inArray(
					answer.responseId,
					batch.map((r) => r.id)
				)
			)
			.all();
		const byResponse = new Map<number, typeof answers>();
		for (const a of answers) {
			const list = byResponse.get(a.responseId) ?? [];
			list.push(a);
			byResponse.set(a.responseId, list);
		}
		for (const r of batch) {
			const questions = byVersion.get(r.versionId);
			const cells = new Map<string, unknown>();
			for (const a of byResponse.get(r.id) ?? []) {
				const question = questions?.get(a.questionId);
				if (!question || isEqualityQuestion(question)) continue;
				// Numbers stay numbers, so a spreadsheet sums them and the formula guard leaves them be.
				cells.set(
					a.questionCode,
					a.value.type === 'number' ? a.value.value : formatAnswer(question, a.value)
				);
			}
			yield [
				r.reference,
				r.submittedAt,
				r.channel,
				r.tenure,
				r.serviceId === null ? null : (services.get(r.serviceId) ?? null),
				numbers.get(r.versionId) ?? null,
				...(identity ? [r.customerId] : []),
				...codes.map((code) => cells.get(code) ?? null)
			];
		}
	}
}

/**
 * The panel's export: the same aggregated figures the panel sees on screen, under the same
 * minimum group size; never a row per response.
 */
export function panelSummaryRows(results: SurveyResults): unknown[][] {
	const rows: unknown[][] = [['question_code', 'question', 'answer', 'count', 'percent']];
	if (results.notShownMessage) return [...rows, ['', results.notShownMessage, '', null, null]];
	for (const q of results.questions) {
		if (q.byTenureOnly) {
			rows.push([q.code, q.text, TSM_BY_TENURE_ONLY, null, null]);
			continue;
		}
		if (q.suppressed) {
			const reason = q.notShownReason ?? `Fewer than ${results.k} valid answers: not shown`;
			rows.push([q.code, q.text, reason, null, null]);
			continue;
		}
		const answers =
			q.type === 'grid'
				? q.grid.flatMap((g) =>
						g.rows.map((row) => ({ ...row, label: `${g.label}: ${row.label}` }))
					)
				: q.rows;
		for (const row of answers) rows.push([q.code, q.text, row.label, row.n, row.percent]);
	}
	return rows;
}

export function countExportable(db: Db, surveyId: number, filter: ResultsFilter): number {
	return (
		db.select({ n: count() }).from(response).where(responseConditions(surveyId, filter)).get()?.n ??
		0
	);
}
