import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { londonDate } from '$lib/domain/calendar/london-date';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	actionFinding,
	actionProgress,
	consultationAction,
	finding,
	service,
	user,
	type ActionStatus
} from '../db/schema';
import { assertHandler } from '../contacts';
import { assertService } from '.';
import { ConsultationError } from './errors';
import { countTold, notifySubscribers } from './notifications';
import type { ActionInput } from './schemas';
import type { LazyOrigin } from '../http/origin';

export function listActions(db: Db, consultationId: number) {
	return db
		.select({
			id: consultationAction.id,
			title: consultationAction.title,
			status: consultationAction.status,
			dueOn: consultationAction.dueOn,
			completedOn: consultationAction.completedOn,
			publishedAt: consultationAction.publishedAt,
			owner: user.name,
			service: service.name
		})
		.from(consultationAction)
		.leftJoin(user, eq(user.id, consultationAction.ownerId))
		.leftJoin(service, eq(service.id, consultationAction.serviceId))
		.where(eq(consultationAction.consultationId, consultationId))
		.orderBy(asc(consultationAction.dueOn), asc(consultationAction.id))
		.all()
		.map((a) => ({ ...a, told: countTold(db, a.id) }));
}

export function actionOr404(db: Db, consultationId: number, idParam: string) {
	const id = Number(idParam);
	const found = Number.isSafeInteger(id)
		? db
				.select()
				.from(consultationAction)
				.where(
					and(eq(consultationAction.id, id), eq(consultationAction.consultationId, consultationId))
				)
				.get()
		: undefined;
	if (!found) error(404, 'Page not found');
	return {
		...found,
		findingIds: db
			.select({ id: actionFinding.findingId })
			.from(actionFinding)
			.where(eq(actionFinding.actionId, id))
			.all()
			.map((f) => f.id),
		progress: listProgress(db, [id]),
		told: countTold(db, id)
	};
}

/** Progress notes of one or more actions, newest first, in one query. */
export function listProgress(db: Db, actionIds: number[]) {
	if (actionIds.length === 0) return [];
	return db
		.select()
		.from(actionProgress)
		.where(inArray(actionProgress.actionId, actionIds))
		.orderBy(desc(actionProgress.notedOn), desc(actionProgress.id))
		.all();
}

function assertFindings(db: Db, consultationId: number, ids: number[]) {
	if (ids.length === 0) return;
	const found = db
		.select({ id: finding.id })
		.from(finding)
		.where(and(inArray(finding.id, ids), eq(finding.consultationId, consultationId)))
		.all();
	if (found.length !== ids.length)
		throw new ConsultationError('findingIds', 'Choose findings of this consultation');
}

/** The done date and instant that go with a status: set on becoming done, cleared otherwise. */
function completion(
	status: ActionStatus,
	completedOn: string | null,
	before: { status: ActionStatus; doneAt: Date | null } | undefined,
	now: Date
) {
	if (status !== 'done') return { completedOn: null, doneAt: null };
	return {
		completedOn: completedOn ?? londonDate(now),
		doneAt: before?.status === 'done' && before.doneAt ? before.doneAt : now
	};
}

/**
 * Creates (actionId null) or changes an action, and tells the consultation's subscribers in the
 * same transaction when this makes it public or done.
 */
export function saveAction(
	db: Db,
	actor: Actor,
	consultationId: number,
	actionId: number | null,
	input: ActionInput,
	origin: LazyOrigin,
	now = new Date()
): number {
	return writeTransaction(db, (tx) => {
		if (input.ownerId !== null) assertHandler(tx, input.ownerId, 'ownerId');
		assertService(tx, input.serviceId);
		assertFindings(tx, consultationId, input.findingIds);
		const before =
			actionId === null
				? undefined
				: tx
						.select()
						.from(consultationAction)
						.where(
							and(
								eq(consultationAction.id, actionId),
								eq(consultationAction.consultationId, consultationId)
							)
						)
						.get();
		if (actionId !== null && !before)
			throw new ConsultationError('title', 'That action no longer exists');
		const values = {
			title: input.title,
			description: input.description,
			ownerId: input.ownerId,
			serviceId: input.serviceId,
			dueOn: input.dueOn,
			status: input.status,
			reason: input.status === 'not-possible' ? input.reason : '',
			outcome: input.outcome,
			...completion(input.status, input.completedOn, before, now),
			publishedAt: input.published ? (before?.publishedAt ?? now) : null,
			firstPublishedAt: before?.firstPublishedAt ?? (input.published ? now : null),
			updatedAt: now
		};
		const id =
			actionId ??
			tx
				.insert(consultationAction)
				.values({ consultationId, ...values })
				.returning({ id: consultationAction.id })
				.get().id;
		if (actionId !== null)
			tx.update(consultationAction).set(values).where(eq(consultationAction.id, id)).run();
		tx.delete(actionFinding).where(eq(actionFinding.actionId, id)).run();
		for (const findingId of input.findingIds)
			tx.insert(actionFinding).values({ actionId: id, findingId }).run();
		recordAudit(tx, actor, {
			action: actionId === null ? 'action.create' : 'action.update',
			entity: 'action',
			entityId: id,
			before: before && {
				title: before.title,
				status: before.status,
				dueOn: before.dueOn,
				published: before.publishedAt !== null
			},
			after: {
				title: values.title,
				status: values.status,
				dueOn: values.dueOn,
				published: values.publishedAt !== null,
				findingIds: input.findingIds
			}
		});
		notifySubscribers(tx, id, origin, now);
		return id;
	});
}

export function addProgress(
	db: Db,
	actor: Actor & { id: number },
	actionId: number,
	input: { notedOn: string | null; note: string }
) {
	writeTransaction(db, (tx) => {
		const row = tx
			.insert(actionProgress)
			.values({
				actionId,
				notedOn: input.notedOn as string,
				note: input.note,
				createdBy: actor.id
			})
			.returning()
			.get();
		recordAudit(tx, actor, {
			action: 'action.progress',
			entity: 'action',
			entityId: actionId,
			after: { progressId: row.id, notedOn: row.notedOn, note: row.note }
		});
	});
}

/** Sets one status on several actions of a consultation at once: all of them, or none. */
export function bulkUpdateStatus(
	db: Db,
	actor: Actor,
	consultationId: number,
	input: { actionIds: number[]; bulkStatus: ActionStatus; bulkReason: string },
	origin: LazyOrigin,
	now = new Date()
): number {
	return writeTransaction(db, (tx) => {
		const rows = tx
			.select()
			.from(consultationAction)
			.where(
				and(
					inArray(consultationAction.id, input.actionIds),
					eq(consultationAction.consultationId, consultationId)
				)
			)
			.all();
		if (rows.length !== input.actionIds.length)
			throw new ConsultationError('actionIds', 'Select actions of this consultation');
		for (const before of rows) {
			if (before.status === input.bulkStatus) continue;
			tx.update(consultationAction)
				.set({
					status: input.bulkStatus,
					reason: input.bulkStatus === 'not-possible' ? input.bulkReason : '',
					...completion(input.bulkStatus, before.completedOn, before, now),
					updatedAt: now
				})
				.where(eq(consultationAction.id, before.id))
				.run();
			recordAudit(tx, actor, {
				action: 'action.status',
				entity: 'action',
				entityId: before.id,
				before: { status: before.status },
				after: { status: input.bulkStatus, bulk: true }
			});
			notifySubscribers(tx, before.id, origin, now);
		}
		return rows.length;
	});
}
