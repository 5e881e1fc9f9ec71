import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, waitForMail } from './support';

async function ensureService(page: Page, name: string) {
	await signIn(page, 'admin');
	await page.goto('/admin/services');
	if ((await page.getByRole('textbox', { name: `Name of ${name}` }).count()) === 0) {
		await page.getByLabel('Service name').fill(name);
		await page.getByRole('button', { name: 'Add service' }).click();
	}
	await page.getByRole('button', { name: 'Sign out' }).click();
}

test('a complaint is logged, acknowledged, extended, answered and closed, and the handling survey arrives by email and is answered', async ({
	page
}) => {
	// Six full-page accessibility checks on a busy page take a while.
	test.setTimeout(120_000);
	await ensureService(page, 'Repairs');
	await signIn(page, 'staff');
	await page
		.getByRole('navigation', { name: /menu/ })
		.getByRole('link', { name: 'Complaints' })
		.click();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Log a complaint' }).click();
	await expect(page.getByLabel('Complaint', { exact: true })).toBeChecked();
	await page.getByLabel('Service it is about').selectOption({ label: 'Repairs' });
	await page.getByLabel('Phone', { exact: true }).check();
	await page
		.getByLabel('What the customer said')
		.fill('The bathroom extractor fan has not worked since March.');
	await page.getByLabel('Name (optional)').fill('Robin Ellis');
	await page.getByLabel('Email address (optional)').fill('robin@example.net');
	await page.getByLabel(/agrees to be contacted/).check();
	await page.getByLabel('Nature of the complaint').selectOption({ label: 'Delay' });
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Save contact' }).click();

	await expect(page).toHaveURL(/\/admin\/complaints\/\d+/);
	await expect(page.getByTestId('status')).toContainText('Open, stage 1');
	await expect(page.getByTestId('ack-due-1')).not.toBeEmpty();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Record acknowledgement' }).click();
	await expect(page.getByText('Saved')).toBeVisible();
	await expect(page.getByTestId('timeline')).toContainText('Stage 1: acknowledgement recorded');

	const originalDue = (await page.getByTestId('response-due-1').innerText()).trim();
	await page.getByText('Extend stage 1').click();
	await page.getByLabel('Length of the extension, in working days').fill('5');
	await page.getByLabel('Reason for the extension').fill('Waiting for the electrician’s report');
	await page.getByRole('button', { name: 'Extend', exact: true }).click();
	await expect(page.getByTestId('timeline')).toContainText('Stage 1: extended by 5 working days');
	await expect(page.getByTestId('response-due-1')).toContainText(`Originally ${originalDue}`);

	await page.getByLabel('Upheld', { exact: true }).check();
	await page.getByLabel('Remedy (optional)').fill('Fan replaced and an apology');
	await page.getByLabel('Compensation in pounds (optional)').fill('25');
	await page.getByRole('button', { name: 'Record response' }).click();
	await expect(page.getByTestId('timeline')).toContainText('response recorded, outcome upheld');

	await page.getByRole('button', { name: 'Close complaint' }).click();
	await expect(page.getByTestId('status')).toContainText('Closed, stage 1');
	await expect(page.getByTestId('handling-survey')).toHaveText(/Invitation (queued|sent)/);
	await expect(page.getByTestId('timeline')).toContainText(
		'Invitation to the complaint-handling survey queued'
	);
	await expectNoAxeViolations(page);

	await page.goto('/admin/complaints/reports');
	await expect(page.getByTestId('ch02-1')).toContainText('1 of 1');
	await expectNoAxeViolations(page);

	// The invitation reached a real SMTP server; its single-use link opens the handling survey.
	const mail = await waitForMail((m) => m.to.includes('robin@example.net'));
	expect(mail.subject).toBe('How did Riverside Homes handle your complaint?');
	const link = mail.text.match(/http:\/\/\S+\/i\/[a-z2-7]+/)![0];
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto(link);
	await page.getByLabel('Very satisfied').first().check();
	await page.getByRole('button', { name: 'Continue' }).click();
	while (!(await page.getByRole('heading', { name: 'Check your answers' }).isVisible()))
		await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('heading', { name: 'Answers sent' })).toBeVisible();
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You have already answered this survey'
	);
});

test('the Tell us form and its error state pass axe', async ({ page }) => {
	await page.goto('/tell-us');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Send' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Select what the contact is about');
	await expect(summary).toContainText('Tell us what you want to say');
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
});

test('the Tell us form works without JavaScript and gives a reference number', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/tell-us');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Select what the contact is about'
	);
	await page.getByLabel('Pay a compliment').check();
	await page.getByLabel('What would you like to tell us?').fill('Thank you to the caretaker.');
	// The time trap expects a person to take a few seconds over the form.
	await page.waitForTimeout(3100);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
	await expect(page.getByTestId('reference')).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
	await context.close();
});
