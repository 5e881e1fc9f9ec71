import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import { slugFromTitle } from '$lib/domain/consultations';
import { firstFreeSlug } from '$lib/domain/slug';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	consultation,
	consultationAction,
	consultationDocument,
	consultationSurvey,
	focusGroup,
	finding,
	service,
	subscriber,
	survey
} from '../db/schema';
import { ConsultationError } from './errors';
import { notifySubscribers } from './notifications';
import type { ConsultationInput } from './schemas';
import type { LazyOrigin } from '../http/origin';

export { ConsultationError };

export function assertService(db: Db, id: number | null, field = 'serviceId') {
	if (id === null) return;
	const found = db.select({ id: service.id }).from(service).where(eq(service.id, id)).get();
	if (!found) throw new ConsultationError(field, 'Select a service from the list');
}

function uniqueSlug(db: Db, base: string, exceptId?: number): string {
	const taken = new Set(
		db
			.select({ slug: consultation.slug, id: consultation.id })
			.from(consultation)
			.where(like(consultation.slug, `${base}%`))
			.all()
			.filter((r) => r.id !== exceptId)
			.map((r) => r.slug)
	);
	return firstFreeSlug(base, taken);
}

export function listConsultations(db: Db) {
	const groups = db
		.select({ consultationId: focusGroup.consultationId, n: count() })
		.from(focusGroup)
		.groupBy(focusGroup.consultationId)
		.all();
	const actions = db
		.select({ consultationId: consultationAction.consultationId, n: count() })
		.from(consultationAction)
		.groupBy(consultationAction.consultationId)
		.all();
	const countOf = (rows: { consultationId: number; n: number }[], id: number) =>
		rows.find((r) => r.consultationId === id)?.n ?? 0;
	return db
		.select({
			id: consultation.id,
			title: consultation.title,
			status: consultation.status,
			publishedAt: consultation.publishedAt,
			opensOn: consultation.opensOn,
			closesOn: consultation.closesOn,
			service: service.name
		})
		.from(consultation)
		.leftJoin(service, eq(service.id, consultation.serviceId))
		.orderBy(desc(consultation.createdAt), desc(consultation.id))
		.all()
		.map((c) => ({
			...c,
			focusGroups: countOf(groups, c.id),
			actions: countOf(actions, c.id)
		}));
}

export function getConsultation(db: Db, id: number) {
	return db.select().from(consultation).where(eq(consultation.id, id)).get();
}

/** The consultation a staff URL names, or 404. */
export function consultationOr404(db: Db, idParam: string) {
	const id = Number(idParam);
	const found = Number.isSafeInteger(id) ? getConsultation(db, id) : undefined;
	if (!found) error(404, 'Page not found');
	return found;
}

export function createConsultation(db: Db, actor: Actor, input: ConsultationInput): number {
	return writeTransaction(db, (tx) => {
		assertService(tx, input.serviceId);
		const row = tx
			.insert(consultation)
			.values({ ...input, slug: uniqueSlug(tx, slugFromTitle(input.title)) })
			.returning()
			.get();
		recordAudit(tx, actor, {
			action: 'consultation.create',
			entity: 'consultation',
			entityId: row.id,
			after: input
		});
		return row.id;
	});
}

export function updateConsultation(db: Db, actor: Actor, id: number, input: ConsultationInput) {
	writeTransaction(db, (tx) => {
		const before = getConsultation(tx, id);
		if (!before) throw new ConsultationError('title', 'That consultation no longer exists');
		assertService(tx, input.serviceId);
		tx.update(consultation)
			.set({ ...input, updatedAt: new Date() })
			.where(eq(consultation.id, id))
			.run();
		recordAudit(tx, actor, {
			action: 'consultation.update',
			entity: 'consultation',
			entityId: id,
			before: pick(before, Object.keys(input)),
			after: input
		});
	});
}

function pick(row: Record<string, unknown>, keys: string[]) {
	return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

export function changeConsultationSlug(db: Db, actor: Actor, id: number, slug: string) {
	writeTransaction(db, (tx) => {
		const before = getConsultation(tx, id);
		if (!before) throw new ConsultationError('slug', 'That consultation no longer exists');
		const clash = tx
			.select({ id: consultation.id })
			.from(consultation)
			.where(eq(consultation.slug, slug))
			.get();
		if (clash && clash.id !== id)
			throw new ConsultationError('slug', 'Another consultation already uses that web address');
		tx.update(consultation).set({ slug }).where(eq(consultation.id, id)).run();
		recordAudit(tx, actor, {
			action: 'consultation.slug',
			entity: 'consultation',
			entityId: id,
			before: { slug: before.slug },
			after: { slug }
		});
	});
}

/**
 * Publishing makes the consultation and its published actions public, and tells subscribers of
 * any action they have not yet heard about, in the same transaction.
 */
export function setConsultationPublished(
	db: Db,
	actor: Actor,
	id: number,
	published: boolean,
	origin: LazyOrigin,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const before = getConsultation(tx, id);
		if (!before) throw new ConsultationError('publish', 'That consultation no longer exists');
		if (published === (before.publishedAt !== null)) return;
		tx.update(consultation)
			.set({
				publishedAt: published ? now : null,
				firstPublishedAt: before.firstPublishedAt ?? (published ? now : null),
				updatedAt: now
			})
			.where(eq(consultation.id, id))
			.run();
		recordAudit(tx, actor, {
			action: published ? 'consultation.publish' : 'consultation.unpublish',
			entity: 'consultation',
			entityId: id
		});
		if (!published) return;
		const actions = tx
			.select({ id: consultationAction.id })
			.from(consultationAction)
			.where(
				and(eq(consultationAction.consultationId, id), isNotNull(consultationAction.publishedAt))
			)
			.all();
		for (const action of actions) notifySubscribers(tx, action.id, origin, now);
	});
}

export function linkedSurveys(db: Db, consultationId: number) {
	return db
		.select({ id: survey.id, title: survey.title, slug: survey.slug, status: survey.status })
		.from(consultationSurvey)
		.innerJoin(survey, eq(survey.id, consultationSurvey.surveyId))
		.where(eq(consultationSurvey.consultationId, consultationId))
		.orderBy(asc(survey.title))
		.all();
}

export function linkSurvey(db: Db, actor: Actor, consultationId: number, surveyId: number) {
	writeTransaction(db, (tx) => {
		const found = tx.select({ id: survey.id }).from(survey).where(eq(survey.id, surveyId)).get();
		if (!found) throw new ConsultationError('surveyId', 'Select a survey from the list');
		const added = tx
			.insert(consultationSurvey)
			.values({ consultationId, surveyId })
			.onConflictDoNothing()
			.run().changes;
		if (added)
			recordAudit(tx, actor, {
				action: 'consultation.link-survey',
				entity: 'consultation',
				entityId: consultationId,
				after: { surveyId }
			});
	});
}

export function unlinkSurvey(db: Db, actor: Actor, consultationId: number, surveyId: number) {
	writeTransaction(db, (tx) => {
		const removed = tx
			.delete(consultationSurvey)
			.where(
				and(
					eq(consultationSurvey.consultationId, consultationId),
					eq(consultationSurvey.surveyId, surveyId)
				)
			)
			.run().changes;
		if (removed)
			recordAudit(tx, actor, {
				action: 'consultation.unlink-survey',
				entity: 'consultation',
				entityId: consultationId,
				before: { surveyId }
			});
	});
}

export function listDocuments(db: Db, consultationId: number) {
	return db
		.select()
		.from(consultationDocument)
		.where(eq(consultationDocument.consultationId, consultationId))
		.orderBy(asc(consultationDocument.id))
		.all();
}

export function addDocument(
	db: Db,
	actor: Actor,
	consultationId: number,
	input: { documentTitle: string; url: string; body: string }
) {
	writeTransaction(db, (tx) => {
		const row = tx
			.insert(consultationDocument)
			.values({
				consultationId,
				title: input.documentTitle,
				url: input.url || null,
				body: input.body
			})
			.returning()
			.get();
		recordAudit(tx, actor, {
			action: 'consultation.add-document',
			entity: 'consultation',
			entityId: consultationId,
			after: { documentId: row.id, title: row.title, url: row.url }
		});
	});
}

export function removeDocument(db: Db, actor: Actor, consultationId: number, documentId: number) {
	writeTransaction(db, (tx) => {
		const removed = tx
			.delete(consultationDocument)
			.where(
				and(
					eq(consultationDocument.id, documentId),
					eq(consultationDocument.consultationId, consultationId)
				)
			)
			.returning()
			.get();
		if (removed)
			recordAudit(tx, actor, {
				action: 'consultation.remove-document',
				entity: 'consultation',
				entityId: consultationId,
				before: { documentId, title: removed.title, url: removed.url }
			});
	});
}

/** Confirmed subscribers still listening, and how many asked but have not confirmed. */
export function subscriberCounts(db: Db, consultationId: number) {
	const rows = db
		.select({
			confirmed: sql<number>`sum(case when ${subscriber.confirmedAt} is not null and ${subscriber.unsubscribedAt} is null then 1 else 0 end)`,
			waiting: sql<number>`sum(case when ${subscriber.confirmedAt} is null and ${subscriber.unsubscribedAt} is null then 1 else 0 end)`
		})
		.from(subscriber)
		.where(eq(subscriber.consultationId, consultationId))
		.get();
	return { confirmed: rows?.confirmed ?? 0, waiting: rows?.waiting ?? 0 };
}

export function listFindings(db: Db, consultationId: number) {
	return db
		.select()
		.from(finding)
		.where(eq(finding.consultationId, consultationId))
		.orderBy(asc(finding.position), asc(finding.id))
		.all();
}
