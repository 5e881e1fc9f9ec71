import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { allQuestions } from '../../src/lib/domain/survey';
import {
	answer,
	answerTheme,
	auditLog,
	complaint,
	complaintHandlingResponse,
	complaintHandlingSurveyInvitation,
	complaintNatures,
	complaintStage,
	consultation,
	contact,
	customer,
	equalityAnswer,
	invitation,
	invitationLink,
	mailMessage,
	response,
	subscriber,
	theme
} from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { createSurvey, firstVersion, rateTotals } from './support/surveys';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let admin: Client;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	admin = new Client(server.url);
	await admin.signIn('admin@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

/** Every row of every table, as text: what a search of the whole file would find. */
function wholeDatabase(): string {
	const tables = db.$client
		.prepare(`select name from sqlite_master where type = 'table'`)
		.all() as { name: string }[];
	return tables
		.map(({ name }) => JSON.stringify(db.$client.prepare(`select * from "${name}"`).all()))
		.join('\n')
		.toLowerCase();
}

/** A customer, added and edited through the app, with something held in every place. */
async function personWithHistory(
	name: string,
	email: string,
	phone: string,
	surveyId: number,
	topicId: number
) {
	// Added with an address they later changed: emails to it are theirs too.
	const created = await staff.post('/admin/customers/new', { name, email: `old.${email}`, phone });
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.match(/\/admin\/customers\/(\d+)/)![1]);
	const edited = await staff.post(`/admin/customers/${id}`, {
		name,
		email,
		phone: `${phone}9`,
		notes: `${name} needs large print`
	});
	expect(edited.status).toBe(303);

	const version = firstVersion(db, surveyId);
	const questions = allQuestions(version.definition);
	const written = questions.find((q) => q.type === 'long-text')!;
	const scored = questions.find((q) => q.type === 'satisfaction')!;
	const used = db
		.insert(invitation)
		.values({ surveyId, customerId: id, tokenHash: `used-${id}`, status: 'used' })
		.returning()
		.get();
	const waiting = db
		.insert(invitation)
		.values({ surveyId, customerId: id, tokenHash: `sent-${id}`, status: 'sent' })
		.returning()
		.get();
	db.insert(invitationLink)
		.values({ tokenHash: `earlier-${id}`, invitationId: waiting.id, purpose: 'answer' })
		.run();
	const submitted = db
		.insert(response)
		.values({
			surveyId,
			versionId: version.id,
			reference: `ER-${id}`,
			status: 'submitted',
			customerId: id,
			invitationId: used.id,
			submittedAt: new Date()
		})
		.returning()
		.get();
	db.insert(answer)
		.values([
			{
				responseId: submitted.id,
				questionId: written.id,
				questionCode: written.code,
				value: { type: 'text', value: `${name} at 12 High Street says the boiler leaks` }
			},
			{
				responseId: submitted.id,
				questionId: scored.id,
				questionCode: scored.code,
				value: { type: 'choice', value: '2' }
			},
			{
				responseId: submitted.id,
				questionId: 'which-room',
				questionCode: 'ROOM',
				value: {
					type: 'choices',
					values: ['kitchen', 'other'],
					writeIns: { other: `${name}'s loft` }
				}
			}
		])
		.run();
	const tag = db
		.insert(theme)
		.values({ name: `Damp ${id}` })
		.returning()
		.get();
	db.insert(answerTheme)
		.values({ responseId: submitted.id, questionId: written.id, themeId: tag.id })
		.run();
	db.insert(equalityAnswer)
		.values({
			responseId: submitted.id,
			questionId: 'eq-sex',
			questionCode: 'EQ_SEX',
			specialCategory: false,
			value: { type: 'choice', value: 'female' }
		})
		.run();
	const unfinished = db
		.insert(response)
		.values({
			surveyId,
			versionId: version.id,
			reference: `ER-${id}-2`,
			customerId: id,
			invitationId: waiting.id
		})
		.returning()
		.get();
	db.insert(answer)
		.values({
			responseId: unfinished.id,
			questionId: scored.id,
			questionCode: scored.code,
			value: { type: 'choice', value: '4' }
		})
		.run();

	// Found by the address alone, written in capitals: no record links it.
	const told = db
		.insert(contact)
		.values({
			reference: `C-${id}`,
			kind: 'complaint',
			channel: 'email',
			receivedAt: new Date('2026-11-02T10:00:00Z'),
			text: `complaint from ${name}`,
			customerName: name,
			customerEmail: email.toUpperCase(),
			customerPhone: phone,
			contactConsent: true
		})
		.returning()
		.get();
	const raised = db
		.insert(complaint)
		.values({ contactId: told.id, nature: complaintNatures[0], status: 'closed' })
		.returning()
		.get();
	db.insert(complaintStage)
		.values({ complaintId: raised.id, stage: 1, receivedAt: told.receivedAt })
		.run();
	// The complaint-handling survey went out, linked to the complaint and not to the customer.
	const handlingMail = db
		.insert(mailMessage)
		.values({
			messageId: `<handling-${id}@example.org>`,
			to: email,
			subject: 'How did we handle your complaint?',
			text: `Dear ${name}, https://example.org/i/handling`,
			category: 'complaint-handling-survey',
			status: 'sent'
		})
		.returning()
		.get();
	const handlingInvitation = db
		.insert(invitation)
		.values({
			surveyId,
			tokenHash: `handling-${id}`,
			status: 'used',
			mailId: handlingMail.id
		})
		.returning()
		.get();
	db.insert(complaintHandlingSurveyInvitation)
		.values({
			complaintId: raised.id,
			email,
			queuedAt: new Date(),
			status: 'sent',
			invitationId: handlingInvitation.id
		})
		.run();
	const handled = db
		.insert(response)
		.values({
			surveyId,
			versionId: version.id,
			reference: `ER-${id}-H`,
			status: 'submitted',
			submittedAt: new Date()
		})
		.returning()
		.get();
	db.insert(answer)
		.values({
			responseId: handled.id,
			questionId: written.id,
			questionCode: written.code,
			value: { type: 'text', value: `${name} waited six weeks` }
		})
		.run();
	db.insert(complaintHandlingResponse)
		.values({
			complaintId: raised.id,
			responseId: handled.id,
			overallSatisfaction: 2,
			respondedAt: new Date()
		})
		.run();
	// Started from the invitation on an anonymous survey: linked by the invitation alone.
	const loose = db
		.insert(response)
		.values({
			surveyId,
			versionId: version.id,
			reference: `ER-${id}-L`,
			invitationId: waiting.id,
			resumeTokenHash: `resume-${id}`
		})
		.returning()
		.get();
	db.insert(subscriber).values({ consultationId: topicId, email, confirmedAt: new Date() }).run();
	db.insert(mailMessage)
		.values({
			messageId: `<old-${id}@example.org>`,
			to: `old.${email}`,
			subject: 'Your survey',
			text: `Dear ${name}, https://example.org/i/old`,
			category: 'survey-invitation',
			status: 'sent'
		})
		.run();
	for (const status of ['sent', 'queued'] as const)
		db.insert(mailMessage)
			.values({
				messageId: `<${status}-${id}@example.org>`,
				to: email,
				subject: `Your survey, ${name}`,
				text: `Dear ${name}, https://example.org/i/secret`,
				category: 'survey-invitation',
				status
			})
			.run();
	return {
		id,
		handled: handled.id,
		handlingInvitation: handlingInvitation.id,
		loose: loose.id,
		submitted: submitted.id,
		unfinished: unfinished.id,
		complaint: raised.id,
		used,
		waiting
	};
}

describe('erasing a customer', () => {
	test('an admin erases one person from every place they are held; the counts stay and nobody else changes', async () => {
		const surveyId = await createSurvey(staff, 'repair-satisfaction', 'After your repair');
		const topic = db
			.insert(consultation)
			.values({ slug: 'bins', title: 'Bin collections', question: 'When should bins go?' })
			.returning()
			.get();
		const sam = await personWithHistory(
			'Sam Subject',
			'sam.subject@example.org',
			'07700 900123',
			surveyId,
			topic.id
		);
		const other = await personWithHistory(
			'Olu Other',
			'olu.other@example.org',
			'07700 900555',
			surveyId,
			topic.id
		);
		const othersBefore = wholeDatabase().match(/olu other|olu\.other@example\.org/g)!.length;
		expect(wholeDatabase()).toContain('sam subject');
		const path = `/admin/customers/${sam.id}/erase`;

		// Staff may not erase, nor see the page; the record page offers it to admins only.
		expect((await staff.get(path)).status).toBe(404);
		expect((await staff.post(path, {})).status).toBe(404);
		expect(await (await staff.get(`/admin/customers/${sam.id}`)).text()).not.toContain(
			'data-testid="erase"'
		);
		expect(await (await admin.get(`/admin/customers/${sam.id}`)).text()).toContain(
			'data-testid="erase"'
		);
		const confirm = await (await admin.get(path)).text();
		const preview = confirm.match(/data-testid="erasure-preview">([\s\S]*?)<\/ul>/)![1]!;
		for (const counted of [
			'1 contact ',
			'2 survey invitations',
			'2 survey responses',
			'1 update sign-up',
			'4 emails'
		])
			expect(preview.replace(/\s+/g, ' ')).toContain(counted);
		expect(wholeDatabase()).toContain('sam subject');

		const ratesBefore = rateTotals(db, surveyId);
		expect(ratesBefore).toMatchObject({ invited: 6, answered: 4 });

		const erased = await admin.post(path, {});
		expect(erased.status).toBe(303);
		expect(erased.headers.get('location')).toBe('/admin/customers?erased=1');
		expect(await (await admin.get('/admin/customers?erased=1')).text()).toContain(
			'Customer erased'
		);

		// Nothing anywhere in the file says who they were.
		const after = wholeDatabase();
		for (const trace of [
			'sam subject',
			'sam.subject@example.org',
			'old.sam.subject@example.org',
			'07700 900123',
			"sam subject's loft"
		])
			expect(after).not.toContain(trace.toLowerCase());
		expect(db.select().from(customer).where(eq(customer.id, sam.id)).get()).toBeUndefined();
		expect(
			db.select().from(invitationLink).where(eq(invitationLink.invitationId, sam.waiting.id)).all()
		).toEqual([]);

		// The submitted response stays, unlinked, with its scale answer; its words and equality
		// answers are gone; the unfinished one is gone whole.
		const kept = db.select().from(response).where(eq(response.id, sam.submitted)).get()!;
		expect(kept).toMatchObject({ status: 'submitted', customerId: null, invitationId: null });
		const keptAnswers = db.select().from(answer).where(eq(answer.responseId, sam.submitted)).all();
		expect(keptAnswers.map((a) => a.value)).toEqual(
			expect.arrayContaining([
				{ type: 'choice', value: '2' },
				{ type: 'choices', values: ['kitchen', 'other'] }
			])
		);
		expect(keptAnswers).toHaveLength(2);
		expect(
			db.select().from(answerTheme).where(eq(answerTheme.responseId, sam.submitted)).all()
		).toEqual([]);
		expect(
			db.select().from(equalityAnswer).where(eq(equalityAnswer.responseId, sam.submitted)).all()
		).toEqual([]);
		expect(db.select().from(response).where(eq(response.id, sam.unfinished)).get()).toBeUndefined();

		// No link sent to them works any more, yet every invitation keeps its status, so the
		// response rate does not move; what was started from one is gone.
		const invitationRow = (id: number) =>
			db.select().from(invitation).where(eq(invitation.id, id)).get()!;
		expect(invitationRow(sam.used.id)).toMatchObject({ status: 'used', customerId: null });
		expect(invitationRow(sam.waiting.id)).toMatchObject({
			status: 'sent',
			customerId: null,
			unsubscribeHash: null
		});
		expect(invitationRow(sam.handlingInvitation).status).toBe('used');
		for (const [id, hash] of [
			[sam.used.id, `used-${sam.id}`],
			[sam.waiting.id, `sent-${sam.id}`],
			[sam.handlingInvitation, `handling-${sam.id}`]
		] as const) {
			expect(invitationRow(id).tokenHash).not.toBe(hash);
			expect(invitationRow(id).tokenHash).toMatch(/^[0-9a-f]{64}$/);
		}
		expect(invitationRow(other.used.id).tokenHash).toBe(`used-${other.id}`);
		expect(db.select().from(response).where(eq(response.id, sam.loose)).get()).toBeUndefined();
		expect(db.select().from(response).where(eq(response.id, other.loose)).get()).toBeDefined();

		expect(rateTotals(db, surveyId)).toEqual(ratesBefore);

		// Their answer to the complaint-handling survey keeps its score and loses their words.
		expect(
			db
				.select()
				.from(complaintHandlingResponse)
				.where(eq(complaintHandlingResponse.responseId, sam.handled))
				.get()
		).toMatchObject({ overallSatisfaction: 2 });
		expect(db.select().from(answer).where(eq(answer.responseId, sam.handled)).all()).toEqual([]);

		// The complaint still counts, with its dates; the handling survey row keeps no address.
		const contactRow = db
			.select()
			.from(contact)
			.innerJoin(complaint, eq(complaint.contactId, contact.id))
			.where(eq(complaint.id, sam.complaint))
			.get()!;
		expect(contactRow.contact).toMatchObject({
			customerName: null,
			customerEmail: null,
			customerPhone: null,
			receivedAt: new Date('2026-11-02T10:00:00Z')
		});
		expect(contactRow.contact.anonymisedAt).toBeInstanceOf(Date);
		expect(
			db
				.select()
				.from(complaintHandlingSurveyInvitation)
				.where(eq(complaintHandlingSurveyInvitation.complaintId, sam.complaint))
				.get()
		).toMatchObject({ status: 'sent', email: '' });

		// The queued email is not sent; the sign-up is unsubscribed.
		const mail = db.select().from(mailMessage).where(eq(mailMessage.to, '')).all();
		expect(mail.map((m) => m.status).sort()).toEqual(['failed', 'sent', 'sent', 'sent']);
		const signUps = db
			.select()
			.from(subscriber)
			.where(eq(subscriber.consultationId, topic.id))
			.all();
		expect(signUps.filter((s) => s.email === null && s.unsubscribedAt !== null)).toHaveLength(1);

		// The audit log says who erased it and how much, never whose it was.
		const entry = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'customer.erase'), eq(auditLog.entityId, String(sam.id))))
			.get()!;
		expect(entry.actor).toContain('admin@example.org');
		expect(entry.after).toMatchObject({
			contacts: 1,
			invitations: 2,
			responses: 2,
			unfinishedResponses: 1,
			freeTextAnswers: 3,
			equalityAnswers: 1,
			subscriptions: 1,
			emails: 4
		});

		// Everything about the other person is as it was.
		expect(db.select().from(customer).where(eq(customer.id, other.id)).get()).toMatchObject({
			name: 'Olu Other'
		});
		expect(after.match(/olu other|olu\.other@example\.org/g)!.length).toBe(othersBefore);
		expect(
			db.select().from(answer).where(eq(answer.responseId, other.submitted)).all()
		).toHaveLength(3);

		// Erasing again finds nobody.
		expect((await admin.post(path, {})).status).toBe(404);
		expect((await admin.get(path)).status).toBe(404);
	});
});
