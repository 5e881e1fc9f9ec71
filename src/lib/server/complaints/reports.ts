import { and, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { complaintOutcomes } from '$lib/domain/calendar/complaint-deadlines';
import { endOfLondonDay, isLocalDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import {
	reportingYear,
	reportingYearOf,
	type ReportingYear
} from '$lib/domain/calendar/reporting-year';
import {
	handlingSatisfactionBreakdown,
	type Audience,
	type HandlingResponse
} from '$lib/domain/complaints/handling-satisfaction';
import { resolveSuppressionSettings } from '$lib/domain/suppression';
import { calculateCh01, calculateCh02 } from '$lib/domain/tsm';
import type { Db } from '../db';
import {
	complaint,
	complaintExtension,
	complaintHandlingResponse,
	complaintNatures,
	complaintStage,
	contact,
	contactKinds,
	service
} from '../db/schema';
import { getOrganisation } from '../settings';
import { assessStageRow } from './queries';
import { getTimescalePreset, getWorkingCalendar } from './settings';

export type ReportRange = {
	label: string;
	from: Date;
	to: Date;
	firstDay: string;
	lastDay: string;
	year: ReportingYear | null;
};

const rangeQuery = z.object({
	year: z
		.string()
		.regex(/^\d{4}$/)
		.transform(Number)
		.optional(),
	from: z.string().refine(isLocalDate).optional(),
	to: z.string().refine(isLocalDate).optional()
});

/** A reporting year (?year=2025 is 2025/26) or any range of London dates (?from=…&to=…). */
export function reportRangeFrom(params: URLSearchParams, now = new Date()): ReportRange {
	const parsed = rangeQuery.safeParse(Object.fromEntries(params));
	const q = parsed.success ? parsed.data : {};
	if (q.from && q.to && q.from <= q.to)
		return {
			label: `${q.from} to ${q.to}`,
			from: startOfLondonDay(q.from),
			to: endOfLondonDay(q.to),
			firstDay: q.from,
			lastDay: q.to,
			year: null
		};
	const year =
		q.year && q.year >= 2000 && q.year <= 2100 ? reportingYear(q.year) : reportingYearOf(now);
	return rangeOfYear(year);
}

/** A whole reporting year as a report range. */
export function rangeOfYear(year: ReportingYear): ReportRange {
	return {
		label: `Reporting year ${year.label}`,
		from: year.start,
		to: year.end,
		firstDay: year.firstDay,
		lastDay: year.lastDay,
		year
	};
}

const within = (at: Date | null, range: ReportRange) =>
	!!at && at.getTime() >= range.from.getTime() && at.getTime() <= range.to.getTime();

function tally<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Everything the complaints report and the annual report show for a range. */
export function complaintsReport(
	db: Db,
	range: ReportRange,
	audience: Audience = 'staff',
	now = new Date()
) {
	const preset = getTimescalePreset(db);
	const calendar = getWorkingCalendar(db);
	const organisation = getOrganisation(db);
	const homes = organisation.homesLcra + organisation.homesLcho;
	const stages = db
		.select({
			stage: complaintStage,
			extension: complaintExtension,
			complaintId: complaint.id,
			status: complaint.status,
			currentStage: complaint.currentStage,
			closedAt: complaint.closedAt,
			nature: complaint.nature,
			service: service.name
		})
		.from(complaintStage)
		.innerJoin(complaint, eq(complaint.id, complaintStage.complaintId))
		.innerJoin(contact, eq(contact.id, complaint.contactId))
		.leftJoin(service, eq(service.id, contact.serviceId))
		.leftJoin(complaintExtension, eq(complaintExtension.stageId, complaintStage.id))
		.all()
		.map((r) => ({
			...r,
			serviceName: r.service ?? 'No service given',
			assessment: assessStageRow(
				r.stage,
				r.extension,
				r.stage.stage === r.currentStage ? r.closedAt : null,
				preset,
				calendar,
				now
			)
		}));

	const byServiceNature = new Map<string, Record<(typeof complaintNatures)[number], number>>();
	for (const r of stages) {
		if (r.stage.stage !== 1 || !within(r.stage.receivedAt, range)) continue;
		const row = byServiceNature.get(r.serviceName) ?? tally(complaintNatures);
		row[r.nature]++;
		byServiceNature.set(r.serviceName, row);
	}

	const perStage = ([1, 2] as const).map((n) => {
		const atStage = stages.filter((r) => r.stage.stage === n);
		const received = atStage.filter((r) => within(r.stage.receivedAt, range));
		const acknowledgedKnown = received.filter((r) => r.assessment.acknowledgedOnTime !== null);
		const responded = atStage.filter((r) => within(r.stage.respondedAt, range));
		const onTime = responded.filter((r) => r.assessment.respondedOnTime === true).length;
		const outcomes = tally(complaintOutcomes);
		for (const r of atStage) {
			const decidedAt =
				r.stage.respondedAt ?? (r.stage.outcome === 'withdrawn' ? r.closedAt : null);
			if (r.stage.outcome && within(decidedAt, range)) outcomes[r.stage.outcome]++;
		}
		return {
			stage: n,
			ch01: calculateCh01({ stage: n, complaintsReceived: received.length, relevantHomes: homes }),
			acknowledged: {
				numerator: acknowledgedKnown.filter((r) => r.assessment.acknowledgedOnTime).length,
				denominator: acknowledgedKnown.length
			},
			ch02: calculateCh02({
				stage: n,
				respondedWithinTimescale: onTime,
				respondedOutsideTimescale: responded.length - onTime,
				notYetResponded: received.filter((r) => !r.stage.respondedAt && r.status === 'open').length
			}),
			extended: responded.filter((r) => r.extension).length,
			beyondMaximum: responded.filter((r) => r.extension?.beyondMaximum).length,
			outcomes,
			refused: n === 1 ? received.filter((r) => r.status === 'refused').length : 0
		};
	});

	const contacts = db
		.select({ kind: contact.kind, resolved: contact.resolvedAtFirstContact, service: service.name })
		.from(contact)
		.leftJoin(service, eq(service.id, contact.serviceId))
		.where(and(gte(contact.receivedAt, range.from), lte(contact.receivedAt, range.to)))
		.all();
	const contactsByService = new Map<string, Record<(typeof contactKinds)[number], number>>();
	for (const c of contacts) {
		const key = c.service ?? 'No service given';
		const row = contactsByService.get(key) ?? tally(contactKinds);
		row[c.kind]++;
		contactsByService.set(key, row);
	}
	const fcrKnown = contacts.filter((c) => c.resolved !== null);

	const learning = stages
		.filter((r) => r.stage.learning && within(r.stage.respondedAt, range))
		.map((r) => ({
			complaintId: r.complaintId,
			stage: r.stage.stage,
			service: r.serviceName,
			learning: r.stage.learning!
		}));

	return {
		range,
		homes,
		preset,
		byServiceNature: [...byServiceNature.entries()].sort(([a], [b]) => a.localeCompare(b)),
		perStage,
		contactsByService: [...contactsByService.entries()].sort(([a], [b]) => a.localeCompare(b)),
		compliments: contacts.filter((c) => c.kind === 'compliment').length,
		firstContact: {
			numerator: fcrKnown.filter((c) => c.resolved).length,
			denominator: fcrKnown.length
		},
		learning,
		satisfaction: handlingSatisfaction(db, range, audience, stages)
	};
}

type AssessedStage = {
	complaintId: number;
	stage: { stage: number; outcome: string | null };
	currentStage: number;
	serviceName: string;
	assessment: { respondedOnTime: boolean | null };
};

/**
 * Complaint-handling survey answers received in the range, each read against its complaint:
 * the service, the outcome and stage it closed at, and whether every response was on time.
 */
export function handlingSatisfaction(
	db: Db,
	range: ReportRange,
	audience: Audience,
	stages: readonly AssessedStage[]
) {
	const responses = db
		.select()
		.from(complaintHandlingResponse)
		.where(
			and(
				gte(complaintHandlingResponse.respondedAt, range.from),
				lte(complaintHandlingResponse.respondedAt, range.to)
			)
		)
		.all();
	const byComplaint = new Map<number, AssessedStage[]>();
	for (const s of stages)
		byComplaint.set(s.complaintId, [...(byComplaint.get(s.complaintId) ?? []), s]);
	const rows: HandlingResponse[] = responses.flatMap((r) => {
		const own = byComplaint.get(r.complaintId);
		const last = own?.find((s) => s.stage.stage === s.currentStage);
		if (!own || !last) return [];
		const known = own.map((s) => s.assessment.respondedOnTime).filter((v) => v !== null);
		return [
			{
				service: last.serviceName,
				outcome: last.stage.outcome ?? 'none recorded',
				stage: last.stage.stage as 1 | 2,
				onTime: known.length === 0 ? null : known.every(Boolean),
				overallSatisfaction: r.overallSatisfaction
			}
		];
	});
	const k = resolveSuppressionSettings({ k: getOrganisation(db).minGroupSize }).k;
	return {
		k,
		byService: handlingSatisfactionBreakdown(rows, 'service', k, audience),
		byOutcome: handlingSatisfactionBreakdown(rows, 'outcome', k, audience, [...complaintOutcomes]),
		byStage: handlingSatisfactionBreakdown(rows, 'stage', k, audience, ['Stage 1', 'Stage 2']),
		byTimeliness: handlingSatisfactionBreakdown(rows, 'timeliness', k, audience, [
			'On time',
			'Late'
		])
	};
}
