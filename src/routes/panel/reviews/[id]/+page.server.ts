import { redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { linkOrigin } from '$lib/server/http/origin';
import { idParam } from '$lib/server/http/params';
import { panelSurveys } from '$lib/server/results/report';
import {
	addEvidence,
	addRecommendation,
	removeEvidence,
	removeRecommendation,
	reviewOr404,
	submitReview
} from '$lib/server/scrutiny/reviews';
import {
	recommendationSchema,
	rowSchema,
	scrutinyEvidenceSchema
} from '$lib/server/scrutiny/schemas';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	const db = getDb();
	const review = reviewOr404(db, event.params.id, 'panel');
	return {
		review,
		today: londonDate(new Date()),
		surveys: review.submittedAt
			? []
			: panelSurveys(db).map((s) => ({ value: s.id, label: s.title }))
	};
};

/** Each of the panel's changes: checks the role, finds the review, and comes back to it. */
async function change<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	anchor: string,
	work: (reviewId: number, actor: ReturnType<typeof actorOf>, data: z.output<S>) => void
) {
	const member = requirePanel(event);
	// The command finds the review itself, in its transaction; 404 when it is not there.
	const id = idParam(event.params.id);
	const failure = await runFormAction(event.request, schema, (data) =>
		work(id, actorOf(member), data)
	);
	if (failure) return failure;
	redirect(303, `/panel/reviews/${id}#${anchor}`);
}

export const actions: Actions = {
	addEvidence: (event) =>
		change(event, scrutinyEvidenceSchema, 'evidence', (id, actor, data) =>
			addEvidence(getDb(), actor, id, data)
		),
	removeEvidence: (event) =>
		change(event, rowSchema, 'evidence', (id, actor, data) =>
			removeEvidence(getDb(), actor, id, data.rowId)
		),
	addRecommendation: (event) =>
		change(event, recommendationSchema, 'recommendations', (id, actor, data) =>
			addRecommendation(getDb(), actor, id, data.body)
		),
	removeRecommendation: (event) =>
		change(event, rowSchema, 'recommendations', (id, actor, data) =>
			removeRecommendation(getDb(), actor, id, data.rowId)
		),
	submit: (event) =>
		change(event, z.object({}), 'top', (id, actor) =>
			submitReview(getDb(), actor, id, () => linkOrigin(event.url))
		)
};
