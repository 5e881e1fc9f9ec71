import { getDb } from '$lib/server/db';
import { getOrganisation } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	organisationName: getOrganisation(getDb()).name,
	user: locals.user ? { name: locals.user.name, role: locals.user.role } : null
});
