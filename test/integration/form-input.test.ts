import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { contact, service } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let repairs: number;
let staff: Client;
let admin: Client;

beforeAll(async () => {
	server = await startServer({ BODY_SIZE_LIMIT: '64K' });
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	admin = new Client(server.url);
	await admin.signIn('admin@example.org', TEST_PASSWORD);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const CANNOT_READ = 'The form could not be read. Go back and send it again.';

const unreadableBodies = [
	{ kind: 'a text/plain body', type: 'text/plain', body: 'text=Hello' },
	{
		kind: 'broken multipart',
		type: 'multipart/form-data; boundary=edge',
		body: '--edge\r\nContent-Disposition: form-data; name="text"\r\n\r\nHello'
	},
	{ kind: 'multipart with no boundary', type: 'multipart/form-data', body: 'text=Hello' }
];

const stored = () => ({
	contacts: db.select().from(contact).all().length,
	services: db.select().from(service).all().length
});

describe('a POST whose body is not form data', () => {
	const forms = [
		{ who: 'the public', path: '/tell-us', client: () => new Client(server.url) },
		{ who: 'staff', path: '/admin/contacts/new', client: () => staff },
		{ who: 'an admin', path: '/admin/services?/create', client: () => admin }
	];

	for (const { who, path, client } of forms)
		test.each(unreadableBodies)(
			`$kind to ${path} (${who}): 400, nothing stored or logged`,
			async ({ type, body }) => {
				const before = stored();
				const logged = server.output().length;
				const res = await client().postRaw(path, body, type);
				expect(res.status).toBe(400);
				expect(await res.text()).toContain(CANNOT_READ);
				expect(stored()).toEqual(before);
				expect(server.output().slice(logged)).not.toMatch(/TypeError|FormData|at /);
			}
		);

	test('a body over BODY_SIZE_LIMIT still gets 413 Payload Too Large', async () => {
		const before = stored();
		const big = 'text=' + 'a'.repeat(100_000);
		const sized = await staff.postRaw(
			'/admin/contacts/new',
			big,
			'application/x-www-form-urlencoded'
		);
		expect(sized.status).toBe(413);
		// Sent in chunks with no Content-Length, the limit is only found while reading.
		const chunked = await staff.postRaw(
			'/admin/contacts/new',
			new Blob([big]).stream(),
			'application/x-www-form-urlencoded'
		);
		expect(chunked.status).toBe(413);
		expect(stored()).toEqual(before);
	});
});

describe('typed text is cleaned before it is stored', () => {
	const dirty = 'The leak\u0000 in the\u0001 kitchen\u007f\r\nsince Monday\u0085  ';
	const clean = 'The leak in the kitchen\nsince Monday';

	test('Tell us drops control characters from what was said and who said it', async () => {
		const res = await new Client(server.url).post('/tell-us', {
			kind: 'comment',
			serviceId: String(repairs),
			text: dirty,
			customerName: 'Alex\u0000 Smith\u001b',
			customerPhone: '\u000007700 900123',
			website: '',
			startedAt: String(Date.now() - 60_000)
		});
		expect(res.status).toBe(303);
		const reference = new URL(res.headers.get('location')!, server.url).searchParams.get('ref')!;
		const saved = db.select().from(contact).where(eq(contact.reference, reference)).get()!;
		expect(saved).toMatchObject({
			text: clean,
			customerName: 'Alex Smith',
			customerPhone: '07700 900123'
		});
	});

	test('a contact logged by staff is cleaned the same way', async () => {
		const res = await staff.post('/admin/contacts/new', {
			kind: 'question',
			serviceId: String(repairs),
			channel: 'phone',
			receivedOn: '2026-01-05',
			receivedTime: '10:00',
			text: dirty,
			customerName: '\u0001Sam'
		});
		expect(res.status).toBe(303);
		const id = Number(res.headers.get('location')!.match(/^\/admin\/contacts\/(\d+)/)![1]);
		const saved = db.select().from(contact).where(eq(contact.id, id)).get()!;
		expect(saved).toMatchObject({ text: clean, customerName: 'Sam' });
	});
});
