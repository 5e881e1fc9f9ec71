import { error } from '@sveltejs/kit';
import { env } from '../env';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address that links in emails start with, chosen without trusting the request. Without
 * `ORIGIN`, a request's address comes from its Host header, which whoever sends it chooses: a
 * password reset asked for with `Host: attacker.example` would mail the account's owner a working
 * link to the attacker's site. So links use `ORIGIN`; without it, only a request made to this
 * machine itself (development) may supply the address, since such a link can lead nowhere else.
 */
export function emailLinkOrigin(configured: string | undefined, requestUrl: URL): string | null {
	if (configured) return new URL(configured).origin;
	return LOOPBACK.has(requestUrl.hostname) ? requestUrl.origin : null;
}

/** emailLinkOrigin for this server, or a 503 telling whoever runs it what to set. */
export function linkOrigin(requestUrl: URL): string {
	const origin = emailLinkOrigin(env().ORIGIN, requestUrl);
	if (origin === null) {
		console.error(
			'Refused to send an email with links: set ORIGIN to the public address, e.g. https://feedback.example.org'
		);
		error(503, 'Emails cannot be sent until this service’s public address (ORIGIN) is set.');
	}
	return origin;
}

/**
 * An origin worked out only when a link is actually made: an edit that emails nobody must not
 * fail for want of ORIGIN.
 */
export type LazyOrigin = string | (() => string);

export function resolveOrigin(origin: LazyOrigin): string {
	return typeof origin === 'string' ? origin : origin();
}
