import { error, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { idParam } from '$lib/server/http/params';
import { editRecommendation, reviewOr404 } from '$lib/server/scrutiny/reviews';
import { recommendationSchema } from '$lib/server/scrutiny/schemas';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function recommendationOf(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const review = reviewOr404(getDb(), event.params.id, 'panel');
	const id = idParam(event.params.recommendation);
	const rec = review.recommendations.find((r) => r.id === id);
	if (!rec) error(404, 'Page not found');
	return { review, rec };
}

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	const { review, rec } = recommendationOf(event);
	return {
		review: { id: review.id, title: review.title },
		// Sent since the link was followed: the page says so rather than offer a change.
		sent: review.submittedAt !== null,
		recommendation: { position: rec.position, body: rec.body }
	};
};

export const actions: Actions = {
	save: async (event) => {
		const member = requirePanel(event);
		const { review, rec } = recommendationOf(event);
		const failure = await runFormAction(event.request, recommendationSchema, (data) =>
			editRecommendation(getDb(), actorOf(member), review.id, rec.id, data.body)
		);
		if (failure) return failure;
		redirect(303, `/panel/reviews/${review.id}#recommendations`);
	}
};
