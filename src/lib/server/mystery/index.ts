import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { isLocalDate } from '$lib/domain/calendar/london-date';
import { checkEvidenceFile } from '$lib/domain/evidence-type';
import { parseScorecardDefinition, readinessProblems } from '$lib/domain/mystery/definition-schema';
import { conflictingAssignment, reviewChecks } from '$lib/domain/mystery/review';
import {
	checkDraft,
	checkSubmission,
	storedToScorecardAnswers,
	type StoredAnswers
} from '$lib/domain/mystery/submission';
import {
	averageFinalScore,
	averageRawScore,
	countsInResults,
	criticalFailureRate,
	isCompatibleChange,
	itemMetRate,
	scoreVisit,
	type ReviewedVisit,
	type ScorecardTemplate,
	type VisitScore
} from '$lib/domain/scorecard';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	mysteryAssignment,
	mysteryEvidence,
	mysterySettings,
	scorecardTemplate,
	scorecardTemplateVersion,
	service,
	user,
	type AssignmentStatus,
	type MysteryAssignment,
	type MysteryChannel
} from '../db/schema';
import type { EvidenceStore } from './evidence-store';

export const channelLabels: Record<MysteryChannel, string> = {
	telephone: 'Telephone call',
	visit: 'Walk-in visit',
	email: 'Email',
	website: 'Website check'
};

export const statusLabels: Record<AssignmentStatus, string> = {
	assigned: 'Not submitted',
	pending: 'Awaiting review',
	approved: 'Approved',
	returned: 'Returned for amendment',
	rejected: 'Rejected'
};

/** A refusal to show the person, optionally tied to a form field. */
export class MysteryError extends Error {
	override name = 'MysteryError';
	constructor(
		message: string,
		readonly field = 'form'
	) {
		super(message);
	}
}

function userIdOf(actor: Actor): number {
	if (typeof actor !== 'object') throw new Error('This needs a signed-in person');
	return actor.id;
}

export function newId(prefix: string): string {
	return prefix + randomBytes(4).toString('hex');
}

// ---------------------------------------------------------------- settings

export const DEFAULT_REPEAT_INTERVAL_DAYS = 90;

export function getMysterySettings(db: Db): { repeatIntervalDays: number } {
	const row = db.select().from(mysterySettings).where(eq(mysterySettings.id, 1)).get();
	return { repeatIntervalDays: row?.repeatIntervalDays ?? DEFAULT_REPEAT_INTERVAL_DAYS };
}

export function updateMysterySettings(db: Db, actor: Actor, repeatIntervalDays: number): void {
	writeTransaction(db, (tx) => {
		const before = getMysterySettings(tx);
		tx.insert(mysterySettings)
			.values({ id: 1, repeatIntervalDays })
			.onConflictDoUpdate({ target: mysterySettings.id, set: { repeatIntervalDays } })
			.run();
		recordAudit(tx, actor, {
			action: 'mystery.settings.update',
			entity: 'mystery_settings',
			entityId: 1,
			before,
			after: { repeatIntervalDays }
		});
	});
}

// ---------------------------------------------------------------- templates

export function listTemplates(db: Db) {
	const templates = db.select().from(scorecardTemplate).orderBy(asc(scorecardTemplate.name)).all();
	return templates.map((t) => {
		const latest = latestVersion(db, t.id)!;
		const counts = db
			.select({
				assignments: sql<number>`count(*)`,
				submitted: sql<number>`sum(case when ${mysteryAssignment.status} != 'assigned' then 1 else 0 end)`
			})
			.from(mysteryAssignment)
			.innerJoin(
				scorecardTemplateVersion,
				eq(scorecardTemplateVersion.id, mysteryAssignment.templateVersionId)
			)
			.where(eq(scorecardTemplateVersion.templateId, t.id))
			.get();
		return {
			...t,
			version: latest.version,
			sections: latest.definition.sections.length,
			items: latest.definition.sections.reduce((n, s) => n + s.items.length, 0),
			assignments: counts?.assignments ?? 0,
			submitted: counts?.submitted ?? 0
		};
	});
}

export function latestVersion(db: Db, templateId: number) {
	const row = db
		.select()
		.from(scorecardTemplateVersion)
		.where(eq(scorecardTemplateVersion.templateId, templateId))
		.orderBy(desc(scorecardTemplateVersion.version))
		.limit(1)
		.get();
	return row ? { ...row, definition: parseScorecardDefinition(row.definition) } : undefined;
}

export function getTemplate(db: Db, templateId: number) {
	const template = db
		.select()
		.from(scorecardTemplate)
		.where(eq(scorecardTemplate.id, templateId))
		.get();
	if (!template) return undefined;
	const version = latestVersion(db, templateId)!;
	return { template, version, inUse: versionInUse(db, version.id) };
}

/** A version with any assignment keeps its meaning: incompatible edits go to a new version. */
export function versionInUse(db: Db, versionId: number): boolean {
	return !!db
		.select({ id: mysteryAssignment.id })
		.from(mysteryAssignment)
		.where(eq(mysteryAssignment.templateVersionId, versionId))
		.limit(1)
		.get();
}

export function createTemplate(
	db: Db,
	actor: Actor,
	input: { name: string; channel: MysteryChannel; definition?: ScorecardTemplate }
): number {
	return writeTransaction(db, (tx) => {
		const definition = parseScorecardDefinition(
			input.definition ?? { sections: [], passMark: null }
		);
		const row = tx
			.insert(scorecardTemplate)
			.values({ name: input.name, channel: input.channel })
			.returning()
			.get();
		tx.insert(scorecardTemplateVersion)
			.values({ templateId: row.id, version: 1, definition })
			.run();
		recordAudit(tx, actor, {
			action: 'mystery.template.create',
			entity: 'scorecard_template',
			entityId: row.id,
			after: { name: input.name, channel: input.channel }
		});
		return row.id;
	});
}

export function renameTemplate(
	db: Db,
	actor: Actor,
	templateId: number,
	input: { name: string; channel: MysteryChannel }
): void {
	writeTransaction(db, (tx) => {
		const before = tx
			.select()
			.from(scorecardTemplate)
			.where(eq(scorecardTemplate.id, templateId))
			.get();
		if (!before) throw new MysteryError('That scorecard no longer exists');
		tx.update(scorecardTemplate).set(input).where(eq(scorecardTemplate.id, templateId)).run();
		recordAudit(tx, actor, {
			action: 'mystery.template.rename',
			entity: 'scorecard_template',
			entityId: templateId,
			before: { name: before.name, channel: before.channel },
			after: input
		});
	});
}

export type EditOutcome = { newVersion: number | null; reasons: string[] };

/**
 * Applies an edit to a template's newest version. If that version is in use and the edit is not
 * compatible (isCompatibleChange), a new version is created and earlier visits keep theirs.
 */
export function editDefinition(
	db: Db,
	actor: Actor,
	templateId: number,
	edit: (definition: ScorecardTemplate) => ScorecardTemplate
): EditOutcome {
	return writeTransaction(db, (tx) => {
		const current = latestVersion(tx, templateId);
		if (!current) throw new MysteryError('That scorecard no longer exists');
		const next = parseScorecardDefinition(edit(structuredClone(current.definition)));
		const compatibility = isCompatibleChange(current.definition, next);
		if (versionInUse(tx, current.id) && !compatibility.compatible) {
			const version = current.version + 1;
			tx.insert(scorecardTemplateVersion).values({ templateId, version, definition: next }).run();
			recordAudit(tx, actor, {
				action: 'mystery.template.new-version',
				entity: 'scorecard_template',
				entityId: templateId,
				before: { version: current.version },
				after: { version, reasons: compatibility.reasons }
			});
			return { newVersion: version, reasons: compatibility.reasons };
		}
		tx.update(scorecardTemplateVersion)
			.set({ definition: next })
			.where(eq(scorecardTemplateVersion.id, current.id))
			.run();
		recordAudit(tx, actor, {
			action: 'mystery.template.edit',
			entity: 'scorecard_template',
			entityId: templateId,
			before: current.definition,
			after: next
		});
		return { newVersion: null, reasons: [] };
	});
}

export function getVersion(db: Db, versionId: number) {
	const row = db
		.select()
		.from(scorecardTemplateVersion)
		.where(eq(scorecardTemplateVersion.id, versionId))
		.get();
	return row ? { ...row, definition: parseScorecardDefinition(row.definition) } : undefined;
}

// ---------------------------------------------------------------- assignments

export type AssignmentInput = {
	templateId: number;
	serviceId: number;
	shopperId: number;
	windowFrom: string;
	windowTo: string;
	brief: string;
};

export function listShoppers(db: Db) {
	return db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(user)
		.where(and(eq(user.role, 'shopper'), eq(user.active, true)))
		.orderBy(asc(sql`lower(${user.name})`))
		.all();
}

export function createAssignment(db: Db, actor: Actor, input: AssignmentInput): number {
	return writeTransaction(db, (tx) => {
		if (!isLocalDate(input.windowFrom))
			throw new MysteryError('Enter a real start date', 'windowFrom');
		if (!isLocalDate(input.windowTo)) throw new MysteryError('Enter a real end date', 'windowTo');
		if (input.windowTo < input.windowFrom)
			throw new MysteryError('The window must end on or after the day it starts', 'windowTo');
		const template = tx
			.select()
			.from(scorecardTemplate)
			.where(eq(scorecardTemplate.id, input.templateId))
			.get();
		if (!template) throw new MysteryError('Choose a scorecard', 'templateId');
		const version = latestVersion(tx, template.id)!;
		const problems = readinessProblems(version.definition);
		if (problems.length > 0)
			throw new MysteryError(`"${template.name}" is not ready: ${problems[0]}`, 'templateId');
		const svc = tx.select().from(service).where(eq(service.id, input.serviceId)).get();
		if (!svc || !svc.active) throw new MysteryError('Choose a service', 'serviceId');
		const shopper = tx.select().from(user).where(eq(user.id, input.shopperId)).get();
		if (!shopper || shopper.role !== 'shopper' || !shopper.active)
			throw new MysteryError('Choose a shopper', 'shopperId');

		const { repeatIntervalDays } = getMysterySettings(tx);
		const existing = tx
			.select({
				id: mysteryAssignment.id,
				shopperId: mysteryAssignment.shopperId,
				serviceId: mysteryAssignment.serviceId,
				windowFrom: mysteryAssignment.windowFrom,
				status: mysteryAssignment.status
			})
			.from(mysteryAssignment)
			.where(
				and(
					eq(mysteryAssignment.shopperId, input.shopperId),
					eq(mysteryAssignment.serviceId, input.serviceId)
				)
			)
			.all();
		const clash = conflictingAssignment(
			existing,
			input.shopperId,
			input.serviceId,
			input.windowFrom,
			repeatIntervalDays
		);
		if (clash) {
			throw new MysteryError(
				`${shopper.name} already has an assignment for ${svc.name} starting ${clash.windowFrom}. ` +
					`The same shopper cannot be sent to the same service within ${repeatIntervalDays} days: choose another shopper or a later window`,
				'shopperId'
			);
		}
		const row = tx
			.insert(mysteryAssignment)
			.values({
				templateVersionId: version.id,
				serviceId: svc.id,
				channel: template.channel,
				shopperId: shopper.id,
				windowFrom: input.windowFrom,
				windowTo: input.windowTo,
				brief: input.brief
			})
			.returning()
			.get();
		recordAudit(tx, actor, {
			action: 'mystery.assignment.create',
			entity: 'mystery_assignment',
			entityId: row.id,
			after: { ...input, templateVersionId: version.id }
		});
		return row.id;
	});
}

/** Withdraws an assignment the shopper has not submitted yet, and deletes any evidence files. */
export function withdrawAssignment(db: Db, store: EvidenceStore, actor: Actor, id: number): void {
	const files = writeTransaction(db, (tx) => {
		const row = tx.select().from(mysteryAssignment).where(eq(mysteryAssignment.id, id)).get();
		if (!row) throw new MysteryError('That assignment no longer exists');
		if (row.status !== 'assigned')
			throw new MysteryError('Only an assignment that has not been submitted can be withdrawn');
		const evidence = tx
			.select()
			.from(mysteryEvidence)
			.where(eq(mysteryEvidence.assignmentId, id))
			.all();
		tx.delete(mysteryAssignment).where(eq(mysteryAssignment.id, id)).run();
		recordAudit(tx, actor, {
			action: 'mystery.assignment.withdraw',
			entity: 'mystery_assignment',
			entityId: id,
			before: { shopperId: row.shopperId, serviceId: row.serviceId, windowFrom: row.windowFrom }
		});
		return evidence.map((e) => e.storedName);
	});
	for (const name of files) store.remove(name);
}

const assignmentColumns = {
	id: mysteryAssignment.id,
	serviceId: mysteryAssignment.serviceId,
	serviceName: service.name,
	channel: mysteryAssignment.channel,
	windowFrom: mysteryAssignment.windowFrom,
	windowTo: mysteryAssignment.windowTo,
	status: mysteryAssignment.status,
	visitedAt: mysteryAssignment.visitedAt,
	submittedAt: mysteryAssignment.submittedAt,
	templateName: scorecardTemplate.name,
	version: scorecardTemplateVersion.version,
	templateId: scorecardTemplate.id
};

export function listAssignments(db: Db, filter: { status?: AssignmentStatus } = {}) {
	return db
		.select({ ...assignmentColumns, shopperName: user.name })
		.from(mysteryAssignment)
		.innerJoin(service, eq(service.id, mysteryAssignment.serviceId))
		.innerJoin(user, eq(user.id, mysteryAssignment.shopperId))
		.innerJoin(
			scorecardTemplateVersion,
			eq(scorecardTemplateVersion.id, mysteryAssignment.templateVersionId)
		)
		.innerJoin(scorecardTemplate, eq(scorecardTemplate.id, scorecardTemplateVersion.templateId))
		.where(filter.status ? eq(mysteryAssignment.status, filter.status) : undefined)
		.orderBy(desc(mysteryAssignment.windowFrom), desc(mysteryAssignment.id))
		.all();
}

/** Only the shopper's own assignments, ever. */
export function listShopperAssignments(db: Db, shopperId: number) {
	return db
		.select(assignmentColumns)
		.from(mysteryAssignment)
		.innerJoin(service, eq(service.id, mysteryAssignment.serviceId))
		.innerJoin(
			scorecardTemplateVersion,
			eq(scorecardTemplateVersion.id, mysteryAssignment.templateVersionId)
		)
		.innerJoin(scorecardTemplate, eq(scorecardTemplate.id, scorecardTemplateVersion.templateId))
		.where(eq(mysteryAssignment.shopperId, shopperId))
		.orderBy(asc(mysteryAssignment.windowFrom), asc(mysteryAssignment.id))
		.all();
}

function evidenceFor(db: Db, assignmentId: number) {
	return db
		.select()
		.from(mysteryEvidence)
		.where(eq(mysteryEvidence.assignmentId, assignmentId))
		.orderBy(asc(mysteryEvidence.id))
		.all();
}

function evidenceCounts(evidence: { itemId: string }[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const e of evidence) counts[e.itemId] = (counts[e.itemId] ?? 0) + 1;
	return counts;
}

function loadVisit(db: Db, row: MysteryAssignment) {
	const version = getVersion(db, row.templateVersionId)!;
	const svc = db.select().from(service).where(eq(service.id, row.serviceId)).get()!;
	const template = db
		.select()
		.from(scorecardTemplate)
		.where(eq(scorecardTemplate.id, version.templateId))
		.get()!;
	const evidence = evidenceFor(db, row.id);
	return {
		assignment: row,
		definition: version.definition,
		version: version.version,
		templateName: template.name,
		serviceName: svc.name,
		evidence: evidence.map(({ storedName: _s, ...rest }) => rest),
		evidenceCounts: evidenceCounts(evidence)
	};
}

/** The shopper's own assignment, or undefined (shown as 404) for anyone else's. */
export function getShopperAssignment(db: Db, shopperId: number, id: number) {
	const row = db
		.select()
		.from(mysteryAssignment)
		.where(and(eq(mysteryAssignment.id, id), eq(mysteryAssignment.shopperId, shopperId)))
		.get();
	return row ? loadVisit(db, row) : undefined;
}

export function isEditableByShopper(status: AssignmentStatus): boolean {
	return status === 'assigned' || status === 'returned';
}

export type UploadedFile = { itemId: string; name: string; bytes: Uint8Array };

export type SaveInput = {
	answers: StoredAnswers;
	visitedAt: string | null;
	files: UploadedFile[];
	submit: boolean;
};

export type FieldErrorList = { field: string; message: string }[];

const VISITED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Saves a shopper's progress or submits the scorecard. Everything is checked first (answers,
 * visit time, every evidence file's content and size); if anything is wrong nothing is written,
 * neither to the database nor to disk. Files are written just before the transaction and removed
 * again if it fails.
 */
export function saveShopperScorecard(
	db: Db,
	store: EvidenceStore,
	maxBytes: number,
	actor: Actor,
	assignmentId: number,
	input: SaveInput
): { ok: true } | { ok: false; errors: FieldErrorList } {
	const visit = getShopperAssignment(db, userIdOf(actor), assignmentId);
	if (!visit) throw new MysteryError('That assignment was not found');
	if (!isEditableByShopper(visit.assignment.status))
		return {
			ok: false,
			errors: [{ field: 'form', message: 'This scorecard has already been submitted' }]
		};

	const errors: FieldErrorList = [];
	const itemIds = new Set(visit.definition.sections.flatMap((s) => s.items.map((i) => i.id)));
	const accepted: {
		itemId: string;
		name: string;
		bytes: Uint8Array;
		mime: string;
		extension: string;
	}[] = [];
	for (const file of input.files) {
		if (!itemIds.has(file.itemId)) {
			errors.push({
				field: 'form',
				message:
					'Evidence was attached to a question that is not on this scorecard. Reload the scorecard and try again'
			});
			continue;
		}
		const check = checkEvidenceFile(file.name, file.bytes, maxBytes);
		if (!check.ok) errors.push({ field: `evidence-${file.itemId}`, message: check.message });
		else
			accepted.push({
				...file,
				name: file.name.slice(0, 200),
				mime: check.type.mime,
				extension: check.type.extension
			});
	}

	const visitedAt = input.visitedAt?.trim() || null;
	if (visitedAt !== null && (!VISITED_AT.test(visitedAt) || !isLocalDate(visitedAt.slice(0, 10))))
		errors.push({
			field: 'visitedAt',
			message: 'Enter the date and time of the visit, like 2026-03-14 10:30'
		});

	const draftErrors = checkDraft(visit.definition, input.answers);
	for (const e of draftErrors) errors.push({ field: `answer-${e.itemId}`, message: e.message });

	if (input.submit && errors.length === 0) {
		if (visitedAt === null)
			errors.push({ field: 'visitedAt', message: 'Enter when the visit happened' });
		const counts = { ...visit.evidenceCounts };
		for (const f of accepted) counts[f.itemId] = (counts[f.itemId] ?? 0) + 1;
		const full = checkSubmission(visit.definition, input.answers, counts);
		if (!full.ok)
			for (const e of full.errors) errors.push({ field: `answer-${e.itemId}`, message: e.message });
	}
	if (errors.length > 0) return { ok: false, errors };

	const written: string[] = [];
	try {
		for (const f of accepted) written.push(store.write(f.bytes, f.extension));
		writeTransaction(db, (tx) => {
			const current = tx
				.select()
				.from(mysteryAssignment)
				.where(eq(mysteryAssignment.id, assignmentId))
				.get();
			if (!current || !isEditableByShopper(current.status))
				throw new MysteryError('This scorecard has already been submitted');
			accepted.forEach((f, i) => {
				tx.insert(mysteryEvidence)
					.values({
						assignmentId,
						itemId: f.itemId,
						storedName: written[i]!,
						originalName: f.name,
						mimeType: f.mime,
						size: f.bytes.length
					})
					.run();
			});
			const answers = Object.fromEntries(
				Object.entries(input.answers).filter(([id]) => itemIds.has(id))
			);
			tx.update(mysteryAssignment)
				.set({
					answers,
					visitedAt,
					...(input.submit ? { status: 'pending' as const, submittedAt: new Date() } : {})
				})
				.where(eq(mysteryAssignment.id, assignmentId))
				.run();
			recordAudit(tx, actor, {
				action: input.submit ? 'mystery.visit.submit' : 'mystery.visit.save',
				entity: 'mystery_assignment',
				entityId: assignmentId,
				after: { evidenceAdded: accepted.length }
			});
		});
	} catch (e) {
		for (const name of written) store.remove(name);
		throw e;
	}
	return { ok: true };
}

export function removeShopperEvidence(
	db: Db,
	store: EvidenceStore,
	actor: Actor,
	assignmentId: number,
	evidenceId: number
): void {
	const storedName = writeTransaction(db, (tx) => {
		const row = tx
			.select({ evidence: mysteryEvidence, status: mysteryAssignment.status })
			.from(mysteryEvidence)
			.innerJoin(mysteryAssignment, eq(mysteryAssignment.id, mysteryEvidence.assignmentId))
			.where(
				and(
					eq(mysteryEvidence.id, evidenceId),
					eq(mysteryEvidence.assignmentId, assignmentId),
					eq(mysteryAssignment.shopperId, userIdOf(actor))
				)
			)
			.get();
		if (!row) throw new MysteryError('That file was not found');
		if (!isEditableByShopper(row.status))
			throw new MysteryError('This scorecard has already been submitted');
		tx.delete(mysteryEvidence).where(eq(mysteryEvidence.id, evidenceId)).run();
		recordAudit(tx, actor, {
			action: 'mystery.evidence.remove',
			entity: 'mystery_assignment',
			entityId: assignmentId,
			before: { itemId: row.evidence.itemId, originalName: row.evidence.originalName }
		});
		return row.evidence.storedName;
	});
	store.remove(storedName);
}

/** For staff downloads only. */
export function getEvidence(db: Db, id: number) {
	return db.select().from(mysteryEvidence).where(eq(mysteryEvidence.id, id)).get();
}

// ---------------------------------------------------------------- review

export function getVisitForStaff(db: Db, id: number) {
	const row = db.select().from(mysteryAssignment).where(eq(mysteryAssignment.id, id)).get();
	if (!row) return undefined;
	const visit = loadVisit(db, row);
	const shopper = db
		.select({ name: user.name, email: user.email })
		.from(user)
		.where(eq(user.id, row.shopperId))
		.get();
	const reviewer = row.reviewedBy
		? db.select({ name: user.name }).from(user).where(eq(user.id, row.reviewedBy)).get()
		: undefined;
	const checks =
		row.status === 'assigned'
			? []
			: reviewChecks({
					template: visit.definition,
					answers: row.answers,
					evidenceCounts: visit.evidenceCounts,
					windowFrom: row.windowFrom,
					windowTo: row.windowTo,
					visitedAt: row.visitedAt,
					submittedAt: row.submittedAt
				});
	const scorecardAnswers =
		row.status === 'assigned'
			? null
			: storedToScorecardAnswers(visit.definition, row.answers, visit.evidenceCounts);
	const score = scorecardAnswers ? scoreVisit(visit.definition, scorecardAnswers) : null;
	return { ...visit, shopper, reviewerName: reviewer?.name ?? null, checks, score };
}

export type ReviewDecision = 'approve' | 'return' | 'reject';

export function reviewVisit(
	db: Db,
	actor: Actor,
	id: number,
	decision: ReviewDecision,
	note: string | null
): void {
	if ((decision === 'return' || decision === 'reject') && !note)
		throw new MysteryError(
			decision === 'return'
				? 'Enter a note telling the shopper what to amend'
				: 'Enter the reason for rejecting this visit',
			'note'
		);
	writeTransaction(db, (tx) => {
		const row = tx.select().from(mysteryAssignment).where(eq(mysteryAssignment.id, id)).get();
		if (!row) throw new MysteryError('That visit no longer exists');
		if (row.status !== 'pending')
			throw new MysteryError('Only a visit awaiting review can be reviewed');
		const status: AssignmentStatus =
			decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'rejected';
		tx.update(mysteryAssignment)
			.set({ status, reviewNote: note, reviewedBy: userIdOf(actor), reviewedAt: new Date() })
			.where(eq(mysteryAssignment.id, id))
			.run();
		recordAudit(tx, actor, {
			action: `mystery.visit.${decision}`,
			entity: 'mystery_assignment',
			entityId: id,
			before: { status: row.status },
			after: { status, note }
		});
	});
}

// ---------------------------------------------------------------- results

export type ResultsFilter = {
	templateId: number;
	serviceId?: number;
	from?: string;
	to?: string;
};

type ScoredVisit = ReviewedVisit & {
	id: number;
	serviceId: number;
	serviceName: string;
	channel: MysteryChannel;
	month: string;
	date: string;
};

/**
 * Every visit for a template (all versions) that has been submitted, scored. The aggregate
 * functions from the domain then keep only approved visits, so nothing else can leak in.
 */
export function scoredVisits(db: Db, filter: ResultsFilter): ScoredVisit[] {
	const versions = db
		.select()
		.from(scorecardTemplateVersion)
		.where(eq(scorecardTemplateVersion.templateId, filter.templateId))
		.all();
	if (versions.length === 0) return [];
	const definitions = new Map(versions.map((v) => [v.id, parseScorecardDefinition(v.definition)]));
	const rows = db
		.select({ a: mysteryAssignment, serviceName: service.name })
		.from(mysteryAssignment)
		.innerJoin(service, eq(service.id, mysteryAssignment.serviceId))
		.where(
			and(
				inArray(mysteryAssignment.templateVersionId, [...definitions.keys()]),
				inArray(mysteryAssignment.status, ['pending', 'approved', 'returned', 'rejected']),
				filter.serviceId ? eq(mysteryAssignment.serviceId, filter.serviceId) : undefined
			)
		)
		.all();
	const ids = rows.map((r) => r.a.id);
	const evidence = ids.length
		? db
				.select({ assignmentId: mysteryEvidence.assignmentId, itemId: mysteryEvidence.itemId })
				.from(mysteryEvidence)
				.where(inArray(mysteryEvidence.assignmentId, ids))
				.all()
		: [];
	const out: ScoredVisit[] = [];
	for (const { a, serviceName } of rows) {
		const date = (a.visitedAt ?? a.windowFrom).slice(0, 10);
		if (filter.from && date < filter.from) continue;
		if (filter.to && date > filter.to) continue;
		const definition = definitions.get(a.templateVersionId)!;
		const answers = storedToScorecardAnswers(
			definition,
			a.answers,
			evidenceCounts(evidence.filter((e) => e.assignmentId === a.id))
		);
		if (!answers) continue;
		out.push({
			id: a.id,
			reviewStatus: a.status,
			score: scoreVisit(definition, answers),
			serviceId: a.serviceId,
			serviceName,
			channel: a.channel,
			date,
			month: date.slice(0, 7)
		});
	}
	return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id));
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const t of list) {
		const k = key(t);
		const bucket = map.get(k);
		if (bucket) bucket.push(t);
		else map.set(k, [t]);
	}
	return map;
}

function summary(visits: ScoredVisit[]) {
	return {
		final: averageFinalScore(visits),
		raw: averageRawScore(visits),
		critical: criticalFailureRate(visits)
	};
}

export function mysteryResults(db: Db, filter: ResultsFilter) {
	const found = getTemplate(db, filter.templateId);
	if (!found) return undefined;
	const definition = found.version.definition;
	const visits = scoredVisits(db, filter);
	const statusCounts = { pending: 0, approved: 0, returned: 0, rejected: 0 } as Record<
		string,
		number
	>;
	for (const v of visits) statusCounts[v.reviewStatus] = (statusCounts[v.reviewStatus] ?? 0) + 1;

	const byServiceChannel = [...groupBy(visits, (v) => `${v.serviceName}\u0000${v.channel}`)].map(
		([, list]) => ({
			serviceName: list[0]!.serviceName,
			channel: list[0]!.channel,
			...summary(list)
		})
	);
	const trend = [...groupBy(visits, (v) => v.month)].map(([month, list]) => ({
		month,
		...summary(list)
	}));
	const months = trend.map((t) => t.month);
	const serviceTrend = [...groupBy(visits, (v) => `${v.serviceName}\u0000${v.channel}`)].map(
		([, list]) => {
			const byMonth = groupBy(list, (v) => v.month);
			return {
				serviceName: list[0]!.serviceName,
				channel: list[0]!.channel,
				cells: months.map((m) => averageFinalScore(byMonth.get(m) ?? []))
			};
		}
	);

	// Section percentages over approved visits where the section applied.
	const approved = visits.filter((v) => countsInResults(v.reviewStatus));
	const sections = definition.sections.map((section) => {
		const values = approved
			.filter((v) => v.score.outcome !== 'not-scored')
			.map((v) => v.score.sections.find((s) => s.sectionId === section.id))
			.filter((s): s is VisitScore['sections'][number] => !!s && s.included && s.percent !== null)
			.map((s) => s.percent!);
		return {
			id: section.id,
			title: section.title,
			weight: section.weight,
			value: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
			n: values.length
		};
	});
	const texts = new Map(
		definition.sections.flatMap((s) =>
			s.items.map((i) => [i.id, { text: i.text, section: s.title, critical: i.critical }])
		)
	);
	const items = itemMetRate(visits)
		.filter((r) => texts.has(r.itemId))
		.map((r) => ({ ...r, ...texts.get(r.itemId)! }));

	return {
		template: found.template,
		version: found.version.version,
		overall: summary(visits),
		statusCounts,
		byServiceChannel,
		trend,
		serviceTrend: { months, rows: serviceTrend },
		sections,
		items
	};
}
