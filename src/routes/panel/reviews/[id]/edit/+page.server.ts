import { error, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { reviewOr404, saveReview } from '$lib/server/scrutiny/reviews';
import { reviewSchema } from '$lib/server/scrutiny/schemas';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	const db = getDb();
	const review = reviewOr404(db, event.params.id, 'panel');
	if (review.submittedAt) error(409, 'This review has been sent to the organisation');
	return {
		review: { id: review.id, title: review.title },
		values: {
			title: review.title,
			scope: review.scope,
			serviceId: review.serviceId === null ? '' : String(review.serviceId),
			startedOn: review.startedOn
		},
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const member = requirePanel(event);
		const db = getDb();
		const review = reviewOr404(db, event.params.id, 'panel');
		const failure = await runFormAction(event.request, reviewSchema, (data) => {
			saveReview(db, actorOf(member), review.id, data);
		});
		if (failure) return failure;
		redirect(303, `/panel/reviews/${review.id}`);
	}
};
