import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { allQuestions } from '../../src/lib/domain/survey';
import {
	answer,
	auditLog,
	complaint,
	complaintNatures,
	complaintStage,
	consultation,
	contact,
	customer,
	customerService,
	invitation,
	mailMessage,
	response,
	service,
	subscriber
} from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { createSurvey, firstVersion } from './support/surveys';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let repairs: number;
let lettings: number;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	lettings = db.insert(service).values({ name: 'Lettings' }).returning().get().id;
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function addCustomer(fields: Record<string, string | string[]>) {
	const res = await staff.post('/admin/customers/new', fields);
	expect(res.status).toBe(303);
	return Number(res.headers.get('location')!.match(/\/admin\/customers\/(\d+)/)![1]);
}

/** The names the customer list shows for a search. */
async function search(query: Record<string, string>) {
	const html = await (
		await staff.get(`/admin/customers?${new URLSearchParams(query).toString()}`)
	).text();
	return [...html.matchAll(/<a href="\/admin\/customers\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
}

const servicesOf = (id: number) =>
	db
		.select({ serviceId: customerService.serviceId })
		.from(customerService)
		.where(eq(customerService.customerId, id))
		.all()
		.map((s) => s.serviceId);

const updatesOf = (id: number) =>
	db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, 'customer.update'), eq(auditLog.entityId, String(id))))
		.all();

describe('editing a customer', () => {
	let alice: number;
	let bert: number;

	beforeAll(async () => {
		alice = await addCustomer({
			name: 'Alice Able',
			email: 'alice@example.net',
			phone: '01632 960 001',
			reference: 'T-200',
			tenure: 'LCRA',
			serviceIds: String(repairs),
			consentSurveys: 'yes',
			notes: ''
		});
		bert = await addCustomer({
			name: 'Bert Other',
			email: 'bert@example.net',
			reference: 'T-201',
			tenure: 'LCRA'
		});
	});

	test('staff change every detail; it is saved, audited and found by the new values', async () => {
		const res = await staff.post(`/admin/customers/${alice}`, {
			name: 'Alice Baker',
			email: 'Alice.Baker@Example.net',
			phone: '01632 960 777',
			reference: 'T-300',
			tenure: 'LCHO',
			serviceIds: String(lettings),
			consentUpdates: 'yes',
			notes: 'Large print, please'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/admin/customers/${alice}?saved=updated`);

		const row = db.select().from(customer).where(eq(customer.id, alice)).get()!;
		expect(row).toMatchObject({
			name: 'Alice Baker',
			email: 'alice.baker@example.net',
			phone: '01632 960 777',
			reference: 'T-300',
			tenure: 'LCHO',
			consentSurveys: false,
			consentUpdates: true,
			notes: 'Large print, please'
		});
		expect(servicesOf(alice)).toEqual([lettings]);
		const [audit] = updatesOf(alice);
		expect(audit).toBeDefined();
		expect(JSON.stringify(audit!.before)).toContain('Alice Able');
		expect(JSON.stringify(audit!.after)).toContain('Alice Baker');

		const page = await (await staff.get(`/admin/customers/${alice}`)).text();
		expect(page).toContain('value="Alice Baker"');
		expect(page).toContain('Large print, please');

		// Found by each new value, no longer by the old ones.
		expect(await search({ q: 'Baker' })).toEqual(['Alice Baker']);
		expect(await search({ q: 'alice.baker@' })).toEqual(['Alice Baker']);
		expect(await search({ q: 'T-300' })).toEqual(['Alice Baker']);
		expect(await search({ q: '960 777' })).toEqual(['Alice Baker']);
		expect(await search({ q: 'Able' })).toEqual([]);
		expect(await search({ q: 'T-200' })).toEqual([]);
		expect(await search({ tenure: 'LCHO' })).toEqual(['Alice Baker']);
		expect(await search({ serviceId: String(lettings) })).toEqual(['Alice Baker']);
		expect(await search({ serviceId: String(repairs) })).toEqual([]);
	});

	test('bad edits are refused with a message by the field, keep what was typed, and write nothing', async () => {
		const before = db.select().from(customer).where(eq(customer.id, alice)).get()!;
		const auditsBefore = db.select().from(auditLog).all().length;
		const valid = {
			name: 'Alice Baker',
			email: 'alice.baker@example.net',
			phone: '01632 960 777',
			reference: 'T-300',
			tenure: 'LCHO',
			serviceIds: String(lettings),
			notes: 'Large print, please'
		};
		const attempts: [Record<string, string | string[]>, string[]][] = [
			[
				{ ...valid, name: ' ', email: 'not-an-email', phone: 'call me' },
				[
					'Enter the customer’s name',
					'Enter an email address in the correct format',
					'Enter a phone number, like 01632 960 001',
					'value="not-an-email"',
					'value="call me"'
				]
			],
			[
				{ ...valid, name: 'Alice Changed', email: 'BERT@example.net' },
				['Another customer already has this email address', 'value="Alice Changed"']
			],
			[
				{ ...valid, name: 'Alice Changed', reference: 'T-201' },
				['Another customer already has this reference', 'value="T-201"']
			],
			[
				{ ...valid, name: 'Alice Changed', serviceIds: [String(repairs), '99999'] },
				['Choose services from the list']
			],
			[
				{ ...valid, name: 'Alice Changed', email: '', phone: '', reference: '' },
				['Enter an email address, a phone number or a reference']
			],
			[{ ...valid, tenure: 'freehold' }, ['Choose low-cost rental, shared ownership or not known']],
			[{ ...valid, notes: 'x'.repeat(1001) }, ['Notes must be 1000 characters or fewer']]
		];
		for (const [fields, messages] of attempts) {
			const res = await staff.post(`/admin/customers/${alice}`, fields);
			expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
			const html = await res.text();
			expect(html).toContain('govuk-error-summary');
			for (const message of messages) expect(html).toContain(message);
		}

		expect(db.select().from(customer).where(eq(customer.id, alice)).get()).toEqual(before);
		expect(servicesOf(alice)).toEqual([lettings]);
		expect(db.select().from(customer).where(eq(customer.id, bert)).get()).toMatchObject({
			name: 'Bert Other',
			email: 'bert@example.net',
			reference: 'T-201'
		});
		expect(db.select().from(auditLog).all()).toHaveLength(auditsBefore);
		expect(await search({ q: 'Alice Changed' })).toEqual([]);
	});

	test('a customer that does not exist is not found', async () => {
		expect((await staff.get('/admin/customers/99999')).status).toBe(404);
		const res = await staff.post('/admin/customers/99999', { name: 'Nobody', reference: 'X-1' });
		expect(res.status).toBe(404);
		expect(db.select().from(customer).where(eq(customer.reference, 'X-1')).get()).toBeUndefined();
	});
});

describe('a subject access request', () => {
	test('an admin downloads everything held about one customer, and nobody else’s; it is audit-logged', async () => {
		const surveyId = await createSurvey(staff, 'repair-satisfaction', 'After your repair');
		const version = firstVersion(db, surveyId);
		const questions = allQuestions(version.definition);
		const first = questions.find((q) => q.type === 'long-text')!;
		const topic = db
			.insert(consultation)
			.values({ slug: 'bins', title: 'Bin collections', question: 'When should bins go?' })
			.returning()
			.get();

		const people = ['Sam Subject', 'Other Person'].map((name, i) => {
			const email = i === 0 ? 'sam.subject@example.org' : 'other.person@example.org';
			const id = db.insert(customer).values({ name, email }).returning().get().id;
			db.insert(invitation)
				.values({ surveyId, customerId: id, tokenHash: `hash-${i}`, status: 'used' })
				.run();
			const answered = db
				.insert(response)
				.values({
					surveyId,
					versionId: version.id,
					reference: `SAR-${i}`,
					status: 'submitted',
					customerId: id,
					submittedAt: new Date()
				})
				.returning()
				.get();
			db.insert(answer)
				.values({
					responseId: answered.id,
					questionId: first.id,
					questionCode: first.code,
					value: { type: 'text', value: `said by ${name}` }
				})
				.run();
			// Found by email alone, written differently: no record links it.
			const told = db
				.insert(contact)
				.values({
					reference: `C-${i}`,
					kind: 'complaint',
					channel: 'email',
					receivedAt: new Date('2026-11-02T10:00:00Z'),
					text: `complaint from ${name}`,
					customerEmail: email.toUpperCase()
				})
				.returning()
				.get();
			const raised = db
				.insert(complaint)
				.values({ contactId: told.id, nature: complaintNatures[0] })
				.returning()
				.get();
			db.insert(complaintStage)
				.values({ complaintId: raised.id, stage: 1, receivedAt: told.receivedAt })
				.run();
			db.insert(subscriber)
				.values({ consultationId: topic.id, email, confirmedAt: new Date() })
				.run();
			db.insert(mailMessage)
				.values({
					messageId: `<sar-${i}@example.org>`,
					to: email,
					subject: `Your survey, ${name}`,
					text: 'https://example.org/i/secretsecretsecret',
					category: 'survey-invitation'
				})
				.run();
			return id;
		});

		expect((await staff.get(`/admin/customers/${people[0]}/subject-access`)).status).toBe(404);
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		expect(await (await admin.get(`/admin/customers/${people[0]}`)).text()).toContain(
			'data-testid="subject-access"'
		);
		const res = await admin.get(`/admin/customers/${people[0]}/subject-access`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(
			new RegExp(
				`attachment; filename="subject-access-customer-${people[0]}-\\d{4}-\\d{2}-\\d{2}\\.json"`
			)
		);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		const text = await res.text();
		const data = JSON.parse(text);
		expect(data.customer).toMatchObject({ name: 'Sam Subject', email: 'sam.subject@example.org' });
		expect(data.surveyInvitations).toEqual([
			expect.objectContaining({ survey: 'After your repair', status: 'used' })
		]);
		expect(data.surveyResponses).toEqual([
			expect.objectContaining({
				reference: 'SAR-0',
				answers: [{ code: first.code, question: first.text, answer: 'said by Sam Subject' }]
			})
		]);
		expect(data.contacts).toEqual([
			expect.objectContaining({
				reference: 'C-0',
				text: 'complaint from Sam Subject',
				complaint: expect.objectContaining({ stages: [expect.objectContaining({ stage: 1 })] })
			})
		]);
		expect(data.consultationUpdates).toEqual([
			expect.objectContaining({ consultation: 'Bin collections' })
		]);
		expect(data.emails).toEqual([
			expect.objectContaining({
				subject: 'Your survey, Sam Subject',
				category: 'survey-invitation'
			})
		]);
		// Nothing about anyone else, and no secret link from the emails.
		expect(text).not.toContain('Other Person');
		expect(text).not.toContain('other.person@example.org');
		expect(text).not.toContain('secretsecretsecret');

		expect(
			db
				.select()
				.from(auditLog)
				.where(
					and(
						eq(auditLog.action, 'customer.subject-access-export'),
						eq(auditLog.entityId, String(people[0]))
					)
				)
				.all()
		).toHaveLength(1);
		expect((await admin.get('/admin/customers/999999/subject-access')).status).toBe(404);
	});
});
