import { error, fail, redirect } from '@sveltejs/kit';
import {
	AccountError,
	createFirstAdmin,
	firstRunSchema,
	isFirstRun,
	signIn
} from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	if (!isFirstRun(getDb())) error(404, 'Page not found');
};

export const actions: Actions = {
	default: async (event) => {
		if (!isFirstRun(getDb())) error(404, 'Page not found');
		const parsed = parseForm(firstRunSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await createFirstAdmin(getDb(), parsed.data);
		} catch (e) {
			if (e instanceof AccountError) error(404, 'Page not found');
			throw e;
		}
		const result = await signIn(getDb(), {
			email: parsed.data.email,
			password: parsed.data.password,
			address: event.getClientAddress()
		});
		if (result.ok)
			setSessionCookie(
				event.cookies,
				result.token,
				result.expiresAt,
				event.url.protocol === 'https:'
			);
		redirect(303, '/admin/settings?welcome=1');
	}
};
