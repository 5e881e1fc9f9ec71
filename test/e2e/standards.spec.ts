import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

async function ensureService(page: Page, name: string) {
	await page.goto('/admin/services');
	if ((await page.getByRole('textbox', { name: `Name of ${name}` }).count()) === 0) {
		await page.getByLabel('Service name').fill(name);
		await page.getByRole('button', { name: 'Add service' }).click();
	}
}

test('an admin adds a service standard, is told what to fix first, and reads its figures at 320 px', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page
		.getByRole('navigation', { name: /menu/ })
		.getByRole('link', { name: 'Standards' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		/Service standards \d{4}\/\d{2}/
	);
	await page.getByRole('link', { name: 'Add a service standard' }).click();
	await expectNoAxeViolations(page);

	// Nothing filled in but the measure: each mistake listed at once, focus on the summary.
	await page.getByRole('radio', { name: 'Replying to contacts' }).check();
	await page.getByLabel('Target, per cent').fill('');
	await page.getByRole('button', { name: 'Add standard' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		'Enter a name for the standard',
		'Enter the target',
		'Enter the working days'
	]);
	await expect(page.getByRole('radio', { name: 'Replying to contacts' })).toBeChecked();
	await expectNoAxeViolations(page);
	await summary.getByRole('link', { name: 'Enter the working days' }).click();
	await expect(page.getByLabel('Working days allowed')).toBeFocused();

	await page.getByLabel('Name').fill('Reply to web forms within 3 working days');
	await page.getByLabel('Working days allowed').fill('3');
	await page.getByLabel('Channel (replying to contacts only)').selectOption({ label: 'Web form' });
	await page.getByLabel('Target, per cent').fill('85');
	await page.getByRole('button', { name: 'Add standard' }).click();

	await expect(page.getByText('Standard added')).toBeVisible();
	const section = page.getByRole('region', {
		name: 'Reply to web forms within 3 working days',
		exact: true
	});
	await expect(section).toContainText(
		'Questions, comments and compliments that came in by web form, first replied to within 3 working days. Target: 85%.'
	);
	const table = section.getByRole('table', { name: /Reply to web forms within 3 working days, / });
	await expect(table.getByRole('rowheader', { name: /^Reporting year/ }).first()).toBeVisible();
	await expectNoAxeViolations(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await context.close();
});

test('staff record a reply to a contact with JavaScript off, and a wrong date is kept to correct', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await ensureService(page, 'Repairs');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, 'staff');
	await page.goto('/admin/contacts/new');
	await page.getByLabel('Question', { exact: true }).check();
	await page.getByLabel('Service it is about').selectOption({ label: 'Repairs' });
	await page.getByLabel('Web form', { exact: true }).check();
	await page.getByLabel('What the customer said').fill('Which day are the bins collected?');
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page).toHaveURL(/\/admin\/contacts\/\d+/);
	await expect(page.getByRole('definition').filter({ hasText: 'Not yet' })).toBeVisible();

	const form = page.locator('form[action="?/reply"]');
	await form.getByLabel('Date').fill('2001-01-01');
	await form.getByLabel('Time').fill('09:15');
	await form.getByRole('button', { name: 'Record the reply' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
		'The reply cannot be before the contact was received'
	);
	await expect(form.getByLabel('Date')).toHaveValue('2001-01-01');

	const now = new Date();
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
	const time = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit'
	}).format(now);
	await form.getByLabel('Date').fill(today);
	await form.getByLabel('Time').fill(time);
	await form.getByRole('button', { name: 'Record the reply' }).click();
	await expect(page.getByText('Saved')).toBeVisible();
	await expect(
		page.locator('.govuk-summary-list__row').filter({ hasText: 'First replied to' })
	).not.toContainText('Not yet');
	await context.close();
});
