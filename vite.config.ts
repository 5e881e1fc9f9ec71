import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
