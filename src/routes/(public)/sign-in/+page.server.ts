import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { signIn } from '$lib/server/auth/accounts';
import { homeFor, safeNext } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { emailField, parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

const signInSchema = z.object({
	email: emailField,
	password: z
		.string({ error: 'Enter your password' })
		.min(1, 'Enter your password')
		.max(1024, 'Enter your password')
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user)
		redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.user.role));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await signIn(getDb(), { ...parsed.data, address: event.getClientAddress() });
		if (!result.ok) {
			const message =
				result.waitMs > 0
					? `Too many failed attempts. Wait ${Math.ceil(result.waitMs / 1000)} seconds, then try again`
					: 'Enter a correct email address and password';
			return fail(result.waitMs > 0 ? 429 : 400, {
				errors: { email: message } as FieldErrors,
				values: { email: parsed.data.email }
			});
		}
		setSessionCookie(
			event.cookies,
			result.token,
			result.expiresAt,
			event.url.protocol === 'https:'
		);
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homeFor(result.user.role));
	}
};
