import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { SessionUser } from './sessions';

/** Signed-out visitors go to sign-in and come back afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const current = event.locals.user;
	if (!current) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	return current;
}

/**
 * Admins may open everything. Anyone else without one of the roles gets 404, so the page's
 * existence does not leak.
 */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...allowed: Role[]
): SessionUser {
	const current = requireUser(event);
	if (current.role !== 'admin' && !allowed.includes(current.role)) error(404, 'Page not found');
	return current;
}

export const requireAdmin = (event: Pick<RequestEvent, 'locals' | 'url'>) =>
	requireRole(event, 'admin');
export const requireStaff = (event: Pick<RequestEvent, 'locals' | 'url'>) =>
	requireRole(event, 'staff');
export const requirePanel = (event: Pick<RequestEvent, 'locals' | 'url'>) =>
	requireRole(event, 'panel');
export const requireShopper = (event: Pick<RequestEvent, 'locals' | 'url'>) =>
	requireRole(event, 'shopper');

const BASE = 'http://said-and-done.invalid';

/**
 * Only a path on this site, so a crafted link cannot send someone elsewhere after sign-in. The
 * address is read the way a browser reads it (a browser drops tabs and newlines and reads a
 * backslash as "/", so "/<tab>/evil.example" means "//evil.example"), and only its path, query and
 * fragment are kept.
 */
export function safeNext(next: string | null): string | null {
	if (!next || !next.startsWith('/')) return null;
	// Control characters and backslashes have no place in a path we link to.
	for (const char of next) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || code === 0x7f || char === '\\') return null;
	}
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return null;
	}
	// A path that normalises to "//…" ("/.//evil.example") would itself read as another site.
	if (url.origin !== BASE || url.pathname.startsWith('//')) return null;
	return url.pathname + url.search + url.hash;
}

export function homeFor(role: Role): string {
	return role === 'panel' ? '/panel' : role === 'shopper' ? '/shopper' : '/admin';
}
