import { publicFilterSchema } from '$lib/server/consultations/schemas';
import { youSaidWeDid } from '$lib/server/consultations/public';
import { getDb } from '$lib/server/db';
import { listServices } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const filter = publicFilterSchema.parse(Object.fromEntries(url.searchParams));
	return {
		filter,
		...youSaidWeDid(db, filter),
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name }))
	};
};
