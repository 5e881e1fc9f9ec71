import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

for (const [role, path] of [
	['staff', '/admin/scorecard'],
	['panel', '/panel/scorecard']
] as const)
	test(`the customer-care scorecard reads as a table for ${role}, at 320 px too`, async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		await signIn(page, role);
		await page.getByRole('link', { name: 'Scorecard', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		const table = page.getByRole('table', { name: /Customer care, \d{4}\/\d{2} compared with/ });
		await expect(table).toBeVisible();
		await expect(table.getByRole('rowheader', { name: /Net Promoter Score/ })).toBeVisible();
		await expectNoAxeViolations(page);
		// The table scrolls inside its own box; the page itself never scrolls sideways.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await page
			.getByRole('navigation', { name: 'Reporting years' })
			.getByRole('link')
			.first()
			.click();
		await expect(page).toHaveURL(/year=\d{4}/);
		await context.close();
	});
