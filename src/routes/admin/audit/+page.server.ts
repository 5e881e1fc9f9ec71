import { z } from 'zod';
import { listAudit, listAuditEntities } from '$lib/server/audit';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

const londonDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((d) => !Number.isNaN(Date.parse(d)));

const filterSchema = z.object({
	entity: z.string().max(100).optional().catch(undefined),
	action: z.string().max(100).optional().catch(undefined),
	actor: z.string().max(200).optional().catch(undefined),
	from: londonDate.optional().catch(undefined),
	to: londonDate.optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined)
});

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const raw = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== ''));
	const filter = filterSchema.parse(raw);
	const db = getDb();
	const dayAfter = (d: string) => new Date(Date.parse(d) + 86_400_000);
	const result = listAudit(db, {
		...filter,
		from: filter.from ? new Date(filter.from) : undefined,
		to: filter.to ? dayAfter(filter.to) : undefined
	});
	return {
		filter,
		entities: listAuditEntities(db),
		entries: result.entries.map((e) => ({
			...e,
			before: e.before == null ? null : JSON.stringify(e.before, null, 1),
			after: e.after == null ? null : JSON.stringify(e.after, null, 1)
		})),
		page: result.page,
		hasMore: result.hasMore
	};
};
