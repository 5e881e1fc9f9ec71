import { mergeWarnings } from './bank-holidays';
import { londonDate, type LocalDate } from './london-date';
import {
	addWorkingDays,
	isOnTime,
	workingDaysBetween,
	type WithWarnings,
	type WorkingCalendar
} from './working-days';

export type ComplaintStage = 1 | 2;

/** The timescale of one stage, in working days. */
export interface StageTimescale {
	/** Working days from receipt to acknowledge; null where the stage has no separate acknowledgement. */
	acknowledgeWorkingDays: number | null;
	respondWorkingDays: number;
	/** Where the response clock starts: the acknowledgement (as recorded, else when it was due) or receipt. */
	respondFrom: 'acknowledgement' | 'receipt';
	/**
	 * The longest extension accepted without question. Null where there is no fixed maximum: every
	 * extension must then be agreed with the customer and have its reason recorded.
	 */
	maxExtensionWorkingDays: number | null;
}

export type TimescalePresetId = 'housing-ombudsman-2024' | 'lgsco' | 'spso-model';

export interface TimescalePreset {
	id: TimescalePresetId;
	name: string;
	/** How the preset's blanks were filled in, for the settings page. */
	note: string | null;
	stage1: StageTimescale;
	stage2: StageTimescale;
}

/** Each organisation picks one of these and may edit its own copy. */
export const timescalePresets: readonly TimescalePreset[] = Object.freeze([
	{
		id: 'housing-ombudsman-2024',
		name: 'Housing Ombudsman Complaint Handling Code 2024',
		note: null,
		stage1: {
			acknowledgeWorkingDays: 5,
			respondWorkingDays: 10,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: 10
		},
		stage2: {
			acknowledgeWorkingDays: 5,
			respondWorkingDays: 20,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: 20
		}
	},
	{
		id: 'lgsco',
		name: 'Local Government and Social Care Ombudsman',
		note: null,
		stage1: {
			acknowledgeWorkingDays: 5,
			respondWorkingDays: 10,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: 10
		},
		stage2: {
			acknowledgeWorkingDays: 5,
			respondWorkingDays: 20,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: 20
		}
	},
	{
		id: 'spso-model',
		name: 'Scottish Public Services Ombudsman model complaints handling procedure',
		note:
			'Stage 1 (frontline response) has no separate acknowledgement deadline: its 5 working days ' +
			'run from receipt. Stage 2 has no fixed maximum extension: any extension must be agreed ' +
			'with the customer and its reason recorded.',
		stage1: {
			acknowledgeWorkingDays: null,
			respondWorkingDays: 5,
			respondFrom: 'receipt',
			maxExtensionWorkingDays: 5
		},
		stage2: {
			acknowledgeWorkingDays: 3,
			respondWorkingDays: 20,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: null
		}
	}
] satisfies TimescalePreset[]);

export const defaultTimescalePresetId: TimescalePresetId = 'housing-ombudsman-2024';

export function timescalePreset(id: TimescalePresetId): TimescalePreset {
	const preset = timescalePresets.find((candidate) => candidate.id === id);
	if (!preset) throw new RangeError(`Unknown timescale preset: ${id}`);
	return preset;
}

export function stageTimescale(preset: TimescalePreset, stage: ComplaintStage): StageTimescale {
	return stage === 1 ? preset.stage1 : preset.stage2;
}

function isCount(value: number, min: number): boolean {
	return Number.isInteger(value) && value >= min;
}

/** Problems with an organisation's edited timescale, as messages for the settings form. */
export function validateTimescale(timescale: StageTimescale): string[] {
	const problems: string[] = [];
	const { acknowledgeWorkingDays, respondWorkingDays, respondFrom, maxExtensionWorkingDays } =
		timescale;
	if (acknowledgeWorkingDays !== null && !isCount(acknowledgeWorkingDays, 1)) {
		problems.push('Days to acknowledge must be a whole number of working days, 1 or more.');
	}
	if (!isCount(respondWorkingDays, 1)) {
		problems.push('Days to respond must be a whole number of working days, 1 or more.');
	}
	if (respondFrom === 'acknowledgement' && acknowledgeWorkingDays === null) {
		problems.push(
			'The response clock cannot start from the acknowledgement when there is no acknowledgement deadline.'
		);
	}
	if (maxExtensionWorkingDays !== null && !isCount(maxExtensionWorkingDays, 0)) {
		problems.push('The maximum extension must be a whole number of working days, 0 or more.');
	}
	return problems;
}

export interface Extension {
	workingDays: number;
	reason: string;
	customerToldAt?: Date | null;
}

/** What is known of one stage (stage 2 is received when the customer asks to escalate). */
export interface StageRecord {
	receivedAt: Date;
	acknowledgedAt?: Date | null;
	respondedAt?: Date | null;
	/** Closed without a response, e.g. withdrawn: nothing is due any more. */
	closedAt?: Date | null;
	extension?: Extension | null;
}

export interface ExtensionAssessment {
	workingDays: number;
	maxWorkingDays: number | null;
	/** The original response due date plus the extension; null when the length is not valid. */
	dueDate: LocalDate | null;
	/** Only an accepted extension moves the response due date. */
	accepted: boolean;
	/** Longer than the preset's maximum: accepted only with a recorded good reason, and flagged. */
	beyondMaximum: boolean;
	problem: string | null;
}

export type ResponseClockStart = 'acknowledgement' | 'acknowledgement-due' | 'receipt';

export interface StageDeadlines extends WithWarnings {
	receivedOn: LocalDate;
	acknowledgementDue: LocalDate | null;
	/** Day 0 of the response clock. */
	responseClockStartsOn: LocalDate;
	responseClockFrom: ResponseClockStart;
	originalResponseDue: LocalDate;
	extension: ExtensionAssessment | null;
	/** The original due date, or the extended one when an extension is accepted. */
	responseDue: LocalDate;
}

function assessExtension(
	extension: Extension,
	originalResponseDue: LocalDate,
	maxWorkingDays: number | null,
	calendar: WorkingCalendar
): WithWarnings & { assessment: ExtensionAssessment } {
	const { workingDays } = extension;
	if (!isCount(workingDays, 1)) {
		const problem = 'An extension must be a whole number of working days, 1 or more.';
		return {
			assessment: {
				workingDays,
				maxWorkingDays,
				dueDate: null,
				accepted: false,
				beyondMaximum: false,
				problem
			},
			warnings: []
		};
	}
	// Added to the original due date, never to the day the customer was told.
	const extended = addWorkingDays(originalResponseDue, workingDays, calendar);
	const beyondMaximum = maxWorkingDays !== null && workingDays > maxWorkingDays;
	const needsReason = maxWorkingDays === null || beyondMaximum;
	const hasReason = extension.reason.trim() !== '';
	let problem: string | null = null;
	if (needsReason && !hasReason) {
		problem =
			maxWorkingDays === null
				? 'An extension at this stage must be agreed with the customer and its reason recorded.'
				: `An extension of ${workingDays} working days is longer than the ${maxWorkingDays}-working-day maximum and needs a recorded good reason.`;
	}
	return {
		assessment: {
			workingDays,
			maxWorkingDays,
			dueDate: extended.date,
			accepted: problem === null,
			beyondMaximum,
			problem
		},
		warnings: extended.warnings
	};
}

/** The acknowledgement and response deadlines of one stage. */
export function stageDeadlines(
	record: StageRecord,
	timescale: StageTimescale,
	calendar: WorkingCalendar
): StageDeadlines {
	const receivedOn = londonDate(record.receivedAt);
	const acknowledgement =
		timescale.acknowledgeWorkingDays === null
			? null
			: addWorkingDays(receivedOn, timescale.acknowledgeWorkingDays, calendar);

	let responseClockStartsOn: LocalDate;
	let responseClockFrom: ResponseClockStart;
	if (timescale.respondFrom === 'receipt') {
		responseClockStartsOn = receivedOn;
		responseClockFrom = 'receipt';
	} else if (record.acknowledgedAt) {
		responseClockStartsOn = londonDate(record.acknowledgedAt);
		responseClockFrom = 'acknowledgement';
	} else if (acknowledgement) {
		responseClockStartsOn = acknowledgement.date;
		responseClockFrom = 'acknowledgement-due';
	} else {
		throw new RangeError(
			'The response clock starts from the acknowledgement, but the stage has no acknowledgement deadline'
		);
	}

	const original = addWorkingDays(responseClockStartsOn, timescale.respondWorkingDays, calendar);
	const extension = record.extension
		? assessExtension(record.extension, original.date, timescale.maxExtensionWorkingDays, calendar)
		: null;

	const assessment = extension?.assessment ?? null;
	return {
		receivedOn,
		acknowledgementDue: acknowledgement?.date ?? null,
		responseClockStartsOn,
		responseClockFrom,
		originalResponseDue: original.date,
		extension: assessment,
		responseDue: assessment?.accepted && assessment.dueDate ? assessment.dueDate : original.date,
		warnings: mergeWarnings(
			acknowledgement?.warnings ?? [],
			original.warnings,
			extension?.warnings ?? []
		)
	};
}

/**
 * True or false once it is known; null while an unrecorded acknowledgement could still be on time,
 * or where the stage has no acknowledgement deadline. Never recorded and past its due date is late.
 */
export function acknowledgedOnTime(
	record: StageRecord,
	deadlines: StageDeadlines,
	now: Date
): boolean | null {
	const due = deadlines.acknowledgementDue;
	if (due === null) return null;
	if (record.acknowledgedAt) return isOnTime(record.acknowledgedAt, due);
	// Closed (withdrawn, say) before anything was due: there was nothing left to acknowledge.
	if (record.closedAt && isOnTime(record.closedAt, due)) return null;
	return londonDate(now) > due ? false : null;
}

/**
 * Null until a response is recorded (CH02 leaves unanswered complaints out of both counts). A
 * response by an accepted extension's due date is on time.
 */
export function respondedOnTime(record: StageRecord, deadlines: StageDeadlines): boolean | null {
	return record.respondedAt ? isOnTime(record.respondedAt, deadlines.responseDue) : null;
}

export type StageStatus = 'due' | 'due-soon' | 'overdue' | 'done';

export interface StageStatusResult extends WithWarnings {
	status: StageStatus;
	/** What is awaited next; null when done. */
	next: 'acknowledgement' | 'response' | null;
	dueDate: LocalDate | null;
	/** Working days from today to the due date; negative once overdue. */
	workingDaysLeft: number | null;
}

export const DEFAULT_DUE_SOON_WORKING_DAYS = 2;

/**
 * The status for lists. An unrecorded acknowledgement is awaited before the response (its due date
 * is always the earlier), so a stage whose acknowledgement is overdue shows as overdue.
 */
export function stageStatus(
	record: StageRecord,
	deadlines: StageDeadlines,
	now: Date,
	calendar: WorkingCalendar,
	dueSoonWithin: number = DEFAULT_DUE_SOON_WORKING_DAYS
): StageStatusResult {
	if (record.respondedAt || record.closedAt) {
		return { status: 'done', next: null, dueDate: null, workingDaysLeft: null, warnings: [] };
	}
	const acknowledgementDue = record.acknowledgedAt ? null : deadlines.acknowledgementDue;
	const next = acknowledgementDue === null ? 'response' : 'acknowledgement';
	const dueDate = acknowledgementDue ?? deadlines.responseDue;
	const today = londonDate(now);
	const left = workingDaysBetween(today, dueDate, calendar);
	const status: StageStatus =
		today > dueDate ? 'overdue' : left.days <= dueSoonWithin ? 'due-soon' : 'due';
	return { status, next, dueDate, workingDaysLeft: left.days, warnings: left.warnings };
}

export interface StageAssessment extends WithWarnings {
	deadlines: StageDeadlines;
	acknowledgedOnTime: boolean | null;
	respondedOnTime: boolean | null;
	status: StageStatusResult;
}

/** Everything a complaint page shows about one stage. */
export function assessStage(
	record: StageRecord,
	timescale: StageTimescale,
	calendar: WorkingCalendar,
	now: Date,
	dueSoonWithin: number = DEFAULT_DUE_SOON_WORKING_DAYS
): StageAssessment {
	const deadlines = stageDeadlines(record, timescale, calendar);
	const status = stageStatus(record, deadlines, now, calendar, dueSoonWithin);
	return {
		deadlines,
		acknowledgedOnTime: acknowledgedOnTime(record, deadlines, now),
		respondedOnTime: respondedOnTime(record, deadlines),
		status,
		warnings: mergeWarnings(deadlines.warnings, status.warnings)
	};
}

export const complaintOutcomes = [
	'upheld',
	'partly-upheld',
	'not-upheld',
	'withdrawn',
	'unresolved'
] as const;

export type ComplaintOutcome = (typeof complaintOutcomes)[number];

export interface ComplaintStageEvents {
	acknowledgedAt?: Date | null;
	respondedAt?: Date | null;
	outcome?: ComplaintOutcome | null;
	extension?: Extension | null;
}

export interface ComplaintTimeline {
	receivedAt: Date;
	stage1: ComplaintStageEvents;
	stage2?: (ComplaintStageEvents & { escalatedAt: Date }) | null;
}

export interface SequenceProblem {
	/** Path of the offending field, e.g. 'stage1.respondedAt', so the form can show it there. */
	field: string;
	message: string;
}

function checkStage(
	prefix: 'stage1' | 'stage2',
	events: ComplaintStageEvents,
	startedAt: Date,
	startedWhat: string
): SequenceProblem[] {
	const problems: SequenceProblem[] = [];
	const label = prefix === 'stage1' ? 'stage 1' : 'stage 2';
	const start = startedAt.getTime();
	if (events.acknowledgedAt && events.acknowledgedAt.getTime() < start) {
		problems.push({
			field: `${prefix}.acknowledgedAt`,
			message: `The ${label} acknowledgement cannot be before ${startedWhat}.`
		});
	}
	if (events.respondedAt && events.respondedAt.getTime() < start) {
		problems.push({
			field: `${prefix}.respondedAt`,
			message: `The ${label} response cannot be before ${startedWhat}.`
		});
	}
	// The response clock starts at the acknowledgement: one recorded after the response would
	// restart a clock that had already stopped, and could turn a late response into an on-time one.
	if (
		events.acknowledgedAt &&
		events.respondedAt &&
		events.acknowledgedAt.getTime() > events.respondedAt.getTime()
	) {
		problems.push({
			field: `${prefix}.acknowledgedAt`,
			message: `The ${label} acknowledgement cannot be after the ${label} response. Enter the date it was acknowledged, or leave it unrecorded if the response was the first reply.`
		});
	}
	const told = events.extension?.customerToldAt;
	if (told && told.getTime() < start) {
		problems.push({
			field: `${prefix}.extension.customerToldAt`,
			message: `The customer cannot have been told of the ${label} extension before ${startedWhat}.`
		});
	}
	// A withdrawn complaint is closed without a response; every other outcome is a decision given in one.
	if (events.outcome && events.outcome !== 'withdrawn' && !events.respondedAt) {
		problems.push({
			field: `${prefix}.outcome`,
			message: `Record the date of the ${label} response before its outcome.`
		});
	}
	return problems;
}

/** Impossible orders of events, each with the field to correct. Empty when the timeline is possible. */
export function validateComplaintSequence(timeline: ComplaintTimeline): SequenceProblem[] {
	const problems = checkStage(
		'stage1',
		timeline.stage1,
		timeline.receivedAt,
		'the complaint was received'
	);
	const stage2 = timeline.stage2;
	if (stage2) {
		const stage1Response = timeline.stage1.respondedAt;
		if (!stage1Response) {
			problems.push({
				field: 'stage2.escalatedAt',
				message: 'A complaint can only be escalated to stage 2 after the stage 1 response.'
			});
		} else if (stage2.escalatedAt.getTime() < stage1Response.getTime()) {
			problems.push({
				field: 'stage2.escalatedAt',
				message: 'The escalation to stage 2 cannot be before the stage 1 response.'
			});
		}
		problems.push(...checkStage('stage2', stage2, stage2.escalatedAt, 'the escalation request'));
	}
	return problems;
}
