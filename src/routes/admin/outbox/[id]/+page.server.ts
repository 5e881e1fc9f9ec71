import { error } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { getMail } from '$lib/server/mail';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const id = Number(event.params.id);
	const message = Number.isSafeInteger(id) ? getMail(getDb(), id) : undefined;
	if (!message) error(404, 'Page not found');
	return {
		message: {
			id: message.id,
			to: message.to,
			subject: message.subject,
			text: message.text,
			status: message.status,
			lastError: message.lastError
		}
	};
};
