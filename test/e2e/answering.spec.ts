import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('every page of a survey passes axe: start, every question type, the error state, check answers and confirmation', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/s/every-question');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Start now' }).click();

	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText(['Select an answer']);
	await expectNoAxeViolations(page);
	await summary.getByRole('link').first().click();
	await expect(page.getByLabel('By phone')).toBeFocused();
	await page.getByLabel('Another way', { exact: true }).check();
	await page
		.getByLabel(/Please specify/)
		.first()
		.fill('Letter');
	await page.getByRole('button', { name: 'Continue' }).click();

	for (const heading of ['How we did', 'Scores', 'Details', 'Our communal areas']) {
		await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
		if (heading === 'How we did') await page.getByLabel('Fairly satisfied').check();
		await page.getByRole('button', { name: 'Continue' }).click();
	}
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	await expect(page.getByText('Another way: Letter')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('heading', { name: 'Answers sent' })).toBeVisible();
	await expect(page.getByTestId('reference')).toHaveText(/^[A-Z]{1,3}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
	await expectNoAxeViolations(page);
});

test('a survey can be completed with the keyboard alone', async ({ page }) => {
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
	// Tab to the first radio, choose it with the space bar, then on to Continue.
	await page.getByLabel('By phone').focus();
	await page.keyboard.press('Space');
	await expect(page.getByLabel('By phone')).toBeChecked();
	await page.getByRole('button', { name: 'Continue' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
	await page.getByLabel('Very satisfied').first().focus();
	await page.keyboard.press('Space');
	for (const next of ['Scores', 'Details', 'Our communal areas', 'Check your answers']) {
		await page.getByRole('button', { name: 'Continue' }).focus();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: next, level: 1 })).toBeVisible();
	}
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	await page.getByRole('button', { name: 'Send answers' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Answers sent' })).toBeVisible();
});

test('with JavaScript off, on a 320 px screen, answers are kept after an error and nothing scrolls sideways', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 320, height: 640 }
	});
	const page = await context.newPage();
	await page.goto('/s/every-question');
	await expectNoSidewaysScroll(page);
	await page.getByRole('button', { name: 'Start now' }).click();
	await page.getByLabel('By email').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Select how satisfied you are');
	await page.getByLabel('Very dissatisfied').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectNoSidewaysScroll(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('How many visits did the repair take?').fill('25');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toBeVisible();
	await expect(page.getByLabel('How many visits did the repair take?')).toHaveValue('25');
	await expectNoSidewaysScroll(page);
	await page.getByLabel('How many visits did the repair take?').fill('2');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectNoSidewaysScroll(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectNoSidewaysScroll(page);
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('heading', { name: 'Answers sent' })).toBeVisible();
	await context.close();
});

test('with JavaScript on, a long answer counts characters as you type, and a change link comes back to check answers', async ({
	page
}) => {
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Fairly satisfied').first().check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();

	await expect(page.getByRole('heading', { name: 'Details', level: 1 })).toBeVisible();
	const longAnswer = page.getByLabel('Anything else you would like to tell us?');
	// 500 allowed; "Hello 👋" is 7 characters (the emoji is one), not 8 UTF-16 units.
	await longAnswer.pressSequentially('Hello 👋');
	await expect(page.getByText('You have 493 characters remaining')).toBeVisible();
	await longAnswer.fill('x'.repeat(501));
	await longAnswer.press('End');
	await longAnswer.pressSequentially('y');
	await expect(page.getByText('You have 2 characters too many')).toBeVisible();
	await longAnswer.fill('Thanks');
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();

	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	await expect(page.getByText('By phone')).toBeVisible();
	await page.getByRole('link', { name: 'Change How did you last contact us?' }).click();
	await expect(page.getByRole('heading', { name: 'About you', level: 1 })).toBeVisible();
	await expect(page.getByLabel('By phone')).toBeChecked();
	await page.getByLabel('By email').check();
	await page.getByRole('button', { name: 'Save and return to your answers' }).click();
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	await expect(page.getByText('By email')).toBeVisible();
	await expect(page.getByText('Thanks', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('heading', { name: 'Answers sent' })).toBeVisible();
});

test('with JavaScript on, a question that depends on an answer on the same page appears and goes as it is answered', async ({
	page
}) => {
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
	const outstanding = page.getByLabel('What is still to be done?');
	await expect(outstanding).toBeHidden();
	await page.getByLabel('Fairly satisfied').first().check();
	await page.getByRole('radio', { name: 'No', exact: true }).check();
	await expect(outstanding).toBeVisible();
	const status = page.locator('[data-live-status]');
	await expect(status).toHaveText('1 question added below');
	await expect(status).toHaveAttribute('aria-live', 'polite');
	await expectNoAxeViolations(page);
	// Shown, so required: the server, deciding from the same rules, asks for it.
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter what is still to be done');
	await expect(page.locator('.govuk-error-summary')).toBeFocused();
	await expect(page.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
	await expect(outstanding).toBeVisible();
	await outstanding.fill('Fix the boiler');
	await page.getByRole('radio', { name: 'Yes', exact: true }).check();
	await expect(outstanding).toBeHidden();
	await expect(status).toHaveText('1 question removed');
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	// Hidden when the page was sent, so its answer was not kept.
	await expect(page.getByText('Fix the boiler')).toHaveCount(0);
	await expect(page.getByText('What is still to be done?')).toHaveCount(0);
});

test('a question its page does not yet ask is hidden from the first paint, shown if no script takes over, and shown with JavaScript off', async ({
	browser
}) => {
	const reachHowWeDid = async (
		javaScriptEnabled: boolean,
		script: 'loads' | 'fails' | 'throws' | 'off'
	) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		// Time stands still until the test moves it, so the 10-second fallback waits for it.
		if (javaScriptEnabled) {
			await page.clock.install({ time: new Date('2026-12-01T09:00:00Z') });
			await page.clock.pauseAt(new Date('2026-12-01T09:00:01Z'));
		}
		const respondentScript = /\/_app\/immutable\/respondent\.[0-9a-f]+\.js$/;
		if (script === 'fails') await page.route(respondentScript, (route) => route.abort());
		if (script === 'throws')
			await page.route(respondentScript, (route) =>
				route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("broken")' })
			);
		await page.goto('/s/every-question');
		await page.getByRole('button', { name: 'Start now' }).click();
		await page.getByLabel('By phone').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
		return { page, context, outstanding: page.getByLabel('What is still to be done?') };
	};

	// The respondent script fails to load: every question shows at once.
	const failed = await reachHowWeDid(true, 'fails');
	await expect(failed.outstanding).toBeVisible();
	await failed.context.close();

	// It loads but breaks: the stylesheet alone hides the question, until the fallback.
	const broken = await reachHowWeDid(true, 'throws');
	await expect(broken.outstanding).toBeHidden();
	await broken.page.clock.runFor(11_000);
	await expect(broken.outstanding).toBeVisible();
	await broken.context.close();

	// The script took over: the fallback changes nothing.
	const loaded = await reachHowWeDid(true, 'loads');
	await expect(loaded.outstanding).toBeHidden();
	await loaded.page.clock.runFor(11_000);
	await expect(loaded.outstanding).toBeHidden();
	await loaded.page.getByRole('radio', { name: 'No', exact: true }).check();
	await expect(loaded.outstanding).toBeVisible();
	await loaded.context.close();

	const off = await reachHowWeDid(false, 'off');
	await expect(off.outstanding).toBeVisible();
	await off.context.close();
});

test('staff entering a telephone response see the same question appear and go, in the full app', async ({
	page
}) => {
	await signIn(page, 'staff');
	await page.goto('/admin/surveys');
	await page.getByRole('link', { name: 'Every question type' }).click();
	await page.waitForURL(/\/admin\/surveys\/\d+$/);
	const id = page.url().match(/\/admin\/surveys\/(\d+)$/)![1];
	await page.goto(`/admin/surveys/${id}/responses/new`);
	await page.getByLabel('Telephone').check();
	await page.getByRole('button', { name: 'Start entering answers' }).click();
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
	const outstanding = page.getByLabel('What is still to be done?');
	await expect(outstanding).toBeHidden();
	await page.getByRole('radio', { name: 'No', exact: true }).check();
	await expect(outstanding).toBeVisible();
	await expect(page.locator('[data-live-status]')).toHaveText('1 question added below');
	await page.getByRole('radio', { name: 'Yes', exact: true }).check();
	await expect(outstanding).toBeHidden();
});

// The question is the legend of a fieldset round the rows, so each row's group is heard with it.
async function expectGridRowsInsideQuestion(page: Page) {
	await expect(page.getByRole('heading', { name: 'Our communal areas', level: 1 })).toBeVisible();
	const question = page.getByRole('group', { name: 'How satisfied are you with each of these?' });
	await expect(question).toBeVisible();
	await expect(question.getByRole('group')).toHaveCount(2);
	const stairs = question.getByRole('group', { name: 'Stairs and landings' });
	await stairs.getByRole('radio', { name: 'Fairly satisfied' }).check();
	await expect(stairs.getByRole('radio', { name: 'Fairly satisfied' })).toBeChecked();
	await expect(
		question
			.getByRole('group', { name: 'Bin stores' })
			.getByRole('radio', { name: 'Fairly satisfied' })
	).not.toBeChecked();
}

test('a grid question is one group named by the question, holding a group for each row', async ({
	page
}) => {
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Fairly satisfied').first().check();
	for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Continue' }).click();
	await expectGridRowsInsideQuestion(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	await expect(page.getByText('Stairs and landings: Fairly satisfied')).toBeVisible();
});

test('staff entering a telephone response see the grid grouped the same way, in the full app', async ({
	page
}) => {
	await signIn(page, 'staff');
	await page.goto('/admin/surveys');
	await page.getByRole('link', { name: 'Every question type' }).click();
	await page.waitForURL(/\/admin\/surveys\/\d+$/);
	const id = page.url().match(/\/admin\/surveys\/(\d+)$/)![1];
	await page.goto(`/admin/surveys/${id}/responses/new`);
	await page.getByLabel('Telephone').check();
	await page.getByRole('button', { name: 'Start entering answers' }).click();
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
	await page.getByLabel('Fairly satisfied').first().check();
	for (const next of ['Scores', 'Details', 'Our communal areas']) {
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('heading', { name: next, level: 1 })).toBeVisible();
	}
	await expectGridRowsInsideQuestion(page);
});

test('pages opened from a secret link send no Referer, and their forms still work', async ({
	page
}) => {
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
	expect(new URL(page.url()).pathname).toMatch(/^\/s\/every-question\/r\/[a-z2-7]+\/p\//);

	const requests: { method: string; referer?: string; origin?: string }[] = [];
	page.on('request', (request) => {
		void request.allHeaders().then((headers) =>
			requests.push({
				method: request.method(),
				referer: headers.referer,
				origin: headers.origin
			})
		);
	});
	await page.getByLabel('By phone').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'How we did', level: 1 })).toBeVisible();

	const posts = requests.filter((r) => r.method === 'POST');
	expect(posts.length).toBeGreaterThan(0);
	// A no-referrer page's form carries Origin: null, which the server accepts for these pages only.
	expect(posts.every((r) => r.origin === 'null')).toBe(true);
	expect(requests.length).toBeGreaterThan(posts.length);
	expect(requests.filter((r) => r.referer)).toEqual([]);
});

test('a respondent downloads under 50 KB gzip and no application, chart, admin or builder code', async ({
	page,
	request
}) => {
	const fetched = new Set<string>();
	page.on('response', (response) => {
		if (response.status() === 200) fetched.add(response.url());
	});
	await page.goto('/s/every-question');
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const scripts = [...fetched].filter((url) => new URL(url).pathname.endsWith('.js'));
	expect(scripts.map((url) => new URL(url).pathname)).toEqual([
		expect.stringMatching(/^\/_app\/immutable\/respondent\.[0-9a-f]+\.js$/)
	]);
	let total = 0;
	for (const url of fetched) {
		const body = await (await request.get(url)).body();
		total += gzipSync(body, { level: 6 }).length;
	}
	expect(total).toBeGreaterThan(5 * 1024);
	expect(total).toBeLessThan(50 * 1024);
});
