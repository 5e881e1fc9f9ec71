import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { respondentScript } from './scripts/respondent-script.js';

export default defineConfig({
	plugins: [sveltekit(), respondentScript()],
	css: {
		preprocessorOptions: {
			scss: {
				loadPaths: ['node_modules'],
				quietDeps: true
			}
		}
	},
	test: {
		globalSetup: ['test/integration/global-setup.ts'],
		// Room for a machine busy with other work; a test alone takes a fraction of this.
		testTimeout: 60_000,
		hookTimeout: 120_000,
		projects: [
			{
				extends: true,
				// Pure functions with no module state: one module graph for all the files instead of
				// a fresh process and import for each saves more time than the tests take.
				test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false }
			},
			{
				extends: true,
				test: { name: 'integration', include: ['test/integration/**/*.test.ts'] }
			}
		]
	}
});
