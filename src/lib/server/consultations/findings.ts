import { error } from '@sveltejs/kit';
import { and, asc, count, countDistinct, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import { publicCount } from '$lib/domain/consultations';
import { ALL_TIME } from '$lib/domain/results/reporting-periods';
import {
	allQuestions,
	isEqualityQuestion,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	answerTheme,
	finding,
	findingEvidence,
	focusGroup,
	focusGroupQuote,
	focusGroupTheme,
	response,
	theme
} from '../db/schema';
import { parseResultsFilter } from '../results/filters';
import { panelSurveyResults, periodPlan } from '../results/panel-periods';
import { suppressionFor, type QuestionView } from '../results/report';
import { currentVersion } from '../surveys/surveys';
import { ConsultationError } from './errors';
import { linkedSurveys } from '.';

const UNCHARTED = new Set<Question['type']>(['short-text', 'long-text', 'date']);

/** Questions whose result can stand as evidence: counted ones, in surveys linked to the consultation. */
export function evidenceQuestions(db: Db, consultationId: number) {
	return linkedSurveys(db, consultationId).flatMap((s) => {
		const version = currentVersion(db, s.id);
		if (!version) return [];
		return allQuestions(version.definition)
			.filter((q) => !UNCHARTED.has(q.type) && !isEqualityQuestion(q))
			.map((q) => ({ surveyId: s.id, surveyTitle: s.title, questionId: q.id, text: q.text }));
	});
}

export function approvedQuotes(db: Db, consultationId: number) {
	return db
		.select({ id: focusGroupQuote.id, text: focusGroupQuote.text, heldOn: focusGroup.heldOn })
		.from(focusGroupQuote)
		.innerJoin(focusGroup, eq(focusGroup.id, focusGroupQuote.focusGroupId))
		.where(
			and(eq(focusGroup.consultationId, consultationId), isNotNull(focusGroupQuote.approvedAt))
		)
		.orderBy(asc(focusGroupQuote.id))
		.all();
}

export function findingOr404(db: Db, consultationId: number, idParam: string) {
	const id = Number(idParam);
	const found = Number.isSafeInteger(id)
		? db
				.select()
				.from(finding)
				.where(and(eq(finding.id, id), eq(finding.consultationId, consultationId)))
				.get()
		: undefined;
	if (!found) error(404, 'Page not found');
	return found;
}

/** A new finding starts unpublished, so staff can gather its evidence before anyone sees it. */
export function createFinding(
	db: Db,
	actor: Actor,
	consultationId: number,
	statement: string,
	published = false
) {
	return writeTransaction(db, (tx) => {
		const last = tx
			.select({ position: max(finding.position) })
			.from(finding)
			.where(eq(finding.consultationId, consultationId))
			.get();
		const row = tx
			.insert(finding)
			.values({
				consultationId,
				statement,
				position: (last?.position ?? 0) + 1,
				publishedAt: published ? new Date() : null
			})
			.returning()
			.get();
		recordAudit(tx, actor, {
			action: 'finding.create',
			entity: 'finding',
			entityId: row.id,
			after: { consultationId, statement, published }
		});
		return row.id;
	});
}

export function updateFinding(
	db: Db,
	actor: Actor,
	findingId: number,
	input: { statement: string; published: boolean }
) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(finding).where(eq(finding.id, findingId)).get();
		if (!before) throw new ConsultationError('statement', 'That finding no longer exists');
		const publishedAt = input.published ? (before.publishedAt ?? new Date()) : null;
		tx.update(finding)
			.set({ statement: input.statement, publishedAt })
			.where(eq(finding.id, findingId))
			.run();
		recordAudit(tx, actor, {
			action: 'finding.update',
			entity: 'finding',
			entityId: findingId,
			before: { statement: before.statement, published: before.publishedAt !== null },
			after: input
		});
	});
}

export function deleteFinding(db: Db, actor: Actor, consultationId: number, findingId: number) {
	writeTransaction(db, (tx) => {
		const removed = tx
			.delete(finding)
			.where(and(eq(finding.id, findingId), eq(finding.consultationId, consultationId)))
			.returning()
			.get();
		if (removed)
			recordAudit(tx, actor, {
				action: 'finding.delete',
				entity: 'finding',
				entityId: findingId,
				before: { statement: removed.statement }
			});
	});
}

/** Adds one piece of evidence, refusing anything that does not belong to this consultation. */
export function addEvidence(
	db: Db,
	actor: Actor,
	consultationId: number,
	findingId: number,
	evidence: string
) {
	writeTransaction(db, (tx) => {
		const [kind, first, second] = evidence.split(':');
		let values: typeof findingEvidence.$inferInsert;
		if (kind === 'question') {
			const ok = evidenceQuestions(tx, consultationId).some(
				(q) => q.surveyId === Number(first) && q.questionId === second
			);
			if (!ok) throw new ConsultationError('evidence', 'Select a question from a linked survey');
			values = { findingId, kind, surveyId: Number(first), questionId: second };
		} else if (kind === 'theme') {
			const ok = tx
				.select({ id: theme.id })
				.from(theme)
				.where(and(eq(theme.id, Number(first)), isNull(theme.mergedIntoId)))
				.get();
			if (!ok) throw new ConsultationError('evidence', 'Select a theme from the list');
			values = { findingId, kind, themeId: Number(first) };
		} else {
			const ok = approvedQuotes(tx, consultationId).some((q) => q.id === Number(first));
			if (!ok)
				throw new ConsultationError(
					'evidence',
					'Only quotes confirmed to carry no personal details can be evidence'
				);
			values = { findingId, kind: 'quote', quoteId: Number(first) };
		}
		const row = tx.insert(findingEvidence).values(values).returning().get();
		recordAudit(tx, actor, {
			action: 'finding.add-evidence',
			entity: 'finding',
			entityId: findingId,
			after: { evidenceId: row.id, evidence }
		});
	});
}

export function removeEvidence(db: Db, actor: Actor, findingId: number, evidenceId: number) {
	writeTransaction(db, (tx) => {
		const removed = tx
			.delete(findingEvidence)
			.where(and(eq(findingEvidence.id, evidenceId), eq(findingEvidence.findingId, findingId)))
			.run().changes;
		if (removed)
			recordAudit(tx, actor, {
				action: 'finding.remove-evidence',
				entity: 'finding',
				entityId: findingId,
				before: { evidenceId }
			});
	});
}

function questionText(db: Db, surveyId: number, questionId: string | null) {
	const version = currentVersion(db, surveyId);
	const found = version && allQuestions(version.definition).find((q) => q.id === questionId);
	return found?.text ?? 'a question';
}

export type EvidenceView =
	| {
			id: number;
			kind: 'question';
			surveyTitle: string;
			questionText: string;
			/** Null when the whole survey rests on fewer than the minimum group size. */
			result: QuestionView | null;
	  }
	| {
			id: number;
			kind: 'theme';
			name: string;
			/** People whose comments in the linked surveys carry it; null when fewer than k. */
			people: number | null;
			focusGroups: number;
	  }
	| { id: number; kind: 'quote'; text: string; heldOn: string };

/**
 * A survey's all-time results as the public sees them: the panel's rules for "all time", so a
 * question small in one reporting year is not shown here, where the panel's yearly figures could
 * otherwise be subtracted from it.
 */
function publicSurveyResults(db: Db, surveyId: number, definition: SurveyDefinition) {
	const filter = parseResultsFilter(new URLSearchParams());
	const plan = periodPlan(db, surveyId, filter, definition);
	return panelSurveyResults(db, surveyId, definition, filter, ALL_TIME, plan).questions;
}

/**
 * Every finding's evidence as the public may see it: survey results under the panel's rules
 * (nothing resting on fewer than the minimum group size), theme counts likewise, and only quotes
 * staff confirmed. Staff see the same, so what they check is what will be published.
 */
export function evidenceFor(db: Db, consultationId: number, findingIds: number[]) {
	const byFinding = new Map<number, EvidenceView[]>();
	if (findingIds.length === 0) return byFinding;
	const rows = db
		.select()
		.from(findingEvidence)
		.where(inArray(findingEvidence.findingId, findingIds))
		.orderBy(asc(findingEvidence.id))
		.all();
	const { k } = suppressionFor(db);
	const surveys = new Map(linkedSurveys(db, consultationId).map((s) => [s.id, s]));
	const resultsCache = new Map<number, QuestionView[]>();
	const quotes = new Map(approvedQuotes(db, consultationId).map((q) => [q.id, q]));
	const surveyIds = [...surveys.keys()];
	for (const row of rows) {
		let view: EvidenceView | null = null;
		if (row.kind === 'question' && row.surveyId !== null) {
			const linked = surveys.get(row.surveyId);
			if (!linked) continue;
			if (!resultsCache.has(row.surveyId)) {
				const version = currentVersion(db, row.surveyId);
				resultsCache.set(
					row.surveyId,
					version ? publicSurveyResults(db, row.surveyId, version.definition) : []
				);
			}
			const result = resultsCache.get(row.surveyId)?.find((q) => q.id === row.questionId);
			view = {
				id: row.id,
				kind: 'question',
				surveyTitle: linked.title,
				questionText: result?.text ?? questionText(db, row.surveyId, row.questionId),
				result: result ?? null
			};
		} else if (row.kind === 'theme' && row.themeId !== null) {
			const named = db.select().from(theme).where(eq(theme.id, row.themeId)).get();
			if (!named) continue;
			// People, not comments: one person tagged on two questions counts once.
			const people = surveyIds.length
				? (db
						.select({ n: countDistinct(answerTheme.responseId) })
						.from(answerTheme)
						.innerJoin(response, eq(response.id, answerTheme.responseId))
						.where(
							and(
								eq(answerTheme.themeId, row.themeId),
								inArray(response.surveyId, surveyIds),
								eq(response.status, 'submitted')
							)
						)
						.get()?.n ?? 0)
				: 0;
			const groups =
				db
					.select({ n: count() })
					.from(focusGroupTheme)
					.innerJoin(focusGroup, eq(focusGroup.id, focusGroupTheme.focusGroupId))
					.where(
						and(
							eq(focusGroupTheme.themeId, row.themeId),
							eq(focusGroup.consultationId, consultationId)
						)
					)
					.get()?.n ?? 0;
			view = {
				id: row.id,
				kind: 'theme',
				name: named.name,
				people: publicCount(people, k),
				focusGroups: groups
			};
		} else if (row.kind === 'quote' && row.quoteId !== null) {
			const quote = quotes.get(row.quoteId);
			if (!quote) continue;
			view = { id: row.id, kind: 'quote', text: quote.text, heldOn: quote.heldOn };
		}
		if (!view) continue;
		const list = byFinding.get(row.findingId) ?? [];
		list.push(view);
		byFinding.set(row.findingId, list);
	}
	return byFinding;
}
