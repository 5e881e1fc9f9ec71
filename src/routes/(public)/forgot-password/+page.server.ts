import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requestPasswordReset } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db';
import { emailField, parseForm } from '$lib/server/forms/parse';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, url }) => {
		const parsed = parseForm(z.object({ email: emailField }), await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, sent: false });
		requestPasswordReset(getDb(), parsed.data.email, url.origin);
		return { sent: true, email: parsed.data.email };
	}
};
