import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

/** Creates and opens an NPS survey through the staff forms; its id. */
async function openSurvey(page: Page, title: string) {
	const origin = new URL(page.url()).origin;
	const created = await page.request.post('/admin/surveys?/create', {
		form: { template: 'nps', title },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const id = created.headers()['location']!.split('/').pop()!;
	const opened = await page.request.post(`/admin/surveys/${id}?/open`, {
		form: {},
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(opened.status()).toBe(303);
	return id;
}

test('a panel member challenges results, staff answer it, and the panel sees the answer', async ({
	browser
}) => {
	const staff = await (await browser.newContext()).newPage();
	await signIn(staff, 'staff');
	const id = await openSurvey(staff, 'Gas servicing satisfaction');

	const panel = await (await browser.newContext()).newPage();
	await signIn(panel, 'panel');
	await panel.goto(`/panel/surveys/${id}`);
	const remarks = panel.locator('#remarks');
	await expect(remarks.getByText('No comments or challenges yet.')).toBeVisible();

	await remarks.getByRole('button', { name: 'Add to the results' }).click();
	const summary = panel.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		'Choose whether this is a comment or a challenge',
		'Enter your comment or challenge'
	]);
	await expect(panel).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(panel);

	await summary.getByRole('link', { name: 'Enter your comment or challenge' }).click();
	await expect(panel.getByLabel('Your comment or challenge')).toBeFocused();
	await panel
		.getByLabel('Your comment or challenge')
		.fill('Only 3 responses came by phone.\nHow were phone customers asked?');
	await panel.getByLabel('Challenge', { exact: true }).check();
	await remarks.getByRole('button', { name: 'Add to the results' }).click();

	await expect(panel).toHaveURL(new RegExp(`/panel/surveys/${id}\\?added=challenge#remarks$`));
	await expect(remarks.getByText('Challenge added.')).toBeVisible();
	const raised = remarks.getByTestId('remark');
	await expect(raised).toHaveCount(1);
	await expect(raised.getByText('Challenge — awaiting answer')).toBeVisible();
	await expect(raised).toContainText('Test panel');
	await expect(raised).toContainText(
		'Only 3 responses came by phone.\nHow were phone customers asked?'
	);
	await expectNoAxeViolations(panel);

	await staff.goto('/admin/scrutiny/challenges');
	await expectNoAxeViolations(staff);
	await staff.getByRole('link', { name: 'Gas servicing satisfaction' }).click();
	await expect(staff).toHaveURL(new RegExp(`/admin/surveys/${id}/results#remark-\\d+$`));
	const toAnswer = staff
		.getByTestId('remark')
		.filter({ hasText: 'Only 3 responses came by phone.' });
	await toAnswer.getByLabel('Answer this challenge').fill('We call a sample of 50 each month.');
	await toAnswer.getByRole('button', { name: 'Send reply' }).click();
	await expect(staff.getByText('Reply saved.')).toBeVisible();
	await expectNoAxeViolations(staff);

	await staff.goto('/admin/scrutiny/challenges');
	await expect(staff.getByText('There are no unanswered challenges.')).toBeVisible();

	await panel.goto(`/panel/surveys/${id}`);
	const answered = panel.getByTestId('remark');
	await expect(answered.getByText('Challenge — answered')).toBeVisible();
	await expect(answered.getByTestId('remark-reply')).toContainText('Reply from Test staff');
	await expect(answered.getByTestId('remark-reply')).toContainText(
		'We call a sample of 50 each month.'
	);
});
