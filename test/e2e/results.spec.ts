import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations, signIn } from './support';

/** Creates and opens an NPS survey through the staff forms; returns its id and public path. */
async function openNpsSurvey(page: Page, title: string) {
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
	await page.goto(`/admin/surveys/${id}`);
	const link = await page.locator('code').first().textContent();
	return { id, publicPath: new URL(link!).pathname };
}

async function answer(page: Page, publicPath: string, score: string, reason: string) {
	await page.goto(publicPath);
	await page.getByRole('button', { name: /Start now/ }).click();
	await page.getByLabel(score, { exact: true }).check();
	await page.getByLabel('What is the main reason for your score?').fill(reason);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Send answers' }).click();
	await page.waitForURL(/\/done$|thanks/);
}

test('a dashboard opens, filters, and exports CSV and XLSX whose formula-like cells are inert', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	// An admin, because three responses are below the minimum group size that staff and the panel see.
	await signIn(page, 'admin');
	const { id, publicPath } = await openNpsSurvey(page, 'Results in the browser');

	const respondent = await browser.newPage();
	await answer(respondent, publicPath, '10', '=SUM(A1:A9)');
	await answer(respondent, publicPath, '9', '+44 20 7946 0000');
	await answer(respondent, publicPath, '3', '@risk of damp');
	await respondent.close();

	await page.goto(`/admin/surveys/${id}`);
	await page.getByRole('link', { name: 'Results' }).click();
	await expect(page.getByTestId('results-responses')).toHaveText('3');
	// P 2, D 1 of 3: 100 × (2 − 1) / 3 = +33.3.
	await expect(page.getByTestId('nps-score')).toHaveText('+33.3');
	await expect(page.getByTestId('chart').first()).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Channel').selectOption('telephone');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/channel=telephone/);
	await expect(page.getByTestId('results-responses')).toHaveText('0');

	await page.getByLabel('Channel').selectOption('online');
	await page.getByLabel('From').fill('2020-01-01');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page.getByTestId('results-responses')).toHaveText('3');
	// Clearing the filters clears the fields too, not just the figures.
	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(page).not.toHaveURL(/from=/);
	await expect(page.getByLabel('From')).toHaveValue('');
	await expect(page.getByLabel('Channel')).toHaveValue('');
	await page.getByLabel('Channel').selectOption('online');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/channel=online/);

	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-link').click();
	const download = await downloading;
	const csv = readFileSync((await download.path())!, 'utf8');
	const lines = csv.trim().split('\r\n');
	expect(lines).toHaveLength(4);
	expect(lines[0]).toContain('NPS_REASON');
	expect(csv).toContain(`'=SUM(A1:A9)`);
	expect(csv).toContain(`'+44 20 7946 0000`);
	expect(csv).toContain(`'@risk of damp`);
	expect(csv).not.toMatch(/(^|,)[=+@-]/m);

	const downloadingXlsx = page.waitForEvent('download');
	await page.getByTestId('export-xlsx-link').click();
	const xlsx = await downloadingXlsx;
	expect(xlsx.suggestedFilename()).toBe(`survey-${id}-responses.xlsx`);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await xlsx.path())!);
	const sheet = workbook.worksheets[0]!;
	expect(sheet.rowCount).toBe(4);
	const header = sheet.getRow(1).values as unknown[];
	const reasons = [2, 3, 4].map((n) => sheet.getRow(n).getCell(header.indexOf('NPS_REASON')));
	expect(reasons.map((cell) => cell.type)).toEqual(Array(3).fill(ExcelJS.ValueType.String));
	expect(reasons.map((cell) => cell.value)).toEqual([
		`'=SUM(A1:A9)`,
		`'+44 20 7946 0000`,
		`'@risk of damp`
	]);
});
