import { and, asc, eq, gte, isNull, lte, ne, sql } from 'drizzle-orm';
import { londonDate } from '$lib/domain/calendar/london-date';
import { reportingYear, type ReportingYear } from '$lib/domain/calendar/reporting-year';
import type { CalendarWarning } from '$lib/domain/calendar/bank-holidays';
import { countsInResults, type ScorecardItem } from '$lib/domain/scorecard';
import {
	isTimedMeasure,
	timedCases,
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
	service,
	serviceStandard,
	type ServiceStandardRow
} from '../db/schema';
import { FieldError } from '../forms/field-error';
import { getWorkingCalendar } from '../complaints/settings';
import { latestVersion, scoredVisits } from '../mystery';
import type { StandardInput } from './standard-schema';

/** A scorecard item a standard can measure: anything with a "met", so not a 1–5 rating. */
export interface StandardItemChoice {
	value: string;
	label: string;
}

function measurable(item: ScorecardItem): boolean {
	return item.kind !== 'scale';
}

/** Every item of every template's newest version that a standard can measure, by template. */
export function standardItemChoices(db: Db): StandardItemChoice[] {
	const templates = db.select().from(scorecardTemplate).orderBy(asc(scorecardTemplate.name)).all();
	return templates.flatMap((t) => {
		const version = latestVersion(db, t.id);
		if (!version) return [];
		return version.definition.sections.flatMap((section) =>
			section.items
				.filter(measurable)
				.map((item) => ({ value: `${t.id}:${item.id}`, label: `${t.name}: ${item.text}` }))
		);
	});
}

function findItem(db: Db, templateId: number, itemId: string) {
	const template = db
		.select()
		.from(scorecardTemplate)
		.where(eq(scorecardTemplate.id, templateId))
		.get();
	const version = template ? latestVersion(db, templateId) : undefined;
	const item = version?.definition.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
	return template && item ? { template, item } : undefined;
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
		if (!found || !measurable(found.item))
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
			.select({ receivedAt: contact.receivedAt, eventAt: contact.repliedAt })
			.from(contact)
			.where(
				and(
					ne(contact.kind, 'complaint'),
					gte(contact.receivedAt, from.start),
					lte(contact.receivedAt, to.end),
					standard.contactChannel ? eq(contact.channel, standard.contactChannel) : undefined,
					service !== null ? eq(contact.serviceId, service) : undefined
				)
			)
			.all();
		return timedCases(rows, standard.workingDays ?? 0, calendar, now);
	}
	if (isTimedMeasure(standard.measure)) {
		const response = standard.measure === 'complaint-response';
		const rows = db
			.select({
				receivedAt: complaintStage.receivedAt,
				eventAt: response ? complaintStage.respondedAt : complaintStage.acknowledgedAt
			})
			.from(complaintStage)
			.innerJoin(complaint, eq(complaint.id, complaintStage.complaintId))
			.innerJoin(contact, eq(contact.id, complaint.contactId))
			.where(
				and(
					eq(complaintStage.stage, standard.complaintStage ?? 1),
					ne(complaint.status, 'refused'),
					gte(complaintStage.receivedAt, from.start),
					lte(complaintStage.receivedAt, to.end),
					service !== null ? eq(contact.serviceId, service) : undefined,
					// Withdrawn before it was answered: nothing was left to answer.
					response
						? sql`not (${complaintStage.outcome} = 'withdrawn' and ${complaintStage.respondedAt} is null)`
						: undefined
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
 * Every standard in use (and the retired ones if asked) with its performance in a reporting year,
 * by quarter, beside the year before.
 */
export function standardsReport(
	db: Db,
	startYear: number,
	{ includeRetired = false, now = new Date() } = {}
): StandardReport[] {
	const year = reportingYear(startYear);
	const previous = reportingYear(startYear - 1);
	const rows = db
		.select({ standard: serviceStandard, serviceName: service.name })
		.from(serviceStandard)
		.leftJoin(service, eq(service.id, serviceStandard.serviceId))
		.where(includeRetired ? undefined : isNull(serviceStandard.retiredAt))
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
			itemLabel: found ? `${found.template.name}: ${found.item.text}` : null,
			current: yearPerformance(cases, year, standard.targetPercent),
			previous: yearPerformance(cases, previous, standard.targetPercent),
			warnings
		};
	});
}

/** Today's London date, for telling quarters still to come from quarters with no cases. */
export function todayInLondon(now = new Date()): string {
	return londonDate(now);
}
