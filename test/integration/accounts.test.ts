import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	mailMessage,
	passwordToken,
	session,
	signInThrottle,
	user
} from '../../src/lib/server/db/schema';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { Client, postAs } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function waitForMail(to: string, category: string) {
	for (let i = 0; i < 100; i++) {
		const found = db
			.select()
			.from(mailMessage)
			.where(eq(mailMessage.to, to))
			.all()
			.filter((m) => m.category === category && m.status === 'outbox');
		if (found.length) return found.at(-1)!;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`No ${category} mail for ${to}`);
}

function linkIn(text: string) {
	const match = text.match(/https?:\/\/\S+\/set-password\/(\w+)/);
	if (!match) throw new Error(`No link in ${text}`);
	return { url: match[0], token: match[1]! };
}

describe('signing in and out', () => {
	test('a session cookie is HttpOnly and SameSite=Lax, and only its hash is stored', async () => {
		const client = new Client(server.url);
		const res = await client.signIn('staff@example.org', TEST_PASSWORD);
		expect(res.headers.get('location')).toBe('/admin');
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const token = client.cookie('session')!;
		expect(db.select().from(session).where(eq(session.id, token)).get()).toBeUndefined();
		expect(
			db
				.select()
				.from(session)
				.where(eq(session.id, hashToken(token)))
				.get()
		).toBeDefined();
	});

	test('every sign-in issues a new token', async () => {
		const a = new Client(server.url);
		const b = new Client(server.url);
		await a.signIn('panel@example.org', TEST_PASSWORD);
		await b.signIn('panel@example.org', TEST_PASSWORD);
		expect(a.cookie('session')).not.toBe(b.cookie('session'));
	});

	test('signing out ends the session on the server', async () => {
		const client = new Client(server.url);
		await client.signIn('staff@example.org', TEST_PASSWORD);
		const token = client.cookie('session')!;
		expect((await client.get('/admin')).status).toBe(200);
		const out = await client.post('/sign-out');
		expect(out.status).toBe(303);
		expect(
			db
				.select()
				.from(session)
				.where(eq(session.id, hashToken(token)))
				.get()
		).toBeUndefined();
		const replay = new Client(server.url);
		const res = await replay.get('/admin', { cookie: `session=${token}` });
		expect(res.status).toBe(303);
	});

	test('the next parameter returns to the page asked for, but never to another site', async () => {
		const client = new Client(server.url);
		const here = await client.post('/sign-in?next=%2Fadmin%2Fservices', {
			email: 'admin@example.org',
			password: TEST_PASSWORD
		});
		expect(here.headers.get('location')).toBe('/admin/services');
		const away = await new Client(server.url).post('/sign-in?next=%2F%2Fevil.example', {
			email: 'admin@example.org',
			password: TEST_PASSWORD
		});
		expect(away.headers.get('location')).toBe('/admin');
	});

	test('a wrong password and an unknown email get the same answer, and the email is kept', async () => {
		const client = new Client(server.url);
		const wrong = await client.post('/sign-in', {
			email: 'staff@example.org',
			password: 'not the password at all'
		});
		const unknown = await client.post('/sign-in', {
			email: 'nobody@example.org',
			password: 'not the password at all'
		});
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(400);
		const [a, b] = [await wrong.text(), await unknown.text()];
		expect(a).toContain('Enter a correct email address and password');
		expect(b).toContain('Enter a correct email address and password');
		expect(a).toContain('value="staff@example.org"');
		expect(a).toContain('role="alert"');
	});
});

describe('a session’s lifetime', () => {
	const DAY = 24 * 60 * 60_000;
	const stored = (token: string) =>
		db
			.select()
			.from(session)
			.where(eq(session.id, hashToken(token)))
			.get();

	test('a sign-in gets 30 days of inactivity and 90 days in all', async () => {
		const client = new Client(server.url);
		const before = Date.now();
		await client.signIn('staff@example.org', TEST_PASSWORD);
		const row = stored(client.cookie('session')!)!;
		const after = Date.now();
		expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY);
		expect(row.expiresAt.getTime()).toBeLessThanOrEqual(after + 30 * DAY);
		expect(row.absoluteExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY);
		expect(row.absoluteExpiresAt.getTime()).toBeLessThanOrEqual(after + 90 * DAY);
	});

	test('a session past its absolute lifetime is refused and ended, however recently it was used', async () => {
		const client = new Client(server.url);
		await client.signIn('staff@example.org', TEST_PASSWORD);
		const token = client.cookie('session')!;
		expect((await client.get('/admin')).status).toBe(200);
		// Used a moment ago (idle expiry a full 30 days off), but signed in more than 90 days ago.
		db.update(session)
			.set({
				expiresAt: new Date(Date.now() + 30 * DAY),
				absoluteExpiresAt: new Date(Date.now() - 1000)
			})
			.where(eq(session.id, hashToken(token)))
			.run();
		const res = await client.get('/admin');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/sign-in/);
		expect(client.cookie('session')).toBeUndefined();
		expect(stored(token)).toBeUndefined();
		const replay = await new Client(server.url).get('/admin', { cookie: `session=${token}` });
		expect(replay.status).toBe(303);
	});

	test('use slides the idle expiry forward but never past the absolute lifetime', async () => {
		const client = new Client(server.url);
		await client.signIn('staff@example.org', TEST_PASSWORD);
		const token = client.cookie('session')!;
		const absolute = new Date(Date.now() + 3 * DAY);
		// Idle for 20 days, so this use slides the idle expiry; the absolute end is 3 days away.
		db.update(session)
			.set({ expiresAt: new Date(Date.now() + 10 * DAY), absoluteExpiresAt: absolute })
			.where(eq(session.id, hashToken(token)))
			.run();
		const res = await client.get('/admin');
		expect(res.status).toBe(200);
		const row = stored(token)!;
		expect(row.absoluteExpiresAt.getTime()).toBe(absolute.getTime());
		expect(row.expiresAt.getTime()).toBeLessThanOrEqual(absolute.getTime());
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		const cookieExpires = Date.parse(cookie.match(/Expires=([^;]+)/i)![1]!);
		expect(cookieExpires).toBeLessThanOrEqual(absolute.getTime());
	});
});

describe('throttling', () => {
	test('from the 6th failure an account waits, even with the right password, and other addresses do not', async () => {
		const email = 'shopper@example.org';
		const client = new Client(server.url);
		for (let i = 0; i < 5; i++) {
			const res = await client.post('/sign-in', { email, password: `wrong guess number ${i}` });
			expect(res.status).toBe(400);
		}
		const blocked = await client.post('/sign-in', { email, password: TEST_PASSWORD });
		expect(blocked.status).toBe(429);
		expect(await blocked.text()).toMatch(/Wait \d+ seconds/);
		expect(client.cookie('session')).toBeUndefined();

		// Remembered in the database, so a restart does not forget it.
		const row = db
			.select()
			.from(signInThrottle)
			.all()
			.find((r) => r.key.startsWith(`account:${email}|`));
		expect(row?.failures).toBe(5);
		expect(row?.blockedUntil?.getTime()).toBeGreaterThan(Date.now());

		// The same account from another address (proxy header trusted only in this server's config below) is not held up.
		const other = await startServer({
			ADDRESS_HEADER: 'x-test-address',
			DATABASE_PATH: server.databasePath
		});
		try {
			const elsewhere = new Client(other.url);
			const res = await elsewhere.post(
				'/sign-in',
				{ email, password: TEST_PASSWORD },
				{ 'x-test-address': '203.0.113.9' }
			);
			expect(res.status).toBe(303);
			const blockedAgain = await new Client(other.url).post(
				'/sign-in',
				{ email, password: TEST_PASSWORD },
				{ 'x-test-address': '127.0.0.1' }
			);
			expect(blockedAgain.status).toBe(429);
		} finally {
			await other.stop().catch(() => undefined);
		}
	});

	test('an unknown email is throttled exactly like a known one', async () => {
		const client = new Client(server.url);
		for (let i = 0; i < 5; i++)
			await client.post('/sign-in', { email: 'ghost@example.org', password: `wrong ${i}` });
		const res = await client.post('/sign-in', {
			email: 'ghost@example.org',
			password: 'anything at all'
		});
		expect(res.status).toBe(429);
	});

	test('an untrusted X-Forwarded-For does not change who the client is', async () => {
		const client = new Client(server.url);
		for (let i = 0; i < 5; i++)
			await client.post(
				'/sign-in',
				{ email: 'xff@example.org', password: `wrong ${i}` },
				{ 'x-forwarded-for': `198.51.100.${i}` }
			);
		const res = await client.post(
			'/sign-in',
			{ email: 'xff@example.org', password: 'wrong again' },
			{ 'x-forwarded-for': '198.51.100.200' }
		);
		expect(res.status).toBe(429);
	});
});

describe('passwords', () => {
	test('a reset link from the outbox works once and signs out every other session', async () => {
		const existing = new Client(server.url);
		await existing.signIn('panel@example.org', TEST_PASSWORD);

		const res = await new Client(server.url).post('/forgot-password', {
			email: 'panel@example.org'
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Check your email');
		const mail = await waitForMail('panel@example.org', 'password-reset');
		const { token } = linkIn(mail.text);
		expect(
			db.select().from(passwordToken).where(eq(passwordToken.id, token)).get()
		).toBeUndefined();

		const visitor = new Client(server.url);
		expect((await visitor.get(`/set-password/${token}`)).status).toBe(200);
		const weak = await visitor.post(`/set-password/${token}`, {
			password: 'password1234',
			confirmPassword: 'password1234'
		});
		expect(weak.status).toBe(400);
		expect(await weak.text()).toContain('too common');
		const newPassword = 'a new passphrase for the panel 🌳';
		const ok = await visitor.post(`/set-password/${token}`, {
			password: newPassword,
			confirmPassword: newPassword
		});
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/panel');

		expect((await existing.get('/panel')).status).toBe(303);
		expect((await visitor.get(`/set-password/${token}`)).status).toBe(404);
		await new Client(server.url).signIn('panel@example.org', newPassword);
	});

	test('an unknown email gets the same answer and no mail', async () => {
		const before = db.select().from(mailMessage).all().length;
		const res = await new Client(server.url).post('/forgot-password', {
			email: 'stranger@example.org'
		});
		expect(await res.text()).toContain('Check your email');
		await new Promise((r) => setTimeout(r, 200));
		expect(db.select().from(mailMessage).all().length).toBe(before);
	});

	test('an expired reset link is refused', async () => {
		await new Client(server.url).post('/forgot-password', { email: 'staff@example.org' });
		const { token } = linkIn((await waitForMail('staff@example.org', 'password-reset')).text);
		db.update(passwordToken)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(passwordToken.id, hashToken(token)))
			.run();
		expect((await new Client(server.url).get(`/set-password/${token}`)).status).toBe(404);
	});

	test('asking again while a recent link still works sends nothing, so the inbox is not flooded', async () => {
		const email = 'admin@example.org';
		const count = () =>
			db
				.select()
				.from(mailMessage)
				.where(eq(mailMessage.to, email))
				.all()
				.filter((m) => m.category === 'password-reset').length;
		const before = count();
		await new Client(server.url).post('/forgot-password', { email });
		const { token } = linkIn((await waitForMail(email, 'password-reset')).text);
		for (let i = 0; i < 3; i++) {
			const again = await new Client(server.url).post('/forgot-password', { email });
			expect(await again.text()).toContain('Check your email');
		}
		await new Promise((r) => setTimeout(r, 200));
		expect(count()).toBe(before + 1);
		// The first link was not cancelled by the repeats.
		expect((await new Client(server.url).get(`/set-password/${token}`)).status).toBe(200);
	});

	test('without ORIGIN, a request naming another host gets no link to it, and requests are limited', async () => {
		const bare = await startServer({ ORIGIN: undefined, FORM_POSTS_PER_MINUTE: '3' });
		const bareDb = openTestDatabase(bare.databasePath);
		try {
			await seedUsers(bareDb);
			const post = (host: string) =>
				postAs(bare.port, host, '/forgot-password', { email: 'staff@example.org' });
			const resets = () =>
				bareDb
					.select()
					.from(mailMessage)
					.all()
					.filter((m) => m.category === 'password-reset');

			const spoofed = await post('evil.example');
			expect(spoofed.status).toBe(503);
			expect(spoofed.body).toContain('ORIGIN');
			expect(resets()).toEqual([]);

			const local = await post(`127.0.0.1:${bare.port}`);
			expect(local.status).toBe(200);
			expect(resets().map((m) => linkIn(m.text).url)).toEqual([
				expect.stringMatching(new RegExp(`^https://127\\.0\\.0\\.1:${bare.port}/set-password/`))
			]);

			expect((await post(`127.0.0.1:${bare.port}`)).status).toBe(200);
			expect((await post(`127.0.0.1:${bare.port}`)).status).toBe(429);
		} finally {
			bareDb.$client.close();
			await bare.stop();
		}
	});

	test('changing a password keeps this session and ends the others', async () => {
		const email = 'changer@example.org';
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		await admin.post('/admin/users?/invite', { name: 'Chris Changer', email, role: 'staff' });
		const { token } = linkIn((await waitForMail(email, 'user-invitation')).text);
		const here = new Client(server.url);
		await here.post(`/set-password/${token}`, {
			password: TEST_PASSWORD,
			confirmPassword: TEST_PASSWORD
		});
		const elsewhere = new Client(server.url);
		await elsewhere.signIn(email, TEST_PASSWORD);

		const wrong = await here.post('/account?/password', {
			currentPassword: 'not my password',
			newPassword: 'another long passphrase',
			confirmPassword: 'another long passphrase'
		});
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Your current password is not right');

		const res = await here.post('/account?/password', {
			currentPassword: TEST_PASSWORD,
			newPassword: 'another long passphrase',
			confirmPassword: 'another long passphrase'
		});
		expect(res.status).toBe(303);
		expect((await here.get('/admin')).status).toBe(200);
		expect((await elsewhere.get('/admin')).status).toBe(303);
	});

	test('length limits: 11 characters refused, 12 accepted, long Unicode with spaces accepted', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		await admin.post('/admin/users?/invite', {
			name: 'Len Limits',
			email: 'len@example.org',
			role: 'panel'
		});
		const { token } = linkIn((await waitForMail('len@example.org', 'user-invitation')).text);
		const client = new Client(server.url);
		const short = await client.post(`/set-password/${token}`, {
			password: 'kq8#vW2!mZp',
			confirmPassword: 'kq8#vW2!mZp'
		});
		expect(await short.text()).toContain('at least 12 characters');
		const long = 'Ŵé wälk thé lóng röad hömé — ' + 'ß'.repeat(100);
		const ok = await client.post(`/set-password/${token}`, {
			password: long,
			confirmPassword: long
		});
		expect(ok.status).toBe(303);
		await new Client(server.url).signIn('len@example.org', long);
	});
});

describe('users', () => {
	test('an invited user sets a password through a single-use link and lands in their own area', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const res = await admin.post('/admin/users?/invite', {
			name: 'Sam Shopper',
			email: 'Sam@Example.org',
			role: 'shopper'
		});
		expect(res.status).toBe(303);
		const mail = await waitForMail('sam@example.org', 'user-invitation');
		const { token } = linkIn(mail.text);
		const sam = new Client(server.url);
		const set = await sam.post(`/set-password/${token}`, {
			password: TEST_PASSWORD,
			confirmPassword: TEST_PASSWORD
		});
		expect(set.headers.get('location')).toBe('/shopper');
		expect((await sam.get('/shopper')).status).toBe(200);
		expect((await new Client(server.url).get(`/set-password/${token}`)).status).toBe(404);
		const audit = db.select().from(auditLog).where(eq(auditLog.action, 'user.invite')).all();
		expect(audit.some((a) => (a.after as { email: string }).email === 'sam@example.org')).toBe(
			true
		);
	});

	test('inviting an existing email is refused with the details kept', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const res = await admin.post('/admin/users?/invite', {
			name: 'Dup',
			email: 'staff@example.org',
			role: 'staff'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('There is already an account with this email address');
		expect(html).toContain('value="Dup"');
	});

	test('deactivating a user ends their sessions; changing a role is audited and ends them too', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const victim = db
			.insert(user)
			.values({
				email: 'leaver@example.org',
				name: 'Lee Leaver',
				role: 'staff',
				passwordHash: db.select().from(user).where(eq(user.email, 'staff@example.org')).get()!
					.passwordHash
			})
			.returning()
			.get();
		const leaver = new Client(server.url);
		await leaver.signIn('leaver@example.org', TEST_PASSWORD);
		expect((await leaver.get('/admin')).status).toBe(200);

		await admin.post(`/admin/users/${victim.id}?/role`, { role: 'panel' });
		expect(db.select().from(user).where(eq(user.id, victim.id)).get()!.role).toBe('panel');
		expect((await leaver.get('/admin')).status).toBe(303);
		const roleAudit = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'user.change-role'))
			.all()
			.at(-1)!;
		expect(roleAudit.before).toEqual({ role: 'staff' });
		expect(roleAudit.after).toEqual({ role: 'panel' });

		await leaver.signIn('leaver@example.org', TEST_PASSWORD);
		expect((await leaver.get('/panel')).status).toBe(200);
		await admin.post(`/admin/users/${victim.id}?/deactivate`);
		expect((await leaver.get('/panel')).status).toBe(303);
		const again = await new Client(server.url).post('/sign-in', {
			email: 'leaver@example.org',
			password: TEST_PASSWORD
		});
		expect(again.status).toBe(400);
	});

	test('the last active admin cannot be demoted', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const me = db.select().from(user).where(eq(user.email, 'admin@example.org')).get()!;
		const res = await admin.post(`/admin/users/${me.id}?/role`, { role: 'staff' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('at least one active admin');
		expect(db.select().from(user).where(eq(user.id, me.id)).get()!.role).toBe('admin');
	});
});
