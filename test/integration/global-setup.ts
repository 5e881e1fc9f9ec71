import { existsSync } from 'node:fs';

export default function setup() {
	if (!existsSync('build/index.js'))
		throw new Error(
			'Integration tests run against the production build: run `npm run build` first.'
		);
}
