import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	closureDay,
	complaint,
	complaintExtension,
	complaintHandlingSurveyInvitation,
	complaintStage,
	contact,
	invitation,
	mailMessage,
	organisation,
	service
} from '../../src/lib/server/db/schema';
import { anonymiseContact } from '../../src/lib/server/contacts';
import { complaintsReport, reportRangeFrom } from '../../src/lib/server/complaints/reports';
import { complaintHandlingResponse } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let admin: Client;
let users: Awaited<ReturnType<typeof seedUsers>>;
let repairs: number;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	users = await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	db.update(organisation).set({ homesLcra: 900, homesLcho: 100 }).run();
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	admin = new Client(server.url);
	await admin.signIn('admin@example.org', TEST_PASSWORD);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

type Logged = { receivedOn: string; receivedTime?: string; email?: string; consent?: boolean };

async function logComplaint(options: Logged): Promise<number> {
	const res = await staff.post('/admin/contacts/new', {
		kind: 'complaint',
		serviceId: String(repairs),
		channel: 'phone',
		receivedOn: options.receivedOn,
		receivedTime: options.receivedTime ?? '10:00',
		text: 'The boiler has been broken for three weeks.',
		customerName: 'Sam Jones',
		customerEmail: options.email ?? '',
		...(options.consent ? { contactConsent: 'yes' } : {}),
		nature: 'delay',
		handlerId: String(users.staff.id),
		ownerId: String(users.staff.id)
	});
	expect(res.status, await res.clone().text()).toBe(303);
	const match = res.headers.get('location')!.match(/^\/admin\/complaints\/(\d+)/);
	return Number(match![1]);
}

async function pageOf(id: number) {
	const res = await staff.get(`/admin/complaints/${id}`);
	expect(res.status).toBe(200);
	return res.text();
}

function dueDates(html: string) {
	const text = (id: string) =>
		html
			.match(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</dd>`))?.[1]
			?.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
	return { ack: text('ack-due-1'), response: text('response-due-1') };
}

function setNation(nation: 'england-and-wales' | 'scotland' | 'northern-ireland') {
	db.update(organisation).set({ nation }).run();
}

describe('deadlines shown on the complaint page', () => {
	// Received Wednesday 24 December 2025. Worked by hand from bank-holidays.json:
	// England and Wales and Northern Ireland lose 25 and 26 December and 1 January, so the 5th
	// working day is Monday 5 January and the response (10 from then) Monday 19 January.
	// Scotland also loses Friday 2 January: Tuesday 6 January, then Tuesday 20 January.
	test.each([
		['england-and-wales', 'Mon, 5 Jan 2026', 'Mon, 19 Jan 2026'],
		['scotland', 'Tue, 6 Jan 2026', 'Tue, 20 Jan 2026'],
		['northern-ireland', 'Mon, 5 Jan 2026', 'Mon, 19 Jan 2026']
	] as const)('received before Christmas in %s', async (nation, ack, response) => {
		const id = await logComplaint({ receivedOn: '2025-12-24' });
		setNation(nation);
		try {
			expect(dueDates(await pageOf(id))).toEqual({ ack, response });
		} finally {
			setNation('england-and-wales');
		}
	});

	// Received Thursday 17 April 2025: Good Friday is a holiday everywhere, Easter Monday not in
	// Scotland. England: 22, 23, 24, 25, 28 April. Scotland: 21, 22, 23, 24, 25 April.
	test.each([
		['england-and-wales', 'Mon, 28 Apr 2025'],
		['scotland', 'Fri, 25 Apr 2025'],
		['northern-ireland', 'Mon, 28 Apr 2025']
	] as const)('received before Easter in %s', async (nation, ack) => {
		const id = await logComplaint({ receivedOn: '2025-04-17' });
		setNation(nation);
		try {
			expect(dueDates(await pageOf(id)).ack).toBe(ack);
		} finally {
			setNation('england-and-wales');
		}
	});

	// Friday 2 May 2025, before the early May bank holiday (Monday 5 May, all three nations):
	// 6, 7, 8, 9, 12 May.
	test('received before the early May bank holiday', async () => {
		const id = await logComplaint({ receivedOn: '2025-05-02' });
		expect(dueDates(await pageOf(id)).ack).toBe('Mon, 12 May 2025');
	});

	test('closure days the admin enters are not working days', async () => {
		const id = await logComplaint({ receivedOn: '2025-12-24' });
		for (const date of ['2025-12-29', '2025-12-30', '2025-12-31']) {
			const res = await admin.post('/admin/complaint-settings?/addClosure', {
				date,
				note: 'Christmas closure'
			});
			expect(res.status).toBe(303);
		}
		try {
			// Friday 2 January is the 1st working day, then 5, 6, 7, 8 January.
			expect(dueDates(await pageOf(id)).ack).toBe('Thu, 8 Jan 2026');
		} finally {
			db.delete(closureDay).run();
		}
	});

	test('23:30 UTC on 30 June is 00:30 on 1 July in London: counted from 1 July', async () => {
		const row = db
			.insert(contact)
			.values({
				reference: 'TEST-UTC1',
				kind: 'complaint',
				serviceId: repairs,
				channel: 'email',
				receivedAt: new Date('2025-06-30T23:30:00Z'),
				text: 'Sent late at night'
			})
			.returning()
			.get();
		const c = db.insert(complaint).values({ contactId: row.id, nature: 'other' }).returning().get();
		db.insert(complaintStage)
			.values({ complaintId: c.id, stage: 1, receivedAt: row.receivedAt })
			.run();
		// Tuesday 1 July is day 0: 2, 3, 4, 7, 8 July.
		expect(dueDates(await pageOf(c.id)).ack).toBe('Tue, 8 Jul 2025');
	});
});

function auditCount(id: number) {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.entityId, String(id)))
		.all()
		.filter((a) => a.entity === 'complaint').length;
}

describe('impossible sequences are refused with a message, and nothing is saved', () => {
	test('an acknowledgement before receipt', async () => {
		const id = await logComplaint({ receivedOn: '2025-09-10', receivedTime: '12:00' });
		const before = auditCount(id);
		const res = await staff.post(`/admin/complaints/${id}?/acknowledge`, {
			acknowledgedOn: '2025-09-09',
			acknowledgedTime: '09:00'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain(
			'The stage 1 acknowledgement cannot be before the complaint was received.'
		);
		expect(html).toContain('value="2025-09-09"');
		expect(
			db.select().from(complaintStage).where(eq(complaintStage.complaintId, id)).get()!
				.acknowledgedAt
		).toBeNull();
		expect(auditCount(id)).toBe(before);
	});

	test('a response before receipt, and an outcome without a response', async () => {
		const id = await logComplaint({ receivedOn: '2025-09-10', receivedTime: '12:00' });
		const early = await staff.post(`/admin/complaints/${id}?/respond`, {
			respondedOn: '2025-09-10',
			respondedTime: '11:59',
			outcome: 'upheld'
		});
		expect(early.status).toBe(400);
		expect(await early.text()).toContain(
			'The stage 1 response cannot be before the complaint was received.'
		);
		const bare = await staff.post(`/admin/complaints/${id}?/respond`, {
			respondedOn: '',
			respondedTime: '',
			outcome: 'upheld',
			remedy: 'An apology'
		});
		expect(bare.status).toBe(400);
		expect(await bare.text()).toContain(
			'Record the date of the stage 1 response before its outcome.'
		);
		const stage = db.select().from(complaintStage).where(eq(complaintStage.complaintId, id)).get()!;
		expect(stage.outcome).toBeNull();
		expect(stage.remedy).toBeNull();
	});

	test('stage 2 handled by the stage 1 handler', async () => {
		const id = await logComplaint({ receivedOn: '2025-09-10' });
		await staff.post(`/admin/complaints/${id}?/respond`, {
			respondedOn: '2025-09-15',
			respondedTime: '10:00',
			outcome: 'not-upheld'
		});
		const same = await staff.post(`/admin/complaints/${id}?/escalate`, {
			escalatedOn: '2025-09-20',
			escalatedTime: '10:00',
			stage2HandlerId: String(users.staff.id)
		});
		expect(same.status).toBe(400);
		expect(await same.text()).toContain(
			'Stage 2 must be handled by a different person from stage 1'
		);
		expect(
			db.select().from(complaintStage).where(eq(complaintStage.complaintId, id)).all()
		).toHaveLength(1);
		const other = await staff.post(`/admin/complaints/${id}?/escalate`, {
			escalatedOn: '2025-09-20',
			escalatedTime: '10:00',
			stage2HandlerId: String(users.admin.id)
		});
		expect(other.status).toBe(303);
		const reassign = await staff.post(`/admin/complaints/${id}?/assign`, {
			handlerId: String(users.staff.id)
		});
		expect(reassign.status).toBe(400);
	});

	test('a response date in the future, and an unknown complaint', async () => {
		const id = await logComplaint({ receivedOn: '2025-09-10' });
		const future = await staff.post(`/admin/complaints/${id}?/respond`, {
			respondedOn: '2099-01-01',
			respondedTime: '10:00',
			outcome: 'upheld'
		});
		expect(future.status).toBe(400);
		expect(await future.text()).toContain('The response cannot be in the future');
		expect((await staff.get('/admin/complaints/999999')).status).toBe(404);
		expect(
			(
				await staff.post('/admin/complaints/999999?/acknowledge', {
					acknowledgedOn: '2025-09-10',
					acknowledgedTime: '10:00'
				})
			).status
		).toBe(404);
	});
});

describe('extensions', () => {
	test('beyond the maximum only with a good reason, then flagged; the due date moves', async () => {
		// Monday 1 September 2025, acknowledged the same day: response due 10 working days later,
		// Monday 15 September; 12 more working days is Wednesday 1 October.
		const id = await logComplaint({ receivedOn: '2025-09-01', receivedTime: '09:00' });
		await staff.post(`/admin/complaints/${id}?/acknowledge`, {
			acknowledgedOn: '2025-09-01',
			acknowledgedTime: '15:00'
		});
		const fields = {
			workingDays: '12',
			reason: 'Waiting for a surveyor',
			customerToldOn: '2025-09-10',
			customerToldTime: '11:00'
		};
		const refused = await staff.post(`/admin/complaints/${id}?/extend`, fields);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(
			'longer than the 10-working-day maximum and needs a recorded good reason'
		);
		expect(
			db
				.select()
				.from(complaintExtension)
				.all()
				.filter((e) => e.reason === 'Waiting for a surveyor')
		).toHaveLength(0);
		const accepted = await staff.post(`/admin/complaints/${id}?/extend`, {
			...fields,
			goodReason: 'Specialist report needed for damp'
		});
		expect(accepted.status).toBe(303);
		const html = await pageOf(id);
		expect(dueDates(html).response).toContain('Wed, 1 Oct 2025');
		expect(html).toContain('Beyond the maximum');
	});
});

describe('closing a complaint', () => {
	test('the handling survey is emailed with a single-use link, and the answer is tied to the complaint', async () => {
		const id = await logComplaint({
			receivedOn: '2025-11-03',
			email: 'ali@example.net',
			consent: true
		});
		await staff.post(`/admin/complaints/${id}?/respond`, {
			respondedOn: '2025-11-10',
			respondedTime: '10:00',
			outcome: 'upheld'
		});
		expect((await staff.post(`/admin/complaints/${id}?/close`)).status).toBe(303);
		let text = '';
		for (let i = 0; i < 100 && !text; i++) {
			text =
				db.select().from(mailMessage).where(eq(mailMessage.to, 'ali@example.net')).get()?.text ??
				'';
			if (!text) await new Promise((r) => setTimeout(r, 50));
		}
		const link = text.match(/\/i\/[a-z2-7]+/)![0];
		const customer = new Client(server.url);
		const opened = await customer.get(link);
		expect(opened.status).toBe(303);
		let next = opened.headers.get('location')!;
		let res = await customer.post(next, { 'q_complaint-handling': 'fairly-satisfied' });
		next = res.headers.get('location')!;
		while (!next.endsWith('/check')) {
			res = await customer.post(next, {});
			next = res.headers.get('location')!;
		}
		const check = await (await customer.get(next)).text();
		await customer.post(next, {
			submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
			digest: check.match(/name="digest" value="([^"]+)"/)![1]!
		});
		const linked = db
			.select()
			.from(complaintHandlingResponse)
			.where(eq(complaintHandlingResponse.complaintId, id))
			.all();
		expect(linked).toHaveLength(1);
		expect(linked[0]!.overallSatisfaction).toBe(4);
		expect((await new Client(server.url).get(link)).status).toBe(409);

		// The invitation knows the email it went in, so anonymising the complaint forgets that too.
		const sent = db
			.select()
			.from(complaintHandlingSurveyInvitation)
			.where(eq(complaintHandlingSurveyInvitation.complaintId, id))
			.get()!;
		const mailId = db.select().from(invitation).where(eq(invitation.id, sent.invitationId!)).get()!
			.mailId!;
		expect(db.select().from(mailMessage).where(eq(mailMessage.id, mailId)).get()!.to).toBe(
			'ali@example.net'
		);
		const raised = db.select().from(complaint).where(eq(complaint.id, id)).get()!;
		anonymiseContact(db, 'system', raised.contactId);
		expect(db.select().from(mailMessage).where(eq(mailMessage.id, mailId)).get()).toMatchObject({
			to: '',
			text: ''
		});
		expect(
			db.select().from(mailMessage).where(eq(mailMessage.to, 'ali@example.net')).all()
		).toEqual([]);
	});

	test('queues the handling-survey invitation only with an email and consent', async () => {
		const yes = await logComplaint({
			receivedOn: '2025-10-01',
			email: 'sam@example.net',
			consent: true
		});
		const no = await logComplaint({
			receivedOn: '2025-10-01',
			email: 'kim@example.net',
			consent: false
		});
		for (const id of [yes, no]) {
			const early = await staff.post(`/admin/complaints/${id}?/close`);
			expect(early.status).toBe(400);
			await staff.post(`/admin/complaints/${id}?/respond`, {
				respondedOn: '2025-10-08',
				respondedTime: '10:00',
				outcome: 'partly-upheld',
				compensation: '£50.00',
				learning: 'Book surveys sooner'
			});
			expect((await staff.post(`/admin/complaints/${id}?/close`)).status).toBe(303);
		}
		const invitations = db
			.select()
			.from(complaintHandlingSurveyInvitation)
			.all()
			.filter((i) => i.complaintId === yes || i.complaintId === no);
		expect(invitations.map((i) => [i.complaintId, i.email])).toEqual([[yes, 'sam@example.net']]);
		const html = await pageOf(yes);
		expect(html).toContain('Invitation to the complaint-handling survey queued');
		expect(html).toContain('£50.00');
	});

	test('a refusal needs a reason', async () => {
		const id = await logComplaint({ receivedOn: '2025-10-01' });
		expect(
			(await staff.post(`/admin/complaints/${id}?/refuse`, { refusalReason: '' })).status
		).toBe(400);
		expect(
			(
				await staff.post(`/admin/complaints/${id}?/refuse`, {
					refusalReason: 'Outside the 12-month time limit'
				})
			).status
		).toBe(303);
		expect(db.select().from(complaint).where(eq(complaint.id, id)).get()!.status).toBe('refused');
	});
});

describe('the report for a range of dates', () => {
	test('CH01 and CH02 with numerator and denominator; an open complaint is in neither CH02 count', async () => {
		// Monday 2 June 2025, acknowledged on Tuesday 3 June: response due Tuesday 17 June.
		const onTime = await logComplaint({ receivedOn: '2025-06-02' });
		const late = await logComplaint({ receivedOn: '2025-06-02' });
		await logComplaint({ receivedOn: '2025-06-02' });
		for (const id of [onTime, late])
			await staff.post(`/admin/complaints/${id}?/acknowledge`, {
				acknowledgedOn: '2025-06-03',
				acknowledgedTime: '10:00'
			});
		await staff.post(`/admin/complaints/${onTime}?/respond`, {
			respondedOn: '2025-06-17',
			respondedTime: '23:30',
			outcome: 'upheld'
		});
		await staff.post(`/admin/complaints/${late}?/respond`, {
			respondedOn: '2025-06-18',
			respondedTime: '00:10',
			outcome: 'not-upheld'
		});
		const res = await staff.get('/admin/complaints/reports?from=2025-06-01&to=2025-06-30');
		const html = (await res.text()).replace(/<!--.*?-->/g, '');
		const cell = (id: string) =>
			html
				.match(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</td>`))![1]!
				.replace(/\s+/g, ' ')
				.trim();
		// 3 received ÷ 1,000 homes × 1,000 = 3.0; 1 of 2 responses on time = 50.0%, 1 still open.
		expect(cell('ch01-1')).toContain('3.0');
		expect(cell('ch01-1')).toContain('3 ÷ 1,000');
		expect(cell('ch02-1')).toContain('50.0%');
		expect(cell('ch02-1')).toContain('1 of 2; 1 not yet responded to');
		// The third was never acknowledged and its due date (Monday 9 June) has passed: late.
		expect(cell('ack-1')).toContain('66.7%');
		expect(cell('ack-1')).toContain('2 of 3');
	});
});

describe('satisfaction with complaint handling', () => {
	/** A closed stage 1 complaint in November 2025 and its handling-survey answer, inserted directly. */
	function closedWithAnswer(onTime: boolean, satisfaction: number, n: number, month = '11') {
		const received = new Date(`2025-${month}-03T09:00:00Z`);
		// Acknowledged the same day, so the response is due 10 working days later: Monday 17
		// November, or Wednesday 17 December.
		const responded = new Date(`2025-${month}-${onTime ? '14' : '18'}T12:00:00Z`);
		const row = db
			.insert(contact)
			.values({
				reference: `SAT${onTime ? 'T' : 'L'}-${String(n).padStart(4, '0')}`,
				kind: 'complaint',
				serviceId: repairs,
				channel: 'email',
				receivedAt: received,
				text: 'x',
				customerName: 'Pat',
				customerEmail: `pat${n}@example.net`,
				contactConsent: true
			})
			.returning()
			.get();
		const c = db
			.insert(complaint)
			.values({ contactId: row.id, nature: 'delay', status: 'closed', closedAt: responded })
			.returning()
			.get();
		db.insert(complaintStage)
			.values({
				complaintId: c.id,
				stage: 1,
				receivedAt: received,
				acknowledgedAt: received,
				respondedAt: responded,
				outcome: 'upheld'
			})
			.run();
		db.insert(complaintHandlingResponse)
			.values({
				complaintId: c.id,
				responseId: 10_000 + n,
				overallSatisfaction: satisfaction,
				respondedAt: new Date(`2025-${month}-25T10:00:00Z`)
			})
			.run();
		return row.id;
	}

	test('split on time against late, with n, for staff and for the panel; anonymising keeps the link', () => {
		const onTimeScores = [5, 4, 5, 4, 5, 4, 2, 1];
		const lateScores = [5, 4, 3, 2, 1, 1];
		const contactIds = [
			...onTimeScores.map((score, i) => closedWithAnswer(true, score, i)),
			...lateScores.map((score, i) => closedWithAnswer(false, score, 100 + i))
		];
		const range = reportRangeFrom(new URLSearchParams('from=2025-11-01&to=2025-11-30'));
		const read = (audience: 'staff' | 'panel') =>
			complaintsReport(db, range, audience).satisfaction.byTimeliness.cells.map((c) => [
				c.key,
				c.n,
				c.satisfied
			]);
		// On time: 6 of 8 satisfied (75%); late: 2 of 6.
		expect(read('staff')).toEqual([
			['On time', 8, 6],
			['Late', 6, 2]
		]);
		expect(read('panel')).toEqual([
			['On time', 8, 6],
			['Late', 6, 2]
		]);

		for (const id of contactIds) anonymiseContact(db, 'system', id);
		expect(
			db.select().from(contact).where(eq(contact.id, contactIds[0]!)).get()!.customerEmail
		).toBeNull();
		expect(read('panel')).toEqual([
			['On time', 8, 6],
			['Late', 6, 2]
		]);
	});

	test('staff see a late group under the minimum size marked; the panel reads whole years, never dates', async () => {
		for (let i = 0; i < 9; i++) closedWithAnswer(true, 5, 200 + i, '12');
		for (let i = 0; i < 3; i++) closedWithAnswer(false, 1, 300 + i, '12');
		const panel = new Client(server.url);
		await panel.signIn('panel@example.org', TEST_PASSWORD);
		const table = (html: string) =>
			html
				.match(/data-testid="satisfaction-timeliness"[\s\S]*?<\/table>/)![0]
				.replace(/<!--.*?-->/g, '')
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ');
		// The panel reads whole reporting years only: December alone, against November alone and
		// the year, would subtract to a group under the minimum size.
		const dates = await panel.get('/panel/complaints?from=2025-12-01&to=2025-12-31');
		expect(dates.status).toBe(400);
		expect(await dates.text()).toContain('not between dates');
		const yearView = await (await panel.get('/panel/complaints?year=2025')).text();
		expect(yearView).not.toContain('name="from"');
		// November's 8 on time and 6 late, with December's 9 and 3: both groups are big enough.
		expect(table(yearView)).toContain('(n = 26)');
		const staffView = table(
			await (await staff.get('/admin/complaints/reports?from=2025-12-01&to=2025-12-31')).text()
		);
		expect(staffView).toContain(
			'On time 100.0% hidden so that a smaller group cannot be worked out 9'
		);
		expect(staffView).toContain('Late 0.0% below minimum group size 3');
	});
});
