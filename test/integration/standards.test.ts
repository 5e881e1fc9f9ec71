import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { londonDate } from '../../src/lib/domain/calendar/london-date';
import { londonTime } from '../../src/lib/domain/calendar/london-time';
import { reportingYearOf } from '../../src/lib/domain/calendar/reporting-year';
import type { ScorecardTemplate } from '../../src/lib/domain/scorecard';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	complaint,
	complaintStage,
	contact,
	mysteryAssignment,
	scorecardTemplateVersion,
	service,
	serviceStandard
} from '../../src/lib/server/db/schema';
import { TELEPHONE_SCORECARD } from '../../src/lib/server/demo/mystery';
import { createTemplate, latestVersion } from '../../src/lib/server/mystery';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
const clients = {} as Record<'admin' | 'staff' | 'panel' | 'shopper' | 'anonymous', Client>;
let repairs: number;
let lettings: number;
let templateId: number;
let shopperId: number;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	const users = await seedUsers(db);
	shopperId = users.shopper.id;
	for (const role of ['admin', 'staff', 'panel', 'shopper'] as const) {
		clients[role] = new Client(server.url);
		await clients[role].signIn(`${role}@example.org`, TEST_PASSWORD);
	}
	clients.anonymous = new Client(server.url);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	lettings = db.insert(service).values({ name: 'Lettings' }).returning().get().id;
	templateId = createTemplate(db, 'system', {
		name: 'Telephone standards',
		channel: 'telephone',
		definition: TELEPHONE_SCORECARD
	});
	seedWorkedExample();
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

let serial = 0;
function addContact(
	values: Partial<typeof contact.$inferInsert> & { receivedAt: Date }
): typeof contact.$inferSelect {
	serial += 1;
	return db
		.insert(contact)
		.values({
			reference: `ST-${serial}`,
			kind: 'question',
			channel: 'email',
			serviceId: repairs,
			contactConsent: true,
			text: 'When will my repair be done?',
			...values
		})
		.returning()
		.get();
}

function addComplaintStage(
	stage: Partial<typeof complaintStage.$inferInsert> & { receivedAt: Date },
	status: 'open' | 'closed' | 'refused' = 'open',
	currentStage: 1 | 2 = 1
) {
	const c = addContact({ kind: 'complaint', receivedAt: stage.receivedAt });
	const row = db
		.insert(complaint)
		.values({ contactId: c.id, nature: 'delay', status, currentStage })
		.returning()
		.get();
	db.insert(complaintStage)
		.values({ complaintId: row.id, stage: 1, ...stage })
		.run();
	if (currentStage === 2)
		db.insert(complaintStage)
			.values({ complaintId: row.id, stage: 2, receivedAt: at('2025-06-02T09:00:00Z') })
			.run();
}

/** Every item answered so the visit scores, rings as given (a miss explained, as it must be). */
function addVisit(
	rings: number,
	status: 'approved' | 'pending',
	visitedAt: string,
	serviceId = repairs
) {
	const definition: ScorecardTemplate = latestVersion(db, templateId)!.definition;
	const answers: Record<string, { value: string; comment: string | null }> = {};
	for (const item of definition.sections.flatMap((s) => s.items))
		answers[item.id] =
			item.kind === 'scale'
				? { value: '4', comment: null }
				: item.kind === 'measured'
					? { value: '0', comment: null }
					: { value: 'yes', comment: null };
	answers['tel-rings'] = { value: String(rings), comment: rings > 5 ? `${rings} rings` : null };
	db.insert(mysteryAssignment)
		.values({
			templateVersionId: latestVersion(db, templateId)!.id,
			serviceId,
			channel: 'telephone',
			shopperId,
			windowFrom: visitedAt.slice(0, 10),
			windowTo: visitedAt.slice(0, 10),
			brief: 'Ring the repairs line.',
			status,
			visitedAt,
			answers,
			submittedAt: new Date(`${visitedAt.slice(0, 10)}T18:00:00Z`)
		})
		.run();
}

const at = (iso: string) => new Date(iso);

/**
 * The worked example, for the reporting year 2025/26 (England and Wales bank holidays from
 * reference/bank-holidays.json: 5 May, 25 and 26 December 2025).
 */
function seedWorkedExample() {
	// Replies to emails within 2 working days.
	// Wednesday 24 December: Christmas, Boxing Day and a weekend, so due Tuesday 30 December.
	addContact({ receivedAt: at('2025-12-24T10:00:00Z'), repliedAt: at('2025-12-30T16:00:00Z') });
	addContact({ receivedAt: at('2025-12-24T11:00:00Z'), repliedAt: at('2025-12-31T09:00:00Z') });
	// 00:30 on 1 April 2025 in summer time: the new year's first quarter. Due Thursday 3 April.
	addContact({ receivedAt: at('2025-03-31T23:30:00Z'), repliedAt: at('2025-04-03T15:00:00Z') });
	// Never replied to, and long past due.
	addContact({ receivedAt: at('2025-06-02T09:00:00Z') });
	// About lettings, answered the same day.
	addContact({
		receivedAt: at('2025-06-03T09:00:00Z'),
		repliedAt: at('2025-06-03T15:00:00Z'),
		serviceId: lettings
	});
	// Resolved at first contact: answered there and then, whether or not they agreed to more.
	addContact({
		receivedAt: at('2025-06-10T09:00:00Z'),
		contactConsent: false,
		resolvedAtFirstContact: true
	});
	// Not counted: no agreement to be contacted and not resolved, so no reply is owed; by phone;
	// a complaint (it has its own standards); 00:30 on 1 April 2026.
	addContact({ receivedAt: at('2025-06-10T09:00:00Z'), contactConsent: false });
	addContact({ receivedAt: at('2025-06-02T09:00:00Z'), channel: 'phone' });
	addContact({ receivedAt: at('2026-03-31T23:30:00Z') });
	// The year before: one, on time.
	addContact({ receivedAt: at('2024-10-01T09:00:00Z'), repliedAt: at('2024-10-02T09:00:00Z') });

	// Stage 1 complaints received Thursday 1 May 2025 at noon. With the bank holiday on Monday
	// 5 May, 5 working days end Friday 9 May and 10 end Friday 16 May.
	const may1 = at('2025-05-01T11:00:00Z');
	addComplaintStage({
		receivedAt: may1,
		acknowledgedAt: at('2025-05-09T16:00:00Z'),
		respondedAt: at('2025-05-16T15:00:00Z'),
		outcome: 'upheld'
	});
	addComplaintStage({
		receivedAt: may1,
		acknowledgedAt: at('2025-05-12T08:00:00Z'),
		respondedAt: at('2025-05-19T10:00:00Z'),
		outcome: 'not-upheld'
	});
	// Withdrawn before an answer: acknowledged on time, and nothing left to answer.
	addComplaintStage(
		{ receivedAt: may1, acknowledgedAt: at('2025-05-02T09:00:00Z'), outcome: 'withdrawn' },
		'closed'
	);
	// Withdrawn before it was even acknowledged: outside both.
	addComplaintStage({ receivedAt: may1, outcome: 'withdrawn' }, 'closed');
	// Refused at stage 1: outside both standards.
	addComplaintStage({ receivedAt: may1 }, 'refused');
	// Never acknowledged or answered, and long overdue: missed twice.
	addComplaintStage({ receivedAt: may1 });
	// Refused at stage 2; its stage 1 was acknowledged on time and answered late, and still counts.
	addComplaintStage(
		{
			receivedAt: may1,
			acknowledgedAt: at('2025-05-02T09:00:00Z'),
			respondedAt: at('2025-05-20T09:00:00Z'),
			outcome: 'not-upheld'
		},
		'refused',
		2
	);

	// Mystery shops, at most 5 rings: 3 rings and 4 rings met, 8 missed; one not yet approved.
	addVisit(3, 'approved', '2025-07-10T10:00');
	addVisit(8, 'approved', '2025-07-11T10:00');
	addVisit(4, 'approved', '2025-08-01T10:00', lettings);
	addVisit(2, 'pending', '2025-08-02T10:00');
}

const standardFields = (fields: Record<string, string>) => ({
	name: '',
	measure: '',
	serviceId: '',
	contactChannel: '',
	complaintStage: '',
	workingDays: '',
	item: '',
	targetPercent: '',
	...fields
});

async function addStandard(fields: Record<string, string>): Promise<number> {
	const res = await clients.admin.post('/admin/standards/new', standardFields(fields));
	expect(res.status, await res.clone().text()).toBe(303);
	return Number(/#standard-(\d+)$/.exec(res.headers.get('location')!)![1]);
}

type Row = { period: string; percent: string; basis: string; status: string };

/** The figures shown for one standard, a row per period. */
async function figuresOf(id: number, client = clients.staff, year = '2025'): Promise<Row[]> {
	const res = await client.get(`/admin/standards?year=${year}`);
	expect(res.status).toBe(200);
	const html = await res.text();
	const start = html.indexOf(`id="standard-${id}"`);
	expect(start).toBeGreaterThan(-1);
	const section = html.slice(start, html.indexOf('</section>', start));
	const text = (s: string) =>
		s
			.replace(/<[^>]*>/g, '')
			.replace(/\s+/g, ' ')
			.trim();
	return [...section.matchAll(/<tr[^>]*data-testid="period"[^>]*>([\s\S]*?)<\/tr>/g)].map(
		([, row]) => {
			const cells = [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, c]) => text(c!));
			return { period: cells[0]!, percent: cells[1]!, basis: cells[2]!, status: cells[3]! };
		}
	);
}

const ids = {} as Record<'email' | 'lettings' | 'ack' | 'response' | 'rings', number>;

describe('service standards', () => {
	test('an admin adds one standard of each measure', async () => {
		ids.email = await addStandard({
			name: 'Reply to emails within 2 working days',
			measure: 'contact-reply',
			contactChannel: 'email',
			workingDays: '2',
			// Fields for other measures are ignored, not stored.
			complaintStage: '2',
			item: `${templateId}:tel-rings`,
			targetPercent: '90'
		});
		ids.lettings = await addStandard({
			name: 'Reply to lettings emails within 2 working days',
			measure: 'contact-reply',
			contactChannel: 'email',
			serviceId: String(lettings),
			workingDays: '2',
			targetPercent: '90'
		});
		ids.ack = await addStandard({
			name: 'Acknowledge complaints within 5 working days',
			measure: 'complaint-acknowledgement',
			complaintStage: '1',
			workingDays: '5',
			targetPercent: '95'
		});
		ids.response = await addStandard({
			name: 'Answer stage 1 complaints within 10 working days',
			measure: 'complaint-response',
			complaintStage: '1',
			workingDays: '10',
			targetPercent: '50'
		});
		ids.rings = await addStandard({
			name: 'Answer the phone within 5 rings',
			measure: 'mystery-item',
			item: `${templateId}:tel-rings`,
			workingDays: '3',
			targetPercent: '80'
		});
		const email = db.select().from(serviceStandard).where(eq(serviceStandard.id, ids.email)).get()!;
		expect(email).toMatchObject({
			measure: 'contact-reply',
			contactChannel: 'email',
			workingDays: 2,
			complaintStage: null,
			templateId: null,
			itemId: null,
			targetPercent: 90,
			serviceId: null
		});
		const rings = db.select().from(serviceStandard).where(eq(serviceStandard.id, ids.rings)).get()!;
		expect(rings).toMatchObject({ templateId, itemId: 'tel-rings', workingDays: null });
		const audit = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'standard.created'), eq(auditLog.entityId, String(ids.ack))))
			.get();
		expect(audit?.actor).toContain('admin@example.org');
	});

	test('replies: the worked example, by quarter and beside the year before', async () => {
		expect(await figuresOf(ids.email)).toEqual([
			{
				period: 'Reporting year 2025/26',
				percent: '66.7%',
				basis: '4 of 6',
				status: 'Below target'
			},
			{ period: 'April to June 2025', percent: '75.0%', basis: '3 of 4', status: 'Below target' },
			{
				period: 'July to September 2025',
				percent: 'no cases',
				basis: 'None',
				status: 'No cases'
			},
			{
				period: 'October to December 2025',
				percent: '50.0%',
				basis: '1 of 2',
				status: 'Below target'
			},
			{ period: 'January to March 2026', percent: 'no cases', basis: 'None', status: 'No cases' },
			{
				period: 'Reporting year 2024/25',
				percent: '100.0%',
				basis: '1 of 1',
				status: 'Meets target'
			}
		]);
		const lettingsOnly = await figuresOf(ids.lettings);
		expect(lettingsOnly[0]).toMatchObject({
			percent: '100.0%',
			basis: '1 of 1',
			status: 'Meets target'
		});
	});

	test('complaints: acknowledgements and answers, withdrawn and refused left out', async () => {
		// Acknowledged on 9 May (met), 12 May (missed), withdrawn after an acknowledgement on 2 May
		// (met), never (missed), and stage 1 of the complaint refused at stage 2 (met).
		expect((await figuresOf(ids.ack))[0]).toMatchObject({
			percent: '60.0%',
			basis: '3 of 5',
			status: 'Below target'
		});
		// Answered 16 May (met), 19 May (missed), never (missed), 20 May (missed).
		expect((await figuresOf(ids.response))[0]).toMatchObject({
			percent: '25.0%',
			basis: '1 of 4',
			status: 'Below target'
		});
	});

	test('mystery shopping: approved visits only, across services', async () => {
		const rows = await figuresOf(ids.rings);
		expect(rows[0]).toMatchObject({ percent: '66.7%', basis: '2 of 3', status: 'Below target' });
		expect(rows[2]).toMatchObject({ period: 'July to September 2025', basis: '2 of 3' });
	});

	test('the scorecard for the board and the panel carries each standard beside the year before', async () => {
		for (const [client, path] of [
			[clients.staff, '/admin/scorecard?year=2025'],
			[clients.panel, '/panel/scorecard?year=2025']
		] as const) {
			const html = await client.get(path).then((r) => r.text());
			const row = html.slice(html.indexOf(`data-testid="standard-${ids.email}"`));
			expect(row).toMatch(/^[\s\S]*?Reply to emails within 2 working days/);
			const cells = [...row.matchAll(/data-testid="(percent|status)"[^>]*>([^<]*)</g)]
				.slice(0, 3)
				.map((m) => m[2]);
			// The year before rests on one reply: the panel, like for survey figures, is not shown it.
			expect(cells).toEqual([
				'66.7%',
				client === clients.panel ? 'Fewer than 5 cases: not shown' : '100.0%',
				'2025/26: below target'
			]);
		}
		const csv = await clients.staff
			.get('/admin/scorecard/export?year=2025&format=csv')
			.then((r) => r.text());
		expect(csv).toContain(
			'Reply to emails within 2 working days,%,66.7,4 of 6,100,1 of 1,Target 90%: below target in 2025/26,'
		);
		const panelCsv = await clients.panel
			.get('/panel/scorecard/export?year=2025&format=csv')
			.then((r) => r.text());
		expect(panelCsv).toContain(
			'Reply to emails within 2 working days,%,66.7,4 of 6,Fewer than 5 cases: not shown,,'
		);
		expect(panelCsv).not.toMatch(/Reply to emails within 2 working days,[^\n]*,100,1 of 1/);
	});

	test('bad input is refused with what to fix, keeps what was typed and writes nothing', async () => {
		const before = db.select().from(serviceStandard).all().length;
		const cases: [Record<string, string>, string[]][] = [
			[
				{ measure: 'contact-reply', targetPercent: '85', workingDays: '' },
				['Enter a name for the standard', 'Enter the working days']
			],
			[{ name: 'x', measure: '', targetPercent: '80' }, ['Select what the standard measures']],
			[
				{ name: 'Quick', measure: 'complaint-response', workingDays: '-1', targetPercent: '80' },
				['Working days must be a whole number, like 2', 'Select the complaint stage']
			],
			[
				{ name: 'Slow', measure: 'contact-reply', workingDays: '400', targetPercent: '101' },
				['Working days must be between 0 and 65', 'Target must be between 1 and 100']
			],
			[
				{ name: 'Rings', measure: 'mystery-item', item: '', targetPercent: '80' },
				['Select the scorecard item the standard measures']
			],
			// A 1–5 rating has no "met"; an item that is not there is not there.
			[
				{
					name: 'Rating',
					measure: 'mystery-item',
					item: `${templateId}:tel-understanding`,
					targetPercent: '80'
				},
				['Select a scorecard item from the list']
			],
			[
				{
					name: 'Gone',
					measure: 'mystery-item',
					item: `${templateId + 99}:tel-rings`,
					targetPercent: '80'
				},
				['Select a scorecard item from the list']
			],
			[
				{
					name: 'Where',
					measure: 'contact-reply',
					workingDays: '2',
					serviceId: '9999',
					targetPercent: '80'
				},
				['Select a service from the list']
			],
			[
				{
					name: 'How',
					measure: 'contact-reply',
					workingDays: '2',
					contactChannel: 'pigeon',
					targetPercent: '80'
				},
				['Select a channel from the list']
			]
		];
		for (const [fields, messages] of cases) {
			const res = await clients.admin.post('/admin/standards/new', standardFields(fields));
			expect(res.status).toBe(400);
			const html = await res.text();
			for (const message of messages) expect(html).toContain(message);
			expect(html).toContain('govuk-error-summary');
			if (fields.name) expect(html).toContain(`value="${fields.name}"`);
			if (fields.targetPercent) expect(html).toContain(`value="${fields.targetPercent}"`);
		}
		expect(db.select().from(serviceStandard).all()).toHaveLength(before);
	});

	test('an admin changes a standard; the figures follow and the change is logged', async () => {
		const res = await clients.admin.post(`/admin/standards/${ids.email}?/save`, {
			...standardFields({
				name: 'Reply to emails within 5 working days',
				measure: 'contact-reply',
				contactChannel: 'email',
				workingDays: '5',
				targetPercent: '60'
			})
		});
		expect(res.status).toBe(303);
		// 31 December is now in time: 5 of 6.
		expect((await figuresOf(ids.email))[0]).toMatchObject({
			percent: '83.3%',
			basis: '5 of 6',
			status: 'Meets target'
		});
		const audit = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'standard.changed'), eq(auditLog.entityId, String(ids.email))))
			.get()!;
		expect(audit.before).toMatchObject({ workingDays: 2, targetPercent: 90 });
		expect(audit.after).toMatchObject({ workingDays: 5, targetPercent: 60 });

		const bad = await clients.admin.post(`/admin/standards/${ids.email}?/save`, {
			...standardFields({ name: 'Kept', measure: 'contact-reply', targetPercent: '60' })
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('value="Kept"');
		expect(
			db.select().from(serviceStandard).where(eq(serviceStandard.id, ids.email)).get()!.name
		).toBe('Reply to emails within 5 working days');
	});

	test('a retired standard is kept with its figures, listed apart, and can come back', async () => {
		expect((await clients.admin.post(`/admin/standards/${ids.lettings}?/retire`)).status).toBe(303);
		let html = await clients.staff.get('/admin/standards?year=2025').then((r) => r.text());
		const retiredAt = html.indexOf('Retired standards');
		expect(retiredAt).toBeGreaterThan(html.indexOf(`id="standard-${ids.email}"`));
		expect(html.indexOf(`id="standard-${ids.lettings}"`)).toBeGreaterThan(retiredAt);
		expect((await figuresOf(ids.lettings))[0]).toMatchObject({ basis: '1 of 1' });
		expect((await clients.admin.post(`/admin/standards/${ids.lettings}?/reinstate`)).status).toBe(
			303
		);
		html = await clients.staff.get('/admin/standards?year=2025').then((r) => r.text());
		expect(html).not.toContain('Retired standards');
		const actions = db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.entityId, String(ids.lettings)))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['standard.retired', 'standard.reinstated']));
	});

	test('only admins change standards; staff read them; no one else sees them', async () => {
		const before = db.select().from(serviceStandard).all();
		const fields = standardFields({
			name: 'Sneaky',
			measure: 'contact-reply',
			workingDays: '1',
			targetPercent: '1'
		});
		for (const role of ['staff', 'panel', 'shopper'] as const) {
			expect((await clients[role].post('/admin/standards/new', fields)).status).toBe(404);
			expect((await clients[role].get('/admin/standards/new')).status).toBe(404);
			expect((await clients[role].post(`/admin/standards/${ids.ack}?/save`, fields)).status).toBe(
				404
			);
			expect((await clients[role].post(`/admin/standards/${ids.ack}?/retire`)).status).toBe(404);
			expect((await clients[role].get(`/admin/standards/${ids.ack}`)).status).toBe(404);
		}
		for (const role of ['panel', 'shopper'] as const)
			expect((await clients[role].get('/admin/standards')).status).toBe(404);
		const signedOut = await clients.anonymous.get('/admin/standards');
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toContain('/sign-in');
		expect(db.select().from(serviceStandard).all()).toEqual(before);

		const staffPage = await clients.staff.get('/admin/standards?year=2025').then((r) => r.text());
		expect(staffPage).toContain('Acknowledge complaints within 5 working days');
		expect(staffPage).not.toContain('Add a service standard');
		expect(staffPage).not.toContain(`href="/admin/standards/${ids.ack}"`);
		expect((await clients.admin.get('/admin/standards/0x1')).status).toBe(404);
		expect((await clients.admin.get('/admin/standards/999999')).status).toBe(404);
	});
});

describe('a scorecard item left out of a newer template version', () => {
	test('stays on the standard that names it, with its visits, and is not offered for new ones', async () => {
		const latest = latestVersion(db, templateId)!;
		const definition: ScorecardTemplate = {
			...latest.definition,
			sections: latest.definition.sections.map((section) => ({
				...section,
				items: section.items.filter((item) => item.id !== 'tel-rings')
			}))
		};
		db.insert(scorecardTemplateVersion)
			.values({ templateId, version: latest.version + 1, definition })
			.run();

		const form = await clients.admin.get(`/admin/standards/${ids.rings}`).then((r) => r.text());
		expect(form).toContain('Rings before a person answered (no longer in the template)');
		const saved = await clients.admin.post(
			`/admin/standards/${ids.rings}?/save`,
			standardFields({
				name: 'Answer the phone within 5 rings',
				measure: 'mystery-item',
				item: `${templateId}:tel-rings`,
				targetPercent: '60'
			})
		);
		expect(saved.status).toBe(303);
		const rows = await figuresOf(ids.rings);
		expect(rows[0]).toMatchObject({ basis: '2 of 3', status: 'Meets target' });
		const page = await clients.staff.get('/admin/standards?year=2025').then((r) => r.text());
		expect(page).toContain('Rings before a person answered (no longer in the template)');

		const fresh = await clients.admin.post(
			'/admin/standards/new',
			standardFields({
				name: 'Rings again',
				measure: 'mystery-item',
				item: `${templateId}:tel-rings`,
				targetPercent: '60'
			})
		);
		expect(fresh.status).toBe(400);
		expect(await fresh.text()).toContain('Select a scorecard item from the list');
	});
});

describe('recording a reply to a contact', () => {
	test('a reply still due is pending, then met once staff record it', async () => {
		const now = new Date();
		const received = new Date(now.getTime() - 2 * 3600_000);
		const c = addContact({ receivedAt: received });
		const year = String(reportingYearOf(received).startYear);
		const counts = async () => {
			const { basis } = (await figuresOf(ids.email, clients.staff, year))[0]!;
			const known = /(\d+) of (\d+)/.exec(basis);
			const pending = /(\d+) not yet due/.exec(basis);
			return {
				met: Number(known?.[1] ?? 0),
				n: Number(known?.[2] ?? 0),
				pending: Number(pending?.[1] ?? 0)
			};
		};
		const before = await counts();
		expect(before.pending).toBeGreaterThanOrEqual(1);

		const repliedAt = new Date(now.getTime() - 3600_000);
		const res = await clients.staff.post(`/admin/contacts/${c.id}?/reply`, {
			repliedOn: londonDate(repliedAt),
			repliedTime: londonTime(repliedAt)
		});
		expect(res.status).toBe(303);
		expect(await counts()).toEqual({
			met: before.met + 1,
			n: before.n + 1,
			pending: before.pending - 1
		});
		const stored = db.select().from(contact).where(eq(contact.id, c.id)).get()!;
		expect(londonTime(stored.repliedAt!)).toBe(londonTime(repliedAt));
		const audit = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'contact.replied'), eq(auditLog.entityId, String(c.id))))
			.get()!;
		expect(audit.actor).toContain('staff@example.org');
	});

	test('a reply before the contact, in the future or to a complaint is refused, and nothing changes', async () => {
		const c = addContact({ receivedAt: at('2025-09-01T09:00:00Z') });
		const complaintContact = addContact({
			kind: 'complaint',
			receivedAt: at('2025-09-01T09:00:00Z')
		});
		const tomorrow = new Date(Date.now() + 86_400_000);
		const cases: [number, Record<string, string>, string][] = [
			[
				c.id,
				{ repliedOn: '2025-08-31', repliedTime: '12:00' },
				'The reply cannot be before the contact was received'
			],
			[
				c.id,
				{ repliedOn: londonDate(tomorrow), repliedTime: '12:00' },
				'The reply cannot be in the future'
			],
			[
				c.id,
				{ repliedOn: '2025-02-30', repliedTime: '12:00' },
				'Enter the date of the reply as a real date'
			],
			[
				c.id,
				{ repliedOn: '2025-09-02', repliedTime: '25:00' },
				'Enter the time of the reply on the 24-hour clock'
			],
			[
				complaintContact.id,
				{ repliedOn: '2025-09-02', repliedTime: '12:00' },
				'Record the reply to a complaint as its acknowledgement'
			]
		];
		for (const [id, fields, message] of cases) {
			const res = await clients.staff.post(`/admin/contacts/${id}?/reply`, fields);
			expect(res.status).toBe(400);
			const html = await res.text();
			expect(html).toContain(message);
			// The form is not offered on a complaint's page.
			if (id === c.id) expect(html).toContain(`value="${fields.repliedOn}"`);
		}
		for (const id of [c.id, complaintContact.id])
			expect(db.select().from(contact).where(eq(contact.id, id)).get()!.repliedAt).toBeNull();
		expect((await clients.panel.post(`/admin/contacts/${c.id}?/reply`, cases[0]![1])).status).toBe(
			404
		);
	});
});
