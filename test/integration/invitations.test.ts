import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	customer,
	customerService,
	invitation,
	job,
	mailMessage,
	organisation,
	service,
	survey
} from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { startSmtp, type ReceivedMail } from './support/smtp';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

async function until<T>(probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = probe();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('Timed out waiting');
}

let smtp: Smtp;
let server: TestServer;
let db: Db;
let staff: Client;

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startServer({
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(smtp.port),
		MAIL_FROM: 'Riverside Homes <feedback@riverside.example>',
		RETRY_BASE_MS: '100',
		JOB_MAX_ATTEMPTS: '8'
	});
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
	await smtp?.stop();
});

async function addCustomer(fields: Record<string, string>) {
	const res = await staff.post('/admin/customers/new', { tenure: 'LCRA', ...fields });
	expect(res.status).toBe(303);
}

async function invitationSurvey(title: string) {
	const created = await staff.post('/admin/surveys?/create', { template: 'nps', title });
	const id = Number(created.headers.get('location')!.split('/').pop());
	const s = db.select().from(survey).where(eq(survey.id, id)).get()!;
	await staff.post(`/admin/surveys/${id}?/settings`, {
		title,
		description: 'We want to know how well we handle repairs.',
		slug: s.slug,
		accessMode: 'invitation',
		anonymity: 'anonymous'
	});
	expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	return id;
}

const unsubscribeLink = (mail: ReceivedMail) =>
	mail.raw.match(/^List-Unsubscribe:\s+<([^>]+)>/m)![1]!;

const linkIn = (mail: ReceivedMail) => mail.text!.match(/https?:\/\/\S+\/i\/[a-z2-7]+/)![0];

/** Answers through an invitation link; returns the final status of the check page post. */
async function answerThrough(link: string) {
	const client = new Client(server.url);
	const open = await client.get(new URL(link).pathname);
	expect(open.status).toBe(303);
	let next = open.headers.get('location')!;
	const html = await (await client.get(next)).text();
	const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
	let res = await client.post(next, { [field]: '9' });
	next = res.headers.get('location')!;
	while (!next.endsWith('/check')) {
		res = await client.post(next, {});
		next = res.headers.get('location')!;
	}
	const check = await (await client.get(next)).text();
	res = await client.post(next, {
		submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
		digest: check.match(/name="digest" value="([^"]+)"/)![1]!
	});
	return res.status;
}

/** Uploads a customer CSV file for import; returns the preview's address. */
async function uploadCustomers(file: string | Uint8Array<ArrayBuffer>) {
	const body = new FormData();
	body.append('file', new File([file], 'customers.csv', { type: 'text/csv' }));
	const res = await fetch(`${server.url}/admin/customers/import?/upload`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie: `session=${staff.cookie('session')}`,
			origin: server.url,
			accept: 'text/html'
		},
		body
	});
	expect(res.status).toBe(303);
	return res.headers.get('location')!;
}

describe('inviting customers by email', () => {
	test('bad customer details get clear messages and nothing is written', async () => {
		const res = await staff.post('/admin/customers/new', { name: '', email: 'not-an-email' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Enter the customer’s name');
		expect(html).toContain('Enter an email address in the correct format');
		expect(html).toContain('value="not-an-email"');
		expect(db.select().from(customer).all()).toHaveLength(0);
	});

	test('the invitation arrives with a working link that answers once; a reminder reaches only those who have not answered or opted out', async () => {
		await addCustomer({ name: 'Ann Answer', email: 'ann@example.net', consentSurveys: 'yes' });
		await addCustomer({ name: 'Bob Busy', email: 'bob@example.net', consentSurveys: 'yes' });
		await addCustomer({ name: 'Oli Out', email: 'oli@example.net', consentSurveys: 'yes' });
		await addCustomer({ name: 'Nan Noconsent', email: 'nan@example.net' });
		const id = await invitationSurvey('Repairs check');
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			consentOnly: 'yes',
			notInvitedDays: '30',
			reminders: '1',
			reminderIntervalDays: '7'
		});
		expect(sent.status).toBe(303);

		const ann = await smtp.waitFor((m) => m.envelopeTo.includes('ann@example.net'));
		const oli = await smtp.waitFor((m) => m.envelopeTo.includes('oli@example.net'));
		const bob = await smtp.waitFor((m) => m.envelopeTo.includes('bob@example.net'));
		expect(ann.subject).toContain('Repairs check');
		expect(ann.text).toContain('Riverside Homes');
		expect(ann.text).toContain('how well we handle repairs');
		expect(ann.html).toContain('<a href=');
		expect(ann.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
		expect(unsubscribeLink(ann)).toMatch(/\/unsubscribe\/[a-z2-7]+$/);
		expect(smtp.received.some((m) => m.envelopeTo.includes('nan@example.net'))).toBe(false);

		const link = linkIn(ann);
		expect(await answerThrough(link)).toBe(303);
		const again = await new Client(server.url).get(new URL(link).pathname);
		expect(again.status).toBe(409);

		const unsubscribeUrl = unsubscribeLink(oli);
		const page = await new Client(server.url).get(new URL(unsubscribeUrl).pathname);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Stop survey emails');
		// What a mail provider sends (RFC 8058): no Origin, no cookie, exactly this body.
		const oneClick = await fetch(unsubscribeUrl, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(oneClick.ok).toBe(true);
		expect(
			db.select().from(customer).where(eq(customer.email, 'oli@example.net')).get()!.optedOutAt
		).not.toBeNull();

		const progress = await (await staff.get(`/admin/surveys/${id}/invitations`)).text();
		const lcra = progress.match(/>LCRA<\/th>([\s\S]*?)<\/tr>/)![1]!;
		const figures = [...lcra.matchAll(/numeric">\s*([^<]+?)\s*</g)].map((m) => m[1]);
		// Invited, sent, opened, answered, response rate: Ann answered, Bob and Oli have not.
		expect(figures).toEqual(['3', '3', '1', '1', '33%']);

		// Bring the reminder forward rather than wait a week.
		db.update(job).set({ runAt: new Date() }).where(eq(job.kind, 'invitations.remind')).run();
		const reminder = await smtp.waitFor(
			(m) => m.envelopeTo.includes('bob@example.net') && m.subject!.startsWith('Reminder')
		);
		await new Promise((r) => setTimeout(r, 1000));
		const reminders = smtp.received.filter((m) => m.subject?.startsWith('Reminder'));
		expect(reminders.map((m) => m.envelopeTo).flat()).toEqual(['bob@example.net']);
		expect(linkIn(reminder)).not.toBe(linkIn(bob));
		// Both emails' links work: the first email's unsubscribe link is still known, its survey
		// link answers, and the reminder's then finds the survey answered.
		const firstUnsubscribe = await new Client(server.url).get(
			new URL(unsubscribeLink(bob)).pathname
		);
		expect(firstUnsubscribe.status).toBe(200);
		expect(await firstUnsubscribe.text()).toContain('Stop survey emails');
		expect(await answerThrough(linkIn(bob))).toBe(303);
		expect((await new Client(server.url).get(new URL(linkIn(reminder)).pathname)).status).toBe(409);
	});

	test('a Tenant Satisfaction Measures survey shows the minimum sample for the organisation’s size', async () => {
		db.update(organisation).set({ homesLcra: 1000, homesLcho: 0 }).run();
		const created = await staff.post('/admin/surveys?/create', {
			template: 'tsm-perception',
			title: 'TSM 2026'
		});
		const id = Number(created.headers.get('location')!.split('/').pop());
		const html = await (await staff.get(`/admin/surveys/${id}/invitations`)).text();
		const row = html.match(/data-testid="tsm-sample"[\s\S]*?>LCRA<\/th>([\s\S]*?)<\/tr>/)![1]!;
		// 1,000 homes needs ±5 points, reached with 278 responses (9,604 × 722 ≤ 25 × 278 × 999).
		expect(row).toMatch(/>\s*1000\s*<[\s\S]*>\s*0\s*<[\s\S]*>\s*278\s*</);
		expect(row).toContain('±5.0 points');
		expect(row).toContain('Not yet');
	});

	test('a CSV import is previewed with per-row problems, writes nothing until confirmed, and a fixed file does not duplicate', async () => {
		db.insert(service).values({ name: 'Repairs' }).onConflictDoNothing().run();
		const upload = uploadCustomers;
		const before = db.select().from(customer).all().length;
		const bad = [
			'name,email,reference,tenure,services,consent_surveys',
			'Imogen Import,imogen@example.net,T-100,LCRA,Repairs,yes',
			'<b>Bold</b>,not-an-email,T-101,LCRA,,yes',
			'Ian Import,ian@example.net,T-102,XYZ,Gardening,no',
			'Ann Again,ann@example.net,,LCRA,,yes'
		].join('\n');
		const preview = await upload(bad);
		const html = await (await staff.get(preview)).text();
		expect(html).toContain('1 new customers, 1 matching existing customers');
		expect(html).toMatch(/>3<\/td>\s*<td[^>]*>email<\/td>\s*<td[^>]*>Enter an email address/);
		expect(html).toContain('No service called "Gardening"');
		expect(html).not.toContain('<b>Bold</b>');
		expect(db.select().from(customer).all()).toHaveLength(before);

		const id = new URL(preview, server.url).searchParams.get('preview')!;
		expect((await staff.post('/admin/customers/import?/confirm', { id })).status).toBe(303);
		expect(db.select().from(customer).all()).toHaveLength(before + 1);

		const fixed = bad
			.replace('<b>Bold</b>,not-an-email', 'Bea Bold,bea@example.net')
			.replace('XYZ,Gardening', 'LCHO,Repairs');
		const again = new URL(await upload(fixed), server.url).searchParams.get('preview')!;
		expect((await staff.post('/admin/customers/import?/confirm', { id: again })).status).toBe(303);
		const emails = db
			.select()
			.from(customer)
			.all()
			.map((c) => c.email);
		expect(emails).toHaveLength(before + 3);
		expect(new Set(emails).size).toBe(emails.length);
	});

	test('an import changes only the columns in its file, reads Excel’s Windows-1252 CSV, and matches references in any case', async () => {
		const gasId = db.insert(service).values({ name: 'Gas servicing' }).returning().get().id;
		const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
			const preview = await uploadCustomers(bytes);
			const id = new URL(preview, server.url).searchParams.get('preview')!;
			const html = await (await staff.get(preview)).text();
			expect((await staff.post('/admin/customers/import?/confirm', { id })).status).toBe(303);
			return html;
		};
		await addCustomer({
			name: 'Chloe Smith',
			email: 'chloe@example.net',
			phone: '01632 960 004',
			reference: 'RH-10004',
			tenure: 'LCRA',
			consentSurveys: 'yes',
			serviceIds: String(gasId)
		});
		const kept = db.select().from(customer).where(eq(customer.email, 'chloe@example.net')).get()!
			.id;

		// Names and emails only: the phone, reference, tenure, consent and services stay.
		const html = await upload(
			new TextEncoder().encode('name,email\nChloe Smythe,chloe@example.net\n')
		);
		expect(html).toContain('in this file’s columns only: name, email');
		const after = db.select().from(customer).where(eq(customer.id, kept)).get()!;
		expect(after).toMatchObject({
			name: 'Chloe Smythe',
			phone: '01632 960 004',
			reference: 'RH-10004',
			tenure: 'LCRA',
			consentSurveys: true
		});
		expect(
			db.select().from(customerService).where(eq(customerService.customerId, kept)).all()
		).toEqual([{ customerId: kept, serviceId: gasId }]);

		// Excel's plain CSV on a UK machine is Windows-1252: "â" is 0xE2 and "£" 0xA3.
		const cp1252 = new Uint8Array([
			...new TextEncoder().encode('name,reference,notes\nSi'),
			0xe2,
			...new TextEncoder().encode('n Jones,rh-10004,Rent '),
			0xa3,
			...new TextEncoder().encode('50 owed\n')
		]);
		await upload(cp1252);
		// The reference in lower case is the same customer, not a new one.
		expect(db.select().from(customer).where(eq(customer.id, kept)).get()).toMatchObject({
			name: 'Siân Jones',
			notes: 'Rent £50 owed',
			email: 'chloe@example.net'
		});
		expect(
			db
				.select()
				.from(customer)
				.all()
				.filter((c) => c.name === 'Siân Jones')
		).toHaveLength(1);

		// Service areas only: the change to them is recorded too.
		await upload(new TextEncoder().encode('name,reference,services\nSiân Jones,RH-10004,\n'));
		expect(
			db.select().from(customerService).where(eq(customerService.customerId, kept)).all()
		).toEqual([]);

		// Each import's change is in the customer's own history, as an edit on the form would be.
		const history = db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'customer.import-update'), eq(auditLog.entityId, String(kept)))
			)
			.orderBy(auditLog.id)
			.all();
		expect(history.map((h) => [h.before, h.after])).toEqual([
			[{ name: 'Chloe Smith' }, { name: 'Chloe Smythe' }],
			[
				{ name: 'Chloe Smythe', notes: '', reference: 'RH-10004' },
				{ name: 'Siân Jones', notes: 'Rent £50 owed', reference: 'rh-10004' }
			],
			[
				{ reference: 'rh-10004', serviceIds: [gasId] },
				{ reference: 'RH-10004', serviceIds: [] }
			]
		]);
	});

	test('an SMTP outage mid-batch followed by a restart loses and duplicates nothing', async () => {
		const people = Array.from({ length: 8 }, (_, i) => `tenant${i}@example.net`);
		for (const email of people)
			await addCustomer({ name: `Tenant ${email}`, email, consentSurveys: 'yes', tenure: 'LCHO' });
		const id = await invitationSurvey('Estate services');
		smtp.fail(421);
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			tenure: 'LCHO',
			consentOnly: 'yes',
			notInvitedDays: '0',
			reminders: '0',
			reminderIntervalDays: '7'
		});
		expect(sent.status).toBe(303);
		await until(
			() =>
				db
					.select()
					.from(mailMessage)
					.where(inArray(mailMessage.to, people))
					.all()
					.filter((m) => m.lastError).length >= 3
		);
		await server.restart();
		smtp.fail(null);
		for (const email of people) await smtp.waitFor((m) => m.envelopeTo.includes(email), 20_000);
		await new Promise((r) => setTimeout(r, 1000));
		for (const email of people)
			expect(smtp.received.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
		const rows = db
			.select()
			.from(invitation)
			.where(and(eq(invitation.surveyId, id)))
			.all();
		expect(rows).toHaveLength(people.length);
		const progress = await (await staff.get(`/admin/surveys/${id}/invitations`)).text();
		expect(progress).toMatch(/numeric">8<\/td>/);
	});

	test('stopping the app mid-batch and starting it again sends every invitation exactly once', async () => {
		const people = Array.from({ length: 8 }, (_, i) => `resident${i}@example.net`);
		for (const email of people)
			await addCustomer({
				name: `Resident ${email}`,
				email,
				consentSurveys: 'yes',
				tenure: 'LCHO'
			});
		const id = await invitationSurvey('Lettings check');
		smtp.slow(300);
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			tenure: 'LCHO',
			consentOnly: 'yes',
			notInvitedDays: '0',
			reminders: '0',
			reminderIntervalDays: '7'
		});
		expect(sent.status).toBe(303);
		const arrived = () =>
			people.filter((email) => smtp.received.some((m) => m.envelopeTo.includes(email))).length;
		await until(() => arrived() >= 2);

		await server.halt();
		// The app stopped with the batch part-sent: the message in hand went out, the rest waited.
		const beforeRestart = arrived();
		expect(beforeRestart).toBeLessThan(people.length);
		await new Promise((r) => setTimeout(r, 500));
		expect(arrived()).toBe(beforeRestart);
		await server.resume();

		smtp.slow(0);
		for (const email of people) await smtp.waitFor((m) => m.envelopeTo.includes(email), 20_000);
		await until(() =>
			db
				.select()
				.from(mailMessage)
				.where(inArray(mailMessage.to, people))
				.all()
				.every((m) => m.status === 'sent')
		);
		await new Promise((r) => setTimeout(r, 1000));
		for (const email of people)
			expect(smtp.received.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
		const links = people.map((email) =>
			linkIn(smtp.received.find((m) => m.envelopeTo.includes(email))!)
		);
		expect(new Set(links).size).toBe(people.length);
	});

	test('links never appear in the server’s log, the audit log or the job queue', async () => {
		// Guessed and malformed links too, which are the ones most likely to be logged.
		const guesses = [
			'/i/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
			'/unsubscribe/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
		];
		for (const path of guesses) expect((await fetch(server.url + path)).status).toBe(404);
		const secrets = [
			...smtp.received.flatMap((m) => [
				...(m.text ?? '').matchAll(/\/(?:i|unsubscribe|set-password)\/([a-z2-7]{20,})/g)
			]),
			...guesses.map((path) => ['', path.split('/').pop()!])
		].map((match) => match[1]!);
		expect(secrets.length).toBeGreaterThan(10);
		const stored = JSON.stringify([db.select().from(auditLog).all(), db.select().from(job).all()]);
		for (const secret of secrets) {
			expect(server.output()).not.toContain(secret);
			expect(stored).not.toContain(secret);
		}
	});
});
