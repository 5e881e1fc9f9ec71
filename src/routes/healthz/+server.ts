import { json } from '@sveltejs/kit';
import { checkDatabase } from '$lib/server/health';

export const GET = () => {
	const database = checkDatabase();
	return json(
		{ status: database ? 'ok' : 'unavailable', database: database ? 'ok' : 'unavailable' },
		{ status: database ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
