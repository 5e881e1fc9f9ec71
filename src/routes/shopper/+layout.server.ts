import { requireShopper } from '$lib/server/auth/guard';
import { navigationFor } from '$lib/navigation';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	requireShopper(event);
	return { navigation: navigationFor('shopper') };
};
