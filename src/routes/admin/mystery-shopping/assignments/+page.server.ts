import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import { listServices } from '$lib/server/settings';
import {
	channelLabels,
	createAssignment,
	getMysterySettings,
	listAssignments,
	listShoppers,
	listTemplates,
	MysteryError,
	statusLabels,
	withdrawAssignment
} from '$lib/server/mystery';
import { evidenceStore } from '$lib/server/mystery/context';
import { assignmentSchema, idSchema } from '$lib/server/mystery/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	return {
		assignments: listAssignments(db),
		templates: listTemplates(db),
		services: listServices(db, { activeOnly: true }),
		shoppers: listShoppers(db),
		settings: getMysterySettings(db),
		channelLabels,
		statusLabels
	};
};

export const actions: Actions = {
	create: async (event) => {
		const staff = requireStaff(event);
		const parsed = parseForm(assignmentSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			createAssignment(getDb(), actorOf(staff), parsed.data);
		} catch (e) {
			if (e instanceof MysteryError)
				return fail(400, {
					errors: { [e.field]: e.message } as FieldErrors,
					values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]))
				});
			throw e;
		}
		redirect(303, '/admin/mystery-shopping/assignments?created');
	},
	withdraw: async (event) => {
		const staff = requireStaff(event);
		const id = parseForm(idSchema, await readForm(event.request));
		if (!id.ok) return fail(400, { errors: { form: 'Choose an assignment' } as FieldErrors });
		try {
			withdrawAssignment(getDb(), evidenceStore(), actorOf(staff), id.data.id);
		} catch (e) {
			if (e instanceof MysteryError)
				return fail(400, { errors: { form: e.message } as FieldErrors });
			throw e;
		}
		redirect(303, '/admin/mystery-shopping/assignments?withdrawn');
	}
};
