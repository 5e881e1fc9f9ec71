import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { allQuestions } from '../../src/lib/domain/survey';
import { housekeeping } from '../../src/lib/server/housekeeping';
import {
	answer,
	auditLog,
	complaint,
	complaintHandlingSurveyInvitation,
	complaintNatures,
	contact,
	customer,
	invitation,
	invitationLink,
	mailMessage,
	response,
	retentionPolicy
} from '../../src/lib/server/db/schema';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { Client } from './support/client';
import { createSurvey, firstVersion, rateTotals } from './support/surveys';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let admin: Client;
let staff: Client;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	admin = new Client(server.url);
	await admin.signIn('admin@example.org', TEST_PASSWORD);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const DAY = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
let references = 0;

function addContact(
	receivedAt: Date,
	kind: 'comment' | 'complaint',
	closedAt: Date | null = null
): number {
	const row = db
		.insert(contact)
		.values({
			reference: `RT-${++references}`,
			kind,
			channel: 'email',
			receivedAt,
			text: `Words of person ${references}`,
			customerName: `Person ${references}`,
			customerEmail: `person${references}@example.org`
		})
		.returning()
		.get();
	if (kind === 'complaint')
		db.insert(complaint)
			.values({
				contactId: row.id,
				nature: complaintNatures[0],
				status: closedAt ? 'closed' : 'open',
				closedAt
			})
			.run();
	return row.id;
}

/** A complaint-handling survey sent about the complaint: its email and its invitation. */
function handlingSurveySent(contactId: number, surveyId: number) {
	const raised = db.select().from(complaint).where(eq(complaint.contactId, contactId)).get()!;
	const mail = db
		.insert(mailMessage)
		.values({
			messageId: `<handling-${contactId}@example.org>`,
			to: `person${contactId}@example.org`,
			subject: 'How did we handle your complaint?',
			text: `Your complaint RT-${contactId}: https://example.org/i/handling`,
			category: 'complaint-handling-survey',
			status: 'outbox'
		})
		.returning()
		.get();
	const sent = db
		.insert(invitation)
		.values({ surveyId, tokenHash: `handling-${contactId}`, status: 'sent', mailId: mail.id })
		.returning()
		.get();
	db.insert(complaintHandlingSurveyInvitation)
		.values({
			complaintId: raised.id,
			email: `person${contactId}@example.org`,
			queuedAt: new Date(),
			status: 'sent',
			invitationId: sent.id
		})
		.run();
	return { mail: mail.id, invitation: sent.id };
}

const contactRow = (id: number) => db.select().from(contact).where(eq(contact.id, id)).get()!;
const retentionPage = async () =>
	(await (await admin.get('/admin/retention')).text()).replace(/\s+/g, ' ');

describe('retention periods', () => {
	test('bad periods are refused with a message by each field, keep what was typed and save nothing', async () => {
		const res = await admin.post('/admin/retention?/save', {
			contactMonths: '0',
			complaintMonths: 'six years',
			responseMonths: '241'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('govuk-error-summary');
		expect(html).toContain(
			'How long to keep questions, comments and compliments must be between 1 and 240 months, or blank to keep them'
		);
		expect(html).toContain('How long to keep complaints must be a whole number of months, like 24');
		expect(html).toContain(
			'How long to link survey responses to customers must be between 1 and 240 months'
		);
		expect(html).toContain('value="six years"');
		expect(db.select().from(retentionPolicy).all()).toEqual([]);
		expect((await staff.post('/admin/retention?/save', { contactMonths: '1' })).status).toBe(404);
		expect(db.select().from(retentionPolicy).all()).toEqual([]);
	});

	test('what is past its period is anonymised when an admin asks and at housekeeping; the rest, and every count, stays', async () => {
		const surveyId = await createSurvey(staff, 'repair-satisfaction', 'After your repair');
		const version = firstVersion(db, surveyId);
		const written = allQuestions(version.definition).find((q) => q.type === 'long-text')!;
		const person = db
			.insert(customer)
			.values({ name: 'Kept Customer', email: 'kept@example.org' })
			.returning()
			.get();
		const respond = (status: 'submitted' | 'in-progress', at: Date) => {
			const mail = db
				.insert(mailMessage)
				.values({
					messageId: `<rt-${++references}@example.org>`,
					to: 'kept@example.org',
					subject: 'Your survey',
					text: 'Dear Kept Customer, https://example.org/i/kept',
					category: 'survey-invitation',
					status: 'outbox'
				})
				.returning()
				.get();
			const invited = db
				.insert(invitation)
				.values({
					surveyId,
					customerId: person.id,
					tokenHash: `rt-${++references}`,
					status: status === 'submitted' ? 'used' : 'sent',
					usedAt: status === 'submitted' ? at : null,
					openedAt: at,
					mailId: mail.id
				})
				.returning()
				.get();
			const row = db
				.insert(response)
				.values({
					surveyId,
					versionId: version.id,
					reference: `RT-R-${++references}`,
					status,
					customerId: person.id,
					invitationId: invited.id,
					startedAt: at,
					submittedAt: status === 'submitted' ? at : null
				})
				.returning()
				.get();
			db.insert(answer)
				.values({
					responseId: row.id,
					questionId: written.id,
					questionCode: written.code,
					value: { type: 'text', value: 'My name is on my door' }
				})
				.run();
			// The first email, before a reminder replaced its link.
			const first = db
				.insert(mailMessage)
				.values({
					messageId: `<rt-first-${references}@example.org>`,
					to: 'kept@example.org',
					subject: 'Your survey',
					text: 'Dear Kept Customer, https://example.org/i/first',
					category: 'survey-invitation',
					status: 'outbox'
				})
				.returning()
				.get();
			db.insert(invitationLink)
				.values({
					tokenHash: `rt-first-${references}`,
					invitationId: invited.id,
					purpose: 'answer',
					mailId: first.id
				})
				.run();
			return { id: row.id, invitation: invited.id, mail: mail.id, first: first.id };
		};

		const oldComment = addContact(daysAgo(25 * 31), 'comment');
		const recentComment = addContact(daysAgo(23 * 30), 'comment');
		const oldClosed = addContact(daysAgo(80 * 31), 'complaint', daysAgo(73 * 31));
		const recentClosed = addContact(daysAgo(80 * 31), 'complaint', daysAgo(71 * 30));
		const oldHandling = handlingSurveySent(oldClosed, surveyId);
		const recentHandling = handlingSurveySent(recentClosed, surveyId);
		const longOpen = addContact(daysAgo(100 * 31), 'complaint');
		// Anonymised by hand before, but still linked to the customer's record.
		const handDone = addContact(daysAgo(26 * 31), 'comment');
		db.update(contact)
			.set({ anonymisedAt: daysAgo(20), customerId: person.id })
			.where(eq(contact.id, handDone))
			.run();
		const oldResponse = respond('submitted', daysAgo(13 * 31));
		const recentResponse = respond('submitted', daysAgo(11 * 30));
		const abandoned = respond('in-progress', daysAgo(13 * 31));

		// Nothing happens while the periods are blank, and the privacy notice says so.
		const notice = async () =>
			(await (await new Client(server.url).get('/privacy')).text()).replace(/\s+/g, ' ');
		expect(await notice()).toContain(
			'keeps what you tell us for as long as its retention schedule says'
		);
		expect(await retentionPage()).toContain('Blank: kept until you set a period.');
		expect(housekeeping(db).retention).toEqual({
			contactMonths: 0,
			complaintMonths: 0,
			responseMonths: 0
		});
		expect(contactRow(oldComment).anonymisedAt).toBeNull();

		const saved = await admin.post('/admin/retention?/save', {
			contactMonths: '24',
			complaintMonths: '72',
			responseMonths: '12'
		});
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe('/admin/retention?saved=1');
		const page = await retentionPage();
		expect(page).toContain('2 contacts are past this now.');
		expect(page).toContain('1 complaint is past this now.');
		expect(page).toContain('2 responses are past this now.');
		expect(page).toContain('value="72"');
		const published = await notice();
		expect(published).toContain('words are removed 2 years after we receive them');
		expect(published).toContain('words are removed 6 years after the complaint is closed');
		expect(published).toContain('the link is removed 1 year after you answer');
		expect(published).not.toContain('as long as its retention schedule says');
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'retention.update')).get()!.after
		).toEqual({ contactMonths: 24, complaintMonths: 72, responseMonths: 12 });

		const complaintsBefore = db.select().from(complaint).all().length;
		// Invited, sent, opened and answered, over every tenure.
		const ratesBefore = rateTotals(db, surveyId);
		expect(ratesBefore).toMatchObject({ sent: 5, opened: 3, answered: 2 });
		const applied = await admin.post('/admin/retention?/apply', {});
		expect(applied.status).toBe(303);
		expect(applied.headers.get('location')).toBe(
			'/admin/retention?applied=1&contacts=2&complaints=1&responses=2'
		);
		expect(await (await admin.get(applied.headers.get('location')!)).text()).toContain(
			'Anonymised 2 contacts, 1 complaint and 2 survey responses'
		);

		for (const id of [oldComment, oldClosed, handDone])
			expect(contactRow(id)).toMatchObject({
				customerId: null,
				customerName: null,
				customerEmail: null,
				text: '(removed at the end of its retention period)'
			});
		for (const id of [recentComment, recentClosed, longOpen])
			expect(contactRow(id)).toMatchObject({
				anonymisedAt: null,
				customerName: expect.any(String)
			});
		expect(db.select().from(complaint).all()).toHaveLength(complaintsBefore);
		// The handling survey about the old complaint stops working and its email names nobody.
		const mailRow = (id: number) =>
			db.select().from(mailMessage).where(eq(mailMessage.id, id)).get()!;
		expect(mailRow(oldHandling.mail)).toMatchObject({ to: '', text: '', html: null });
		expect(
			db.select().from(invitation).where(eq(invitation.id, oldHandling.invitation)).get()!.tokenHash
		).not.toBe(`handling-${oldClosed}`);
		expect(mailRow(recentHandling.mail).to).toBe(`person${recentClosed}@example.org`);
		expect(
			db.select().from(invitation).where(eq(invitation.id, recentHandling.invitation)).get()!
				.tokenHash
		).toBe(`handling-${recentClosed}`);

		// The response keeps its answers, as an anonymous survey's do, and nothing leads back to the
		// customer: not the response, nor the invitation used at the same moment.
		const responseRow = (id: number) => db.select().from(response).where(eq(response.id, id)).get();
		const invitationRow = (id: number) =>
			db.select().from(invitation).where(eq(invitation.id, id)).get()!;
		expect(responseRow(oldResponse.id)).toMatchObject({
			customerId: null,
			invitationId: null,
			status: 'submitted'
		});
		expect(
			db.select().from(answer).where(eq(answer.responseId, oldResponse.id)).all()
		).toHaveLength(1);
		expect(invitationRow(oldResponse.invitation)).toMatchObject({
			customerId: null,
			status: 'used',
			usedAt: null,
			openedAt: null
		});
		// Its email names nobody, but still counts as sent: the rates do not move.
		expect(mailRow(oldResponse.mail)).toMatchObject({ to: '', text: '', status: 'outbox' });
		expect(mailRow(oldResponse.first)).toMatchObject({ to: '', text: '', status: 'outbox' });
		expect(
			db
				.select()
				.from(invitationLink)
				.where(eq(invitationLink.invitationId, oldResponse.invitation))
				.all()
		).toEqual([]);
		expect(mailRow(recentResponse.first).to).toBe('kept@example.org');
		expect(mailRow(recentResponse.mail).to).toBe('kept@example.org');
		expect(rateTotals(db, surveyId)).toEqual(ratesBefore);
		expect(responseRow(recentResponse.id)).toMatchObject({ customerId: person.id });
		expect(invitationRow(recentResponse.invitation).customerId).toBe(person.id);
		expect(responseRow(abandoned.id)).toBeUndefined();
		// Its invitation no longer starts an answer for nobody in particular.
		expect(invitationRow(abandoned.invitation)).toMatchObject({
			customerId: null,
			status: 'sent',
			unsubscribeHash: null
		});
		expect(invitationRow(abandoned.invitation).tokenHash).not.toMatch(/^rt-/);
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'retention.apply')).get()
		).toMatchObject({
			actor: expect.stringContaining('admin@example.org'),
			after: { contacts: 2, complaints: 1, responses: 2 }
		});

		// Housekeeping does the same on its rounds, and a second run finds nothing left.
		const another = addContact(daysAgo(30 * 31), 'comment');
		expect(housekeeping(db).retention).toEqual({
			contactMonths: 1,
			complaintMonths: 0,
			responseMonths: 0
		});
		expect(contactRow(another).anonymisedAt).toBeInstanceOf(Date);
		expect(housekeeping(db).retention).toEqual({
			contactMonths: 0,
			complaintMonths: 0,
			responseMonths: 0
		});
		expect(await retentionPage()).not.toContain('Anonymise what is past its period now');
	});
});

test('anonymising a complaint by hand unlinks it and stops its complaint-handling survey', async () => {
	const surveyId = await createSurvey(staff, 'repair-satisfaction', 'Handled');
	const person = db
		.insert(customer)
		.values({ name: 'Hand Done', email: 'hand.done@example.org' })
		.returning()
		.get();
	const sentAbout = addContact(daysAgo(40), 'complaint', daysAgo(10));
	const waitingAbout = addContact(daysAgo(40), 'complaint', daysAgo(1));
	db.update(contact).set({ customerId: person.id }).where(eq(contact.id, sentAbout)).run();
	const sent = handlingSurveySent(sentAbout, surveyId);
	const waiting = db.select().from(complaint).where(eq(complaint.contactId, waitingAbout)).get()!;
	db.insert(complaintHandlingSurveyInvitation)
		.values({ complaintId: waiting.id, email: 'waiting@example.org', queuedAt: new Date() })
		.run();

	for (const id of [sentAbout, waitingAbout]) {
		const res = await admin.post(`/admin/contacts/${id}?/anonymise`, {});
		expect(res.status).toBe(303);
		expect(contactRow(id)).toMatchObject({ customerId: null, customerEmail: null });
	}
	expect(db.select().from(mailMessage).where(eq(mailMessage.id, sent.mail)).get()).toMatchObject({
		to: '',
		text: ''
	});
	expect(
		db.select().from(invitation).where(eq(invitation.id, sent.invitation)).get()!.tokenHash
	).not.toBe(`handling-${sentAbout}`);
	expect(
		db
			.select()
			.from(complaintHandlingSurveyInvitation)
			.where(eq(complaintHandlingSurveyInvitation.complaintId, waiting.id))
			.get()
	).toMatchObject({ status: 'skipped', email: '' });
});

test('a complaint-handling email sent before invitations kept their email is found by its own link, not by its address', async () => {
	const surveyId = await createSurvey(staff, 'repair-satisfaction', 'Handled before');
	// Two complaints from one person, closed within a second; B's email is still waiting to go.
	const [a, b] = [
		addContact(daysAgo(40), 'complaint', daysAgo(2)),
		addContact(daysAgo(40), 'complaint', daysAgo(2))
	];
	const sentAt = new Date();
	const legacy = (contactId: number, status: 'outbox' | 'queued') => {
		const token = generateToken();
		const mail = db
			.insert(mailMessage)
			.values({
				messageId: `<legacy-${contactId}@example.org>`,
				to: 'Pat@Example.org',
				subject: 'How did we handle your complaint?',
				text: `Your complaint RT-${contactId}: https://example.org/i/${token}`,
				category: 'complaint-handling-survey',
				status,
				createdAt: sentAt
			})
			.returning()
			.get();
		const sent = db
			.insert(invitation)
			.values({ surveyId, tokenHash: hashToken(token), status: 'sent' })
			.returning()
			.get();
		const raised = db.select().from(complaint).where(eq(complaint.contactId, contactId)).get()!;
		db.insert(complaintHandlingSurveyInvitation)
			.values({
				complaintId: raised.id,
				email: 'pat@example.org',
				queuedAt: sentAt,
				sentAt,
				status: 'sent',
				invitationId: sent.id
			})
			.run();
		return mail.id;
	};
	const mailA = legacy(a!, 'outbox');
	const mailB = legacy(b!, 'queued');

	expect((await admin.post(`/admin/contacts/${a}?/anonymise`, {})).status).toBe(303);
	const mailRow = (id: number) =>
		db.select().from(mailMessage).where(eq(mailMessage.id, id)).get()!;
	expect(mailRow(mailA)).toMatchObject({ to: '', text: '' });
	expect(mailRow(mailB)).toMatchObject({ to: 'Pat@Example.org', status: 'queued' });
	expect(mailRow(mailB).text).toContain(`RT-${b}`);
});
