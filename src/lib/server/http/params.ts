import { error } from '@sveltejs/kit';

/** A record's id from the address: a whole number from 1, or the page is not found. */
export function idParam(param: string): number {
	const id = /^\d+$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Page not found');
	return id;
}
