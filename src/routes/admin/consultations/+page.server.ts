import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { createConsultation, listConsultations } from '$lib/server/consultations';
import { consultationSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	return {
		consultations: listConsultations(db),
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const staff = requireStaff(event);
		let id: number | undefined;
		const failure = await runFormAction(event.request, consultationSchema, (data) => {
			id = createConsultation(getDb(), actorOf(staff), data);
		});
		if (failure || id === undefined) return failure;
		redirect(303, `/admin/consultations/${id}`);
	}
};
