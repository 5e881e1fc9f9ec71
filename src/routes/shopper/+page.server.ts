import { requireShopper } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { channelLabels, listShopperAssignments, statusLabels } from '$lib/server/mystery';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const shopper = requireShopper(event);
	const assignments = listShopperAssignments(getDb(), shopper.id).map(
		({ templateId: _t, version: _v, ...rest }) => rest
	);
	return {
		todo: assignments.filter((a) => a.status === 'assigned' || a.status === 'returned'),
		done: assignments.filter((a) => a.status !== 'assigned' && a.status !== 'returned').reverse(),
		channelLabels,
		statusLabels
	};
};
