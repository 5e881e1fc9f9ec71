import { and, count, eq } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../src/lib/domain/survey';
import type { Db } from '../../src/lib/server/db';
import {
	actionNotification,
	answer,
	answerTheme,
	auditLog,
	consultation,
	consultationAction,
	finding,
	findingEvidence,
	focusGroup,
	focusGroupProfile,
	focusGroupQuote,
	mailMessage,
	response,
	service,
	subscriber,
	survey,
	surveyVersion,
	theme
} from '../../src/lib/server/db/schema';
import { Client, postAs } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { startSmtp } from './support/smtp';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

let server: TestServer;
let smtp: Smtp;
let db: Db;
let staff: Client;
let users: Awaited<ReturnType<typeof seedUsers>>;
let repairs: number;
let estates: number;

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startServer({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
	db = openTestDatabase(server.databasePath);
	users = await seedUsers(db);
	repairs = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	estates = db.insert(service).values({ name: 'Estate services' }).returning().get().id;
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
	await smtp?.stop();
});

const aMinuteAgo = () => String(Date.now() - 60_000);
const idFrom = (res: Response) => Number(res.headers.get('location')!.split(/[/#?]/).at(-1));
const countRows = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;

const consultationFields = (overrides: Record<string, string> = {}) => ({
	title: 'Repairs appointments',
	question: 'How should we book repairs appointments?',
	affected: 'Every tenant who reports a repair',
	background: 'We offer half-day slots today.\n\nWe asked what would work better.',
	serviceId: String(repairs),
	opensOn: '2026-10-01',
	closesOn: '2026-10-31',
	status: 'analysing',
	...overrides
});

async function createConsultation(overrides: Record<string, string> = {}) {
	const res = await staff.post('/admin/consultations?/create', consultationFields(overrides));
	expect(res.status).toBe(303);
	const location = res.headers.get('location')!;
	return Number(location.split('/').at(-1));
}

const slugOf = (id: number) =>
	db.select().from(consultation).where(eq(consultation.id, id)).get()!.slug;

async function publishFinding(consultationId: number, findingId: number, statement: string) {
	const res = await staff.post(
		`/admin/consultations/${consultationId}/findings/${findingId}?/update`,
		{
			statement,
			published: 'yes'
		}
	);
	expect(res.status).toBe(303);
}

const updatesQueuedFor = (email: string) =>
	db
		.select({ subject: mailMessage.subject })
		.from(mailMessage)
		.where(and(eq(mailMessage.to, email), eq(mailMessage.category, 'consultation.update')))
		.all();

async function publish(id: number) {
	expect((await staff.post(`/admin/consultations/${id}?/publish`)).status).toBe(303);
}

const actionFields = (overrides: Record<string, string | string[]> = {}) => ({
	title: 'Offer two-hour slots',
	description: 'A trial in the north patch first.',
	ownerId: String(users.staff.id),
	serviceId: String(repairs),
	dueOn: '2027-01-31',
	status: 'planned',
	reason: '',
	completedOn: '',
	outcome: '',
	...overrides
});

async function createAction(consultationId: number, overrides: Record<string, string> = {}) {
	const res = await staff.post(
		`/admin/consultations/${consultationId}/actions/new?/save`,
		actionFields(overrides)
	);
	expect(res.status, await res.clone().text()).toBe(303);
	return idFrom(res);
}

async function saveAction(
	consultationId: number,
	actionId: number,
	overrides: Record<string, string>
) {
	const res = await staff.post(
		`/admin/consultations/${consultationId}/actions/${actionId}?/save`,
		actionFields(overrides)
	);
	expect(res.status, await res.clone().text()).toBe(303);
}

describe('consultations in the staff workspace', () => {
	test('bad input is refused with messages by the fields, what was typed kept, and nothing written', async () => {
		const before = countRows(consultation);
		const res = await staff.post(
			'/admin/consultations?/create',
			consultationFields({ title: '', opensOn: '2026-02-30', closesOn: '', status: 'someday' })
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('There is a problem');
		expect(html).toContain('Enter a title');
		expect(html).toContain('Opening date must be a real date, like 2026-12-01');
		expect(html).toContain('Select a status');
		expect(html).toContain('How should we book repairs appointments?');
		expect(countRows(consultation)).toBe(before);

		const backwards = await staff.post(
			'/admin/consultations?/create',
			consultationFields({ opensOn: '2026-10-31', closesOn: '2026-10-01' })
		);
		expect(backwards.status).toBe(400);
		expect(await backwards.text()).toContain('Closing date must be on or after the opening date');
		expect(countRows(consultation)).toBe(before);
	});

	test('only staff and admins open the consultation pages; others get 404, the signed-out sign in', async () => {
		const id = await createConsultation({ title: 'Access check' });
		for (const role of ['panel', 'shopper'] as const) {
			const client = new Client(server.url);
			await client.signIn(`${role}@example.org`, TEST_PASSWORD);
			expect((await client.get('/admin/consultations')).status).toBe(404);
			expect((await client.get(`/admin/consultations/${id}`)).status).toBe(404);
			const post = await client.post(`/admin/consultations/${id}?/publish`);
			expect(post.status).toBe(404);
		}
		const anonymous = await new Client(server.url).get(`/admin/consultations/${id}`);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/sign-in');
		expect(
			db.select().from(consultation).where(eq(consultation.id, id)).get()!.publishedAt
		).toBeNull();
		const admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
		expect((await admin.get(`/admin/consultations/${id}`)).status).toBe(200);
	});

	test('a focus group keeps counts, not names; a profile adding up to more than attended is refused whole', async () => {
		const id = await createConsultation({ title: 'Focus group check' });
		const cleanliness = db.insert(theme).values({ name: 'Cleanliness' }).returning().get().id;
		const fields = {
			heldOn: '2026-10-12',
			place: 'Community hub',
			facilitators: 'Tom Hughes',
			attendees: '6',
			consent: 'Notes and anonymised quotes',
			notes: 'We talked about bins.',
			themeIds: String(cleanliness),
			'age-0': '2',
			'age-1': '5',
			areaProfile: 'North estate: 3',
			equalityProfile: ''
		};
		const groupsBefore = countRows(focusGroup);
		const tooMany = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, fields);
		expect(tooMany.status).toBe(400);
		const html = await tooMany.text();
		expect(html).toContain('The age counts add up to 7, more than the 6 who attended');
		expect(html).toContain('Community hub');
		expect(countRows(focusGroup)).toBe(groupsBefore);

		const badLine = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			...fields,
			'age-1': '1',
			areaProfile: 'North estate three'
		});
		expect(badLine.status).toBe(400);
		expect(await badLine.text()).toContain(
			'Line 1: write each one as a name, a colon and a number'
		);
		expect(countRows(focusGroup)).toBe(groupsBefore);

		// Other characteristics may overlap, but none can count more people than attended.
		const overlapping = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			...fields,
			'age-1': '1',
			equalityProfile: 'Wheelchair users: 40'
		});
		expect(overlapping.status).toBe(400);
		expect(await overlapping.text()).toContain(
			'Line 1: 40 "Wheelchair users" is more than the 6 who attended'
		);
		expect(countRows(focusGroup)).toBe(groupsBefore);

		const saved = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			...fields,
			'age-1': '1'
		});
		expect(saved.status).toBe(303);
		const groupId = idFrom(saved);
		const profile = db
			.select()
			.from(focusGroupProfile)
			.where(eq(focusGroupProfile.focusGroupId, groupId))
			.all()
			.map((p) => `${p.dimension}:${p.category}:${p.count}`)
			.sort();
		expect(profile).toEqual(['age:16–24:2', 'age:25–34:1', 'area:North estate:3']);
	});
});

describe('you said, we did in public', () => {
	let id: number;
	let slug: string;
	let surveyId: number;
	let approvedQuote: number;
	let pendingQuote: number;

	beforeAll(async () => {
		id = await createConsultation({ title: 'Communal <b>cleaning</b> & bins' });
		slug = slugOf(id);
		// A linked survey with 6 answers to its agreement question, one of them a tagged comment.
		const created = await staff.post('/admin/surveys?/create', {
			template: 'consultation',
			title: 'Cleaning survey'
		});
		surveyId = idFrom(created);
		const version = db
			.select()
			.from(surveyVersion)
			.where(eq(surveyVersion.surveyId, surveyId))
			.get()!;
		const themeId = db.insert(theme).values({ name: 'Bins' }).returning().get().id;
		const agreement = ['strongly-agree', 'agree', 'agree', 'agree', 'disagree', 'neither'];
		agreement.forEach((value, i) => {
			const row = db
				.insert(response)
				.values({
					surveyId,
					versionId: version.id,
					reference: `CL-${i}`,
					status: 'submitted',
					submittedAt: new Date('2026-10-10T10:00:00Z')
				})
				.returning()
				.get();
			db.insert(answer)
				.values({
					responseId: row.id,
					questionId: 'proposal-agreement',
					questionCode: 'PROPOSAL_AGREE',
					value: { type: 'choice', value } as Answer
				})
				.run();
			if (i < 2) {
				db.insert(answer)
					.values({
						responseId: row.id,
						questionId: 'proposal-reason',
						questionCode: 'PROPOSAL_REASON',
						value: { type: 'text', value: 'The bins overflow' } as Answer
					})
					.run();
				db.insert(answerTheme)
					.values({ responseId: row.id, questionId: 'proposal-reason', themeId })
					.run();
			}
		});
		expect(
			(await staff.post(`/admin/consultations/${id}?/linkSurvey`, { surveyId: String(surveyId) }))
				.status
		).toBe(303);
		const group = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			heldOn: '2026-10-20',
			place: 'Tower Court',
			facilitators: 'Tom Hughes',
			attendees: '8',
			consent: 'Anonymised quotes may be published',
			themeIds: String(themeId)
		});
		const groupId = idFrom(group);
		const base = `/admin/consultations/${id}/focus-groups/${groupId}`;
		await staff.post(`${base}?/addQuote`, { quote: 'The bins overflow by Wednesday.' });
		await staff.post(`${base}?/addQuote`, { quote: 'Mrs Jones at number 12 agrees.' });
		const quotes = db
			.select()
			.from(focusGroupQuote)
			.where(eq(focusGroupQuote.focusGroupId, groupId))
			.all();
		approvedQuote = quotes[0]!.id;
		pendingQuote = quotes[1]!.id;
		const unconfirmed = await staff.post(`${base}?/approveQuote`, {
			quoteId: String(approvedQuote)
		});
		expect(unconfirmed.status).toBe(400);
		expect(await unconfirmed.text()).toContain('Confirm the quote carries no names');
		expect(
			(
				await staff.post(`${base}?/approveQuote`, {
					quoteId: String(approvedQuote),
					confirm: 'yes'
				})
			).status
		).toBe(303);

		const made = await staff.post(`/admin/consultations/${id}?/addFinding`, {
			statement: 'Bins overflow before collection day'
		});
		expect(made.status).toBe(303);
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		await publishFinding(id, findingId, 'Bins overflow before collection day');
		const evidenceUrl = `/admin/consultations/${id}/findings/${findingId}?/addEvidence`;
		for (const evidence of [
			`question:${surveyId}:proposal-agreement`,
			`theme:${themeId}`,
			`quote:${approvedQuote}`
		])
			expect((await staff.post(evidenceUrl, { evidence })).status).toBe(303);
	});

	test('an unapproved quote, or a question from a survey not linked, cannot be evidence', async () => {
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		const before = countRows(findingEvidence);
		const url = `/admin/consultations/${id}/findings/${findingId}?/addEvidence`;
		const quote = await staff.post(url, { evidence: `quote:${pendingQuote}` });
		expect(quote.status).toBe(400);
		expect(await quote.text()).toContain('Only quotes confirmed to carry no personal details');
		const other = await staff.post(url, {
			evidence: `question:${surveyId + 999}:proposal-agreement`
		});
		expect(other.status).toBe(400);
		expect(countRows(findingEvidence)).toBe(before);
	});

	test('nothing unpublished is reachable: the page is 404 and nothing is listed until published', async () => {
		expect((await new Client(server.url).get(`/you-said-we-did/${slug}`)).status).toBe(404);
		const index = await (await new Client(server.url).get('/you-said-we-did')).text();
		expect(index).not.toContain('Communal');
		await publish(id);
		expect((await new Client(server.url).get(`/you-said-we-did/${slug}`)).status).toBe(200);
	});

	test('the page shows we asked, you said with its evidence, and we did — all as text', async () => {
		const actionId = await createAction(id, { title: 'Second bin collection', published: 'yes' });
		await createAction(id, { title: 'Secret draft idea' });
		const page = await new Client(server.url).get(`/you-said-we-did/${slug}`);
		const html = await page.text();
		// Staff text is escaped, never markup.
		expect(html).toMatch(/Communal &lt;b>cleaning&lt;\/b> &amp; bins/);
		expect(html).not.toContain('<b>');
		expect(html).toContain('How should we book repairs appointments?');
		expect(html).toContain('We offer half-day slots today.</p>');
		// The question's result: 6 answers, 3 agree (50%), as a table beside its bars.
		expect(html).toContain('(n = 6)');
		expect(html).toMatch(/Agree<\/th>\s*<td[^>]*>3<\/td>\s*<td[^>]*>50%<\/td>/);
		// Only 2 comments carry the theme: fewer than the minimum group size of 5.
		expect(html).toContain('Theme: Bins.');
		expect(html).toContain('Raised in the survey comments of fewer than 5 people');
		expect(html).toContain('The bins overflow by Wednesday.');
		expect(html).not.toContain('Mrs Jones');
		expect(html).toContain('Second bin collection');
		expect(html).not.toContain('Secret draft idea');
		// The owner is never public.
		expect(html).not.toContain('Test staff');
		expect(actionId).toBeGreaterThan(0);
	});

	test('someone who answered a linked survey is offered updates on its confirmation page', async () => {
		expect((await staff.post(`/admin/surveys/${surveyId}?/open`)).status).toBe(303);
		const slugOfSurvey = db.select().from(survey).where(eq(survey.id, surveyId)).get()!.slug;
		const client = new Client(server.url);
		const started = await client.post(`/s/${slugOfSurvey}`);
		expect(started.status).toBe(303);
		let next = started.headers.get('location')!;
		while (!next.endsWith('/check')) {
			const html = await (await client.get(next)).text();
			const radios = [
				...new Set([...html.matchAll(/name="(q_[^"]+)" type="radio"/g)].map((m) => m[1]!))
			];
			const firstValue = (name: string) =>
				new RegExp(`name="${name}" type="radio" value="([^"]+)"`).exec(html)![1]!;
			const res = await client.post(
				next,
				Object.fromEntries(radios.map((n) => [n, firstValue(n)]))
			);
			expect(res.status).toBe(303);
			next = res.headers.get('location')!;
		}
		const check = await (await client.get(next)).text();
		const sent = await client.post(next, {
			submissionId: /name="submissionId" value="([^"]+)"/.exec(check)![1]!,
			digest: /name="digest" value="([^"]+)"/.exec(check)![1]!
		});
		expect(sent.headers.get('location')).toMatch(/\/done$/);
		const done = await (await client.get(sent.headers.get('location')!)).text();
		expect(done).toContain(`href="/you-said-we-did/${slug}#updates"`);
		expect(done).toContain('Get an email when we say what we did about');
	});

	test('one question answered by fewer than the minimum group size is not shown, though its survey is', async () => {
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		const add = await staff.post(`/admin/consultations/${id}/findings/${findingId}?/addEvidence`, {
			evidence: `question:${surveyId}:priorities`
		});
		expect(add.status).toBe(303);
		const html = (
			await (await new Client(server.url).get(`/you-said-we-did/${slug}`)).text()
		).replace(/\s+/g, ' ');
		expect(html).toContain(
			'Cleaning survey: What matters most to you about this proposal? — fewer than 5 responses, so the results are not shown'
		);
		// The agreement question beside it, answered by everyone, is still shown.
		expect(html).toMatch(/\(n = [6-9]\)/);
	});

	test('evidence of another consultation’s finding cannot be removed through this one', async () => {
		const other = await createConsultation({ title: 'Other for evidence' });
		await staff.post(`/admin/consultations/${other}?/addFinding`, { statement: 'Other finding' });
		const otherFinding = db.select().from(finding).where(eq(finding.consultationId, other)).get()!
			.id;
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		const evidence = db
			.select()
			.from(findingEvidence)
			.where(eq(findingEvidence.findingId, findingId))
			.all();
		const crossed = await staff.post(
			`/admin/consultations/${other}/findings/${otherFinding}?/removeEvidence`,
			{ itemId: String(evidence[0]!.id) }
		);
		expect(crossed.status).toBe(303);
		const wrongPair = await staff.post(
			`/admin/consultations/${other}/findings/${findingId}?/removeEvidence`,
			{ itemId: String(evidence[0]!.id) }
		);
		expect(wrongPair.status).toBe(404);
		expect(
			db.select().from(findingEvidence).where(eq(findingEvidence.findingId, findingId)).all()
		).toHaveLength(evidence.length);
	});

	test('with a survey result under the minimum group size, the result is not shown', async () => {
		const small = await createConsultation({ title: 'Tiny consultation' });
		const created = await staff.post('/admin/surveys?/create', {
			template: 'consultation',
			title: 'Tiny survey'
		});
		const tinySurvey = idFrom(created);
		const version = db
			.select()
			.from(surveyVersion)
			.where(eq(surveyVersion.surveyId, tinySurvey))
			.get()!;
		for (let i = 0; i < 3; i++) {
			const row = db
				.insert(response)
				.values({
					surveyId: tinySurvey,
					versionId: version.id,
					reference: `TN-${i}`,
					status: 'submitted',
					submittedAt: new Date('2026-10-10T10:00:00Z')
				})
				.returning()
				.get();
			db.insert(answer)
				.values({
					responseId: row.id,
					questionId: 'proposal-agreement',
					questionCode: 'PROPOSAL_AGREE',
					value: { type: 'choice', value: 'agree' } as Answer
				})
				.run();
		}
		await staff.post(`/admin/consultations/${small}?/linkSurvey`, { surveyId: String(tinySurvey) });
		await staff.post(`/admin/consultations/${small}?/addFinding`, { statement: 'Few said much' });
		const findingId = db.select().from(finding).where(eq(finding.consultationId, small)).get()!.id;
		await staff.post(`/admin/consultations/${small}/findings/${findingId}?/addEvidence`, {
			evidence: `question:${tinySurvey}:proposal-agreement`
		});
		await publishFinding(small, findingId, 'Few said much');
		await publish(small);
		const page = await new Client(server.url).get(`/you-said-we-did/${slugOf(small)}`);
		const html = (await page.text()).replace(/\s+/g, ' ');
		expect(html).toContain(
			'Tiny survey: To what extent do you agree or disagree with the proposal? — fewer than 5 responses, so the results are not shown'
		);
		expect(html).not.toContain('(n = 3)');
	});

	test('an action cannot be done, nor a note written, on a day still to come', async () => {
		const id = await createConsultation({ title: 'Future dates' });
		const res = await staff.post(
			`/admin/consultations/${id}/actions/new?/save`,
			actionFields({ status: 'done', completedOn: '2031-05-01', published: 'yes' })
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('The date done cannot be in the future');
		expect(html).toContain('value="2031-05-01"');
		expect(
			db.select().from(consultationAction).where(eq(consultationAction.consultationId, id)).all()
		).toEqual([]);
	});

	test('the list filters by service, status and year', async () => {
		const other = await createConsultation({
			title: 'Estate walkabouts',
			serviceId: String(estates),
			opensOn: '2025-05-01',
			closesOn: '2025-06-01'
		});
		await createAction(other, {
			title: 'Monthly estate walkabouts',
			serviceId: String(estates),
			status: 'done',
			completedOn: '2025-09-01',
			published: 'yes'
		});
		await publish(other);
		const client = new Client(server.url);
		const all = await (await client.get('/you-said-we-did')).text();
		expect(all).toContain('Monthly estate walkabouts');
		expect(all).toContain('Second bin collection');
		const byService = await (await client.get(`/you-said-we-did?service=${estates}`)).text();
		expect(byService).toContain('Monthly estate walkabouts');
		expect(byService).not.toContain('Second bin collection');
		const byStatus = await (await client.get('/you-said-we-did?status=planned')).text();
		expect(byStatus).toContain('Second bin collection');
		expect(byStatus).not.toContain('Monthly estate walkabouts');
		const byYear = await (await client.get('/you-said-we-did?year=2025')).text();
		expect(byYear).toContain('Estate walkabouts');
		expect(byYear).toContain('Monthly estate walkabouts');
		expect(byYear).not.toContain('Second bin collection');
		const nonsense = await client.get('/you-said-we-did?year=banana&status=<x>');
		expect(nonsense.status).toBe(200);
	});

	test('the Atom feed and the JSON list carry published actions only, without owners', async () => {
		const client = new Client(server.url);
		const atom = await client.get('/you-said-we-did/feed.atom');
		expect(atom.headers.get('content-type')).toContain('application/atom+xml');
		const xml = await atom.text();
		expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
		expect(xml).toContain('Second bin collection (Planned)');
		expect(xml).toContain('Communal &lt;b&gt;cleaning&lt;/b&gt; &amp; bins');
		expect(xml).not.toContain('Secret draft idea');
		const data = (await (await client.get('/you-said-we-did/actions.json')).json()) as {
			actions: Record<string, unknown>[];
		};
		const titles = data.actions.map((a) => a.title);
		expect(titles).toContain('Second bin collection');
		expect(titles).not.toContain('Secret draft idea');
		expect(JSON.stringify(data)).not.toMatch(/owner|Test staff|staff@example\.org/i);
	});
});

describe('closing the loop with subscribers', () => {
	let id: number;
	let slug: string;
	const linkIn = (text: string, path: string) =>
		new RegExp(`${server.url}${path}/[a-z2-7]+`).exec(text)?.[0] ?? '';

	beforeAll(async () => {
		id = await createConsultation({ title: 'Complaints process' });
		slug = slugOf(id);
		await publish(id);
	});

	async function subscribe(email: string) {
		const res = await new Client(server.url).post(`/you-said-we-did/${slug}?/subscribe`, {
			email,
			website: '',
			startedAt: aMinuteAgo()
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toContain('subscribed');
	}

	async function confirm(email: string) {
		const mail = await smtp.waitFor(
			(m) => m.envelopeTo.includes(email) && /Confirm updates/.test(m.subject ?? '')
		);
		const link = linkIn(mail.text ?? '', '/you-said-we-did/confirm');
		expect(link).not.toBe('');
		const path = link.slice(server.url.length);
		const client = new Client(server.url);
		// Opening the link alone (as a mail scanner would) confirms nothing.
		expect((await client.get(path)).status).toBe(200);
		expect(
			db.select().from(subscriber).where(eq(subscriber.email, email)).get()!.confirmedAt
		).toBeNull();
		expect((await client.post(path)).status).toBe(303);
		// A second click, or the link opened again, finds them signed up.
		expect((await client.post(path)).status).toBe(303);
		const again = await client.get(path);
		expect(again.status).toBe(200);
		expect(await again.text()).toContain('You will get updates');
		// A link never sent is not made valid by asking for the confirmation page.
		expect(
			(await client.get('/you-said-we-did/confirm/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz?done')).status
		).toBe(404);
	}

	const mailsTo = (email: string, subject: RegExp) =>
		smtp.received.filter((m) => m.envelopeTo.includes(email) && subject.test(m.subject ?? ''));

	test('bad email addresses are refused and kept; a bot is told it worked but nothing is stored', async () => {
		const res = await new Client(server.url).post(`/you-said-we-did/${slug}?/subscribe`, {
			email: 'not an email',
			website: '',
			startedAt: aMinuteAgo()
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Enter an email address in the correct format');
		expect(html).toContain('value="not an email"');
		const bot = await new Client(server.url).post(`/you-said-we-did/${slug}?/subscribe`, {
			email: 'bot@example.net',
			website: 'http://spam.example',
			startedAt: aMinuteAgo()
		});
		expect(bot.status).toBe(303);
		expect(db.select().from(subscriber).where(eq(subscriber.email, 'bot@example.net')).get()).toBe(
			undefined
		);
	});

	test('each confirmed subscriber gets exactly one email when an action is published and one when it is done', async () => {
		await subscribe('ann@example.net');
		await confirm('ann@example.net');
		await subscribe('bob@example.net');
		await confirm('bob@example.net');
		await subscribe('unconfirmed@example.net');
		await smtp.waitFor((m) => m.envelopeTo.includes('unconfirmed@example.net'));

		const actionId = await createAction(id, { title: 'Call every complainant within 2 days' });
		await saveAction(id, actionId, {
			title: 'Call every complainant within 2 days',
			published: 'yes'
		});
		const first = await smtp.waitFor(
			(m) => m.envelopeTo.includes('ann@example.net') && /You said, we did/.test(m.subject ?? '')
		);
		expect(first.text).toContain('Call every complainant within 2 days');
		expect(first.raw).toMatch(
			/^List-Unsubscribe:\s+<[^>]+\/you-said-we-did\/unsubscribe\/[a-z2-7]+>/m
		);
		expect(first.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
		await smtp.waitFor(
			(m) => m.envelopeTo.includes('bob@example.net') && /You said, we did/.test(m.subject ?? '')
		);
		// Saving again, even republishing, tells nobody twice.
		await saveAction(id, actionId, {
			title: 'Call every complainant within two working days',
			published: 'yes'
		});
		await saveAction(id, actionId, { title: 'Call every complainant', published: '' });
		await saveAction(id, actionId, { title: 'Call every complainant', published: 'yes' });
		// Marked done in a bulk update: one "Done" email each.
		const bulk = await staff.post(`/admin/consultations/${id}?/bulkStatus`, {
			actionIds: String(actionId),
			bulkStatus: 'done',
			bulkReason: ''
		});
		expect(bulk.status).toBe(303);
		await smtp.waitFor(
			(m) => m.envelopeTo.includes('bob@example.net') && /^Done:/.test(m.subject ?? '')
		);
		await saveAction(id, actionId, {
			title: 'Call every complainant',
			status: 'done',
			published: 'yes'
		});
		// Mail is queued in the same transaction as the change, so the queue is the whole truth.
		for (const email of ['ann@example.net', 'bob@example.net'])
			expect(
				updatesQueuedFor(email)
					.map((m) => m.subject.split(':')[0])
					.sort()
			).toEqual(['Done', 'You said, we did']);
		expect(updatesQueuedFor('unconfirmed@example.net')).toEqual([]);
		const page = await (await staff.get(`/admin/consultations/${id}/actions/${actionId}`)).text();
		expect(page).toContain('People told: 2');
	});

	test('someone who subscribes after an action went up is not sent old news', async () => {
		await subscribe('late@example.net');
		await confirm('late@example.net');
		const actionId = db
			.select()
			.from(consultationAction)
			.where(eq(consultationAction.consultationId, id))
			.get()!.id;
		await saveAction(id, actionId, {
			title: 'Call every complainant, edited',
			status: 'done',
			published: 'yes'
		});
		expect(updatesQueuedFor('late@example.net')).toEqual([]);
		// Taking the action down and putting it up again is not news either.
		await saveAction(id, actionId, {
			title: 'Call every complainant',
			status: 'done',
			published: ''
		});
		await saveAction(id, actionId, {
			title: 'Call every complainant',
			status: 'done',
			published: 'yes'
		});
		await staff.post(`/admin/consultations/${id}?/unpublish`);
		await publish(id);
		expect(updatesQueuedFor('late@example.net')).toEqual([]);
		expect(updatesQueuedFor('bob@example.net')).toHaveLength(2);
	});

	test('the unsubscribe link in an update stops every later email', async () => {
		const mail = mailsTo('ann@example.net', /^You said, we did/)[0]!;
		const link = linkIn(mail.text ?? '', '/you-said-we-did/unsubscribe');
		const path = link.slice(server.url.length);
		const ann = db.select().from(subscriber).where(eq(subscriber.email, 'ann@example.net')).get()!;
		const client = new Client(server.url);
		expect((await client.get(path)).status).toBe(200);
		expect((await client.post(path)).status).toBe(303);
		// The address is erased; only the fact that someone was told remains.
		const after = db.select().from(subscriber).where(eq(subscriber.id, ann.id)).get()!;
		expect(after.unsubscribedAt).not.toBeNull();
		expect(after.email).toBeNull();
		// No message kept in the outbox says who it went to, the confirmation included.
		expect(
			db
				.select({ category: mailMessage.category })
				.from(mailMessage)
				.where(eq(mailMessage.to, 'ann@example.net'))
				.all()
		).toEqual([]);
		expect((await client.post(path)).status).toBe(303);
		await createAction(id, { title: 'Name one handler per complaint', published: 'yes' });
		await smtp.waitFor(
			(m) =>
				m.envelopeTo.includes('bob@example.net') &&
				(m.subject ?? '').includes('Name one handler per complaint')
		);
		expect(mailsTo('ann@example.net', /Name one handler/)).toHaveLength(0);
		const told = db
			.select({ n: count() })
			.from(actionNotification)
			.where(eq(actionNotification.subscriberId, ann.id))
			.get()!.n;
		expect(told).toBe(2);
	});

	test('a mail program’s one-click unsubscribe (RFC 8058), sent with no Origin, works', async () => {
		const mail = mailsTo('bob@example.net', /^You said, we did/)[0]!;
		const url = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(mail.raw)![1]!;
		expect(url.startsWith(`${server.url}/you-said-we-did/unsubscribe/`)).toBe(true);
		const bob = db.select().from(subscriber).where(eq(subscriber.email, 'bob@example.net')).get()!;
		const res = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(res.status).toBeLessThan(400);
		expect(
			db.select().from(subscriber).where(eq(subscriber.id, bob.id)).get()!.unsubscribedAt
		).not.toBeNull();
		const page = await new Client(server.url).get(url.slice(server.url.length));
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
	});

	test('a bulk update is all or nothing: an action of another consultation refuses the whole change', async () => {
		const other = await createConsultation({ title: 'Another one' });
		const foreign = await createAction(other, { title: 'Not yours' });
		const own = await createAction(id, { title: 'Own action' });
		const res = await staff.post(`/admin/consultations/${id}?/bulkStatus`, {
			actionIds: [String(own), String(foreign)],
			bulkStatus: 'in-progress',
			bulkReason: ''
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Select actions of this consultation');
		const statuses = db
			.select({ status: consultationAction.status })
			.from(consultationAction)
			.where(and(eq(consultationAction.consultationId, id), eq(consultationAction.id, own)))
			.get();
		expect(statuses!.status).toBe('planned');
		const notPossible = await staff.post(`/admin/consultations/${id}?/bulkStatus`, {
			actionIds: String(own),
			bulkStatus: 'not-possible',
			bulkReason: ''
		});
		expect(notPossible.status).toBe(400);
		expect(await notPossible.text()).toContain('Say why they are not possible');
	});

	test('every change is in the audit log', () => {
		const actions = new Set(
			db
				.select({ action: auditLog.action })
				.from(auditLog)
				.all()
				.map((a) => a.action)
		);
		for (const expected of [
			'consultation.create',
			'consultation.publish',
			'consultation.link-survey',
			'focus-group.create',
			'quote.approve',
			'finding.create',
			'finding.add-evidence',
			'action.create',
			'action.update',
			'action.status'
		])
			expect(actions).toContain(expected);
		expect(countRows(mailMessage)).toBeGreaterThan(0);
		expect(countRows(survey)).toBeGreaterThan(0);
	});
});

describe('what the public never sees', () => {
	const nasty = '<script>alert(1)</script><img src=x onerror=alert(2)>';

	test('an unpublished finding, or a published action of an unpublished consultation, stays hidden everywhere', async () => {
		const id = await createConsultation({ title: 'Hidden things' });
		const slug = slugOf(id);
		await staff.post(`/admin/consultations/${id}?/addFinding`, { statement: 'Draft finding' });
		await createAction(id, { title: 'Published too early', published: 'yes' });
		const client = new Client(server.url);
		for (const path of [
			'/you-said-we-did',
			'/you-said-we-did/feed.atom',
			'/you-said-we-did/actions.json'
		])
			expect(await (await client.get(path)).text()).not.toContain('Published too early');
		const subscribe = await client.post(`/you-said-we-did/${slug}?/subscribe`, {
			email: 'early@example.net',
			website: '',
			startedAt: aMinuteAgo()
		});
		expect(subscribe.status).toBe(404);
		await publish(id);
		const page = await (await client.get(`/you-said-we-did/${slug}`)).text();
		expect(page).toContain('Published too early');
		expect(page).not.toContain('Draft finding');
		expect((await staff.post(`/admin/consultations/${id}?/unpublish`)).status).toBe(303);
		expect((await client.get(`/you-said-we-did/${slug}`)).status).toBe(404);
		expect(await (await client.get('/you-said-we-did/feed.atom')).text()).not.toContain(
			'Published too early'
		);
	});

	test('text written by staff is only ever text: on the page, in the feed and in the email', async () => {
		const id = await createConsultation({
			title: 'Markup check',
			background: nasty,
			affected: nasty
		});
		const slug = slugOf(id);
		await staff.post(`/admin/consultations/${id}?/addDocument`, {
			documentTitle: nasty,
			url: '',
			body: nasty
		});
		const group = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			heldOn: '2026-10-20',
			place: nasty,
			facilitators: 'Tom',
			attendees: '5',
			consent: 'Quotes'
		});
		const groupId = idFrom(group);
		await staff.post(`/admin/consultations/${id}/focus-groups/${groupId}?/addQuote`, {
			quote: nasty
		});
		const quote = db
			.select()
			.from(focusGroupQuote)
			.where(eq(focusGroupQuote.focusGroupId, groupId))
			.get()!;
		await staff.post(`/admin/consultations/${id}/focus-groups/${groupId}?/approveQuote`, {
			quoteId: String(quote.id),
			confirm: 'yes'
		});
		await staff.post(`/admin/consultations/${id}?/addFinding`, { statement: nasty });
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		await staff.post(`/admin/consultations/${id}/findings/${findingId}?/addEvidence`, {
			evidence: `quote:${quote.id}`
		});
		await publishFinding(id, findingId, nasty);
		await publish(id);
		await subscribeAndConfirm(slug, 'markup@example.net');
		const actionId = await createAction(id, {
			title: `Action ${nasty}`,
			description: nasty,
			outcome: nasty,
			status: 'not-possible',
			reason: nasty,
			published: 'yes'
		});
		await staff.post(`/admin/consultations/${id}/actions/${actionId}?/progress`, {
			notedOn: '2026-11-01',
			note: nasty
		});
		const client = new Client(server.url);
		const page = await (await client.get(`/you-said-we-did/${slug}`)).text();
		const feed = await (await client.get('/you-said-we-did/feed.atom')).text();
		const mail = await smtp.waitFor(
			(m) => m.envelopeTo.includes('markup@example.net') && /You said, we did/.test(m.subject ?? '')
		);
		for (const output of [page, feed, String(mail.html)]) {
			expect(output).not.toContain('<script>alert(1)');
			expect(output).not.toContain('<img src=x');
		}
		expect(page.split('&lt;script>alert(1)&lt;/script>').length).toBeGreaterThan(8);
	});

	test('a theme is counted in people, and follows a merge onto the public page', async () => {
		const id = await createConsultation({ title: 'Theme people' });
		const created = await staff.post('/admin/surveys?/create', {
			template: 'consultation',
			title: 'Theme people survey'
		});
		const themeSurvey = idFrom(created);
		const version = db
			.select()
			.from(surveyVersion)
			.where(eq(surveyVersion.surveyId, themeSurvey))
			.get()!;
		const parking = db.insert(theme).values({ name: 'Parking' }).returning().get().id;
		const cars = db.insert(theme).values({ name: 'Cars and parking' }).returning().get().id;
		// Three people, each with two comments tagged: six tags, three people — under k = 5.
		for (let i = 0; i < 3; i++) {
			const row = db
				.insert(response)
				.values({
					surveyId: themeSurvey,
					versionId: version.id,
					reference: `TP-${i}`,
					status: 'submitted',
					submittedAt: new Date('2026-10-10T10:00:00Z')
				})
				.returning()
				.get();
			for (const questionId of ['proposal-reason', 'other-comment']) {
				db.insert(answer)
					.values({
						responseId: row.id,
						questionId,
						questionCode: questionId,
						value: { type: 'text', value: 'No parking' } as Answer
					})
					.run();
				db.insert(answerTheme).values({ responseId: row.id, questionId, themeId: parking }).run();
			}
		}
		await staff.post(`/admin/consultations/${id}?/linkSurvey`, { surveyId: String(themeSurvey) });
		const group = await staff.post(`/admin/consultations/${id}/focus-groups/new?/save`, {
			heldOn: '2026-10-20',
			place: 'Hall',
			facilitators: 'Tom',
			attendees: '5',
			consent: 'Notes',
			themeIds: String(parking)
		});
		expect(group.status).toBe(303);
		await staff.post(`/admin/consultations/${id}?/addFinding`, { statement: 'Parking is hard' });
		const findingId = db.select().from(finding).where(eq(finding.consultationId, id)).get()!.id;
		await staff.post(`/admin/consultations/${id}/findings/${findingId}?/addEvidence`, {
			evidence: `theme:${parking}`
		});
		await publishFinding(id, findingId, 'Parking is hard');
		await publish(id);
		const client = new Client(server.url);
		let page = await (await client.get(`/you-said-we-did/${slugOf(id)}`)).text();
		expect(page).toContain('Theme: Parking.');
		expect(page).toContain('Raised in the survey comments of fewer than 5 people');
		expect(page).toContain('talked about Parking');

		expect(
			(await staff.post('/admin/themes?/merge', { from: String(parking), into: String(cars) }))
				.status
		).toBe(303);
		page = await (await client.get(`/you-said-we-did/${slugOf(id)}`)).text();
		expect(page).toContain('Theme: Cars and parking.');
		expect(page).toContain('talked about Cars and parking');
		expect(page).toContain('and 1 focus group');
	});

	test('a control character pasted into an action does not break the Atom feed', async () => {
		const id = await createConsultation({ title: 'Feed characters' });
		await createAction(id, { title: 'Ring\u0007 the bell\u0000', published: 'yes' });
		await publish(id);
		const feed = await (await new Client(server.url).get('/you-said-we-did/feed.atom')).text();
		expect(feed).toContain('Ring the bell (Planned)');
		expect(feed.includes('\u0000') || feed.includes('\u0007')).toBe(false);
	});

	test('asking again for updates within minutes sends no second confirmation email', async () => {
		const id = await createConsultation({ title: 'Resend check' });
		await publish(id);
		const slug = slugOf(id);
		for (let i = 0; i < 3; i++)
			await new Client(server.url).post(`/you-said-we-did/${slug}?/subscribe`, {
				email: 'twice@example.net',
				website: '',
				startedAt: aMinuteAgo()
			});
		const confirmations = db
			.select()
			.from(mailMessage)
			.where(
				and(
					eq(mailMessage.to, 'twice@example.net'),
					eq(mailMessage.category, 'consultation.confirm')
				)
			)
			.all();
		expect(confirmations).toHaveLength(1);
	});
});

async function subscribeAndConfirm(slug: string, email: string) {
	const res = await new Client(server.url).post(`/you-said-we-did/${slug}?/subscribe`, {
		email,
		website: '',
		startedAt: aMinuteAgo()
	});
	expect(res.status).toBe(303);
	const mail = await smtp.waitFor(
		(m) => m.envelopeTo.includes(email) && /Confirm updates/.test(m.subject ?? '')
	);
	const link = new RegExp(`${server.url}/you-said-we-did/confirm/[a-z2-7]+`).exec(
		mail.text ?? ''
	)![0];
	expect((await new Client(server.url).post(link.slice(server.url.length))).status).toBe(303);
}

describe('without ORIGIN', () => {
	test('edits that email nobody still work; only links in emails need the address', async () => {
		const bare = await startServer({ ORIGIN: undefined });
		const bareDb = openTestDatabase(bare.databasePath);
		try {
			await seedUsers(bareDb);
			const host = 'feedback.example.org';
			const signedIn = await postAs(bare.port, host, '/sign-in', {
				email: 'staff@example.org',
				password: TEST_PASSWORD
			});
			expect(signedIn.status).toBe(303);
			const cookie = signedIn.cookies.map((c) => c.split(';')[0]).join('; ');
			const fields = consultationFields({ serviceId: '' });
			const created = await postAs(bare.port, host, '/admin/consultations?/create', fields, cookie);
			expect(created.status, created.body.slice(0, 300)).toBe(303);
			const path = created.location!;
			const updated = await postAs(
				bare.port,
				host,
				`${path}?/update`,
				{ ...fields, title: 'Repairs appointments, revisited' },
				cookie
			);
			expect(updated.status, updated.body.slice(0, 300)).toBe(303);
			// Publishing with nobody subscribed sends nothing, so needs no address either.
			expect((await postAs(bare.port, host, `${path}?/publish`, {}, cookie)).status).toBe(303);
		} finally {
			bareDb.$client.close();
			await bare.stop();
		}
	});
});
