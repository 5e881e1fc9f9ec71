import { redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { saveReview } from '$lib/server/scrutiny/reviews';
import { reviewSchema } from '$lib/server/scrutiny/schemas';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	return {
		today: londonDate(new Date()),
		services: listServices(getDb(), { activeOnly: true }).map((s) => ({
			value: s.id,
			label: s.name
		}))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const member = requirePanel(event);
		let id: number | undefined;
		const failure = await runFormAction(event.request, reviewSchema, (data) => {
			id = saveReview(getDb(), actorOf(member), null, data);
		});
		if (failure || id === undefined) return failure;
		redirect(303, `/panel/reviews/${id}`);
	}
};
