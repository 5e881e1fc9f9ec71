import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import { londonDate } from '$lib/domain/calendar/london-date';
import {
	overdueActions,
	responseCounts,
	reviewStage,
	type StageInput
} from '$lib/domain/scrutiny/stage';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	scrutinyAction,
	scrutinyEvidence,
	scrutinyRecommendation,
	scrutinyReview,
	service,
	survey,
	user
} from '../db/schema';
import { assertHandler } from '../contacts';
import { FieldError } from '../forms/field-error';
import { idParam } from '../http/params';
import type { LazyOrigin } from '../http/origin';
import { tellReviewAnswered, tellReviewSent } from './notifications';
import type {
	ResponseInput,
	ReviewInput,
	ScrutinyActionInput,
	ScrutinyEvidenceInput
} from './schemas';

/** A refused change to a scrutiny review, with the form field it is about. */
export class ScrutinyError extends FieldError {}

const ENTITY = 'scrutiny-review';

/**
 * Who looks at a review: the panel sees its own work from the start; staff see a review once the
 * panel has sent it to them.
 */
export type Audience = 'panel' | 'staff';

function actionsOf(db: Db, recommendationIds: number[]) {
	if (recommendationIds.length === 0) return [];
	return db
		.select({
			id: scrutinyAction.id,
			recommendationId: scrutinyAction.recommendationId,
			title: scrutinyAction.title,
			ownerId: scrutinyAction.ownerId,
			owner: user.name,
			dueOn: scrutinyAction.dueOn,
			status: scrutinyAction.status,
			progress: scrutinyAction.progress,
			completedOn: scrutinyAction.completedOn
		})
		.from(scrutinyAction)
		.leftJoin(user, eq(user.id, scrutinyAction.ownerId))
		.where(inArray(scrutinyAction.recommendationId, recommendationIds))
		.orderBy(asc(scrutinyAction.dueOn), asc(scrutinyAction.id))
		.all();
}

function recommendationsOf(db: Db, reviewIds: number[]) {
	if (reviewIds.length === 0) return [];
	const recs = db
		.select({
			id: scrutinyRecommendation.id,
			reviewId: scrutinyRecommendation.reviewId,
			position: scrutinyRecommendation.position,
			body: scrutinyRecommendation.body,
			response: scrutinyRecommendation.response,
			reasons: scrutinyRecommendation.reasons,
			respondedAt: scrutinyRecommendation.respondedAt,
			respondedBy: user.name
		})
		.from(scrutinyRecommendation)
		.leftJoin(user, eq(user.id, scrutinyRecommendation.respondedById))
		.where(inArray(scrutinyRecommendation.reviewId, reviewIds))
		.orderBy(asc(scrutinyRecommendation.position))
		.all();
	const actions = actionsOf(
		db,
		recs.map((r) => r.id)
	);
	return recs.map((r) => ({ ...r, actions: actions.filter((a) => a.recommendationId === r.id) }));
}

function progressOf(submittedAt: Date | null, recs: StageInput['recommendations'], today: string) {
	const input = { submitted: submittedAt !== null, recommendations: recs };
	return {
		stage: reviewStage(input),
		overdue: overdueActions(input, today),
		responses: responseCounts(input)
	};
}

/** Every review the audience may see, newest first, with where each has got to. */
export function listReviews(db: Db, audience: Audience, now = new Date()) {
	const today = londonDate(now);
	const reviews = db
		.select({
			id: scrutinyReview.id,
			title: scrutinyReview.title,
			startedOn: scrutinyReview.startedOn,
			submittedAt: scrutinyReview.submittedAt,
			service: service.name
		})
		.from(scrutinyReview)
		.leftJoin(service, eq(service.id, scrutinyReview.serviceId))
		.where(audience === 'staff' ? isNotNull(scrutinyReview.submittedAt) : undefined)
		.orderBy(desc(scrutinyReview.startedOn), desc(scrutinyReview.id))
		.all();
	const recs = recommendationsOf(
		db,
		reviews.map((r) => r.id)
	);
	return reviews.map((r) => {
		const own = recs.filter((rec) => rec.reviewId === r.id);
		return { ...r, recommendations: own.length, ...progressOf(r.submittedAt, own, today) };
	});
}

/** How many reviews the panel is still writing: staff see the number, never the drafts. */
export function reviewsInProgress(db: Db): number {
	return (
		db.select({ n: count() }).from(scrutinyReview).where(isNull(scrutinyReview.submittedAt)).get()
			?.n ?? 0
	);
}

function findReview(db: Db, param: string | number, audience: Audience) {
	const id = typeof param === 'number' ? param : idParam(param);
	const found = db.select().from(scrutinyReview).where(eq(scrutinyReview.id, id)).get();
	if (!found || (audience === 'staff' && found.submittedAt === null)) error(404, 'Page not found');
	return found;
}

/** One review with its evidence, recommendations, responses and actions. */
export function reviewOr404(db: Db, idParam: string, audience: Audience, now = new Date()) {
	const review = findReview(db, idParam, audience);
	const evidence = db
		.select({
			id: scrutinyEvidence.id,
			kind: scrutinyEvidence.kind,
			title: scrutinyEvidence.title,
			summary: scrutinyEvidence.summary,
			surveyId: scrutinyEvidence.surveyId,
			survey: survey.title,
			addedAt: scrutinyEvidence.addedAt,
			addedBy: user.name
		})
		.from(scrutinyEvidence)
		.leftJoin(survey, eq(survey.id, scrutinyEvidence.surveyId))
		.leftJoin(user, eq(user.id, scrutinyEvidence.addedById))
		.where(eq(scrutinyEvidence.reviewId, review.id))
		.orderBy(asc(scrutinyEvidence.addedAt), asc(scrutinyEvidence.id))
		.all();
	const recommendations = recommendationsOf(db, [review.id]);
	const serviceName = review.serviceId
		? db.select({ name: service.name }).from(service).where(eq(service.id, review.serviceId)).get()
				?.name
		: undefined;
	return {
		...review,
		service: serviceName ?? null,
		evidence,
		recommendations,
		...progressOf(review.submittedAt, recommendations, londonDate(now))
	};
}

/**
 * The panel's part can change only until it is sent. A page opened before another member sent it
 * gets the refusal as a form error under `sent`, so what was typed comes back with it.
 */
function draftOnly(db: Db, reviewId: number) {
	const review = findReview(db, reviewId, 'panel');
	if (review.submittedAt !== null)
		throw new ScrutinyError(
			'sent',
			'This review has been sent to the organisation, so the panel’s part can no longer change'
		);
	return review;
}

/** An active service, or the one the review already has, even if no longer in use. */
function assertService(db: Db, id: number | null, current: number | null) {
	if (id === null || id === current) return;
	const found = db
		.select({ id: service.id })
		.from(service)
		.where(and(eq(service.id, id), eq(service.active, true)))
		.get();
	if (!found) throw new ScrutinyError('serviceId', 'Select a service from the list');
}

function touch(db: Db, reviewId: number, now: Date) {
	db.update(scrutinyReview).set({ updatedAt: now }).where(eq(scrutinyReview.id, reviewId)).run();
}

/** Starts a review (reviewId null) or changes its title, scope, service or start date. */
export function saveReview(
	db: Db,
	actor: Actor & { id: number },
	reviewId: number | null,
	input: ReviewInput,
	now = new Date()
): number {
	return writeTransaction(db, (tx) => {
		const before = reviewId === null ? null : draftOnly(tx, reviewId);
		assertService(tx, input.serviceId, before?.serviceId ?? null);
		const values = {
			title: input.title,
			scope: input.scope,
			serviceId: input.serviceId,
			startedOn: input.startedOn as string
		};
		if (before === null) {
			const created = tx
				.insert(scrutinyReview)
				.values({ ...values, createdById: actor.id, createdAt: now, updatedAt: now })
				.returning({ id: scrutinyReview.id })
				.get();
			recordAudit(tx, actor, {
				action: 'scrutiny.create',
				entity: ENTITY,
				entityId: created.id,
				after: values
			});
			return created.id;
		}
		tx.update(scrutinyReview)
			.set({ ...values, updatedAt: now })
			.where(eq(scrutinyReview.id, before.id))
			.run();
		recordAudit(tx, actor, {
			action: 'scrutiny.update',
			entity: ENTITY,
			entityId: before.id,
			before: {
				title: before.title,
				scope: before.scope,
				serviceId: before.serviceId,
				startedOn: before.startedOn
			},
			after: values
		});
		return before.id;
	});
}

export function addEvidence(
	db: Db,
	actor: Actor & { id: number },
	reviewId: number,
	input: ScrutinyEvidenceInput,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		draftOnly(tx, reviewId);
		const surveyId = input.kind === 'survey-results' ? input.surveyId : null;
		if (surveyId !== null) {
			const found = tx
				.select({ status: survey.status })
				.from(survey)
				.where(eq(survey.id, surveyId))
				.get();
			// The panel can only have looked at results it may open.
			if (!found || found.status === 'draft')
				throw new ScrutinyError('surveyId', 'Select a survey from the list');
		}
		const values = {
			reviewId,
			kind: input.kind,
			title: input.evidenceTitle,
			summary: input.summary,
			surveyId
		};
		const row = tx
			.insert(scrutinyEvidence)
			.values({ ...values, addedById: actor.id, addedAt: now })
			.returning({ id: scrutinyEvidence.id })
			.get();
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.evidence-add',
			entity: ENTITY,
			entityId: reviewId,
			after: { evidenceId: row.id, ...values }
		});
	});
}

export function removeEvidence(
	db: Db,
	actor: Actor,
	reviewId: number,
	evidenceId: number,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		draftOnly(tx, reviewId);
		const gone = tx
			.delete(scrutinyEvidence)
			.where(and(eq(scrutinyEvidence.id, evidenceId), eq(scrutinyEvidence.reviewId, reviewId)))
			.returning()
			.get();
		if (!gone) error(404, 'Page not found');
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.evidence-remove',
			entity: ENTITY,
			entityId: reviewId,
			before: { evidenceId: gone.id, kind: gone.kind, title: gone.title, summary: gone.summary }
		});
	});
}

export function addRecommendation(
	db: Db,
	actor: Actor,
	reviewId: number,
	body: string,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		draftOnly(tx, reviewId);
		const last = tx
			.select({ position: max(scrutinyRecommendation.position) })
			.from(scrutinyRecommendation)
			.where(eq(scrutinyRecommendation.reviewId, reviewId))
			.get();
		const position = (last?.position ?? 0) + 1;
		const row = tx
			.insert(scrutinyRecommendation)
			.values({ reviewId, position, body })
			.returning({ id: scrutinyRecommendation.id })
			.get();
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.recommendation-add',
			entity: ENTITY,
			entityId: reviewId,
			after: { recommendationId: row.id, position, body }
		});
	});
}

/** Changes a recommendation's words while the panel may still change the review. */
export function editRecommendation(
	db: Db,
	actor: Actor,
	reviewId: number,
	recommendationId: number,
	body: string,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		draftOnly(tx, reviewId);
		const before = recommendationOr404(tx, reviewId, recommendationId);
		tx.update(scrutinyRecommendation)
			.set({ body })
			.where(eq(scrutinyRecommendation.id, recommendationId))
			.run();
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.recommendation-edit',
			entity: ENTITY,
			entityId: reviewId,
			before: { recommendationId, body: before.body },
			after: { recommendationId, body }
		});
	});
}

/** Removes one recommendation and numbers the rest again from 1, in the same order. */
export function removeRecommendation(
	db: Db,
	actor: Actor,
	reviewId: number,
	recommendationId: number,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		draftOnly(tx, reviewId);
		const gone = tx
			.delete(scrutinyRecommendation)
			.where(
				and(
					eq(scrutinyRecommendation.id, recommendationId),
					eq(scrutinyRecommendation.reviewId, reviewId)
				)
			)
			.returning()
			.get();
		if (!gone) error(404, 'Page not found');
		const rest = tx
			.select({ id: scrutinyRecommendation.id })
			.from(scrutinyRecommendation)
			.where(eq(scrutinyRecommendation.reviewId, reviewId))
			.orderBy(asc(scrutinyRecommendation.position))
			.all();
		rest.forEach((r, i) =>
			tx
				.update(scrutinyRecommendation)
				.set({ position: i + 1 })
				.where(eq(scrutinyRecommendation.id, r.id))
				.run()
		);
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.recommendation-remove',
			entity: ENTITY,
			entityId: reviewId,
			before: { recommendationId: gone.id, position: gone.position, body: gone.body }
		});
	});
}

/** Sends the review to the organisation. From here the panel's part is fixed. */
export function submitReview(
	db: Db,
	actor: Actor,
	reviewId: number,
	origin: LazyOrigin,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		// A second tap, or another member sending it first, finds it already sent: nothing to do.
		const review = findReview(tx, reviewId, 'panel');
		if (review.submittedAt !== null) return;
		const recs = tx
			.select({ id: scrutinyRecommendation.id })
			.from(scrutinyRecommendation)
			.where(eq(scrutinyRecommendation.reviewId, reviewId))
			.all();
		if (recs.length === 0)
			throw new ScrutinyError('body', 'Add at least one recommendation before sending the review');
		tx.update(scrutinyReview)
			.set({ submittedAt: now, updatedAt: now })
			.where(eq(scrutinyReview.id, reviewId))
			.run();
		recordAudit(tx, actor, {
			action: 'scrutiny.submit',
			entity: ENTITY,
			entityId: reviewId,
			after: { recommendations: recs.length }
		});
		tellReviewSent(tx, review, recs.length, origin);
	});
}

function awaitingResponse(db: Db, reviewId: number): number {
	return db
		.select({ id: scrutinyRecommendation.id })
		.from(scrutinyRecommendation)
		.where(
			and(eq(scrutinyRecommendation.reviewId, reviewId), isNull(scrutinyRecommendation.response))
		)
		.all().length;
}

function recommendationOr404(db: Db, reviewId: number, recommendationId: number) {
	const found = db
		.select()
		.from(scrutinyRecommendation)
		.where(
			and(
				eq(scrutinyRecommendation.id, recommendationId),
				eq(scrutinyRecommendation.reviewId, reviewId)
			)
		)
		.get();
	if (!found) error(404, 'Page not found');
	return found;
}

/** The organisation's answer to one recommendation; it may be changed, and each change is kept. */
export function respondToRecommendation(
	db: Db,
	actor: Actor & { id: number },
	reviewId: number,
	recommendationId: number,
	input: ResponseInput,
	origin: LazyOrigin,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		const review = findReview(tx, reviewId, 'staff');
		const awaitedBefore = awaitingResponse(tx, reviewId);
		const before = recommendationOr404(tx, reviewId, recommendationId);
		if (input.response === 'rejected') {
			const actions = actionsOf(tx, [recommendationId]);
			if (actions.length > 0)
				throw new ScrutinyError(
					'response',
					'A recommendation with actions cannot be rejected: record the actions as not possible instead'
				);
		}
		tx.update(scrutinyRecommendation)
			.set({
				response: input.response,
				reasons: input.reasons,
				respondedById: actor.id,
				respondedAt: now
			})
			.where(eq(scrutinyRecommendation.id, recommendationId))
			.run();
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.respond',
			entity: ENTITY,
			entityId: reviewId,
			before: { recommendationId, response: before.response, reasons: before.reasons },
			after: { recommendationId, response: input.response, reasons: input.reasons }
		});
		// The last answer tells the panel; changing an answer later does not tell it again.
		if (awaitedBefore > 0 && awaitingResponse(tx, reviewId) === 0)
			tellReviewAnswered(tx, review, origin);
	});
}

/** One action of a review, or 404 when it belongs to another. */
export function scrutinyActionOr404(db: Db, reviewId: number, actionIdParam: string) {
	const id = idParam(actionIdParam);
	const found = db
		.select({ action: scrutinyAction })
		.from(scrutinyAction)
		.innerJoin(
			scrutinyRecommendation,
			eq(scrutinyRecommendation.id, scrutinyAction.recommendationId)
		)
		.where(and(eq(scrutinyAction.id, id), eq(scrutinyRecommendation.reviewId, reviewId)))
		.get();
	if (!found) error(404, 'Page not found');
	return found.action;
}

/**
 * Adds an action to an accepted or partly accepted recommendation (actionId null), or records
 * how one is going. The done date is set on becoming done (today unless given) and cleared otherwise.
 */
export function saveScrutinyAction(
	db: Db,
	actor: Actor,
	reviewId: number,
	recommendationId: number,
	actionId: number | null,
	input: ScrutinyActionInput,
	now = new Date()
): number {
	return writeTransaction(db, (tx) => {
		const review = findReview(tx, reviewId, 'staff');
		const rec = recommendationOr404(tx, reviewId, recommendationId);
		if (rec.response !== 'accepted' && rec.response !== 'partly')
			throw new ScrutinyError(
				'response',
				'Record the organisation’s response first: actions follow an accepted or partly accepted recommendation'
			);
		const before = actionId === null ? null : scrutinyActionOr404(tx, reviewId, String(actionId));
		if (before && before.recommendationId !== recommendationId) error(404, 'Page not found');
		// Someone who has since left may stay the owner of an action they had; no one new may be.
		if (input.ownerId !== before?.ownerId) assertHandler(tx, input.ownerId as number, 'ownerId');
		if ((input.dueOn as string) < review.startedOn)
			throw new ScrutinyError(
				'dueOn',
				`Due date must be on or after the review started, ${review.startedOn}`
			);
		if (input.completedOn && input.completedOn < review.startedOn)
			throw new ScrutinyError(
				'completedOn',
				`The date done must be on or after the review started, ${review.startedOn}`
			);
		const values = {
			title: input.title,
			ownerId: input.ownerId,
			dueOn: input.dueOn as string,
			status: input.status,
			progress: input.progress,
			completedOn: input.status === 'done' ? (input.completedOn ?? londonDate(now)) : null
		};
		if (before === null) {
			const row = tx
				.insert(scrutinyAction)
				.values({ ...values, recommendationId, createdAt: now, updatedAt: now })
				.returning({ id: scrutinyAction.id })
				.get();
			touch(tx, reviewId, now);
			recordAudit(tx, actor, {
				action: 'scrutiny.action-create',
				entity: ENTITY,
				entityId: reviewId,
				after: { actionId: row.id, recommendationId, ...values }
			});
			return row.id;
		}
		tx.update(scrutinyAction)
			.set({ ...values, updatedAt: now })
			.where(eq(scrutinyAction.id, before.id))
			.run();
		touch(tx, reviewId, now);
		recordAudit(tx, actor, {
			action: 'scrutiny.action-update',
			entity: ENTITY,
			entityId: reviewId,
			before: {
				actionId: before.id,
				title: before.title,
				ownerId: before.ownerId,
				dueOn: before.dueOn,
				status: before.status,
				progress: before.progress,
				completedOn: before.completedOn
			},
			after: { actionId: before.id, ...values }
		});
		return before.id;
	});
}
