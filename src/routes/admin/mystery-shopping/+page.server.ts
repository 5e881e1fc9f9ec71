import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import {
	getMysterySettings,
	listAssignments,
	listTemplates,
	updateMysterySettings
} from '$lib/server/mystery';
import { intervalSchema } from '$lib/server/mystery/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const assignments = listAssignments(db);
	const count = (status: string) => assignments.filter((a) => a.status === status).length;
	return {
		settings: getMysterySettings(db),
		templates: listTemplates(db).length,
		counts: {
			assigned: count('assigned'),
			pending: count('pending'),
			returned: count('returned'),
			approved: count('approved'),
			rejected: count('rejected')
		}
	};
};

export const actions: Actions = {
	settings: async (event) => {
		const staff = requireStaff(event);
		const parsed = parseForm(intervalSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		updateMysterySettings(getDb(), actorOf(staff), parsed.data.repeatIntervalDays);
		redirect(303, '/admin/mystery-shopping?saved');
	}
};
