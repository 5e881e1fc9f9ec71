import { expect, test } from '@playwright/test';
import { E2E_ORGANISATION } from './accounts';
import { expectNoAxeViolations, signIn } from './support';

test('the public home page names the organisation, links to privacy and accessibility, and passes axe', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.locator('header')).toContainText(E2E_ORGANISATION);
	await expect(page.getByRole('link', { name: 'Privacy' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Accessibility statement' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the sign-in page passes axe, and so does its error state', async ({ page }) => {
	await page.goto('/sign-in');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Sign in' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Enter an email address' })).toHaveAttribute(
		'href',
		'#email'
	);
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
});

test('what someone types while a page is still loading is kept when its script arrives', async ({
	page
}) => {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/entry/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Email address').fill('someone@example.org');
	const started = page.waitForResponse('**/_app/immutable/entry/app.*');
	release();
	await started;
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Password', { exact: true }).fill('x');
	await expect(page.getByLabel('Email address')).toHaveValue('someone@example.org');
});

test('a long answer written while the "Tell us" page is still loading is kept when its script arrives', async ({
	page
}) => {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/tell-us', { waitUntil: 'domcontentloaded' });
	const message = page.locator('textarea[name="text"]');
	await message.fill('The lift has been broken for a week.');
	release();
	await page.waitForLoadState('networkidle');
	await expect(message).toHaveValue('The lift has been broken for a week.');
});

test('a choice made while a staff page is still loading is kept when its script arrives', async ({
	page
}) => {
	await signIn(page, 'staff');
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/admin/surveys', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('A blank survey').check();
	await page.getByLabel('Title (optional)').fill('Typed early');
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('A blank survey')).toBeChecked();
	await expect(page.getByLabel('Title (optional)')).toHaveValue('Typed early');
});

test('the skip link is the first thing the keyboard reaches', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
});

test('no page asks a third-party host for anything', async ({ page }) => {
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') foreign.push(request.url());
	});
	for (const path of ['/', '/sign-in', '/privacy', '/accessibility']) await page.goto(path);
	await signIn(page, 'admin');
	await page.goto('/admin/settings');
	expect(foreign).toEqual([]);
});

const menus = {
	admin: {
		home: '/admin',
		items: [
			'Overview',
			'Surveys',
			'Consultations',
			'Customers',
			'Mystery shopping',
			'Contacts',
			'Complaints',
			'Scrutiny',
			'Scorecard',
			'Standards',
			'Themes',
			'Complaint settings',
			'Users',
			'Services',
			'Settings',
			'Retention',
			'Audit log',
			'Mail'
		],
		refused: [] as string[]
	},
	staff: {
		home: '/admin',
		items: [
			'Overview',
			'Surveys',
			'Consultations',
			'Customers',
			'Mystery shopping',
			'Contacts',
			'Complaints',
			'Scrutiny',
			'Scorecard',
			'Standards',
			'Themes'
		],
		refused: ['/admin/users', '/admin/settings', '/panel', '/shopper']
	},
	panel: {
		home: '/panel',
		items: ['Panel home', 'Complaint handling', 'Survey results', 'Reviews', 'Scorecard'],
		refused: ['/admin', '/admin/users', '/shopper']
	},
	shopper: {
		home: '/shopper',
		items: ['My assignments'],
		refused: ['/admin', '/panel', '/admin/settings']
	}
} as const;

for (const [role, menu] of Object.entries(menus) as [
	keyof typeof menus,
	(typeof menus)[keyof typeof menus]
][]) {
	test(`${role}: lands in their own area, sees their menu, and is refused elsewhere`, async ({
		page
	}) => {
		await signIn(page, role);
		await expect(page).toHaveURL(menu.home);
		const nav = page.getByRole('navigation', { name: /menu/ });
		await expect(nav.getByRole('link')).toHaveText([...menu.items]);
		await expectNoAxeViolations(page);
		for (const path of menu.refused) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		}
		await page.goto(menu.home);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/sign-in/);
		const back = await page.goto(menu.home);
		expect(back?.url()).toContain('/sign-in?next=');
	});
}

test('works without JavaScript: signing in and saving settings', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill('admin@example.org');
	await page.getByLabel('Password', { exact: true }).fill('wrong password entirely');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Enter a correct email address and password'
	);
	await expect(page.getByLabel('Email address')).toHaveValue('admin@example.org');
	await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/admin');
	await page.goto('/admin/settings');
	await page.getByLabel('Minimum group size', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Minimum group size must be between 3 and 1000'
	);
	await expect(page.getByLabel('Minimum group size', { exact: true })).toHaveValue('2');
	await context.close();
});
