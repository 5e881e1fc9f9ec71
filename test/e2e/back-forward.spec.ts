import { expect, test } from '@playwright/test';

// Playwright turns the back/forward cache off by default; this file needs it on.
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		],
		ignoreDefaultArgs: ['--disable-back-forward-cache']
	}
});

test('a survey page restored by the back button answers its first tap', async ({ page }) => {
	await page.addInitScript(() => {
		addEventListener('pageshow', (event) => {
			(window as unknown as { restored: boolean }).restored = event.persisted;
		});
	});
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();

	await page.goBack({ waitUntil: 'commit' }); // a restored page fires no load event
	await expect(page.getByRole('button', { name: 'Start now' })).toBeVisible();
	// Only a page really taken from the cache still carries the mark its first tap left.
	expect(await page.evaluate(() => (window as unknown as { restored: boolean }).restored)).toBe(
		true
	);
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
});
