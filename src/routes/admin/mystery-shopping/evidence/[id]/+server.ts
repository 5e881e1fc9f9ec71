import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { getEvidence } from '$lib/server/mystery';
import { evidenceStore } from '$lib/server/mystery/context';
import type { RequestHandler } from './$types';

/** Evidence is only ever downloaded, by staff, never shown inline. */
export const GET: RequestHandler = (event) => {
	requireStaff(event);
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Page not found');
	const evidence = getEvidence(getDb(), id);
	if (!evidence) error(404, 'Page not found');
	const bytes = evidenceStore().read(evidence.storedName);
	if (!bytes) error(404, 'Page not found');
	const extension = evidence.storedName.split('.').pop();
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': evidence.mimeType,
			'content-length': String(bytes.length),
			'content-disposition': `attachment; filename="visit-${evidence.assignmentId}-evidence-${evidence.id}.${extension}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
