import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

// The builder's list is a long page, and axe reads all of it more than once
test.describe.configure({ timeout: 120_000 });

async function newBlankSurvey(page: Page, title: string) {
	await signIn(page, 'staff');
	await page.goto('/admin/surveys');
	await page.getByLabel('A blank survey').check();
	await page.getByLabel('Title (optional)').fill(title);
	await page.getByRole('button', { name: 'Create survey' }).click();
	await page.getByRole('link', { name: 'Edit questions' }).click();
	await expect(page.getByRole('heading', { name: 'Questions', level: 1 })).toBeVisible();
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a question is added to a page and its options edited', async ({ page }) => {
		await newBlankSurvey(page, 'Built without scripts');
		await page.getByText('Add a question to page 1').click();
		const addForm = page.locator('form[action="?/addQuestion"]');
		await addForm.getByLabel('Type of question').selectOption('single-choice');
		await addForm.getByLabel('Question', { exact: true }).fill('Which service did you use?');
		await addForm.getByRole('button', { name: 'Add question' }).click();
		await expect(page.getByTestId('save-outcome')).toContainText('updated in place');
		await expect(page.getByText('Which service did you use?')).toBeVisible();

		await page.getByRole('link', { name: 'Edit Q2' }).click();
		await page.getByLabel('Options', { exact: true }).fill('Repairs\nLettings');
		await page.getByLabel('Add “Other — please specify”').check();
		await page.getByLabel('Required', { exact: true }).check();
		await page.getByRole('button', { name: 'Save question' }).click();
		await expect(page.locator('#builder')).toContainText('Single choice (radios), required');
	});
});

test('the builder and the question form pass axe, in their error states too', async ({ page }) => {
	await newBlankSurvey(page, 'Checked with axe');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Add page' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter the question');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Edit Q1' }).click();
	await page.getByLabel('Code').fill('2 bad');
	await page.getByRole('button', { name: 'Save question' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Question codes must start');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Code')).toHaveValue('2 bad');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Back to the questions' }).click();
	const addPage = page.locator('form[action="?/addPage"]');
	await addPage.getByLabel('Type of question').selectOption('yes-no');
	await addPage.getByLabel('Question', { exact: true }).fill('Shall we call you back?');
	await addPage.getByRole('button', { name: 'Add page' }).click();
	await page.getByRole('link', { name: 'When shown (Q2)' }).click();
	await page.getByLabel('Show it depending on the answer to').selectOption({ index: 0 });
	await page.getByRole('button', { name: 'Choose this question' }).click();
	await page.getByLabel('Is answered (any answer)').check();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Save condition' }).click();
	await expect(page.locator('#builder')).toContainText('Shown if Q1 is answered');
});
