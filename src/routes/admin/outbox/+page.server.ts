import { z } from 'zod';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listMail, mailDeliveryMode } from '$lib/server/mail';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const page = z.coerce
		.number()
		.int()
		.min(1)
		.catch(1)
		.parse(event.url.searchParams.get('page') ?? 1);
	const { messages, hasMore } = listMail(getDb(), page);
	return {
		mode: mailDeliveryMode(),
		page,
		hasMore,
		messages: messages.map(
			({ id, to, subject, status, category, createdAt, sentAt, lastError, attempts }) => ({
				id,
				to,
				subject,
				status,
				category,
				createdAt,
				sentAt,
				lastError,
				attempts
			})
		)
	};
};
