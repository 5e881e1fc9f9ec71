import { and, asc, desc, eq, gt, gte, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { reportingYear, type ReportingYear } from '$lib/domain/calendar/reporting-year';
import type { CalendarWarning } from '$lib/domain/calendar/bank-holidays';
import { parseScorecardDefinition } from '$lib/domain/mystery/definition-schema';
import { countsInResults, type ScorecardItem } from '$lib/domain/scorecard';
import {
	isTimedMeasure,
	timedCases,
	withholdSmall,
	yearPerformance,
	type StandardCase,
	type YearPerformance
} from '$lib/domain/standards/performance';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	complaint,
	complaintStage,
	contact,
	scorecardTemplate,
	scorecardTemplateVersion,
	service,
	serviceStandard,
	type ServiceStandardRow
} from '../db/schema';
import { FieldError } from '../forms/field-error';
import { getWorkingCalendar } from '../complaints/settings';
import { latestVersion, scoredVisits } from '../mystery';
import { suppressionFor } from '../results/report';
import type { StandardInput } from './standard-schema';

/** A scorecard item a standard can measure: anything with a "met", so not a 1–5 rating. */
export interface StandardItemChoice {
	value: string;
	label: string;
}

function measurable(item: ScorecardItem): boolean {
	return item.kind !== 'scale';
}

/**
 * Every item of every template's newest version that a standard can measure, by template, and the
 * item a standard already names if a later version left it out.
 */
export function standardItemChoices(db: Db, standard?: ServiceStandardRow): StandardItemChoice[] {
	const templates = db.select().from(scorecardTemplate).orderBy(asc(scorecardTemplate.name)).all();
	const choices = templates.flatMap((t) => {
		const version = latestVersion(db, t.id);
		if (!version) return [];
		return version.definition.sections.flatMap((section) =>
			section.items
				.filter(measurable)
				.map((item) => ({ value: `${t.id}:${item.id}`, label: `${t.name}: ${item.text}` }))
		);
	});
	if (standard?.templateId != null && standard.itemId !== null) {
		const value = `${standard.templateId}:${standard.itemId}`;
		const found = findItem(db, standard.templateId, standard.itemId);
		if (found && !choices.some((c) => c.value === value))
			choices.push({
				value,
				label: `${found.template.name}: ${found.item.text} (no longer in the template)`
			});
	}
	return choices;
}

/**
 * A scorecard item by id, from the newest version that has it: an item left out of a later
 * version still names what earlier visits were scored on.
 */
function findItem(db: Db, templateId: number, itemId: string) {
	const template = db
		.select()
		.from(scorecardTemplate)
		.where(eq(scorecardTemplate.id, templateId))
		.get();
	if (!template) return undefined;
	const versions = db
		.select()
		.from(scorecardTemplateVersion)
		.where(eq(scorecardTemplateVersion.templateId, templateId))
		.orderBy(desc(scorecardTemplateVersion.version))
		.all();
	for (const [i, version] of versions.entries()) {
		const definition = parseScorecardDefinition(version.definition);
		const item = definition.sections.flatMap((s) => s.items).find((it) => it.id === itemId);
		if (item) return { template, item, current: i === 0 };
	}
	return undefined;
}

/** Refuses a service or scorecard item that is not there (any more), next to its field. */
function assertReferences(tx: Db, input: StandardInput, previous?: ServiceStandardRow) {
	if (input.serviceId !== null) {
		const found = tx.select().from(service).where(eq(service.id, input.serviceId)).get();
		// A service no longer in use may stay on a standard that already named it.
		if (!found || (!found.active && previous?.serviceId !== found.id))
			throw new FieldError('serviceId', 'Select a service from the list');
	}
	if (input.templateId !== null && input.itemId !== null) {
		const found = findItem(tx, input.templateId, input.itemId);
		// An item since left out of the template may stay on a standard that already names it.
		const kept = previous?.templateId === input.templateId && previous?.itemId === input.itemId;
		if (!found || !measurable(found.item) || (!found.current && !kept))
			throw new FieldError('item', 'Select a scorecard item from the list');
	}
}

export function createStandard(db: Db, actor: Actor, input: StandardInput): number {
	return writeTransaction(db, (tx) => {
		assertReferences(tx, input);
		const { id } = tx
			.insert(serviceStandard)
			.values(input)
			.returning({ id: serviceStandard.id })
			.get();
		recordAudit(tx, actor, {
			action: 'standard.created',
			entity: 'service_standard',
			entityId: id,
			after: input
		});
		return id;
	});
}

export function updateStandard(
	db: Db,
	actor: Actor,
	id: number,
	input: StandardInput,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(serviceStandard).where(eq(serviceStandard.id, id)).get();
		if (!before) throw new FieldError('form', 'That standard no longer exists');
		assertReferences(tx, input, before);
		tx.update(serviceStandard)
			.set({ ...input, updatedAt: now })
			.where(eq(serviceStandard.id, id))
			.run();
		recordAudit(tx, actor, {
			action: 'standard.changed',
			entity: 'service_standard',
			entityId: id,
			before: definitionOf(before),
			after: input
		});
	});
}

/** Retires a standard (kept, with its history, but no longer reported), or brings it back. */
export function setStandardRetired(
	db: Db,
	actor: Actor,
	id: number,
	retired: boolean,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(serviceStandard).where(eq(serviceStandard.id, id)).get();
		if (!before) throw new FieldError('form', 'That standard no longer exists');
		if ((before.retiredAt !== null) === retired) return;
		tx.update(serviceStandard)
			.set({ retiredAt: retired ? now : null, updatedAt: now })
			.where(eq(serviceStandard.id, id))
			.run();
		recordAudit(tx, actor, {
			action: retired ? 'standard.retired' : 'standard.reinstated',
			entity: 'service_standard',
			entityId: id
		});
	});
}

function definitionOf(row: ServiceStandardRow): StandardInput {
	return {
		name: row.name,
		measure: row.measure,
		serviceId: row.serviceId,
		contactChannel: row.contactChannel,
		complaintStage: row.complaintStage as 1 | 2 | null,
		workingDays: row.workingDays,
		templateId: row.templateId,
		itemId: row.itemId,
		targetPercent: row.targetPercent
	};
}

export function getStandard(db: Db, id: number) {
	return db.select().from(serviceStandard).where(eq(serviceStandard.id, id)).get();
}

/** A standard's form values, as the form posts them. */
export function standardFormValues(row: ServiceStandardRow): Record<string, string> {
	return {
		name: row.name,
		measure: row.measure,
		serviceId: row.serviceId === null ? '' : String(row.serviceId),
		contactChannel: row.contactChannel ?? '',
		complaintStage: row.complaintStage === null ? '' : String(row.complaintStage),
		workingDays: row.workingDays === null ? '' : String(row.workingDays),
		item: row.templateId === null ? '' : `${row.templateId}:${row.itemId}`,
		targetPercent: String(row.targetPercent)
	};
}

/** The cases a standard applies to whose day falls in a range of reporting years. */
function casesOf(
	db: Db,
	standard: ServiceStandardRow,
	from: ReportingYear,
	to: ReportingYear,
	now: Date
): { cases: StandardCase[]; warnings: CalendarWarning[] } {
	const calendar = getWorkingCalendar(db);
	const service = standard.serviceId;
	if (standard.measure === 'contact-reply') {
		const rows = db
			.select({
				receivedAt: contact.receivedAt,
				repliedAt: contact.repliedAt,
				resolved: contact.resolvedAtFirstContact
			})
			.from(contact)
			.where(
				and(
					ne(contact.kind, 'complaint'),
					// A reply is owed where the customer agreed to be contacted; one resolved there
					// and then was answered in that contact.
					or(eq(contact.contactConsent, true), eq(contact.resolvedAtFirstContact, true)),
					gte(contact.receivedAt, from.start),
					lte(contact.receivedAt, to.end),
					standard.contactChannel ? eq(contact.channel, standard.contactChannel) : undefined,
					service !== null ? eq(contact.serviceId, service) : undefined
				)
			)
			.all()
			.map((r) => ({
				receivedAt: r.receivedAt,
				eventAt: r.repliedAt ?? (r.resolved ? r.receivedAt : null)
			}));
		return timedCases(rows, standard.workingDays ?? 0, calendar, now);
	}
	if (isTimedMeasure(standard.measure)) {
		const event =
			standard.measure === 'complaint-response'
				? complaintStage.respondedAt
				: complaintStage.acknowledgedAt;
		const rows = db
			.select({ receivedAt: complaintStage.receivedAt, eventAt: event })
			.from(complaintStage)
			.innerJoin(complaint, eq(complaint.id, complaintStage.complaintId))
			.innerJoin(contact, eq(contact.id, complaint.contactId))
			.where(
				and(
					eq(complaintStage.stage, standard.complaintStage ?? 1),
					// The stage that was refused; an earlier stage it went through still counts.
					sql`not (${complaint.status} = 'refused' and ${complaint.currentStage} = ${complaintStage.stage})`,
					// Withdrawn before the event: nothing was left to acknowledge or answer.
					sql`not (coalesce(${complaintStage.outcome}, '') = 'withdrawn' and ${event} is null)`,
					gte(complaintStage.receivedAt, from.start),
					lte(complaintStage.receivedAt, to.end),
					service !== null ? eq(contact.serviceId, service) : undefined
				)
			)
			.all();
		return timedCases(rows, standard.workingDays ?? 0, calendar, now);
	}
	if (standard.templateId === null || standard.itemId === null) return { cases: [], warnings: [] };
	const cases = scoredVisits(db, {
		templateId: standard.templateId,
		serviceId: service ?? undefined,
		from: from.firstDay,
		to: to.lastDay
	}).flatMap((visit) => {
		if (!countsInResults(visit.reviewStatus) || visit.score.outcome === 'not-scored') return [];
		const item = visit.score.items.find((i) => i.itemId === standard.itemId);
		// Not applicable on this visit, or not on the version the visit used.
		if (!item || item.met === null) return [];
		return [{ day: visit.date, met: item.met }];
	});
	return { cases, warnings: [] };
}

export interface StandardReport {
	standard: ServiceStandardRow;
	serviceName: string | null;
	itemLabel: string | null;
	current: YearPerformance;
	previous: YearPerformance;
	warnings: CalendarWarning[];
}

/**
 * Standards with their performance in a reporting year, by quarter, beside the year before: every
 * standard, retired ones too (for the standards page), or those in use at some time in the year
 * (for the scorecard, so a board pack for a past year reads the same after a standard is retired).
 */
export function standardsReport(
	db: Db,
	startYear: number,
	{ which = 'in-use', now = new Date() }: { which?: 'all' | 'in-use'; now?: Date } = {}
): StandardReport[] {
	const year = reportingYear(startYear);
	const previous = reportingYear(startYear - 1);
	const rows = db
		.select({ standard: serviceStandard, serviceName: service.name })
		.from(serviceStandard)
		.leftJoin(service, eq(service.id, serviceStandard.serviceId))
		.where(
			which === 'all'
				? undefined
				: or(isNull(serviceStandard.retiredAt), gt(serviceStandard.retiredAt, year.start))
		)
		.orderBy(asc(sql`lower(${serviceStandard.name})`), asc(serviceStandard.id))
		.all();
	return rows.map(({ standard, serviceName }) => {
		const { cases, warnings } = casesOf(db, standard, previous, year, now);
		const found =
			standard.templateId !== null && standard.itemId !== null
				? findItem(db, standard.templateId, standard.itemId)
				: undefined;
		return {
			standard,
			serviceName,
			itemLabel: found
				? `${found.template.name}: ${found.item.text}${found.current ? '' : ' (no longer in the template)'}`
				: null,
			current: yearPerformance(cases, year, standard.targetPercent),
			previous: yearPerformance(cases, previous, standard.targetPercent),
			warnings
		};
	});
}

/**
 * The standards on the customer-care scorecard. The panel does not see a year's figure resting on
 * fewer cases than the minimum group size (withholdSmall); staff see every figure, as they see the
 * cases themselves.
 */
export function scorecardStandards(
	db: Db,
	startYear: number,
	viewer: 'admin' | 'staff' | 'panel',
	now = new Date()
): StandardReport[] {
	const reports = standardsReport(db, startYear, { now });
	if (viewer !== 'panel') return reports;
	const k = suppressionFor(db).k;
	const withhold = (y: YearPerformance): YearPerformance => ({
		year: withholdSmall(y.year, k),
		quarters: y.quarters.map((q) => withholdSmall(q, k))
	});
	return reports.map((r) => ({
		...r,
		current: withhold(r.current),
		previous: withhold(r.previous)
	}));
}
