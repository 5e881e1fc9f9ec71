import { error, redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { listHandlers } from '$lib/server/contacts';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { linkOrigin } from '$lib/server/http/origin';
import { idParam } from '$lib/server/http/params';
import {
	respondToRecommendation,
	reviewOr404,
	saveScrutinyAction
} from '$lib/server/scrutiny/reviews';
import { responseSchema, scrutinyActionSchema } from '$lib/server/scrutiny/schemas';
import type { Actions, PageServerLoad } from './$types';

function recommendationOf(event: Parameters<PageServerLoad>[0]) {
	const review = reviewOr404(getDb(), event.params.id, 'staff');
	const id = idParam(event.params.recommendation);
	const rec = review.recommendations.find((r) => r.id === id);
	if (!rec) error(404, 'Page not found');
	return { review, rec };
}

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { review, rec } = recommendationOf(event);
	return {
		review: { id: review.id, title: review.title },
		recommendation: rec,
		owners: listHandlers(getDb()).map((u) => ({ value: u.id, label: u.name })),
		today: londonDate(new Date())
	};
};

export const actions: Actions = {
	respond: async (event) => {
		const staff = requireStaff(event);
		// The command checks the review is sent and the recommendation is its own.
		const reviewId = idParam(event.params.id);
		const recId = idParam(event.params.recommendation);
		const failure = await runFormAction(
			event.request,
			responseSchema,
			(data) =>
				respondToRecommendation(getDb(), actorOf(staff), reviewId, recId, data, () =>
					linkOrigin(event.url)
				),
			'respond'
		);
		if (failure) return failure;
		redirect(303, `/admin/scrutiny/reviews/${reviewId}/recommendations/${recId}?responded=1`);
	},
	addAction: async (event) => {
		const staff = requireStaff(event);
		// The command checks the review is sent and the recommendation is its own.
		const reviewId = idParam(event.params.id);
		const recId = idParam(event.params.recommendation);
		const failure = await runFormAction(
			event.request,
			scrutinyActionSchema,
			(data) => saveScrutinyAction(getDb(), actorOf(staff), reviewId, recId, null, data),
			'addAction'
		);
		if (failure) return failure;
		redirect(303, `/admin/scrutiny/reviews/${reviewId}#recommendations`);
	}
};
