import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

const title = 'How repairs are booked';

test('the panel writes and sends a review; staff respond and act; the panel follows it to completion', async ({
	browser
}) => {
	test.slow();
	const panelContext = await browser.newContext();
	const panel = await panelContext.newPage();
	await signIn(panel, 'panel');
	await panel.getByRole('link', { name: 'Reviews', exact: true }).click();
	await expectNoAxeViolations(panel);
	await panel.getByRole('link', { name: 'Start a review' }).click();
	await panel.getByRole('button', { name: 'Start the review' }).click();
	await expect(panel.locator('.govuk-error-summary')).toContainText('Enter a title');
	await expect(panel.locator('.govuk-error-summary')).toBeFocused();
	await expectNoAxeViolations(panel);
	await panel.getByLabel('Title').fill(title);
	await panel.getByLabel('What the review looks at, and why').fill('Booking takes too long.');
	await panel.getByRole('button', { name: 'Start the review' }).click();
	await expect(panel.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(panel.getByText('Panel at work')).toBeVisible();

	await panel.locator('summary', { hasText: 'Add evidence' }).click();
	await panel.getByLabel('A site visit').check();
	await panel.getByLabel('What it is', { exact: true }).fill('Visit to the contact centre');
	await panel.getByRole('button', { name: 'Add evidence' }).click();
	// The error opens the evidence form again, with what was chosen kept.
	await expect(panel.locator('.govuk-error-summary')).toContainText(
		'Enter what the panel found in it'
	);
	await expect(panel.getByLabel('A site visit')).toBeChecked();
	await expect(panel.getByLabel('What it is', { exact: true })).toHaveValue(
		'Visit to the contact centre'
	);
	await expectNoAxeViolations(panel);
	await panel.getByLabel('What the panel found in it').fill('Calls are passed between teams.');
	await panel.getByRole('button', { name: 'Add evidence' }).click();
	await expect(panel.getByTestId('evidence')).toContainText('Calls are passed between teams.');

	await panel
		.getByLabel('Add a recommendation')
		.fill('Let callers book a repair on the first call.');
	await panel.getByRole('button', { name: 'Add recommendation' }).click();
	await expect(panel.getByTestId('recommendation-1')).toBeVisible();
	await expectNoAxeViolations(panel);
	await panel.getByRole('button', { name: 'Send the review to the organisation' }).click();
	await expect(panel.getByText('Awaiting the organisation’s response')).toBeVisible();
	await expect(panel.getByLabel('Add a recommendation')).toHaveCount(0);
	const reviewUrl = panel.url().replace(/#.*$/, '');

	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await signIn(staff, 'staff');
	await staff.getByRole('link', { name: 'Scrutiny', exact: true }).click();
	await expectNoAxeViolations(staff);
	await staff.getByRole('link', { name: title }).click();
	await expectNoAxeViolations(staff);
	await staff.getByRole('link', { name: 'Respond to recommendation 1' }).click();
	await staff.getByLabel('Partly accepted').check();
	await staff.getByRole('button', { name: 'Save response' }).click();
	await expect(staff.locator('.govuk-error-summary')).toContainText(
		'Give the reasons for not accepting it in full'
	);
	await expect(staff.getByLabel('Partly accepted')).toBeChecked();
	await expectNoAxeViolations(staff);
	await staff.getByLabel('Reasons').fill('Most repairs, but not gas work.');
	await staff.getByRole('button', { name: 'Save response' }).click();
	await expect(staff.getByText('Response saved')).toBeVisible();
	await staff.getByLabel('What will be done').fill('Train call handlers to book on the call');
	await staff.getByLabel('Owner').selectOption({ label: 'Test staff' });
	await staff.getByLabel('Due date').fill('2027-02-28');
	await staff.getByRole('button', { name: 'Add action' }).click();
	await expect(
		staff.getByRole('link', { name: 'Train call handlers to book on the call' })
	).toBeVisible();
	await staff.getByRole('link', { name: 'Train call handlers to book on the call' }).click();
	await expectNoAxeViolations(staff);
	await staff.getByLabel('Done', { exact: true }).check();
	await staff.getByLabel('Progress (optional)').fill('All handlers trained in January.');
	await staff.getByRole('button', { name: 'Save action' }).click();
	await expect(staff.getByText('All handlers trained in January.')).toBeVisible();

	await panel.goto(reviewUrl);
	await expect(panel.getByText('Complete', { exact: true })).toBeVisible();
	await expect(panel.getByTestId('reasons')).toHaveText('Most repairs, but not gas work.');
	await expect(panel.getByText('All handlers trained in January.')).toBeVisible();
	await expectNoAxeViolations(panel);
	await panelContext.close();
	await staffContext.close();
});
