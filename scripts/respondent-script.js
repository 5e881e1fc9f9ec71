// A Vite plugin that bundles src/lib/respondent/enhance.ts into one small script of its own, apart
// from the SvelteKit client (which survey pages do not load). Pages import its address from
// `virtual:respondent-script`; the file is served under /_app/immutable/, named by its content.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { build } from 'vite';

const ENTRY = resolve('src/lib/respondent/enhance.ts');
const VIRTUAL = 'virtual:respondent-script';

async function bundle() {
	const result = await build({
		configFile: false,
		logLevel: 'warn',
		publicDir: false,
		resolve: { alias: { $lib: resolve('src/lib') } },
		build: {
			write: false,
			minify: true,
			target: 'es2018',
			lib: { entry: ENTRY, formats: ['iife'], name: 'respondent' }
		}
	});
	const outputs = /** @type {import('vite').Rollup.RollupOutput[]} */ (
		Array.isArray(result) ? result : [result]
	);
	const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
	if (!chunk) throw new Error('The respondent script did not build');
	const hash = createHash('sha256').update(chunk.code).digest('hex').slice(0, 12);
	return { code: chunk.code, fileName: `_app/immutable/respondent.${hash}.js` };
}

// In development the script keeps one address and is bundled afresh on every request, so an edit
// shows on reload and a mistake in it breaks only that request.
const DEV_FILE = '_app/immutable/respondent.dev.js';

/** @returns {import('vite').Plugin} */
export function respondentScript() {
	/** @type {Promise<{ code: string; fileName: string }> | undefined} */
	let built;
	let serving = false;
	return {
		name: 'said-and-done:respondent-script',
		configResolved(config) {
			serving = config.command === 'serve';
		},
		resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
		async load(id) {
			if (id !== `\0${VIRTUAL}`) return undefined;
			const fileName = serving ? DEV_FILE : (await (built ??= bundle())).fileName;
			return `export default ${JSON.stringify(`/${fileName}`)};`;
		},
		async generateBundle() {
			if (this.environment?.config.consumer !== 'client') return;
			const { code, fileName } = await (built ??= bundle());
			this.emitFile({ type: 'asset', fileName, source: code });
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (req.url?.split('?')[0] !== `/${DEV_FILE}`) return next();
				bundle().then(({ code }) => {
					res.setHeader('content-type', 'text/javascript');
					res.end(code);
				}, next);
			});
		}
	};
}
