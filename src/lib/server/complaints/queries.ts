import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	assessStage,
	stageTimescale,
	type StageAssessment,
	type StageRecord,
	type TimescalePreset
} from '$lib/domain/calendar/complaint-deadlines';
import type { WorkingCalendar } from '$lib/domain/calendar/working-days';
import type { Db } from '../db';
import {
	auditLog,
	complaint,
	complaintExtension,
	complaintHandlingSurveyInvitation,
	complaintStage,
	contact,
	service,
	user,
	type ComplaintExtensionRow,
	type ComplaintStageRow
} from '../db/schema';
import { getTimescalePreset, getWorkingCalendar } from './settings';

export function stageRecordOf(
	stage: ComplaintStageRow,
	extension: ComplaintExtensionRow | null | undefined,
	closedAt: Date | null
): StageRecord {
	return {
		receivedAt: stage.receivedAt,
		acknowledgedAt: stage.acknowledgedAt,
		respondedAt: stage.respondedAt,
		closedAt,
		extension: extension
			? {
					workingDays: extension.workingDays,
					reason: extension.beyondMaximum ? (extension.goodReason ?? '') : extension.reason,
					customerToldAt: extension.customerToldAt
				}
			: null
	};
}

export function assessStageRow(
	stage: ComplaintStageRow,
	extension: ComplaintExtensionRow | null | undefined,
	closedAt: Date | null,
	preset: TimescalePreset,
	calendar: WorkingCalendar,
	now: Date
): StageAssessment {
	return assessStage(
		stageRecordOf(stage, extension, closedAt),
		stageTimescale(preset, stage.stage as 1 | 2),
		calendar,
		now
	);
}

export const complaintViews = [
	'mine',
	'unassigned',
	'due-soon',
	'overdue',
	'open',
	'closed'
] as const;
export type ComplaintView = (typeof complaintViews)[number];

const handler = alias(user, 'handler');

/** A queue of complaints with the current stage's status, most urgent first. */
export function listComplaints(db: Db, view: ComplaintView, userId: number, now = new Date()) {
	const preset = getTimescalePreset(db);
	const calendar = getWorkingCalendar(db);
	const openOnly = view !== 'closed';
	const rows = db
		.select({
			id: complaint.id,
			status: complaint.status,
			closedAt: complaint.closedAt,
			nature: complaint.nature,
			reference: contact.reference,
			customerName: contact.customerName,
			service: service.name,
			stage: complaintStage,
			extension: complaintExtension,
			handler: handler.name
		})
		.from(complaint)
		.innerJoin(contact, eq(contact.id, complaint.contactId))
		.leftJoin(service, eq(service.id, contact.serviceId))
		.innerJoin(
			complaintStage,
			and(
				eq(complaintStage.complaintId, complaint.id),
				eq(complaintStage.stage, complaint.currentStage)
			)
		)
		.leftJoin(complaintExtension, eq(complaintExtension.stageId, complaintStage.id))
		.leftJoin(handler, eq(handler.id, complaintStage.handlerId))
		.where(
			openOnly ? eq(complaint.status, 'open') : inArray(complaint.status, ['closed', 'refused'])
		)
		.orderBy(desc(complaintStage.receivedAt))
		.limit(openOnly ? 2000 : 200)
		.all();
	const assessed = rows.map((r) => ({
		...r,
		assessment: assessStageRow(r.stage, r.extension, r.closedAt, preset, calendar, now)
	}));
	const filtered = assessed.filter((r) => {
		if (view === 'mine') return r.stage.handlerId === userId;
		if (view === 'unassigned') return r.stage.handlerId === null;
		if (view === 'due-soon') return r.assessment.status.status === 'due-soon';
		if (view === 'overdue') return r.assessment.status.status === 'overdue';
		return true;
	});
	if (openOnly)
		filtered.sort((a, b) =>
			(a.assessment.status.dueDate ?? '9999').localeCompare(b.assessment.status.dueDate ?? '9999')
		);
	return filtered;
}

/** How many open complaints are overdue or due soon, and in the user's own queue. */
export function countQueues(db: Db, userId: number, now = new Date()) {
	const open = listComplaints(db, 'open', userId, now);
	return {
		open: open.length,
		mine: open.filter((r) => r.stage.handlerId === userId).length,
		unassigned: open.filter((r) => r.stage.handlerId === null).length,
		dueSoon: open.filter((r) => r.assessment.status.status === 'due-soon').length,
		overdue: open.filter((r) => r.assessment.status.status === 'overdue').length
	};
}

export function getComplaint(db: Db, id: number, now = new Date()) {
	const found = db
		.select({ complaint, contact, service: service.name })
		.from(complaint)
		.innerJoin(contact, eq(contact.id, complaint.contactId))
		.leftJoin(service, eq(service.id, contact.serviceId))
		.where(eq(complaint.id, id))
		.get();
	if (!found) return undefined;
	const preset = getTimescalePreset(db);
	const calendar = getWorkingCalendar(db);
	const stages = db
		.select({ stage: complaintStage, extension: complaintExtension, handler: handler.name })
		.from(complaintStage)
		.leftJoin(complaintExtension, eq(complaintExtension.stageId, complaintStage.id))
		.leftJoin(handler, eq(handler.id, complaintStage.handlerId))
		.where(eq(complaintStage.complaintId, id))
		.orderBy(complaintStage.stage)
		.all()
		.map((s) => ({
			...s,
			assessment: assessStageRow(
				s.stage,
				s.extension,
				s.stage.stage === found.complaint.currentStage ? found.complaint.closedAt : null,
				preset,
				calendar,
				now
			)
		}));
	const invitation = db
		.select()
		.from(complaintHandlingSurveyInvitation)
		.where(eq(complaintHandlingSurveyInvitation.complaintId, id))
		.get();
	const timeline = db
		.select()
		.from(auditLog)
		.where(
			or(
				and(eq(auditLog.entity, 'complaint'), eq(auditLog.entityId, String(id))),
				and(eq(auditLog.entity, 'contact'), eq(auditLog.entityId, String(found.contact.id)))
			)
		)
		.orderBy(auditLog.at, auditLog.id)
		.all();
	return { ...found, stages, invitation, timeline, preset };
}
