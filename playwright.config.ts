import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
// Each worker has a server of its own, with its own database and mail (serve.js starts them on
// port, port + 1, …), so files run side by side without seeing each other's data.
const servers = Number(process.env.E2E_WORKERS ?? 2);
// Playwright evaluates this file again in every worker, after setting TEST_PARALLEL_INDEX there.
// More workers than servers (--workers on the command line) would share servers.
const ownPort = port + (Number(process.env.TEST_PARALLEL_INDEX ?? 0) % servers);

export default defineConfig({
	testDir: 'test/e2e',
	fullyParallel: false,
	workers: servers,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	// Two browsers and two servers share the machine's cores, so a test takes longer than alone.
	timeout: 60_000,
	use: {
		baseURL: `http://127.0.0.1:${ownPort}`,
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: {
			// Debian's Chromium; Playwright never downloads a browser here.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node test/e2e/serve.js',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { E2E_PORT: String(port), E2E_SERVERS: String(servers) }
	}
});
