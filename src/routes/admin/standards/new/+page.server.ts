import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { listServices } from '$lib/server/settings';
import { createStandard, standardItemChoices } from '$lib/server/standards/service-standards';
import { standardSchema } from '$lib/server/standards/standard-schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const db = getDb();
	return {
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name })),
		items: standardItemChoices(db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireAdmin(event);
		let id = 0;
		const failure = await runFormAction(event.request, standardSchema, (data) => {
			id = createStandard(getDb(), actorOf(admin), data);
		});
		if (failure) return failure;
		redirect(303, `/admin/standards?saved=created#standard-${id}`);
	}
};
