import { json } from '@sveltejs/kit';
import { actionFeed } from '$lib/server/consultations/feeds';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import type { RequestHandler } from './$types';

/** Published actions as JSON, for anyone who wants to reuse them. */
export const GET: RequestHandler = ({ url }) =>
	json(actionFeed(getDb(), env().ORIGIN ?? url.origin).json, {
		headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' }
	});
