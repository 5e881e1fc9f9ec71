import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { channelLabels, createTemplate, listTemplates } from '$lib/server/mystery';
import { templateSchema } from '$lib/server/mystery/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return { templates: listTemplates(getDb()), channelLabels };
};

export const actions: Actions = {
	create: async (event) => {
		const staff = requireStaff(event);
		const parsed = parseForm(templateSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const id = createTemplate(getDb(), actorOf(staff), parsed.data);
		redirect(303, `/admin/mystery-shopping/templates/${id}`);
	}
};
