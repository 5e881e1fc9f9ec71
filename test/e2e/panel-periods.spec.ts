import { expect, test, type Page } from '@playwright/test';
import { reportingYearOf } from '../../src/lib/domain/calendar/reporting-year';
import { expectNoAxeViolations, signIn } from './support';

test.describe.configure({ timeout: 120_000 });

/** An NPS survey opened by staff through the forms; returns its id. */
async function openSurvey(page: Page, title: string) {
	await signIn(page, 'staff');
	const origin = new URL(page.url()).origin;
	const headers = { origin, accept: 'text/html' };
	const created = await page.request.post('/admin/surveys?/create', {
		form: { template: 'nps', title },
		headers,
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const id = created.headers()['location']!.split('/').pop()!;
	const opened = await page.request.post(`/admin/surveys/${id}?/open`, {
		form: {},
		headers,
		maxRedirects: 0
	});
	expect(opened.status()).toBe(303);
	return id;
}

const year = reportingYearOf(new Date());
const yearLabel = `${year.label} (April ${year.startYear} to March ${year.startYear + 1})`;

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the panel chooses a reporting period from a list; free dates are refused', async ({
		page,
		browser
	}) => {
		const staff = await (await browser.newContext()).newPage();
		const id = await openSurvey(staff, 'Periods without JavaScript');

		await signIn(page, 'panel');
		await page.goto(`/panel/surveys/${id}`);
		await expect(page.getByLabel('From')).toHaveCount(0);
		const period = page.getByLabel('Period');
		await expect(period).toHaveValue('');
		await expect(page.getByTestId('results-period')).toHaveText('Showing: All time');

		await period.selectOption({ label: yearLabel });
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(new RegExp(`[?&]year=${year.startYear}(&|$)`));
		await expect(page.getByLabel('Period')).toHaveValue(String(year.startYear));
		await expect(page.getByTestId('results-period')).toContainText(year.label);
		await expect(page.getByTestId('export-link')).toHaveAttribute(
			'href',
			new RegExp(`year=${year.startYear}`)
		);

		const refused = await page.goto(
			`/panel/surveys/${id}?from=${year.firstDay}&to=${year.lastDay}`
		);
		expect(refused?.status()).toBe(400);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'not between dates: remove “from” and “to” from the address and choose a period from the list'
		);
	});
});

test('the panel’s period choice and the refusal of free dates pass axe', async ({
	page,
	browser
}) => {
	const staff = await (await browser.newContext()).newPage();
	const id = await openSurvey(staff, 'Periods and axe');
	await signIn(page, 'panel');
	await page.goto(`/panel/surveys/${id}?year=${year.startYear}`);
	await expect(page.getByLabel('Period')).toHaveValue(String(year.startYear));
	await expectNoAxeViolations(page);
	await page.goto(`/panel/surveys/${id}?from=${year.firstDay}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('not between dates');
	await expectNoAxeViolations(page);
});
