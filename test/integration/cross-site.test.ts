import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { customer, mailMessage, survey } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

/** A form post with exactly the headers given: no cookie or Origin unless asked for. */
function rawPost(path: string, body: BodyInit, headers: Record<string, string>) {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { accept: 'text/html', ...headers },
		body
	});
}

const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
const customerCount = () => db.select().from(customer).all().length;

/** Invites one customer (mail waits in the outbox) and returns the links from the message. */
async function inviteOne(email: string) {
	const added = await staff.post('/admin/customers/new', {
		name: `Customer ${email}`,
		email,
		tenure: 'LCRA',
		consentSurveys: 'yes'
	});
	expect(added.status).toBe(303);
	const created = await staff.post('/admin/surveys?/create', { template: 'nps', title: email });
	const id = Number(created.headers.get('location')!.split('/').pop());
	const row = db.select().from(survey).where(eq(survey.id, id)).get()!;
	await staff.post(`/admin/surveys/${id}?/settings`, {
		title: email,
		description: 'How did we do?',
		slug: row.slug,
		accessMode: 'invitation',
		anonymity: 'anonymous'
	});
	expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
		notInvitedDays: '0',
		consentOnly: 'yes',
		reminders: '0',
		reminderIntervalDays: '7'
	});
	expect(sent.status).toBe(303);
	const mail = db.select().from(mailMessage).where(eq(mailMessage.to, email)).get()!;
	return {
		invitation: new URL(mail.text.match(/https?:\/\/\S+\/i\/[a-z2-7]+/)![0]).pathname,
		unsubscribe: new URL(mail.headers!['List-Unsubscribe']!.slice(1, -1)).pathname
	};
}

describe('cross-site form posts', () => {
	test('a form post from another site is refused, whatever its encoding, and changes nothing', async () => {
		const before = customerCount();
		const cookie = `session=${staff.cookie('session')}`;
		const fields = new URLSearchParams({ name: 'Forged', email: 'forged@example.net' });
		const multipart = new FormData();
		multipart.append('name', 'Forged');
		for (const [body, type] of [
			[fields, urlencoded],
			[multipart, {}],
			['name=Forged', { 'content-type': 'text/plain' }]
		] as const) {
			const res = await rawPost('/admin/customers/new', body, {
				...type,
				cookie,
				origin: 'https://attacker.example'
			});
			expect(res.status).toBe(403);
			expect(await res.text()).toContain('Cross-site POST form submissions are forbidden');
		}
		expect(customerCount()).toBe(before);
	});

	test('a form post with no Origin, or Origin null, to an ordinary action is refused', async () => {
		const before = customerCount();
		const cookie = `session=${staff.cookie('session')}`;
		const body = () => new URLSearchParams({ name: 'Forged', email: 'forged@example.net' });
		expect((await rawPost('/admin/customers/new', body(), { ...urlencoded, cookie })).status).toBe(
			403
		);
		for (const site of ['same-origin', 'cross-site']) {
			const res = await rawPost('/admin/customers/new', body(), {
				...urlencoded,
				cookie,
				origin: 'null',
				'sec-fetch-site': site
			});
			expect(res.status).toBe(403);
		}
		const signIn = await rawPost(
			'/sign-in',
			new URLSearchParams({ email: 'staff@example.org', password: TEST_PASSWORD }),
			urlencoded
		);
		expect(signIn.status).toBe(403);
		expect(signIn.headers.getSetCookie()).toEqual([]);
		expect(customerCount()).toBe(before);
	});

	test('a form post from the site itself still works', async () => {
		const res = await staff.post('/admin/customers/new', {
			name: 'Same Site',
			email: 'same-site@example.net',
			tenure: 'LCRA'
		});
		expect(res.status).toBe(303);
	});

	test('the RFC 8058 one-click unsubscribe, sent with no Origin, opts the customer out; nothing else gets through', async () => {
		const { unsubscribe } = await inviteOne('one-click@example.net');
		const optedOut = () =>
			db.select().from(customer).where(eq(customer.email, 'one-click@example.net')).get()!
				.optedOutAt;

		for (const body of ['', 'List-Unsubscribe=One-Click&more=1', 'List-Unsubscribe=Yes'])
			expect((await rawPost(unsubscribe, body, urlencoded)).status).toBe(403);
		expect(optedOut()).toBeNull();

		const oneClick = await rawPost(unsubscribe, 'List-Unsubscribe=One-Click', urlencoded);
		expect(oneClick.status).toBe(303);
		expect(optedOut()).not.toBeNull();

		// Some providers send it as multipart/form-data (RFC 8058 allows both).
		const { unsubscribe: second } = await inviteOne('multipart@example.net');
		const multipart = new FormData();
		multipart.append('List-Unsubscribe', 'One-Click');
		expect((await rawPost(second, multipart, {})).status).toBe(303);
		expect(
			db.select().from(customer).where(eq(customer.email, 'multipart@example.net')).get()!
				.optedOutAt
		).not.toBeNull();
	});

	test('pages opened from a secret link send no Referer, and their own forms (Origin null) still work', async () => {
		const { invitation, unsubscribe } = await inviteOne('no-referrer@example.net');
		const respondent = new Client(server.url);
		const opened = await respondent.get(invitation);
		expect(opened.status).toBe(303);
		expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
		const page = opened.headers.get('location')!;
		expect(page).toMatch(/^\/s\/[^/]+\/r\/[^/]+\/p\/[^/]+$/);
		const html = await respondent.get(page);
		expect(html.status).toBe(200);
		expect(html.headers.get('referrer-policy')).toBe('no-referrer');
		const field = (await html.text()).match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;

		// A browser posts a no-referrer page's form with Origin: null.
		const saved = await respondent.post(
			page,
			{ [field]: '9' },
			{ origin: 'null', 'sec-fetch-site': 'same-origin' }
		);
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toMatch(/\/(check|p\/[^/]+)$/);
		// …but not when the browser says it came from another site.
		const forged = await respondent.post(
			page,
			{ [field]: '0' },
			{ origin: 'null', 'sec-fetch-site': 'cross-site' }
		);
		expect(forged.status).toBe(403);

		for (const path of [unsubscribe, '/i/notatoken', '/set-password/notatoken'])
			expect((await new Client(server.url).get(path)).headers.get('referrer-policy'), path).toBe(
				'no-referrer'
			);
		const start = await new Client(server.url).get('/sign-in');
		expect(start.headers.get('referrer-policy')).toBe('same-origin');
	});
});
