import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { isFirstRun } from '$lib/server/auth/accounts';
import {
	clearSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/sessions';
import { startApplication, stopApplication } from '$lib/server/app';
import { getDb } from '$lib/server/db';
import { ConfigurationError } from '$lib/server/env';
import { isAllowedFormPost, isSecretPath, refuseCrossSite } from '$lib/server/http/cross-site';

export const init: ServerInit = async () => {
	if (building) return;
	try {
		startApplication();
	} catch (error) {
		if (error instanceof ConfigurationError) {
			console.error(`Configuration error: ${error.message.replaceAll('\n', '; ')}`);
			process.exit(1);
		}
		throw error;
	}
	process.once('sveltekit:shutdown', () => void stopApplication());
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const secure = event.url.protocol === 'https:';
		const valid = validateSessionToken(getDb(), token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			setSessionCookie(event.cookies, token, valid.session.expiresAt, secure);
		} else {
			clearSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

let setUp = false;
const firstRun: Handle = async ({ event, resolve }) => {
	if (!setUp) {
		setUp = !isFirstRun(getDb());
		const path = event.url.pathname;
		if (!setUp && event.request.method === 'GET' && (path === '/' || path === '/sign-in'))
			return new Response(null, { status: 303, headers: { location: '/setup' } });
	}
	return resolve(event);
};

const crossSiteForms: Handle = async ({ event, resolve }) => {
	if (!(await isAllowedFormPost(event.request, event.url))) return refuseCrossSite(event.request);
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	// A page opened from a secret link sends no Referer at all, so the link cannot leak.
	if (isSecretPath(event.url.pathname)) headers.set('Referrer-Policy', 'no-referrer');
	else if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!headers.has('Content-Security-Policy'))
		headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	if (event.locals.user && !headers.has('Cache-Control'))
		headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(securityHeaders, crossSiteForms, session, firstRun);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return {
		message: status === 404 ? 'Page not found' : 'Sorry, there is a problem with the service'
	};
};
