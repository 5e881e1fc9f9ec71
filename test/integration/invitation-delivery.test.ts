import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	customer,
	invitation,
	invitationBatch,
	job,
	mailMessage
} from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import {
	answerThrough,
	openInvitationSurvey,
	pause,
	surveyLinkIn,
	unsubscribeLinkIn,
	unsubscribeOneClick,
	until
} from './support/invitations';
import { startServer, type TestServer } from './support/server';
import { startSmtp, type ReceivedMail } from './support/smtp';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;
const DAY = 24 * 60 * 60_000;

async function startWithSmtp(extraEnv: Record<string, string> = {}) {
	const smtp = await startSmtp();
	const server = await startServer({
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(smtp.port),
		MAIL_FROM: 'Riverside Homes <feedback@riverside.example>',
		...extraEnv
	});
	const db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	const staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	return { smtp, server, db, staff };
}

async function addCustomers(staff: Client, names: string[]) {
	for (const name of names) {
		const res = await staff.post('/admin/customers/new', {
			name,
			email: `${name.toLowerCase()}@example.net`,
			tenure: 'LCRA',
			consentSurveys: 'yes'
		});
		expect(res.status).toBe(303);
	}
}

const to = (name: string) => (m: ReceivedMail) =>
	m.envelopeTo.includes(`${name.toLowerCase()}@example.net`);

describe('sending at the mail rate', () => {
	let smtp: Smtp;
	let server: TestServer;
	let db: Db;
	let staff: Client;

	beforeAll(async () => {
		({ smtp, server, db, staff } = await startWithSmtp({ MAIL_PER_MINUTE: '2' }));
	});
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
		await smtp?.stop();
	});

	test('no more than MAIL_PER_MINUTE messages go out in a minute; the rest wait their turn', async () => {
		const people = ['Ava', 'Ben', 'Cara', 'Dan', 'Emma'];
		await addCustomers(staff, people);
		const id = await openInvitationSurvey(staff, db, 'Repairs check');
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			consentOnly: 'yes',
			notInvitedDays: '0',
			reminders: '0',
			reminderIntervalDays: '7'
		});
		expect(sent.status).toBe(303);

		await until(() => smtp.received.length >= 2);
		// Ample time for the other three to go out, were they not held back.
		await pause(3000);
		expect(smtp.received).toHaveLength(2);
		const messages = () =>
			db
				.select()
				.from(mailMessage)
				.where(
					inArray(
						mailMessage.to,
						people.map((p) => `${p.toLowerCase()}@example.net`)
					)
				)
				.all();
		expect(messages().filter((m) => m.status === 'sent')).toHaveLength(2);
		expect(messages().filter((m) => m.status === 'queued')).toHaveLength(3);
		// Held back, not failed: no attempt is spent on waiting.
		const waiting = db
			.select()
			.from(job)
			.where(and(eq(job.kind, 'mail.send'), eq(job.status, 'pending')))
			.all();
		expect(waiting).toHaveLength(3);
		expect(waiting.every((j) => j.attempts === 0 && j.lastError === null)).toBe(true);

		const progress = await (await staff.get(`/admin/surveys/${id}/invitations`)).text();
		const row = progress.match(/data-testid="batches"[\s\S]*?<tbody[\s\S]*?<\/tr>/)![0];
		const figures = [...row.matchAll(/numeric">\s*(\d+)\s*</g)].map((m) => m[1]);
		// Invited, waiting, sent, failed, opened, answered.
		expect(figures).toEqual(['5', '3', '2', '0', '0', '0']);

		// Let the minute pass: the next two go, and only two.
		db.update(mailMessage)
			.set({ sentAt: new Date(Date.now() - 61_000) })
			.where(eq(mailMessage.status, 'sent'))
			.run();
		db.update(job)
			.set({ runAt: new Date() })
			.where(and(eq(job.kind, 'mail.send'), eq(job.status, 'pending')))
			.run();
		await until(() => smtp.received.length >= 4);
		await pause(2000);
		expect(smtp.received).toHaveLength(4);
		expect(messages().filter((m) => m.status === 'queued')).toHaveLength(1);
		const recipients = smtp.received.flatMap((m) => m.envelopeTo);
		expect(new Set(recipients).size).toBe(4);
	});

	test('an invitation still waiting its turn is not sent once its customer opts out', async () => {
		const waiting = db.select().from(mailMessage).where(eq(mailMessage.status, 'queued')).get()!;
		const link = /https?:\/\/\S+\/unsubscribe\/[a-z2-7]+/.exec(waiting.text)![0];
		expect((await unsubscribeOneClick(link)).ok).toBe(true);
		const after = db.select().from(mailMessage).where(eq(mailMessage.id, waiting.id)).get()!;
		expect(after.status).toBe('failed');
		expect(after.lastError).toBe('Not sent: the customer opted out first');
		expect(after.text).toBe('');
		// However much time passes, it does not go out.
		db.update(mailMessage)
			.set({ sentAt: new Date(Date.now() - 61_000) })
			.where(eq(mailMessage.status, 'sent'))
			.run();
		await pause(2000);
		expect(smtp.received.flatMap((m) => m.envelopeTo)).not.toContain(waiting.to);
		expect(smtp.received).toHaveLength(4);
	});
});

describe('reminders and opting out', () => {
	let smtp: Smtp;
	let server: TestServer;
	let db: Db;
	let staff: Client;

	beforeAll(async () => {
		({ smtp, server, db, staff } = await startWithSmtp());
	});
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
		await smtp?.stop();
	});

	const remindersTo = (name: string) =>
		smtp.received.filter((m) => to(name)(m) && m.subject!.startsWith('Reminder'));
	const reminderJobs = (batchId: number) =>
		db
			.select()
			.from(job)
			.where(eq(job.kind, 'invitations.remind'))
			.all()
			.filter((j) => (j.payload as { batchId: number }).batchId === batchId);

	/** Makes a reminder due now instead of in some days, then waits for the worker to take it. */
	async function bringForward(reminderJob: { id: number }) {
		db.update(job).set({ runAt: new Date() }).where(eq(job.id, reminderJob.id)).run();
		await until(
			() => db.select().from(job).where(eq(job.id, reminderJob.id)).get()!.status === 'done'
		);
		// Let the queued reminder mail go out.
		await until(() =>
			db
				.select()
				.from(mailMessage)
				.all()
				.every((m) => m.status === 'sent')
		);
		await pause(500);
	}

	test('up to the set number of reminders, at the set interval, only to those who have neither answered nor opted out', async () => {
		// Ann answers the invitation, Oli opts out of it; Dee answers the first reminder and Eve
		// opts out of it; Cal never answers.
		await addCustomers(staff, ['Ann', 'Oli', 'Cal', 'Dee', 'Eve']);
		const id = await openInvitationSurvey(staff, db, 'Repairs check');
		const asked = Date.now();
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			consentOnly: 'yes',
			notInvitedDays: '0',
			reminders: '2',
			reminderIntervalDays: '3'
		});
		expect(sent.status).toBe(303);
		const batch = db.select().from(invitationBatch).where(eq(invitationBatch.surveyId, id)).get()!;
		for (const name of ['Ann', 'Oli', 'Cal', 'Dee', 'Eve']) await smtp.waitFor(to(name));

		// The first reminder waits the interval after the invitation.
		const [first, ...none] = reminderJobs(batch.id);
		expect(none).toHaveLength(0);
		expect(first!.runAt.getTime()).toBeGreaterThanOrEqual(asked + 3 * DAY);
		expect(first!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 3 * DAY);

		const annInvitation = await smtp.waitFor(to('Ann'));
		expect(await answerThrough(server.url, surveyLinkIn(annInvitation))).toBe(303);
		expect((await unsubscribeOneClick(unsubscribeLinkIn(await smtp.waitFor(to('Oli'))))).ok).toBe(
			true
		);

		const firstRoundAt = Date.now();
		await bringForward(first!);
		expect(remindersTo('Ann')).toHaveLength(0);
		expect(remindersTo('Oli')).toHaveLength(0);
		expect(remindersTo('Cal')).toHaveLength(1);
		expect(remindersTo('Dee')).toHaveLength(1);
		expect(remindersTo('Eve')).toHaveLength(1);

		// The second reminder is queued one interval after the first went out.
		const second = reminderJobs(batch.id).find((j) => j.id !== first!.id);
		expect(second).toBeDefined();
		expect(second!.status).toBe('pending');
		expect(second!.runAt.getTime()).toBeGreaterThanOrEqual(firstRoundAt + 3 * DAY);
		expect(second!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 3 * DAY);

		expect(await answerThrough(server.url, surveyLinkIn(remindersTo('Dee')[0]!))).toBe(303);
		expect((await unsubscribeOneClick(unsubscribeLinkIn(remindersTo('Eve')[0]!))).ok).toBe(true);

		await bringForward(second!);
		expect(remindersTo('Cal')).toHaveLength(2);
		expect(remindersTo('Dee')).toHaveLength(1);
		expect(remindersTo('Eve')).toHaveLength(1);
		expect(remindersTo('Ann')).toHaveLength(0);
		expect(remindersTo('Oli')).toHaveLength(0);
		// No third reminder is planned, and the last reminder's link answers.
		expect(reminderJobs(batch.id)).toHaveLength(2);
		expect(await answerThrough(server.url, surveyLinkIn(remindersTo('Cal')[1]!))).toBe(303);
	});

	test('a customer who opted out is skipped by a later invitation batch', async () => {
		const optedOut = db
			.select({ id: customer.id, email: customer.email })
			.from(customer)
			.where(inArray(customer.email, ['oli@example.net', 'eve@example.net']))
			.all();
		expect(optedOut).toHaveLength(2);
		const before = smtp.received.length;
		const id = await openInvitationSurvey(staff, db, 'Lettings check');
		const sent = await staff.post(`/admin/surveys/${id}/invitations`, {
			consentOnly: 'yes',
			notInvitedDays: '0',
			reminders: '1',
			reminderIntervalDays: '1'
		});
		expect(sent.status).toBe(303);
		for (const name of ['Ann', 'Cal', 'Dee'])
			await smtp.waitFor((m) => to(name)(m) && m.subject!.includes('Lettings check'));
		const invited = db
			.select({ customerId: invitation.customerId })
			.from(invitation)
			.where(eq(invitation.surveyId, id))
			.all()
			.map((i) => i.customerId);
		expect(invited).toHaveLength(3);
		for (const person of optedOut) expect(invited).not.toContain(person.id);

		// Nor do they get this batch's reminder.
		const [reminder] = db
			.select()
			.from(job)
			.where(and(eq(job.kind, 'invitations.remind'), eq(job.status, 'pending')))
			.all();
		await bringForward(reminder!);
		const later = smtp.received.slice(before).flatMap((m) => m.envelopeTo);
		expect(later.filter((address) => address === 'ann@example.net')).toHaveLength(2);
		expect(later).not.toContain('oli@example.net');
		expect(later).not.toContain('eve@example.net');

		// Inviting only people who have all opted out invites nobody.
		db.update(customer)
			.set({ tenure: 'LCHO' })
			.where(
				inArray(
					customer.id,
					optedOut.map((p) => p.id)
				)
			)
			.run();
		const third = await openInvitationSurvey(staff, db, 'Rents check');
		const refused = await staff.post(`/admin/surveys/${third}/invitations`, {
			tenure: 'LCHO',
			notInvitedDays: '0',
			reminders: '0',
			reminderIntervalDays: '7'
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('No customers match');
		expect(db.select().from(invitation).where(eq(invitation.surveyId, third)).all()).toHaveLength(
			0
		);
	});
});
