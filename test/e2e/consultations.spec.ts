import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, waitForMail } from './support';

test.describe.configure({ mode: 'serial' });

const title = 'Communal cleaning';

async function noSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('staff record a consultation, a focus group, a finding with evidence and an action, then publish it', async ({
	page
}) => {
	// A long journey with an accessibility check on every page it passes through.
	test.slow();
	await signIn(page, 'staff');
	await page.goto('/admin/themes');
	await page.getByLabel('Name', { exact: true }).fill('Bins');
	await page.getByRole('button', { name: 'Add the theme' }).click();

	await page.goto('/admin/consultations');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Create consultation' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter a title');
	await expectNoAxeViolations(page);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('The question you are asking').fill('How clean are the shared areas?');
	await page.getByLabel('Opens on (optional)').fill('2026-10-01');
	await page.getByLabel('Analysing responses').check();
	await page.getByRole('button', { name: 'Create consultation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Record a focus group' }).click();
	await page.getByLabel('Date held').fill('2026-10-14');
	await page.getByLabel('Place').fill('Tower Court');
	await page.getByLabel('Facilitator or facilitators').fill('Tom Hughes');
	await page.getByLabel('Number attending').fill('3');
	await page.getByLabel('What the people attending agreed to').fill('Anonymised quotes');
	await page.getByLabel('16–24').fill('4');
	await page.getByLabel('Bins').check();
	await page.getByRole('button', { name: 'Save focus group' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'The age counts add up to 4, more than the 3 who attended'
	);
	await expect(page.getByLabel('Place')).toHaveValue('Tower Court');
	await expectNoAxeViolations(page);
	await page.getByLabel('16–24').fill('2');
	await page.getByRole('button', { name: 'Save focus group' }).click();
	await expect(page.getByRole('heading', { name: 'Quotes' })).toBeVisible();
	await page.getByLabel('Add a quote').fill('The bins overflow by Wednesday.');
	await page.getByRole('button', { name: 'Add quote' }).click();
	await page
		.getByLabel('I confirm this quote carries no names or other details that could identify anyone')
		.check();
	await page.getByRole('button', { name: 'Approve quote' }).click();
	await expect(page.getByText('Approved', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: title }).click();
	await page.getByLabel('Add a finding').fill('Bins overflow before collection day');
	await page.getByRole('button', { name: 'Add finding' }).click();
	await page.getByRole('link', { name: 'Bins overflow before collection day' }).click();
	await page
		.getByLabel('Add evidence')
		.selectOption({ label: '“The bins overflow by Wednesday.”' });
	await page.getByRole('button', { name: 'Add evidence' }).click();
	await expect(page.locator('blockquote')).toContainText('The bins overflow by Wednesday.');
	await page.getByLabel(/Publish this finding/).check();
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByLabel(/Publish this finding/)).toBeChecked();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: title }).click();
	await page.getByRole('link', { name: 'Add an action' }).click();
	await page.getByLabel('Not possible', { exact: true }).check();
	await page.getByRole('button', { name: 'Save action' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter what will be done');
	await expect(page.locator('.govuk-error-summary')).toContainText('Say why it is not possible');
	await expectNoAxeViolations(page);
	await page.getByLabel('What will be done').fill('Empty the bins twice a week');
	await page.getByLabel('In progress', { exact: true }).check();
	await page.getByLabel('Bins overflow before collection day').check();
	await page.getByLabel(/Publish it on/).check();
	await page.getByRole('button', { name: 'Save action' }).click();
	await expect(page.getByRole('heading', { name: 'Progress' })).toBeVisible();
	await page.getByLabel('Progress note').fill('Extra collections start next week.');
	await page.getByRole('button', { name: 'Add progress note' }).click();
	await expect(page.getByText('Extra collections start next week.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: title }).click();
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Unpublish' })).toBeVisible();
});

test('the public pages pass axe, in their error state too, and fit a 320 px screen', async ({
	browser
}) => {
	test.slow();
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	await page.goto('/you-said-we-did');
	await expectNoAxeViolations(page);
	await noSidewaysScroll(page);
	await page.getByRole('heading', { name: title }).getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'We asked' })).toBeVisible();
	await expectNoAxeViolations(page);
	await noSidewaysScroll(page);
	await page.getByRole('button', { name: 'Send me updates' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter an email address');
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
	await context.close();
});

test('without JavaScript: the list filters, the page shows what was done, and a subscription is confirmed', async ({
	browser
}) => {
	test.slow();
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('link', { name: 'You said, we did' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Empty the bins twice a week' })).toBeVisible();
	await page.getByLabel('What we did: status').selectOption('done');
	await page.getByRole('button', { name: 'Apply filter' }).click();
	await expect(page.getByText('No actions match.')).toBeVisible();

	await page.goto('/you-said-we-did');
	await page.getByRole('heading', { name: title }).getByRole('link').click();
	await expect(page.getByText('The bins overflow by Wednesday.')).toBeVisible();
	await expect(page.getByText('Extra collections start next week.')).toBeVisible();
	await expect(page.getByText('Tom Hughes')).toHaveCount(0);
	await page.getByLabel('Email address').fill('resident@example.net');
	// The time trap expects a person to take a few seconds over the form.
	await page.waitForTimeout(3100);
	await page.getByRole('button', { name: 'Send me updates' }).click();
	await expect(page.getByText('Check your email')).toBeVisible();

	const mail = await waitForMail((m) => m.to.includes('resident@example.net'));
	const link = /http:\/\/\S+\/you-said-we-did\/confirm\/[a-z2-7]+/.exec(mail.text)![0];
	const scripted = await browser.newContext();
	const withScript = await scripted.newPage();
	await withScript.goto(link);
	await expectNoAxeViolations(withScript);
	await scripted.close();
	await page.goto(link);
	await page.getByRole('button', { name: 'Confirm' }).click();
	await expect(page.getByRole('heading', { name: 'You will get updates' })).toBeVisible();
	await context.close();
});
