import { redirect } from '@sveltejs/kit';
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
	return {
		review: { id: review.id, title: review.title },
		// Sent since the link was followed: the page says so rather than offer a change.
		sent: review.submittedAt !== null,
		values: {
			title: review.title,
			scope: review.scope,
			serviceId: review.serviceId === null ? '' : String(review.serviceId),
			startedOn: review.startedOn
		},
		// The review's own service stays listed when it is no longer in use, so saving keeps it.
		services: listServices(db)
			.filter((s) => s.active || s.id === review.serviceId)
			.map((s) => ({
				value: s.id,
				label: s.active ? s.name : `${s.name} (no longer in use)`
			}))
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
