import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { queueHandlingSurvey } from './handling-survey';
import {
	stageDeadlines,
	stageTimescale,
	validateComplaintSequence,
	type ComplaintOutcome,
	type ComplaintStageEvents,
	type ComplaintTimeline
} from '$lib/domain/calendar/complaint-deadlines';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	complaint,
	complaintExtension,
	complaintHandlingSurveyInvitation,
	complaintStage,
	contact,
	type ComplaintStageRow
} from '../db/schema';
import { assertHandler } from '../contacts';
import { ComplaintError } from './errors';
import { instantFromForm } from './fields';
import type { acknowledgeSchema, escalateSchema, extendSchema, respondSchema } from './schemas';
import { getTimescalePreset, getWorkingCalendar } from './settings';
import { resolveOrigin, type LazyOrigin } from '../http/origin';

export { ComplaintError } from './errors';

type Loaded = {
	complaint: typeof complaint.$inferSelect;
	stages: ComplaintStageRow[];
	extensions: Map<number, typeof complaintExtension.$inferSelect>;
};

function load(tx: Db, id: number): Loaded {
	const found = tx.select().from(complaint).where(eq(complaint.id, id)).get();
	if (!found) throw new ComplaintError('form', 'That complaint no longer exists');
	const stages = tx
		.select()
		.from(complaintStage)
		.where(eq(complaintStage.complaintId, id))
		.orderBy(complaintStage.stage)
		.all();
	const extensions = new Map(
		stages.flatMap((s) => {
			const ext = tx
				.select()
				.from(complaintExtension)
				.where(eq(complaintExtension.stageId, s.id))
				.get();
			return ext ? [[s.id, ext] as const] : [];
		})
	);
	return { complaint: found, stages, extensions };
}

function currentStage(loaded: Loaded): ComplaintStageRow {
	const stage = loaded.stages.find((s) => s.stage === loaded.complaint.currentStage);
	if (!stage) throw new ComplaintError('form', 'That complaint has no current stage');
	return stage;
}

function assertOpen(loaded: Loaded): void {
	if (loaded.complaint.status === 'refused')
		throw new ComplaintError('form', 'This complaint was refused: it cannot be changed');
	if (loaded.complaint.status === 'closed')
		throw new ComplaintError('form', 'This complaint is closed: escalate it to change it');
}

const formFieldOf: Record<string, string> = {
	acknowledgedAt: 'acknowledgedOn',
	respondedAt: 'respondedOn',
	outcome: 'respondedOn',
	escalatedAt: 'escalatedOn',
	customerToldAt: 'customerToldOn'
};

function eventsOf(loaded: Loaded, stage: ComplaintStageRow): ComplaintStageEvents {
	const ext = loaded.extensions.get(stage.id);
	return {
		acknowledgedAt: stage.acknowledgedAt,
		respondedAt: stage.respondedAt,
		outcome: stage.outcome,
		extension: ext
			? { workingDays: ext.workingDays, reason: ext.reason, customerToldAt: ext.customerToldAt }
			: null
	};
}

/** Refuses an impossible order of events with the domain's message, next to the field to correct. */
function assertPossible(
	loaded: Loaded,
	change: { stage: 1 | 2; events: ComplaintStageEvents; escalatedAt?: Date }
) {
	const s1 = loaded.stages.find((s) => s.stage === 1)!;
	const s2 = loaded.stages.find((s) => s.stage === 2);
	const stage1 = { ...eventsOf(loaded, s1), ...(change.stage === 1 ? change.events : {}) };
	const escalatedAt = change.escalatedAt ?? s2?.receivedAt;
	const timeline: ComplaintTimeline = {
		receivedAt: s1.receivedAt,
		stage1,
		stage2: escalatedAt
			? {
					escalatedAt,
					...(s2 ? eventsOf(loaded, s2) : {}),
					...(change.stage === 2 ? change.events : {})
				}
			: null
	};
	const [problem] = validateComplaintSequence(timeline).filter((p) =>
		p.field.startsWith(`stage${change.stage}`)
	);
	if (problem) {
		const last = problem.field.split('.').at(-1)!;
		throw new ComplaintError(formFieldOf[last] ?? 'form', problem.message);
	}
}

function audit(tx: Db, actor: Actor, id: number, action: string, before: unknown, after: unknown) {
	recordAudit(tx, actor, { action, entity: 'complaint', entityId: id, before, after });
}

export function acknowledgeComplaint(
	db: Db,
	actor: Actor,
	id: number,
	input: z.output<typeof acknowledgeSchema>,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		const stage = currentStage(loaded);
		const at = instantFromForm(
			input.acknowledgedOn,
			input.acknowledgedTime,
			'acknowledgedOn',
			'The acknowledgement',
			now
		);
		assertPossible(loaded, { stage: stage.stage as 1 | 2, events: { acknowledgedAt: at } });
		tx.update(complaintStage)
			.set({ acknowledgedAt: at })
			.where(eq(complaintStage.id, stage.id))
			.run();
		audit(
			tx,
			actor,
			id,
			'complaint.acknowledge',
			{ stage: stage.stage, acknowledgedAt: stage.acknowledgedAt?.toISOString() ?? null },
			{ stage: stage.stage, acknowledgedAt: at.toISOString() }
		);
	});
}

export function extendComplaint(
	db: Db,
	actor: Actor,
	id: number,
	input: z.output<typeof extendSchema>,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		const stage = currentStage(loaded);
		if (stage.respondedAt)
			throw new ComplaintError(
				'workingDays',
				'This stage has been responded to: it cannot be extended'
			);
		const customerToldAt = instantFromForm(
			input.customerToldOn,
			input.customerToldTime,
			'customerToldOn',
			'The date the customer was told',
			now
		);
		const timescale = stageTimescale(getTimescalePreset(tx), stage.stage as 1 | 2);
		const max = timescale.maxExtensionWorkingDays;
		const beyond = max === null || input.workingDays > max;
		const extension = {
			workingDays: input.workingDays,
			reason: beyond ? (input.goodReason ?? '') : input.reason,
			customerToldAt
		};
		assertPossible(loaded, { stage: stage.stage as 1 | 2, events: { extension } });
		const deadlines = stageDeadlines(
			{ receivedAt: stage.receivedAt, acknowledgedAt: stage.acknowledgedAt, extension },
			timescale,
			getWorkingCalendar(tx)
		);
		if (deadlines.extension?.problem)
			throw new ComplaintError('goodReason', deadlines.extension.problem);
		const values = {
			workingDays: input.workingDays,
			reason: input.reason,
			goodReason: beyond ? input.goodReason : null,
			customerToldAt,
			beyondMaximum: deadlines.extension?.beyondMaximum ?? false
		};
		const before = loaded.extensions.get(stage.id);
		tx.insert(complaintExtension)
			.values({ stageId: stage.id, ...values })
			.onConflictDoUpdate({ target: complaintExtension.stageId, set: values })
			.run();
		audit(
			tx,
			actor,
			id,
			'complaint.extend',
			before
				? { stage: stage.stage, workingDays: before.workingDays, reason: before.reason }
				: null,
			{
				stage: stage.stage,
				...values,
				customerToldAt: customerToldAt.toISOString(),
				newDue: deadlines.responseDue
			}
		);
	});
}

export function respondToComplaint(
	db: Db,
	actor: Actor,
	id: number,
	input: z.output<typeof respondSchema>,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		const stage = currentStage(loaded);
		let respondedAt: Date | null = null;
		if (input.respondedOn || input.respondedTime) {
			if (!input.respondedOn)
				throw new ComplaintError('respondedOn', 'Enter the date of the response');
			if (!input.respondedTime)
				throw new ComplaintError('respondedTime', 'Enter the time of the response');
			respondedAt = instantFromForm(
				input.respondedOn,
				input.respondedTime,
				'respondedOn',
				'The response',
				now
			);
		}
		const outcome: ComplaintOutcome = input.outcome;
		assertPossible(loaded, { stage: stage.stage as 1 | 2, events: { respondedAt, outcome } });
		const values = {
			respondedAt,
			outcome,
			remedy: input.remedy,
			compensationPence: input.compensation,
			learning: input.learning
		};
		tx.update(complaintStage).set(values).where(eq(complaintStage.id, stage.id)).run();
		audit(
			tx,
			actor,
			id,
			'complaint.respond',
			{
				stage: stage.stage,
				outcome: stage.outcome,
				respondedAt: stage.respondedAt?.toISOString() ?? null
			},
			{ stage: stage.stage, ...values, respondedAt: respondedAt?.toISOString() ?? null }
		);
	});
}

export function escalateComplaint(
	db: Db,
	actor: Actor,
	id: number,
	input: z.output<typeof escalateSchema>,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		if (loaded.complaint.status === 'refused')
			throw new ComplaintError('form', 'A refused complaint cannot be escalated');
		if (loaded.stages.some((s) => s.stage === 2))
			throw new ComplaintError('escalatedOn', 'This complaint is already at stage 2');
		const stage1 = loaded.stages.find((s) => s.stage === 1)!;
		const escalatedAt = instantFromForm(
			input.escalatedOn,
			input.escalatedTime,
			'escalatedOn',
			'The escalation request',
			now
		);
		assertPossible(loaded, { stage: 2, events: {}, escalatedAt });
		assertHandler(tx, input.stage2HandlerId, 'stage2HandlerId');
		if (stage1.handlerId === input.stage2HandlerId)
			throw new ComplaintError(
				'stage2HandlerId',
				'Stage 2 must be handled by a different person from stage 1'
			);
		tx.insert(complaintStage)
			.values({
				complaintId: id,
				stage: 2,
				receivedAt: escalatedAt,
				handlerId: input.stage2HandlerId
			})
			.run();
		tx.update(complaint)
			.set({ currentStage: 2, status: 'open', closedAt: null })
			.where(eq(complaint.id, id))
			.run();
		audit(
			tx,
			actor,
			id,
			'complaint.escalate',
			{ stage: 1, status: loaded.complaint.status },
			{ stage: 2, escalatedAt: escalatedAt.toISOString(), handlerId: input.stage2HandlerId }
		);
	});
}

export function assignHandler(db: Db, actor: Actor, id: number, handlerId: number) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		const stage = currentStage(loaded);
		assertHandler(tx, handlerId, 'handlerId');
		const other = loaded.stages.find((s) => s.stage !== stage.stage);
		if (other && other.handlerId === handlerId)
			throw new ComplaintError(
				'handlerId',
				'Stage 2 must be handled by a different person from stage 1'
			);
		tx.update(complaintStage).set({ handlerId }).where(eq(complaintStage.id, stage.id)).run();
		audit(
			tx,
			actor,
			id,
			'complaint.assign',
			{ stage: stage.stage, handlerId: stage.handlerId },
			{ stage: stage.stage, handlerId }
		);
	});
}

export function refuseComplaint(
	db: Db,
	actor: Actor,
	id: number,
	refusalReason: string,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		if (currentStage(loaded).respondedAt)
			throw new ComplaintError(
				'refusalReason',
				'This stage has been responded to: close the complaint instead'
			);
		tx.update(complaint)
			.set({ status: 'refused', refusalReason, closedAt: now })
			.where(eq(complaint.id, id))
			.run();
		audit(
			tx,
			actor,
			id,
			'complaint.refuse',
			{ status: loaded.complaint.status },
			{ status: 'refused', refusalReason }
		);
	});
}

/**
 * Closes the complaint at its current stage. If the customer gave an email address and agreed to
 * be contacted, the complaint joins the complaint-handling survey's pending invitations.
 */
/**
 * Closes the complaint; a customer who agreed to be contacted is then sent the complaint-handling
 * survey, whose link starts with `origin` (worked out only if there is someone to invite).
 */
export function closeComplaint(
	db: Db,
	actor: Actor,
	id: number,
	origin: LazyOrigin,
	now = new Date()
) {
	return writeTransaction(db, (tx) => {
		const loaded = load(tx, id);
		assertOpen(loaded);
		const stage = currentStage(loaded);
		if (!stage.respondedAt && stage.outcome !== 'withdrawn')
			throw new ComplaintError(
				'form',
				`Record the stage ${stage.stage} response and its outcome before closing the complaint`
			);
		if (!stage.outcome)
			throw new ComplaintError(
				'form',
				`Record the outcome of stage ${stage.stage} before closing the complaint`
			);
		tx.update(complaint).set({ status: 'closed', closedAt: now }).where(eq(complaint.id, id)).run();
		audit(
			tx,
			actor,
			id,
			'complaint.close',
			{ status: 'open' },
			{ status: 'closed', stage: stage.stage }
		);
		const customer = tx
			.select({ email: contact.customerEmail, consent: contact.contactConsent })
			.from(contact)
			.where(eq(contact.id, loaded.complaint.contactId))
			.get();
		if (!customer?.email || !customer.consent) return { invited: false };
		const queued = tx
			.insert(complaintHandlingSurveyInvitation)
			.values({ complaintId: id, email: customer.email, queuedAt: now })
			.onConflictDoNothing()
			.returning()
			.get();
		if (queued) {
			queueHandlingSurvey(tx, id, resolveOrigin(origin));
			audit(tx, 'system', id, 'complaint.handling-survey-queued', null, { stage: stage.stage });
		}
		return { invited: !!queued };
	});
}

export function pendingHandlingSurveyInvitations(db: Db) {
	return db
		.select()
		.from(complaintHandlingSurveyInvitation)
		.where(and(eq(complaintHandlingSurveyInvitation.status, 'pending')))
		.all();
}
