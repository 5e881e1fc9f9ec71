import { fail, redirect } from '@sveltejs/kit';
import {
	AccountError,
	actorOf,
	inviteSchema,
	inviteUser,
	listUsers,
	roleLabels
} from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return { users: listUsers(getDb()), roleLabels };
};

export const actions: Actions = {
	invite: async (event) => {
		const admin = requireAdmin(event);
		const parsed = parseForm(inviteSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			inviteUser(getDb(), actorOf(admin), parsed.data, linkOrigin(event.url));
		} catch (e) {
			if (e instanceof AccountError)
				return fail(400, {
					errors: { [e.field ?? 'email']: e.message },
					values: parsed.data as Record<string, string>
				});
			throw e;
		}
		redirect(303, `/admin/users?invited=${encodeURIComponent(parsed.data.email)}`);
	}
};
