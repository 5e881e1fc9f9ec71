import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCalendarDays, londonDate } from '../../src/lib/domain/calendar/london-date';
import {
	addWorkingDays,
	workingDaysBetween,
	type WorkingCalendar
} from '../../src/lib/domain/calendar/working-days';
import { complaintsReport, reportRangeFrom } from '../../src/lib/server/complaints/reports';
import type { Db } from '../../src/lib/server/db';
import { auditLog, contact, organisation, service } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let admin: Client;
let users: Awaited<ReturnType<typeof seedUsers>>;
let repairs: number;
let lettings: number;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	users = await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	lettings = db.insert(service).values({ name: 'Lettings' }).returning().get().id;
	db.update(organisation).set({ homesLcra: 800, homesLcho: 200 }).run();
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	admin = new Client(server.url);
	await admin.signIn('admin@example.org', TEST_PASSWORD);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

type ContactFields = Record<string, string>;

async function logContact(fields: ContactFields) {
	const res = await staff.post('/admin/contacts/new', {
		serviceId: String(repairs),
		channel: 'phone',
		receivedTime: '10:00',
		text: 'Something the customer said.',
		...fields
	});
	return res;
}

async function logComplaint(fields: ContactFields): Promise<number> {
	const res = await logContact({
		kind: 'complaint',
		nature: 'delay',
		customerName: 'Sam Jones',
		handlerId: String(users.staff.id),
		ownerId: String(users.staff.id),
		...fields
	});
	expect(res.status, await res.clone().text()).toBe(303);
	return Number(res.headers.get('location')!.match(/^\/admin\/complaints\/(\d+)/)![1]);
}

const stripComments = (html: string) => html.replace(/<!--.*?-->/g, '');

describe('the contacts log', () => {
	test('questions, comments and compliments per service and channel; a compliment is passed on', async () => {
		const question = await logContact({
			kind: 'question',
			channel: 'email',
			receivedOn: '2026-06-30',
			receivedTime: '23:30',
			resolvedAtFirstContact: 'yes',
			ownerId: String(users.staff.id),
			text: 'When is the bin collection?'
		});
		expect(question.status).toBe(303);
		const compliment = await logContact({
			kind: 'compliment',
			serviceId: String(lettings),
			channel: 'social-media',
			receivedOn: '2026-07-01',
			complimentFor: 'Priya in the lettings team',
			text: 'Priya was very helpful.'
		});
		expect(compliment.status).toBe(303);
		const complimentId = Number(compliment.headers.get('location')!.match(/contacts\/(\d+)/)![1]);

		const rows = db.select().from(contact).all();
		const q = rows.find((r) => r.kind === 'question')!;
		expect(q.channel).toBe('email');
		expect(q.serviceId).toBe(repairs);
		expect(q.ownerId).toBe(users.staff.id);
		expect(q.resolvedAtFirstContact).toBe(true);
		// 23:30 in London on 30 June (summer time) is 22:30 UTC.
		expect(q.receivedAt.toISOString()).toBe('2026-06-30T22:30:00.000Z');
		expect(q.reference).toMatch(/\S+/);
		const c = rows.find((r) => r.kind === 'compliment')!;
		expect(c.serviceId).toBe(lettings);
		expect(c.channel).toBe('social-media');
		expect(c.complimentFor).toBe('Priya in the lettings team');

		const empty = await staff.post(`/admin/contacts/${complimentId}?/passOn`, { passedOnTo: ' ' });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Enter who the compliment was passed on to');
		const passed = await staff.post(`/admin/contacts/${complimentId}?/passOn`, {
			passedOnTo: 'Priya and her manager'
		});
		expect(passed.status).toBe(303);
		const after = db.select().from(contact).where(eq(contact.id, complimentId)).get()!;
		expect(after.complimentPassedOnTo).toBe('Priya and her manager');
		expect(after.complimentPassedOnAt).toBeInstanceOf(Date);
		const audited = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(complimentId)))
			.all()
			.map((a) => a.action);
		expect(audited.length).toBeGreaterThanOrEqual(2);
		const page = await (await staff.get(`/admin/contacts/${complimentId}`)).text();
		expect(page).toContain('Priya and her manager');
	});

	test('a question is saved as the form sends it, with the complaint-only fields left at their first choice', async () => {
		const res = await staff.post('/admin/contacts/new', {
			kind: 'question',
			serviceId: String(repairs),
			channel: 'web-form',
			receivedOn: '2026-07-01',
			receivedTime: '10:00',
			text: 'Which day are the bins collected?',
			resolvedAtFirstContact: '',
			ownerId: '',
			complimentFor: '',
			nature: '',
			handlerId: ''
		});
		expect(res.status).toBe(303);
		const id = Number(res.headers.get('location')!.match(/contacts\/(\d+)/)![1]);
		expect(db.select().from(contact).where(eq(contact.id, id)).get()).toMatchObject({
			kind: 'question',
			channel: 'web-form'
		});
		const complaintWithout = await staff.post('/admin/contacts/new', {
			kind: 'complaint',
			serviceId: String(repairs),
			channel: 'phone',
			receivedOn: '2026-07-01',
			receivedTime: '10:00',
			text: 'The lift is broken again.',
			nature: ''
		});
		expect(complaintWithout.status).toBe(400);
		expect(await complaintWithout.text()).toContain('Select the nature of the complaint');
	});

	test('a contact without a service or with an unknown channel is refused, with what was typed kept', async () => {
		const before = db.select().from(contact).all().length;
		const res = await staff.post('/admin/contacts/new', {
			kind: 'complaint',
			channel: 'carrier-pigeon',
			receivedOn: '2026-07-01',
			receivedTime: '10:00',
			text: 'Kept text that was typed'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('govuk-error-summary');
		expect(html).toContain('Select the service it is about');
		expect(html).toContain('Kept text that was typed');
		expect(db.select().from(contact).all()).toHaveLength(before);
	});
});

describe('queues', () => {
	const EW: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };

	test('each handler has their own queue; lists show due, due soon and overdue', async () => {
		const today = londonDate(new Date());
		// Received yesterday: the acknowledgement is due 5 working days later, more than 2 away.
		const due = await logComplaint({ receivedOn: addCalendarDays(today, -1) });
		// Received so that the acknowledgement falls due within the next 2 working days.
		let soonDay = today;
		for (;;) {
			const ackDue = addWorkingDays(soonDay, 5, EW).date;
			const left = workingDaysBetween(today, ackDue, EW).days;
			if (ackDue >= today && left <= 2) break;
			soonDay = addCalendarDays(soonDay, -1);
		}
		const soon = await logComplaint({ receivedOn: soonDay });
		// Received two months ago and never acknowledged.
		const overdue = await logComplaint({ receivedOn: addCalendarDays(today, -60) });
		const theirs = await logComplaint({
			receivedOn: addCalendarDays(today, -1),
			handlerId: String(users.admin.id),
			customerName: 'Someone Else'
		});

		const rowOf = (html: string, id: number) =>
			html.match(new RegExp(`href="/admin/complaints/${id}"[\\s\\S]*?</tr>`))?.[0];
		const mine = stripComments(await (await staff.get('/admin/complaints?view=mine')).text());
		for (const id of [due, soon, overdue]) expect(rowOf(mine, id), String(id)).toBeDefined();
		expect(rowOf(mine, theirs)).toBeUndefined();
		expect(rowOf(mine, due)).toContain('>Due<');
		expect(rowOf(mine, soon)).toContain('Due soon');
		expect(rowOf(mine, overdue)).toContain('Overdue');

		const adminQueue = stripComments(await (await admin.get('/admin/complaints?view=mine')).text());
		expect(rowOf(adminQueue, theirs)).toBeDefined();
		expect(rowOf(adminQueue, due)).toBeUndefined();

		const overdueList = stripComments(
			await (await staff.get('/admin/complaints?view=overdue')).text()
		);
		expect(rowOf(overdueList, overdue)).toBeDefined();
		expect(rowOf(overdueList, due)).toBeUndefined();
		const soonList = stripComments(
			await (await staff.get('/admin/complaints?view=due-soon')).text()
		);
		expect(rowOf(soonList, soon)).toBeDefined();
		expect(rowOf(soonList, due)).toBeUndefined();
	});
});

describe('reports', () => {
	test('September 2025, worked by hand: CH01, CH02 with an extension, outcomes, natures, compliments and first-contact resolution', async () => {
		// All received Monday 1 September 2025 and acknowledged the same day (due Monday 8 September).
		// Response due 10 working days after the acknowledgement: Monday 15 September.
		// A 5-working-day extension moves it to Monday 22 September.
		const received = { receivedOn: '2025-09-01', receivedTime: '09:00' };
		const extendedOnTime = await logComplaint(received);
		const lateNoExtension = await logComplaint({ ...received, nature: 'communication' });
		const lateDespiteExtension = await logComplaint(received);
		for (const id of [extendedOnTime, lateNoExtension, lateDespiteExtension])
			expect(
				(
					await staff.post(`/admin/complaints/${id}?/acknowledge`, {
						acknowledgedOn: '2025-09-01',
						acknowledgedTime: '15:00'
					})
				).status
			).toBe(303);
		for (const id of [extendedOnTime, lateDespiteExtension])
			expect(
				(
					await staff.post(`/admin/complaints/${id}?/extend`, {
						workingDays: '5',
						reason: 'Waiting for a contractor',
						customerToldOn: '2025-09-10',
						customerToldTime: '11:00'
					})
				).status
			).toBe(303);
		// Friday 19 September: inside the extension, but after the unextended due date.
		const respond = (id: number, on: string, outcome: string, extra: ContactFields = {}) =>
			staff.post(`/admin/complaints/${id}?/respond`, {
				respondedOn: on,
				respondedTime: '12:00',
				outcome,
				...extra
			});
		expect(
			(
				await respond(extendedOnTime, '2025-09-19', 'upheld', {
					remedy: 'Repair booked',
					compensation: '50.00',
					learning: 'Book surveyors within a week'
				})
			).status
		).toBe(303);
		expect((await respond(lateNoExtension, '2025-09-19', 'not-upheld')).status).toBe(303);
		// Tuesday 23 September: a day after the extended due date.
		expect((await respond(lateDespiteExtension, '2025-09-23', 'unresolved')).status).toBe(303);

		// Stage 2 for one of them: asked Monday 22 September, acknowledged Tuesday 23 (due Monday 29),
		// responded Friday 26 (due 20 working days after 23 September, Tuesday 21 October).
		expect(
			(
				await staff.post(`/admin/complaints/${lateNoExtension}?/escalate`, {
					escalatedOn: '2025-09-22',
					escalatedTime: '10:00',
					stage2HandlerId: String(users.admin.id)
				})
			).status
		).toBe(303);
		await admin.post(`/admin/complaints/${lateNoExtension}?/acknowledge`, {
			acknowledgedOn: '2025-09-23',
			acknowledgedTime: '10:00'
		});
		expect(
			(
				await admin.post(`/admin/complaints/${lateNoExtension}?/respond`, {
					respondedOn: '2025-09-26',
					respondedTime: '10:00',
					outcome: 'partly-upheld'
				})
			).status
		).toBe(303);

		// Contacts in the month: a compliment and a question resolved at first contact, a comment not.
		for (const [kind, resolved] of [
			['compliment', 'yes'],
			['question', 'yes'],
			['comment', 'no']
		] as const)
			expect(
				(
					await logContact({
						kind,
						receivedOn: '2025-09-05',
						resolvedAtFirstContact: resolved,
						serviceId: String(lettings)
					})
				).status
			).toBe(303);

		const report = complaintsReport(
			db,
			reportRangeFrom(new URLSearchParams('from=2025-09-01&to=2025-09-30')),
			'staff'
		);
		const [stage1, stage2] = report.perStage;
		// CH01: 3 received at stage 1 ÷ 1,000 homes × 1,000 = 3.0; 1 at stage 2 = 1.0.
		expect(stage1!.ch01).toMatchObject({ numerator: 3, denominator: 1000 });
		expect(stage2!.ch01).toMatchObject({ numerator: 1, denominator: 1000 });
		// CH02: 1 of 3 stage 1 responses on time (the extended one) = 33.3%; stage 2 1 of 1.
		expect(stage1!.ch02).toMatchObject({ numerator: 1, denominator: 3 });
		expect(stage2!.ch02).toMatchObject({ numerator: 1, denominator: 1 });
		expect(stage1!.acknowledged).toEqual({ numerator: 3, denominator: 3 });
		expect(stage1!.outcomes).toMatchObject({ upheld: 1, 'not-upheld': 1, unresolved: 1 });
		expect(stage2!.outcomes).toMatchObject({ 'partly-upheld': 1, upheld: 0 });
		expect(Object.fromEntries(report.byServiceNature)['Repairs']).toMatchObject({
			delay: 2,
			communication: 1
		});
		expect(report.compliments).toBe(1);
		// A complaint is never resolved at first contact: 2 of 3 contacts + 3 complaints.
		expect(report.firstContact).toEqual({ numerator: 2, denominator: 6 });
		expect(report.learning.map((l) => l.learning)).toEqual(['Book surveyors within a week']);

		const html = stripComments(
			await (await staff.get('/admin/complaints/reports?from=2025-09-01&to=2025-09-30')).text()
		);
		const cell = (id: string) =>
			html
				.match(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</td>`))![1]!
				.replace(/\s+/g, ' ')
				.trim();
		expect(cell('ch01-1')).toContain('3.0');
		expect(cell('ch02-1')).toContain('33.3%');
		expect(cell('ch02-1')).toContain('1 of 3');
		expect(cell('ch02-2')).toContain('100.0%');
	});

	test('the reporting year runs 1 April to 31 March by the London date', async () => {
		// 23:30 on Monday 31 March 2025 in London (summer time) belongs to 2024/25;
		// 00:30 on Tuesday 1 April in London, 23:30 UTC on 31 March, to 2025/26.
		await logComplaint({ receivedOn: '2025-03-31', receivedTime: '23:30' });
		await logComplaint({ receivedOn: '2025-04-01', receivedTime: '00:30' });
		const year = (start: number) =>
			complaintsReport(db, reportRangeFrom(new URLSearchParams(`year=${start}`)), 'staff')
				.perStage[0]!.ch01;
		expect(year(2024)).toMatchObject({ numerator: 1, denominator: 1000 });
		// 2025/26 also holds the three September complaints of the test before.
		expect(year(2025)).toMatchObject({ numerator: 4, denominator: 1000 });
	});

	test('the annual report is printable with the self-assessment only admins edit', async () => {
		const refused = await staff.post('/admin/complaint-settings?/selfAssessment', {
			code: '1',
			complies: 'yes',
			evidence: 'Staff should not save this'
		});
		expect(refused.status).toBe(404);
		const bad = await admin.post('/admin/complaint-settings?/selfAssessment', {
			code: '1',
			complies: 'maybe'
		});
		expect(bad.status).toBe(400);
		const saved = await admin.post('/admin/complaint-settings?/selfAssessment', {
			code: '1',
			complies: 'partly',
			evidence: 'Complaints policy, section 2',
			commentary: 'The definition is being added to the website'
		});
		expect(saved.status).toBe(303);

		const res = await staff.get('/admin/complaints/reports/annual?year=2024');
		expect(res.status).toBe(200);
		const html = stripComments(await res.text());
		expect(html).toContain('2024/25');
		expect(html).toContain('Complaints policy, section 2');
		expect(html).toContain('The definition is being added to the website');
		expect(html).not.toContain('Staff should not save this');
		expect(html).toMatch(/1 ÷ 1,000/);
	});
});
