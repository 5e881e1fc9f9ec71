import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import {
	getOrganisation,
	nationLabels,
	organisationSchema,
	updateOrganisation
} from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return { settings: getOrganisation(getDb()), nations: Object.entries(nationLabels) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireAdmin(event);
		const parsed = parseForm(organisationSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const db = getDb();
		updateOrganisation(db, actorOf(admin), parsed.data);
		redirect(303, '/admin/settings?saved=1');
	}
};
