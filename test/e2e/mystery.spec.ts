import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

const PNG = Buffer.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82
]);
const isoDay = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe.serial('mystery shopping', () => {
	test.describe.configure({ timeout: 90_000 });
	test('staff build a scorecard and assign it to a shopper', async ({ page }) => {
		await signIn(page, 'admin');
		await page.goto('/admin/services');
		await page.getByLabel('Service name').fill('Repairs');
		await page.getByRole('button', { name: 'Add service' }).click();

		await page.goto('/admin/mystery-shopping');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Scorecards' }).click();
		await page.getByLabel('Name').fill('Telephone standards');
		await page.getByLabel('Channel').selectOption('telephone');
		await page.getByRole('button', { name: 'Create scorecard' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Telephone standards');

		await page.getByLabel('Section title').fill('Handling');
		await page.getByLabel('Weight').fill('1');
		await page.getByRole('button', { name: 'Add section' }).click();
		await expect(page.getByRole('heading', { name: /Handling/ })).toBeVisible();

		const addItem = async (text: string, kind: string, points: string) => {
			await page.locator('summary', { hasText: 'Add an item' }).click();
			const form = page.locator('form[action="?/addItem"]');
			await form.getByLabel('Question for the shopper').fill(text);
			await form.getByLabel('Type of answer').selectOption(kind);
			await form.getByLabel('Points').fill(points);
			await form.getByRole('button', { name: 'Add item' }).click();
			await expect(page.locator('li strong', { hasText: text })).toBeVisible();
		};
		await addItem('Gave their name', 'yes-no', '1');
		await addItem('How helpful was the adviser?', 'scale', '2');
		await expectNoAxeViolations(page);

		await page.goto('/admin/mystery-shopping/assignments');
		await page
			.getByLabel('Scorecard (sets the channel)')
			.selectOption({ label: 'Telephone standards (Telephone call)' });
		await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Repairs' });
		await page.getByLabel('Shopper', { exact: true }).selectOption({ label: 'Test shopper' });
		await page.getByLabel('Window from').fill(isoDay(-2));
		await page.getByLabel('Window to').fill(isoDay(5));
		await page
			.getByLabel('Brief for the shopper')
			.fill('Ring the repairs line about a dripping tap.');
		await page.getByRole('button', { name: 'Create assignment' }).click();
		await expect(page.getByText('Assignment created')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('a shopper on a phone saves progress, and a "no" without a comment is refused', async ({
		browser
	}) => {
		const context = await browser.newContext({
			viewport: { width: 375, height: 740 },
			isMobile: true
		});
		const page = await context.newPage();
		await signIn(page, 'shopper');
		await page.getByRole('link', { name: 'Telephone call: Repairs' }).click();
		await expect(page.getByText('Ring the repairs line about a dripping tap.')).toBeVisible();
		await expectNoAxeViolations(page);

		await page
			.getByRole('group', { name: 'Gave their name' })
			.getByRole('radio', { name: 'No' })
			.check();
		await page.getByRole('button', { name: 'Save progress' }).click();
		await expect(page.getByText('Progress saved')).toBeVisible();
		await expect(
			page.getByRole('group', { name: 'Gave their name' }).getByRole('radio', { name: 'No' })
		).toBeChecked();

		await page.getByLabel('When did the visit happen?').fill(`${isoDay(0)}T10:30`);
		await page
			.getByRole('group', { name: 'How helpful was the adviser?' })
			.getByRole('radio', { name: '4' })
			.check();

		// A file over the limit is caught before anything is sent, so nothing typed is lost.
		const evidence = page.locator('input[type=file]').first();
		await evidence.setInputFiles({
			name: 'huge-photo.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.alloc(5 * 1024 * 1024 + 1)
		});
		await page.getByRole('button', { name: 'Save progress' }).click();
		await expect(page.locator('#too-large')).toContainText('huge-photo.jpg is larger than 5 MB');
		await expect(page.locator('#too-large')).toBeFocused();
		await expect(
			page.getByRole('group', { name: 'How helpful was the adviser?' }).getByRole('radio', {
				name: '4'
			})
		).toBeChecked();
		await expect(page.getByLabel('When did the visit happen?')).toHaveValue(`${isoDay(0)}T10:30`);
		await evidence.setInputFiles([]);

		await page.getByRole('button', { name: 'Submit scorecard' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText(
			'Add a comment to explain why the answer to "Gave their name" is no'
		);
		await expectNoAxeViolations(page);
		await context.close();
	});

	test('the shopper finishes and submits without JavaScript, attaching evidence', async ({
		browser
	}) => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 375, height: 740 }
		});
		const page = await context.newPage();
		await signIn(page, 'shopper');
		await page.getByRole('link', { name: 'Telephone call: Repairs' }).click();
		const name = page.getByRole('group', { name: 'Gave their name' });
		await expect(name.getByRole('radio', { name: 'No' })).toBeChecked();
		await page.getByLabel('When did the visit happen?').fill(`${isoDay(0)}T10:30`);
		await page
			.getByRole('group', { name: 'How helpful was the adviser?' })
			.getByRole('radio', { name: '4' })
			.check();
		await name.getByLabel('Comment (needed for every “no”)').fill('Only said "Repairs".');
		await name.getByLabel('Evidence (optional)').setInputFiles({
			name: 'call-log.png',
			mimeType: 'image/png',
			buffer: PNG
		});
		await page.getByRole('button', { name: 'Submit scorecard' }).click();
		await expect(page).toHaveURL(/\/shopper\?submitted=/);
		await expect(page.getByText('Scorecard submitted')).toBeVisible();
		await context.close();
	});

	test('staff review the visit, approve it, and see it in results and a printable report', async ({
		page
	}) => {
		await signIn(page, 'staff');
		await page.goto('/admin/mystery-shopping/review');
		await page
			.getByRole('link', { name: /^Visit \d+$/ })
			.first()
			.click();
		await expect(page.getByRole('row', { name: /Visit inside the window/ })).toContainText(
			'Passed'
		);
		await expect(page.getByRole('row', { name: /A comment for every/ })).toContainText('Passed');
		await expect(page.getByRole('link', { name: 'Download call-log.png' })).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByLabel('Approve: the visit counts in results').check();
		await page.getByRole('button', { name: 'Save decision' }).click();
		await expect(page.getByText(/Visit \d+ approved/)).toBeVisible();

		await page.goto('/admin/mystery-shopping/results');
		// Name "no" → 0 of 1; helpfulness 4 → 2 × 3/4 = 1.5 of 2: 1.5 ÷ 3 = 50%.
		await expect(page.getByTestId('average-final')).toContainText('50.0% over 1 approved visits');
		await expect(page.getByRole('row', { name: /Gave their name/ })).toContainText('0.0%');
		await expectNoAxeViolations(page);
	});
});
