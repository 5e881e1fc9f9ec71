import { requireStaff } from '$lib/server/auth/guard';
import { CUSTOMER_PAGE_SIZE, searchCustomers } from '$lib/server/customers';
import { getDb } from '$lib/server/db';
import { listServices } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const params = event.url.searchParams;
	const filter = {
		q: params.get('q') ?? '',
		tenure: params.get('tenure') ?? '',
		serviceId: params.get('serviceId') ?? ''
	};
	const page = Number(params.get('page')) || 1;
	const result = searchCustomers(getDb(), {
		q: filter.q,
		tenure: filter.tenure,
		serviceId: /^\d+$/.test(filter.serviceId) ? Number(filter.serviceId) : undefined,
		page
	});
	return {
		filter,
		...result,
		pages: Math.max(1, Math.ceil(result.total / CUSTOMER_PAGE_SIZE)),
		services: listServices(getDb()).map((s) => ({ id: s.id, name: s.name }))
	};
};
