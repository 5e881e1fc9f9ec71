import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	AccountError,
	changePassword,
	newPasswordField,
	roleLabels
} from '$lib/server/auth/accounts';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

const schema = z
	.object({
		currentPassword: z
			.string({ error: 'Enter your current password' })
			.min(1, 'Enter your current password'),
		newPassword: newPasswordField,
		confirmPassword: z.string().default('')
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The new passwords do not match'
	});

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { account: { name: user.name, email: user.email, role: roleLabels[user.role] } };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(schema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await changePassword(getDb(), user.id, parsed.data, event.locals.session!.id);
		} catch (e) {
			if (e instanceof AccountError)
				return fail(400, { errors: { [e.field ?? 'currentPassword']: e.message } });
			throw e;
		}
		redirect(303, '/account?changed=1');
	}
};
