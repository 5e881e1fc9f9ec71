import { isLocalDate } from '$lib/domain/calendar/london-date';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listServices } from '$lib/server/settings';
import { channelLabels, listTemplates, mysteryResults } from '$lib/server/mystery';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const templates = listTemplates(db);
	const params = event.url.searchParams;
	const templateId = Number(params.get('template')) || templates[0]?.id;
	const serviceId = Number(params.get('service')) || undefined;
	const from = params.get('from') ?? '';
	const to = params.get('to') ?? '';
	const results = templateId
		? mysteryResults(db, {
				templateId,
				serviceId,
				from: isLocalDate(from) ? from : undefined,
				to: isLocalDate(to) ? to : undefined
			})
		: undefined;
	return {
		templates: templates.map((t) => ({ id: t.id, name: t.name })),
		services: listServices(db).map((s) => ({ id: s.id, name: s.name })),
		filter: { templateId: templateId ?? null, serviceId: serviceId ?? null, from, to },
		results,
		channelLabels
	};
};
