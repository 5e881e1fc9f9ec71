import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { job, mailMessage } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { startSmtp } from './support/smtp';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

async function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = probe();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('Timed out waiting');
}

describe('mail through a real SMTP server', () => {
	let smtp: Smtp;
	let server: TestServer;
	let db: Db;

	beforeAll(async () => {
		smtp = await startSmtp();
		server = await startServer({
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(smtp.port),
			MAIL_FROM: 'Riverside Homes <feedback@riverside.example>',
			RETRY_BASE_MS: '100',
			JOB_MAX_ATTEMPTS: '4'
		});
		db = openTestDatabase(server.databasePath);
		await seedUsers(db);
	});
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
		await smtp?.stop();
	});

	const requestReset = (email: string) =>
		new Client(server.url).post('/forgot-password', { email });

	test('a password reset arrives with plain text, HTML and a working link, and its body is not kept', async () => {
		await requestReset('staff@example.org');
		const mail = await smtp.waitFor((m) => m.envelopeTo.includes('staff@example.org'));
		expect(mail.from?.text).toContain('feedback@riverside.example');
		expect(mail.text).toMatch(/\/set-password\/\w+/);
		expect(mail.html).toContain('<a href=');
		const link = mail.text!.match(/https?:\/\/\S+\/set-password\/\w+/)![0];
		expect((await fetch(link)).status).toBe(200);
		const row = await until(() =>
			db
				.select()
				.from(mailMessage)
				.where(eq(mailMessage.to, 'staff@example.org'))
				.all()
				.find((m) => m.status === 'sent')
		);
		expect(row.text).toBe('');
		expect(row.messageId).toBe(mail.messageId);
	});

	test('a refused message is retried with backoff and delivered once the server takes mail again', async () => {
		smtp.fail(451);
		await requestReset('panel@example.org');
		const retrying = await until(() =>
			db.select().from(mailMessage).where(eq(mailMessage.to, 'panel@example.org')).get()?.lastError
				? db.select().from(mailMessage).where(eq(mailMessage.to, 'panel@example.org')).get()
				: undefined
		);
		expect(retrying.status).toBe('queued');
		expect(retrying.lastError).toMatch(/451|temporarily/i);
		smtp.fail(null);
		await smtp.waitFor((m) => m.envelopeTo.includes('panel@example.org'));
		await until(
			() =>
				db.select().from(mailMessage).where(eq(mailMessage.to, 'panel@example.org')).get()
					?.status === 'sent'
		);
		expect(smtp.received.filter((m) => m.envelopeTo.includes('panel@example.org'))).toHaveLength(1);
	});

	test('after its attempts are spent a message is marked failed with the reason', async () => {
		smtp.fail(550);
		await requestReset('shopper@example.org');
		const failed = await until(() => {
			const row = db
				.select()
				.from(mailMessage)
				.where(eq(mailMessage.to, 'shopper@example.org'))
				.get();
			return row?.status === 'failed' ? row : undefined;
		}, 15_000);
		expect(failed.lastError).toMatch(/550|unavailable/i);
		const jobRow = db
			.select()
			.from(job)
			.all()
			.find((j) => (j.payload as { mailId: number }).mailId === failed.id)!;
		expect(jobRow).toMatchObject({ status: 'failed', attempts: 4 });
		smtp.fail(null);
		expect(smtp.received.filter((m) => m.envelopeTo.includes('shopper@example.org'))).toHaveLength(
			0
		);
	});

	test('mail queued while the mail server is down survives an app restart: none lost, none twice', async () => {
		// Slow, plentiful retries, so no message spends its attempts before the restart.
		await server.restart({ RETRY_BASE_MS: '2000', JOB_MAX_ATTEMPTS: '8' });
		const port = smtp.port;
		await smtp.stop();
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const people = Array.from({ length: 6 }, (_, i) => `colleague${i}@example.org`);
		for (const email of people)
			await admin.post('/admin/users?/invite', {
				name: `Colleague ${email}`,
				email,
				role: 'staff'
			});
		await until(
			() =>
				db
					.select()
					.from(mailMessage)
					.all()
					.filter((m) => people.includes(m.to) && m.lastError).length === people.length
		);

		await server.restart();
		smtp = await startSmtp(port);
		for (const email of people) await smtp.waitFor((m) => m.envelopeTo.includes(email), 15_000);
		await until(
			() =>
				db
					.select()
					.from(mailMessage)
					.all()
					.filter((m) => people.includes(m.to) && m.status === 'sent').length === people.length
		);
		await new Promise((r) => setTimeout(r, 500));
		for (const email of people)
			expect(smtp.received.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
	});
});

describe('without SMTP the mail waits in the outbox for admins', () => {
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

	test('the message is readable by admins only, with its link', async () => {
		await new Client(server.url).post('/forgot-password', { email: 'staff@example.org' });
		const row = await until(() =>
			db.select().from(mailMessage).where(eq(mailMessage.status, 'outbox')).get()
		);
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		const list = await (await admin.get('/admin/outbox')).text();
		expect(list).toContain('Reset your Said &amp; Done password');
		const one = await (await admin.get(`/admin/outbox/${row.id}`)).text();
		expect(one).toMatch(/\/set-password\/\w+/);
		const staff = new Client(server.url);
		await staff.signIn('panel@example.org', TEST_PASSWORD);
		expect((await staff.get(`/admin/outbox/${row.id}`)).status).toBe(404);
	});
});
