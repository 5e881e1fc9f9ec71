import { requirePanel } from '$lib/server/auth/guard';
import { navigationFor } from '$lib/navigation';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	requirePanel(event);
	return { navigation: navigationFor('panel') };
};
