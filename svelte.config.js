import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The one inline script, in src/app.html, is allowed by its hash, read from the file itself so the
// two cannot drift apart.
const inline = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').match(
	/<script>([\s\S]*?)<\/script>/
);
if (!inline) throw new Error('src/app.html has no inline script');
// A browser hashes the script as parsed, with every line ending turned into \n.
const inlineHash = `sha256-${createHash('sha256')
	.update(inline[1].replace(/\r\n?/g, '\n'))
	.digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// The cross-site form check runs in src/hooks.server.ts instead (see
		// src/lib/server/http/cross-site.ts): it must let through the RFC 8058 one-click
		// unsubscribe, which carries no Origin header, and nothing else.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', inlineHash],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
