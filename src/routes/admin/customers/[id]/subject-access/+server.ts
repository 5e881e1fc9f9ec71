import { error } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http/params';
import { exportSubjectAccess } from '$lib/server/privacy/subject-access';
import type { RequestHandler } from './$types';

/** Everything held about one customer, as JSON to download; admins only, and audit-logged. */
export const GET: RequestHandler = (event) => {
	const admin = requireAdmin(event);
	const id = idParam(event.params.id);
	const data = exportSubjectAccess(getDb(), actorOf(admin), id);
	if (!data) error(404, 'Page not found');
	const day = data.producedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="subject-access-customer-${id}-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
