import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { consultationOr404 } from '$lib/server/consultations';
import { actionFormData } from '$lib/server/consultations/action-form';
import { saveAction } from '$lib/server/consultations/actions';
import { actionSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		...actionFormData(db, consultation.id)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const staff = requireStaff(event);
		const db = getDb();
		const consultation = consultationOr404(db, event.params.id);
		const origin = () => linkOrigin(event.url);
		let id: number | undefined;
		const failure = await runFormAction(event.request, actionSchema, (data) => {
			id = saveAction(db, actorOf(staff), consultation.id, null, data, origin);
		});
		if (failure || id === undefined) return failure;
		redirect(303, `/admin/consultations/${consultation.id}/actions/${id}`);
	}
};
