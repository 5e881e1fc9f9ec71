import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	defaultTimescalePresetId,
	timescalePreset,
	timescalePresets,
	type TimescalePreset,
	type TimescalePresetId
} from '$lib/domain/calendar/complaint-deadlines';
import type { WorkingCalendar } from '$lib/domain/calendar/working-days';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	closureDay,
	complaintSelfAssessment,
	complaintSettings,
	selfAssessmentVerdicts
} from '../db/schema';
import { getOrganisation } from '../settings';
import { dateField, optionalText } from './fields';
import { ComplaintError } from './errors';

const presetIds = timescalePresets.map((p) => p.id) as [TimescalePresetId, ...TimescalePresetId[]];

export function getTimescalePreset(db: Db): TimescalePreset {
	const row = db.select().from(complaintSettings).where(eq(complaintSettings.id, 1)).get();
	const id = presetIds.find((p) => p === row?.presetId) ?? defaultTimescalePresetId;
	return timescalePreset(id);
}

export function listClosureDays(db: Db) {
	return db.select().from(closureDay).orderBy(asc(closureDay.date)).all();
}

/** The organisation's working calendar: its nation's bank holidays and its own closure days. */
export function getWorkingCalendar(db: Db): WorkingCalendar {
	return {
		division: getOrganisation(db).nation,
		closureDays: listClosureDays(db).map((d) => d.date)
	};
}

export const presetSchema = z.object({
	presetId: z.enum(presetIds, { error: 'Select the timescales the organisation follows' })
});

export function setTimescalePreset(db: Db, actor: Actor, presetId: TimescalePresetId): void {
	writeTransaction(db, (tx) => {
		const before = getTimescalePreset(tx).id;
		tx.insert(complaintSettings)
			.values({ id: 1, presetId, updatedAt: new Date() })
			.onConflictDoUpdate({
				target: complaintSettings.id,
				set: { presetId, updatedAt: new Date() }
			})
			.run();
		recordAudit(tx, actor, {
			action: 'complaint-settings.preset',
			entity: 'complaint-settings',
			entityId: 1,
			before: { presetId: before },
			after: { presetId }
		});
	});
}

export const closureDaySchema = z.object({
	date: dateField('the date the organisation is closed'),
	note: optionalText('The note', 120)
});

export function addClosureDay(
	db: Db,
	actor: Actor,
	input: z.output<typeof closureDaySchema>
): void {
	writeTransaction(db, (tx) => {
		if (tx.select().from(closureDay).where(eq(closureDay.date, input.date)).get())
			throw new ComplaintError('date', `${input.date} is already a closure day`);
		tx.insert(closureDay)
			.values({ date: input.date, note: input.note ?? '' })
			.run();
		recordAudit(tx, actor, {
			action: 'closure-day.add',
			entity: 'closure-day',
			entityId: input.date,
			after: input
		});
	});
}

export function removeClosureDay(db: Db, actor: Actor, date: string): void {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(closureDay).where(eq(closureDay.date, date)).get();
		if (!before) return;
		tx.delete(closureDay).where(eq(closureDay.date, date)).run();
		recordAudit(tx, actor, {
			action: 'closure-day.remove',
			entity: 'closure-day',
			entityId: date,
			before: { date: before.date, note: before.note }
		});
	});
}

/** The provisions of the Complaint Handling Code the annual self-assessment is made against. */
export const selfAssessmentProvisions = [
	{
		code: '1',
		title:
			'Definition of a complaint: recognised however it is made, and service requests kept apart'
	},
	{
		code: '2',
		title:
			'Exclusions: a complaint is refused only for a reason in the policy, recorded and explained'
	},
	{ code: '3', title: 'Accessibility and awareness: the policy is published and easy to use' },
	{
		code: '4',
		title: 'Complaint handling staff: a named complaints officer with the authority to resolve'
	},
	{ code: '5', title: 'The complaint handling process: two stages, no extra stages' },
	{
		code: '6',
		title:
			'Stage 1: acknowledged within 5 working days and answered within 10 of the acknowledgement'
	},
	{
		code: '7',
		title:
			'Stage 2: handled by a different person; acknowledged within 5 and answered within 20 working days'
	},
	{ code: '8', title: 'Putting things right: remedies that reflect the impact on the resident' },
	{
		code: '9',
		title: 'Self-assessment, reporting and compliance: this report goes to the governing body'
	},
	{
		code: '10',
		title: 'Scrutiny and oversight: a member responsible for complaints, learning shared'
	}
] as const;

export function listSelfAssessment(db: Db) {
	const saved = new Map(
		db
			.select()
			.from(complaintSelfAssessment)
			.all()
			.map((r) => [r.code, r])
	);
	return selfAssessmentProvisions.map((p) => {
		const row = saved.get(p.code);
		return {
			...p,
			complies: row?.complies ?? null,
			evidence: row?.evidence ?? '',
			commentary: row?.commentary ?? ''
		};
	});
}

export const selfAssessmentSchema = z.object({
	code: z.enum(selfAssessmentProvisions.map((p) => p.code) as [string, ...string[]], {
		error: 'Choose a provision'
	}),
	complies: z.enum(selfAssessmentVerdicts, { error: 'Select whether the organisation complies' }),
	evidence: optionalText('The evidence', 2000),
	commentary: optionalText('The commentary', 2000)
});

export function saveSelfAssessment(
	db: Db,
	actor: Actor,
	input: z.output<typeof selfAssessmentSchema>
): void {
	writeTransaction(db, (tx) => {
		const before = tx
			.select()
			.from(complaintSelfAssessment)
			.where(eq(complaintSelfAssessment.code, input.code))
			.get();
		const values = {
			complies: input.complies,
			evidence: input.evidence ?? '',
			commentary: input.commentary ?? '',
			updatedAt: new Date()
		};
		tx.insert(complaintSelfAssessment)
			.values({ code: input.code, ...values })
			.onConflictDoUpdate({ target: complaintSelfAssessment.code, set: values })
			.run();
		recordAudit(tx, actor, {
			action: 'self-assessment.update',
			entity: 'complaint-self-assessment',
			entityId: input.code,
			before: before
				? { complies: before.complies, evidence: before.evidence, commentary: before.commentary }
				: null,
			after: { complies: values.complies, evidence: values.evidence, commentary: values.commentary }
		});
	});
}
