import { requireStaff } from '$lib/server/auth/guard';
import { navigationFor } from '$lib/navigation';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const user = requireStaff(event);
	return { navigation: navigationFor(user.role) };
};
