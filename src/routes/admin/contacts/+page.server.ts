import { requireStaff } from '$lib/server/auth/guard';
import { listContacts } from '$lib/server/contacts';
import { getDb } from '$lib/server/db';
import { contactKinds, type ContactKind } from '$lib/server/db/schema';
import { listServices } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const params = event.url.searchParams;
	const askedKind = params.get('kind') ?? '';
	const kind = (contactKinds as readonly string[]).includes(askedKind)
		? (askedKind as ContactKind)
		: undefined;
	const serviceId = Number(params.get('service')) || undefined;
	const db = getDb();
	return {
		filter: { kind: kind ?? '', service: serviceId ?? '' },
		contacts: listContacts(db, { kind, serviceId }).map((c) => ({
			...c,
			text: c.text.length > 140 ? `${c.text.slice(0, 140)}…` : c.text
		})),
		services: listServices(db)
	};
};
