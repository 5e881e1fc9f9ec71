import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	AccountError,
	findPasswordToken,
	newPasswordField,
	setPasswordWithToken
} from '$lib/server/auth/accounts';
import { homeFor } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

const schema = z
	.object({ password: newPasswordField, confirmPassword: z.string().default('') })
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The passwords do not match'
	});

function expired(): never {
	error(404, 'This link has expired or has already been used');
}

export const load: PageServerLoad = ({ params }) => {
	const found = findPasswordToken(getDb(), params.token);
	if (!found) expired();
	return { purpose: found.purpose, email: found.user.email };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const parsed = parseForm(schema, await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		let created;
		try {
			created = await setPasswordWithToken(getDb(), params.token, parsed.data.password);
		} catch (e) {
			if (e instanceof AccountError) expired();
			throw e;
		}
		setSessionCookie(cookies, created.token, created.session.expiresAt, url.protocol === 'https:');
		redirect(303, homeFor(created.role));
	}
};
