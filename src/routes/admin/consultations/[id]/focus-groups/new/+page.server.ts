import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { consultationOr404 } from '$lib/server/consultations';
import { focusGroupFormData } from '$lib/server/consultations/focus-group-form';
import { readProfile, saveFocusGroup } from '$lib/server/consultations/focus-groups';
import { focusGroupSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		...focusGroupFormData(db)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const staff = requireStaff(event);
		const db = getDb();
		const consultation = consultationOr404(db, event.params.id);
		let id: number | undefined;
		const failure = await runFormAction(event.request, focusGroupSchema, (data, form) => {
			id = saveFocusGroup(db, actorOf(staff), consultation.id, null, data, readProfile(form, data));
		});
		if (failure || id === undefined) return failure;
		redirect(303, `/admin/consultations/${consultation.id}/focus-groups/${id}`);
	}
};
