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

/** Only relative paths on this site, so a crafted link cannot send someone elsewhere after sign-in. */
export function safeNext(next: string | null): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	return next;
}

export function homeFor(role: Role): string {
	return role === 'panel' ? '/panel' : role === 'shopper' ? '/shopper' : '/admin';
}
