import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requestPasswordReset } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db';
import { emailField, parseForm, readForm } from '$lib/server/forms/parse';
import { linkOrigin } from '$lib/server/http/origin';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		await enforcePublicFormLimit(getClientAddress());
		const parsed = parseForm(z.object({ email: emailField }), await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, sent: false });
		requestPasswordReset(getDb(), parsed.data.email, linkOrigin(url));
		return { sent: true, email: parsed.data.email };
	}
};
