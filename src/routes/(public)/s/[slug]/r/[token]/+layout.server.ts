import type { LayoutServerLoad } from './$types';

// The link holds a secret: never cached by a shared cache. (hooks.server.ts also sends these pages
// with Referrer-Policy no-referrer, and accepts the `Origin: null` their form posts then carry.)
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
};
