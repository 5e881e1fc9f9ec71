import type { LocalDate } from '../calendar/london-date';

export type RecommendationResponse = 'accepted' | 'partly' | 'rejected';
export type ActionStatus = 'planned' | 'in-progress' | 'done' | 'not-possible';

export type ReviewStage = 'in-progress' | 'awaiting-response' | 'actions-under-way' | 'complete';

export const stageLabels: Record<ReviewStage, string> = {
	'in-progress': 'Panel at work',
	'awaiting-response': 'Awaiting the organisation’s response',
	'actions-under-way': 'Actions under way',
	complete: 'Complete'
};

export const responseLabels: Record<RecommendationResponse, string> = {
	accepted: 'Accepted',
	partly: 'Partly accepted',
	rejected: 'Rejected'
};

export type StageInput = {
	submitted: boolean;
	recommendations: {
		response: RecommendationResponse | null;
		actions: { status: ActionStatus; dueOn: LocalDate }[];
	}[];
};

/** An action is finished once done, or once the organisation has said it cannot be done. */
export const finished = (status: ActionStatus) => status === 'done' || status === 'not-possible';

/**
 * Where a scrutiny review has got to. The panel works until it submits; then the organisation
 * answers every recommendation; a recommendation it accepts, wholly or partly, needs at least one
 * action, and the review is complete when every such action is finished. A rejected
 * recommendation needs only its reasons.
 */
export function reviewStage(review: StageInput): ReviewStage {
	if (!review.submitted) return 'in-progress';
	const recs = review.recommendations;
	if (recs.some((r) => r.response === null)) return 'awaiting-response';
	const open = recs.some(
		(r) =>
			r.response !== 'rejected' &&
			(r.actions.length === 0 || r.actions.some((a) => !finished(a.status)))
	);
	return open ? 'actions-under-way' : 'complete';
}

/** Unfinished actions whose due date has passed: due yesterday is overdue, due today is not. */
export function overdueActions(review: StageInput, today: LocalDate): number {
	return review.recommendations
		.flatMap((r) => r.actions)
		.filter((a) => !finished(a.status) && a.dueOn < today).length;
}

/** How the organisation answered the recommendations, for the panel's summary line. */
export function responseCounts(review: StageInput) {
	const counts = { accepted: 0, partly: 0, rejected: 0, awaiting: 0 };
	for (const r of review.recommendations) counts[r.response ?? 'awaiting'] += 1;
	return counts;
}

export const evidenceKindLabels = {
	'survey-results': 'Survey results',
	complaints: 'Complaints',
	'mystery-shopping': 'Mystery shopping',
	document: 'A document or policy',
	interview: 'An interview or meeting',
	'site-visit': 'A site visit',
	other: 'Something else'
} as const;
