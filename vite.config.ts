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
		// Integration files spend most of their time waiting on the server they started, so two
		// files at once keep both cores busy (the default on two cores is one).
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
