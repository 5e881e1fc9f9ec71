import type { LayoutServerLoad } from './$types';

// The link holds a secret: never cached by a shared cache. (Referrer-Policy same-origin, set for
// every page, already keeps it from other sites; no-referrer would make browsers send Origin: null
// on form posts, which the server must refuse.)
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
};
