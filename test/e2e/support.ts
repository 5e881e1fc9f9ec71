import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { accountFor, E2E_PASSWORD } from './accounts';

export async function signIn(page: Page, role: 'admin' | 'staff' | 'panel' | 'shopper') {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(accountFor(role));
	await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** WCAG 2.2 A and AA rules, with axe's best practices. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	expect(
		results.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		)
	).toEqual([]);
}

type ReceivedMail = { to: string[]; subject: string; text: string };

/** Mail this worker's test SMTP server (started by serve.js) has received so far. */
export function receivedMail(): ReceivedMail[] {
	const port = new URL(test.info().project.use.baseURL!).port;
	const path = join(tmpdir(), `said-and-done-e2e-mail-${port}.jsonl`);
	if (!existsSync(path)) return [];
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as ReceivedMail);
}

export async function waitForMail(
	predicate: (mail: ReceivedMail) => boolean
): Promise<ReceivedMail> {
	let found: ReceivedMail | undefined;
	await expect
		.poll(() => (found = receivedMail().find(predicate)), { timeout: 15_000 })
		.toBeTruthy();
	return found!;
}
