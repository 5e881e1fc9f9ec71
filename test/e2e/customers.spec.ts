import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

test.describe.configure({ timeout: 120_000 });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a customer is added and found by search', async ({ page }) => {
		await signIn(page, 'staff');
		await page.goto('/admin/customers/new');
		await page.getByRole('button', { name: 'Add customer' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText('Enter the customer’s name');
		const email = `e2e-${Date.now()}@example.net`;
		await page.getByLabel('Name', { exact: true }).fill('Pat Example');
		await page.getByLabel('Email address (optional)').fill(email);
		await page.getByLabel('Low-cost rental (LCRA)').check();
		await page.getByRole('button', { name: 'Add customer' }).click();
		await expect(page.getByText('Customer saved')).toBeVisible();
		await page.goto(`/admin/customers?q=${encodeURIComponent(email)}`);
		await expect(page.getByRole('link', { name: 'Pat Example' })).toBeVisible();
	});
});

test('the customer, import and invitation pages pass axe, in their error states too', async ({
	page
}) => {
	await signIn(page, 'staff');
	await page.goto('/admin/customers/new');
	await page.getByRole('button', { name: 'Add customer' }).click();
	await expect(page.locator('.govuk-error-summary')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/admin/customers');
	await expectNoAxeViolations(page);
	await page.goto('/admin/customers/import');
	await expectNoAxeViolations(page);

	await page.goto('/admin/surveys');
	const href = await page.locator('a[href^="/admin/surveys/"]').first().getAttribute('href');
	await page.goto(`${href}/invitations`);
	await expect(page.getByRole('heading', { name: 'Invitations', level: 1 })).toBeVisible();
	await page.getByLabel('Days between reminders').fill('99');
	await page.getByRole('button', { name: 'Send invitations' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('between 1 and 30');
	await expectNoAxeViolations(page);
});

test('an admin erases a customer after confirming; the pages pass axe', async ({ page }) => {
	await signIn(page, 'admin');
	const email = `erase-${Date.now()}@example.net`;
	await page.goto('/admin/customers/new');
	await page.getByLabel('Name', { exact: true }).fill('Robin Forget');
	await page.getByLabel('Email address (optional)').fill(email);
	await page.getByRole('button', { name: 'Add customer' }).click();
	await expect(page.getByText('Customer saved')).toBeVisible();

	await page.getByRole('link', { name: 'Erase this customer' }).click();
	await expect(page.getByRole('heading', { name: 'Erase Robin Forget', level: 1 })).toBeVisible();
	await expect(page.getByText('This cannot be undone')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Erase this customer' }).click();

	await expect(page).toHaveURL(/\/admin\/customers\?erased=1$/);
	await expect(page.getByRole('alert')).toContainText('Customer erased');
	await expectNoAxeViolations(page);
	await page.goto(`/admin/customers?q=${encodeURIComponent(email)}`);
	await expect(page.getByTestId('customer-count')).toHaveText('0 customers');
});

test('the retention page explains a bad period and passes axe', async ({ page }) => {
	await signIn(page, 'admin');
	await page.goto('/admin/retention');
	await expect(page.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('Complaints: months after they were closed').fill('six years');
	await page.getByRole('button', { name: 'Save retention periods' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('How long to keep complaints must be a whole number');
	await expect(page.getByLabel('Complaints: months after they were closed')).toHaveValue(
		'six years'
	);
	await expectNoAxeViolations(page);
});
