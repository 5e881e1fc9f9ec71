/**
 * Cross-site form protection, done here rather than by SvelteKit's built-in check (turned off in
 * svelte.config.js) so that two kinds of request it cannot tell apart from an attack get through:
 *
 * - the one-click unsubscribe POST of RFC 8058, which mail providers send from their own servers
 *   with no Origin header and the body `List-Unsubscribe=One-Click`;
 * - form posts from pages opened by a secret link. Those pages send no Referer (the link must not
 *   leak), and a browser then sends `Origin: null` with their forms.
 *
 * Everything else is refused exactly as SvelteKit would: a form post whose Origin is not ours.
 */

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Paths whose address holds a secret: an invitation, a response, an unsubscribe or password link,
 * or a consultation subscriber's confirm or unsubscribe link.
 */
const SECRET_PATHS = [
	/^\/i\/[^/]+\/?$/,
	/^\/s\/[^/]+\/r\/[^/]+(\/.*)?$/,
	/^\/unsubscribe\/[^/]+\/?$/,
	/^\/set-password\/[^/]+\/?$/,
	/^\/you-said-we-did\/(confirm|unsubscribe)\/[^/]+\/?$/
];
/** Survey invitations' and consultation updates' unsubscribe links. */
const UNSUBSCRIBE_PATH = /^(\/you-said-we-did)?\/unsubscribe\/[^/]+\/?$/;

export function isSecretPath(pathname: string): boolean {
	return SECRET_PATHS.some((pattern) => pattern.test(pathname));
}

function isFormPost(request: Request): boolean {
	if (!MUTATING.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

/** The RFC 8058 body, exactly one field `List-Unsubscribe` with the value `One-Click`. */
async function isOneClickUnsubscribe(request: Request, url: URL): Promise<boolean> {
	if (request.method !== 'POST' || !UNSUBSCRIBE_PATH.test(url.pathname)) return false;
	try {
		const fields = [...(await request.clone().formData()).entries()];
		return (
			fields.length === 1 && fields[0]![0] === 'List-Unsubscribe' && fields[0]![1] === 'One-Click'
		);
	} catch {
		return false;
	}
}

/**
 * Whether a form post may go on. `Origin: null` is accepted only on a secret path and only when
 * the browser does not say the post came from another site (`Sec-Fetch-Site`, which a page cannot
 * forge); a forged post there would need the secret in the address anyway.
 */
export async function isAllowedFormPost(request: Request, url: URL): Promise<boolean> {
	if (!isFormPost(request)) return true;
	const origin = request.headers.get('origin');
	if (origin === url.origin) return true;
	if (origin === 'null' && isSecretPath(url.pathname)) {
		const site = request.headers.get('sec-fetch-site');
		if (site === null || site === 'same-origin') return true;
	}
	return isOneClickUnsubscribe(request, url);
}

export function refuseCrossSite(request: Request): Response {
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json')
		return Response.json({ message }, { status: 403 });
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
