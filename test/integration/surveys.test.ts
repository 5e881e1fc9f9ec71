import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	equalityQuestions,
	withEqualityMonitoring,
	type SurveyDefinition
} from '../../src/lib/domain/survey';
import {
	answer,
	equalityAnswer,
	invitation,
	response,
	survey,
	surveyVersion
} from '../../src/lib/server/db/schema';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { findByResumeToken, savePage } from '../../src/lib/server/surveys/responding';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;

beforeAll(async () => {
	// The per-address limit has its own server and test below; these tests post more than it allows.
	server = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function createOpenSurvey(template: string, title: string) {
	const created = await staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.split('/').pop());
	expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	return db.select().from(survey).where(eq(survey.id, id)).get()!;
}

/** Starts answering through the public link; returns the first page's path. */
async function start(client: Client, slug: string) {
	const res = await client.post(`/s/${slug}`);
	expect(res.status).toBe(303);
	return res.headers.get('location')!;
}

describe('answering a survey by its public link', () => {
	test('a draft is 404 to the public; an open survey shows its start page', async () => {
		const created = await staff.post('/admin/surveys?/create', {
			template: 'nps',
			title: 'Draft survey'
		});
		const id = Number(created.headers.get('location')!.split('/').pop());
		const draft = db.select().from(survey).where(eq(survey.id, id)).get()!;
		expect((await new Client(server.url).get(`/s/${draft.slug}`)).status).toBe(404);
		await staff.post(`/admin/surveys/${id}?/open`);
		const open = await new Client(server.url).get(`/s/${draft.slug}`);
		expect(open.status).toBe(200);
		expect(await open.text()).toContain('Start now');
	});

	test('page by page with skip logic, check answers, then exactly one submission', async () => {
		const s = await createOpenSurvey('nps', 'Recommend us');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const page = await client.get(first);
		expect(page.status).toBe(200);
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
		expect(page.headers.get('cache-control')).toBe('private, no-store');
		const html = await page.text();
		const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;

		const bad = await client.post(first, { [field]: '11' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('govuk-error-summary');

		const saved = await client.post(first, { [field]: '9' });
		expect(saved.status).toBe(303);
		let next = saved.headers.get('location')!;
		while (!next.endsWith('/check')) {
			const res = await client.post(next, {});
			expect(res.status, next).toBe(303);
			next = res.headers.get('location')!;
		}
		const check = await (await client.get(next)).text();
		expect(check).toContain('Check your answers');
		expect(check).toContain('9 out of 10');
		const submissionId = check.match(/name="submissionId" value="([^"]+)"/)![1]!;
		const digest = check.match(/name="digest" value="([^"]+)"/)![1]!;

		const sent = await client.post(next, { submissionId, digest });
		expect(sent.status).toBe(303);
		expect(sent.headers.get('location')).toMatch(/\/done$/);
		const again = await client.post(next, { submissionId, digest });
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toMatch(/\/done$/);
		const done = await (await client.get(sent.headers.get('location')!)).text();
		const reference = done.match(/data-testid="reference">([^<]+)</)![1]!;

		const rows = db.select().from(response).where(eq(response.surveyId, s.id)).all();
		expect(rows.filter((r) => r.status === 'submitted')).toHaveLength(1);
		expect(rows[0]!.reference).toBe(reference);
		const stored = db.select().from(answer).where(eq(answer.responseId, rows[0]!.id)).all();
		expect(stored.map((a) => a.value)).toContainEqual({ type: 'number', value: 9 });

		const otherId = await client.post(next, { submissionId: crypto.randomUUID(), digest });
		expect(otherId.status).toBe(409);
		expect((await client.get(first)).status).toBe(409);
	});

	test('a crafted post with another survey’s question or an extra field stores nothing', async () => {
		const s = await createOpenSurvey('nps', 'Crafted posts');
		const other = await createOpenSurvey('customer-effort', 'Another survey');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const html = await (await client.get(first)).text();
		const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
		const otherClient = new Client(server.url);
		const otherHtml = await (await otherClient.get(await start(otherClient, other.slug))).text();
		const otherField = otherHtml.match(/name="(q_[^"]+)" type="radio"/)![1]!;
		const responseId = db
			.select()
			.from(response)
			.where(eq(response.surveyId, s.id))
			.all()
			.at(-1)!.id;

		for (const fields of [
			{ [field]: '9', [`${otherField}x`]: '3' },
			{ [field]: '9', admin: 'true' },
			{ [field]: ['9', '10'] }
		]) {
			const res = await client.post(first, fields);
			expect(res.status).toBe(400);
		}
		expect(db.select().from(answer).where(eq(answer.responseId, responseId)).all()).toHaveLength(0);
	});

	test('a bot that fills the hidden field is thanked and nothing counts', async () => {
		const s = await createOpenSurvey('nps', 'Bot trap');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const res = await client.post(first, { website: 'http://spam.example' });
		expect(res.headers.get('location')).toBe('/survey-thanks');
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(0);
	});

	test('a closed survey answers 410, even to someone half-way through', async () => {
		const s = await createOpenSurvey('nps', 'Closing soon');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		await staff.post(`/admin/surveys/${s.id}?/close`);
		expect((await client.get(first)).status).toBe(410);
		expect((await new Client(server.url).get(`/s/${s.slug}`)).status).toBe(410);
	});
});

describe('changing an answer that decides which pages are shown', () => {
	/** Page 2 is asked only of those who had a repair, and needs an answer when it is. */
	const definition: SurveyDefinition = {
		pages: [
			{
				id: 'p1',
				questions: [
					{
						id: 'had_repair',
						code: 'REPAIR',
						type: 'yes-no',
						text: 'Did we carry out a repair?',
						required: true
					}
				]
			},
			{
				id: 'p2',
				condition: { type: 'equals', questionId: 'had_repair', value: 'yes' },
				questions: [
					{
						id: 'repair_sat',
						code: 'REPSAT',
						type: 'satisfaction',
						text: 'How satisfied are you with the repair?',
						required: true,
						notApplicable: false
					}
				]
			},
			{
				id: 'p3',
				questions: [
					{
						id: 'anything',
						code: 'MORE',
						type: 'long-text',
						text: 'Anything else?',
						required: false,
						maxLength: 1000
					}
				]
			}
		]
	};

	async function openSurvey(title: string) {
		const created = await staff.post('/admin/surveys?/create', { template: 'blank', title });
		const id = Number(created.headers.get('location')!.split('/').pop());
		db.update(surveyVersion).set({ definition }).where(eq(surveyVersion.surveyId, id)).run();
		expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
		return db.select().from(survey).where(eq(survey.id, id)).get()!;
	}
	const location = (res: Response) => res.headers.get('location')!;

	test('a change that reveals a required page leads through it; a send still missing it says so', async () => {
		const s = await openSurvey('Repairs with a follow-up');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const base = first.replace(/\/p\/p1$/, '');
		// The first question has no way back to the start page, which would begin again.
		expect(await (await client.get(first)).text()).not.toContain('govuk-back-link');
		expect(location(await client.post(first, { q_had_repair: 'no' }))).toBe(`${base}/p/p3`);
		expect(location(await client.post(`${base}/p/p3`, {}))).toBe(`${base}/check`);

		// Changed from "Check your answers": page 2 now needs an answer, so it comes next.
		const changed = await client.post(first, { q_had_repair: 'yes', returnTo: 'check' });
		expect(location(changed)).toBe(`${base}/p/p2?return=check`);
		const p2 = await (await client.get(location(changed))).text();
		expect(p2).toContain(`href="${base}/check" class="govuk-back-link"`);

		// Sent without it: refused, saying what is missing and linking to it.
		const check = await (await client.get(`${base}/check`)).text();
		const sent = await client.post(`${base}/check`, {
			submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
			digest: check.match(/name="digest" value="([^"]+)"/)![1]!
		});
		expect(sent.status).toBe(400);
		const refused = await sent.text();
		expect(refused).toContain('govuk-error-summary');
		expect(refused).toMatch(/<title>Error: /);
		expect(refused).toContain(`href="${base}/p/p2?return=check#q_repair_sat"`);
		const stored = db.select().from(response).where(eq(response.surveyId, s.id)).get()!;
		expect(stored.status).toBe('in-progress');

		const answered = await client.post(`${base}/p/p2`, {
			q_repair_sat: 'fairly-satisfied',
			returnTo: 'check'
		});
		expect(location(answered)).toBe(`${base}/check`);
	});

	test('a page that earlier answers now hide keeps what it held; a post to it changes nothing', async () => {
		const s = await openSurvey('Repairs, two tabs');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const base = first.replace(/\/p\/p1$/, '');
		await client.post(first, { q_had_repair: 'yes' });
		expect(location(await client.post(`${base}/p/p2`, { q_repair_sat: 'very-satisfied' }))).toBe(
			`${base}/p/p3`
		);
		await client.post(first, { q_had_repair: 'no' });

		// A tab still showing page 2 posts it: nothing changes, and it moves on to the page now next.
		const stale = await client.post(`${base}/p/p2`, { q_repair_sat: 'very-dissatisfied' });
		expect(stale.status).toBe(303);
		expect(location(stale)).toBe(`${base}/p/p3`);
		expect(location(await client.get(`${base}/p/p2`))).toBe(`${base}/p/p3`);
		// Opened to change an answer, it goes straight back to checking them.
		expect(location(await client.get(`${base}/p/p2?return=check`))).toBe(`${base}/check`);
		expect(
			location(
				await client.post(`${base}/p/p2`, { q_repair_sat: 'very-dissatisfied', returnTo: 'check' })
			)
		).toBe(`${base}/check`);
		const responseId = db.select().from(response).where(eq(response.surveyId, s.id)).get()!.id;
		const held = () =>
			db
				.select()
				.from(answer)
				.where(eq(answer.responseId, responseId))
				.all()
				.find((a) => a.questionId === 'repair_sat')?.value;
		expect(held()).toEqual({ type: 'choice', value: 'very-satisfied' });

		// Shown again, page 2 still has the answer given before.
		expect(location(await client.post(first, { q_had_repair: 'yes' }))).toBe(`${base}/p/p2`);
		expect(await (await client.get(`${base}/p/p2`)).text()).toMatch(
			/value="very-satisfied"[^>]*checked|checked[^>]*value="very-satisfied"/
		);
		expect(held()).toEqual({ type: 'choice', value: 'very-satisfied' });
	});
});

describe('many respondents saving at once', () => {
	let busy: TestServer;
	let busyDb: Db;
	beforeAll(async () => {
		busy = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
		busyDb = openTestDatabase(busy.databasePath);
		await seedUsers(busyDb);
	});
	afterAll(async () => {
		busyDb?.$client.close();
		await busy?.stop();
	});

	test('each keeps exactly their own answer, and one bad page among them stores nothing', async () => {
		const admin = new Client(busy.url);
		await admin.signIn('staff@example.org', TEST_PASSWORD);
		const created = await admin.post('/admin/surveys?/create', { template: 'nps', title: 'Busy' });
		const id = Number(created.headers.get('location')!.split('/').pop());
		await admin.post(`/admin/surveys/${id}?/open`);
		const slug = busyDb.select().from(survey).where(eq(survey.id, id)).get()!.slug;
		const respondents = await Promise.all(
			Array.from({ length: 30 }, async () => {
				const client = new Client(busy.url);
				return { client, first: await start(client, slug) };
			})
		);
		const html = await (await respondents[0]!.client.get(respondents[0]!.first)).text();
		const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
		// All at once: saves that arrive together share a commit, and must not share answers.
		const statuses = await Promise.all(
			respondents.map(({ client, first }, i) =>
				client.post(first, { [field]: i === 7 ? '11' : String(i % 11) }).then((r) => r.status)
			)
		);
		expect(statuses).toEqual(respondents.map((_, i) => (i === 7 ? 400 : 303)));
		for (const [i, { first }] of respondents.entries()) {
			const token = first.match(/\/r\/([a-z2-7]+)\//)![1]!;
			const row = busyDb
				.select()
				.from(response)
				.where(eq(response.resumeTokenHash, hashToken(token)))
				.get()!;
			const saved = busyDb.select().from(answer).where(eq(answer.responseId, row.id)).all();
			if (i === 7) expect(saved).toEqual([]);
			else expect(saved.map((a) => a.value)).toEqual([{ type: 'number', value: i % 11 }]);
		}
	});
});

describe('a page saved after the response was sent', () => {
	test('is refused with 409 and writes nothing, even when it was read before the send', async () => {
		const s = await createOpenSurvey('nps', 'Sent meanwhile');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const [, token, pageId] = first.match(/\/r\/([a-z2-7]+)\/p\/([^/?]+)/)!;
		const context = findByResumeToken(db, token!)!;
		expect(context.response.status).toBe('in-progress');
		// Sent from another tab between this request reading the response and saving the page.
		db.update(response)
			.set({ status: 'submitted', submittedAt: new Date() })
			.where(eq(response.id, context.response.id))
			.run();
		const html = await (await client.get(first)).text();
		expect(html).toContain('You have already answered this survey');
		const field = `q_${context.version.definition.pages[0]!.questions[0]!.id}`;
		await expect(savePage(db, context, pageId!, { [field]: ['9'] })).rejects.toMatchObject({
			status: 409
		});
		expect(
			db.select().from(answer).where(eq(answer.responseId, context.response.id)).all()
		).toEqual([]);
	});
});

describe('equality monitoring', () => {
	test('equality answers are stored apart from survey answers, flagged special category as the reference says', async () => {
		const s = await createOpenSurvey('nps', 'With equality questions');
		const version = db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, s.id)).get()!;
		db.update(surveyVersion)
			.set({ definition: withEqualityMonitoring(version.definition) })
			.where(eq(surveyVersion.id, version.id))
			.run();
		const client = new Client(server.url);
		let next = await start(client, s.slug);
		const firstHtml = await (await client.get(next)).text();
		const npsField = firstHtml.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
		let res = await client.post(next, { [npsField]: '8' });
		next = res.headers.get('location')!;
		const equalityHtml = await (await client.get(next)).text();
		expect(equalityHtml).toContain('Prefer not to say');
		const sexualOrientation = equalityQuestions().find((q) => q.code === 'EQ_SEXUAL_ORIENTATION')!;
		const age = equalityQuestions().find((q) => q.code === 'EQ_AGE')!;
		const ageOption = (age as { options: { value: string }[] }).options[1]!.value;
		res = await client.post(next, {
			[`q_${sexualOrientation.id}`]: 'bisexual',
			[`q_${age.id}`]: ageOption
		});
		expect(res.status).toBe(303);
		const responseId = db.select().from(response).where(eq(response.surveyId, s.id)).get()!.id;
		const apart = db
			.select()
			.from(equalityAnswer)
			.where(eq(equalityAnswer.responseId, responseId))
			.all();
		expect(apart.map((a) => [a.questionCode, a.specialCategory]).sort()).toEqual([
			['EQ_AGE', false],
			['EQ_SEXUAL_ORIENTATION', true]
		]);
		const surveyAnswers = db.select().from(answer).where(eq(answer.responseId, responseId)).all();
		expect(surveyAnswers.every((a) => !a.questionCode.startsWith('EQ_'))).toBe(true);
	});
});

/** An open, anonymous, invitation-only survey, with one invitation sent whose link is `token`. */
async function invitedSurvey(title: string, token: string) {
	const s = await createOpenSurvey('nps', title);
	await staff.post(`/admin/surveys/${s.id}?/settings`, {
		title: s.title,
		description: '',
		slug: s.slug,
		accessMode: 'invitation',
		anonymity: 'anonymous'
	});
	db.insert(invitation)
		.values({ surveyId: s.id, tokenHash: hashToken(token), status: 'sent' })
		.run();
	return s;
}

describe('invitations', () => {
	test('a valid invitation link works once; every invalid one looks the same', async () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const s = await invitedSurvey('Invited only', token);
		expect((await new Client(server.url).get(`/s/${s.slug}`)).status).toBe(404);

		const client = new Client(server.url);
		const open = await client.get(`/i/${token}`);
		expect(open.status).toBe(303);
		let next = open.headers.get('location')!;
		const html = await (await client.get(next)).text();
		const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
		let res = await client.post(next, { [field]: '3' });
		next = res.headers.get('location')!;
		while (!next.endsWith('/check')) {
			res = await client.post(next, {});
			next = res.headers.get('location')!;
		}
		const check = await (await client.get(next)).text();
		await client.post(next, {
			submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
			digest: check.match(/name="digest" value="([^"]+)"/)![1]!
		});
		const used = await new Client(server.url).get(`/i/${token}`);
		expect(used.status).toBe(409);
		expect(await used.text()).toContain('You have already answered this survey');

		const submitted = db.select().from(response).where(eq(response.surveyId, s.id)).get()!;
		expect(submitted.status).toBe('submitted');
		expect(submitted.invitationId).toBeNull();
		expect(db.select().from(invitation).where(eq(invitation.surveyId, s.id)).get()!.status).toBe(
			'used'
		);

		const unknown = await new Client(server.url).get('/i/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz');
		expect(unknown.status).toBe(404);
		expect(await unknown.text()).toContain('This link is not valid');
	});
});

describe('an invitation opened again', () => {
	test('leaves the tab already answering working; only the link before last stops', async () => {
		const token = 'twicetwicetwicetwicetwicetwice22';
		const s = await invitedSurvey('Opened twice', token);
		const client = new Client(server.url);
		const open = async () => (await client.get(`/i/${token}`)).headers.get('location')!;
		const first = await open();
		const field = (await (await client.get(first)).text()).match(
			/name="(q_[^"]+)" type="radio" value="10"/
		)![1]!;
		const second = await open();
		expect(second).not.toBe(first);

		// The first tab answers after the link was opened again elsewhere: kept.
		expect((await client.post(first, { [field]: '8' })).status).toBe(303);
		expect((await client.post(second, { [field]: '9' })).status).toBe(303);
		const third = await open();
		expect((await client.post(first, { [field]: '7' })).status).toBe(404);
		expect((await client.post(second, { [field]: '10' })).status).toBe(303);
		expect((await client.post(third, { [field]: '10' })).status).toBe(303);
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(1);
	});
});

describe('limits on public endpoints', () => {
	let limited: TestServer;
	let limitedDb: Db;
	beforeAll(async () => {
		limited = await startServer({ FORM_POSTS_PER_MINUTE: '3', INVALID_TOKENS_PER_10_MINUTES: '3' });
		limitedDb = openTestDatabase(limited.databasePath);
		await seedUsers(limitedDb);
	});
	afterAll(async () => {
		limitedDb?.$client.close();
		await limited?.stop();
	});

	test('more form posts than the limit from one address get 429', async () => {
		const admin = new Client(limited.url);
		await admin.signIn('staff@example.org', TEST_PASSWORD);
		const created = await admin.post('/admin/surveys?/create', {
			template: 'nps',
			title: 'Limited'
		});
		const id = Number(created.headers.get('location')!.split('/').pop());
		await admin.post(`/admin/surveys/${id}?/open`);
		const slug = limitedDb.select().from(survey).where(eq(survey.id, id)).get()!.slug;
		const statuses = [];
		for (let i = 0; i < 4; i++)
			statuses.push((await new Client(limited.url).post(`/s/${slug}`)).status);
		expect(statuses).toEqual([303, 303, 303, 429]);
	});

	test('too many invalid invitation links from one address get 429, even for a valid one', async () => {
		const s = limitedDb.select().from(survey).get()!;
		const token = 'validtokenvalidtokenvalidtoken22';
		limitedDb
			.insert(invitation)
			.values({ surveyId: s.id, tokenHash: hashToken(token), status: 'sent' })
			.run();
		const statuses = [];
		for (let i = 0; i < 4; i++)
			statuses.push(
				(await new Client(limited.url).get(`/i/wrongtoken${'a'.repeat(i + 20)}`)).status
			);
		expect(statuses).toEqual([404, 404, 404, 429]);
		expect((await new Client(limited.url).get(`/i/${token}`)).status).toBe(429);
	});
});
