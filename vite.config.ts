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
		include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
		globalSetup: ['test/integration/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
