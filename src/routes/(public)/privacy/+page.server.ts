import { getDb } from '$lib/server/db';
import { getRetentionPolicy } from '$lib/server/privacy/retention';
import type { PageServerLoad } from './$types';

/** The privacy notice states the retention periods an admin has set (UK GDPR article 13(2)(a)). */
export const load: PageServerLoad = () => {
	const { contactMonths, complaintMonths, responseMonths } = getRetentionPolicy(getDb());
	return { retention: { contactMonths, complaintMonths, responseMonths } };
};
