import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { complaint, complaintStage, contact, service } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let repairs: number;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const aMinuteAgo = () => String(Date.now() - 60_000);

const complaintFields = () => ({
	kind: 'complaint',
	serviceId: String(repairs),
	text: 'Nobody came to fix the leak.',
	customerName: 'Alex',
	customerEmail: 'alex@example.net',
	contactConsent: 'yes',
	website: '',
	startedAt: aMinuteAgo()
});

describe('the public Tell us form', () => {
	test('works without JavaScript and gives a reference number', async () => {
		const client = new Client(server.url);
		const page = await client.get('/tell-us');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('name="startedAt"');
		const res = await client.post('/tell-us', complaintFields());
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		const reference = new URL(location, server.url).searchParams.get('ref')!;
		const saved = db.select().from(contact).where(eq(contact.reference, reference)).get()!;
		expect(saved).toMatchObject({
			kind: 'complaint',
			channel: 'web-form',
			customerEmail: 'alex@example.net',
			contactConsent: true
		});
		const made = db.select().from(complaint).where(eq(complaint.contactId, saved.id)).get()!;
		expect(
			db.select().from(complaintStage).where(eq(complaintStage.complaintId, made.id)).get()!
				.handlerId
		).toBeNull();
		const thanks = await (await client.get(location)).text();
		expect(thanks).toContain(reference);
	});

	test('bad input: an error summary, a message by the field, and what was typed kept', async () => {
		const res = await new Client(server.url).post('/tell-us', {
			...complaintFields(),
			kind: '',
			customerEmail: 'not-an-email',
			text: 'Still waiting'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('There is a problem');
		expect(html).toContain('Select what the contact is about');
		expect(html).toContain('Enter an email address in the correct format');
		expect(html).toContain('Still waiting');
	});

	test('a filled-in honeypot or a form sent back too fast looks like success but stores nothing', async () => {
		const before = db.select().from(contact).all().length;
		const client = new Client(server.url);
		const honeypot = await client.post('/tell-us', {
			...complaintFields(),
			website: 'http://spam.example'
		});
		expect(honeypot.status).toBe(303);
		expect(honeypot.headers.get('location')).toMatch(/^\/tell-us\/thank-you\?ref=/);
		const hasty = await client.post('/tell-us', {
			...complaintFields(),
			startedAt: String(Date.now())
		});
		expect(hasty.status).toBe(303);
		const stampless = await client.post('/tell-us', { ...complaintFields(), startedAt: '' });
		expect(stampless.status).toBe(303);
		expect(db.select().from(contact).all().length).toBe(before);
	});

	test('more than 30 submissions a minute from one address: HTTP 429', async () => {
		const client = new Client(server.url);
		let last = 0;
		for (let i = 0; i < 31; i++)
			last = (await client.post('/tell-us', { ...complaintFields(), website: 'x' })).status;
		expect(last).toBe(429);
	});
});
