/**
 * What a reviewer is shown before approving a visit, and the rule that stops the same shopper
 * being sent to the same service too often.
 */
import { addCalendarDays, isLocalDate, londonDate, type LocalDate } from '../calendar/london-date';
import { measuredPasses, type ScorecardTemplate } from '../scorecard';
import type { StoredAnswers } from './submission';

/** A visit submitted more than this many days after its window closed is late. */
export const SUBMISSION_GRACE_DAYS = 2;

export type ReviewCheck = { id: string; label: string; passed: boolean; detail: string };

export interface ReviewInput {
	template: ScorecardTemplate;
	answers: StoredAnswers;
	evidenceCounts: Record<string, number>;
	windowFrom: LocalDate;
	windowTo: LocalDate;
	/** YYYY-MM-DDTHH:MM as the shopper entered it (UK time), or null. */
	visitedAt: string | null;
	submittedAt: Date | null;
}

export function visitDate(visitedAt: string | null): LocalDate | null {
	if (!visitedAt) return null;
	const date = visitedAt.slice(0, 10);
	return isLocalDate(date) ? date : null;
}

export function reviewChecks(input: ReviewInput): ReviewCheck[] {
	const checks: ReviewCheck[] = [];
	const date = visitDate(input.visitedAt);
	checks.push({
		id: 'window',
		label: 'Visit inside the window',
		passed: date !== null && date >= input.windowFrom && date <= input.windowTo,
		detail:
			date === null
				? 'The shopper did not record when the visit happened'
				: `Visited ${date}; window ${input.windowFrom} to ${input.windowTo}`
	});

	const items = input.template.sections.flatMap((s) => s.items);
	const noWithoutComment: string[] = [];
	const missingEvidence: string[] = [];
	for (const item of items) {
		const answer = input.answers[item.id];
		if (!answer) continue;
		const value = answer.value.toLowerCase();
		const failedMeasure =
			item.kind === 'measured' &&
			value !== 'na' &&
			value !== '' &&
			Number.isFinite(Number(value)) &&
			!measuredPasses(item, Number(value));
		if ((value === 'no' || failedMeasure) && answer.comment === null)
			noWithoutComment.push(item.text);
		if (item.evidenceRequired && value !== 'na' && (input.evidenceCounts[item.id] ?? 0) === 0) {
			missingEvidence.push(item.text);
		}
	}
	checks.push({
		id: 'comments',
		label: 'A comment for every "no"',
		passed: noWithoutComment.length === 0,
		detail:
			noWithoutComment.length === 0
				? 'Every "no" and missed target has a comment'
				: `No comment on: ${noWithoutComment.join('; ')}`
	});
	const needsEvidence = items.filter((i) => i.evidenceRequired).length;
	checks.push({
		id: 'evidence',
		label: 'Evidence where required',
		passed: missingEvidence.length === 0,
		detail:
			needsEvidence === 0
				? 'No item on this scorecard requires evidence'
				: missingEvidence.length === 0
					? 'Evidence attached for every item that requires it'
					: `Evidence missing for: ${missingEvidence.join('; ')}`
	});
	const submitted = input.submittedAt ? londonDate(input.submittedAt) : null;
	const lastDay = addCalendarDays(input.windowTo, SUBMISSION_GRACE_DAYS);
	checks.push({
		id: 'on-time',
		label: 'Submitted on time',
		passed: submitted !== null && submitted <= lastDay,
		detail:
			submitted === null
				? 'Not submitted'
				: `Submitted ${submitted}; due by ${lastDay} (${SUBMISSION_GRACE_DAYS} days after the window closes)`
	});
	return checks;
}

/** Whole days between two dates, ignoring order. */
export function daysApart(a: LocalDate, b: LocalDate): number {
	const ms = Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`));
	return Math.round(ms / 86_400_000);
}

export interface ExistingAssignment {
	shopperId: number;
	serviceId: number;
	windowFrom: LocalDate;
	status: string;
}

/**
 * The assignment that blocks sending this shopper to this service (its window starts fewer than
 * intervalDays away), or null. Rejected visits still count: the shopper has still been seen.
 */
export function conflictingAssignment<T extends ExistingAssignment>(
	existing: readonly T[],
	shopperId: number,
	serviceId: number,
	windowFrom: LocalDate,
	intervalDays: number
): T | null {
	return (
		existing.find(
			(a) =>
				a.shopperId === shopperId &&
				a.serviceId === serviceId &&
				daysApart(a.windowFrom, windowFrom) < intervalDays
		) ?? null
	);
}
