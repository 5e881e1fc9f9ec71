import { isReference } from '$lib/server/contacts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const ref = url.searchParams.get('ref') ?? '';
	return {
		reference: isReference(ref) ? ref : null,
		complaint: url.searchParams.get('kind') === 'complaint'
	};
};
