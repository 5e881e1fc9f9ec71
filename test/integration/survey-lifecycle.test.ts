import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCalendarDays as addDays, londonDate } from '../../src/lib/domain/calendar/london-date';
import type { Db } from '../../src/lib/server/db';
import {
	answer,
	auditLog,
	customer,
	invitation,
	job,
	mailMessage,
	response,
	survey,
	surveyVersion
} from '../../src/lib/server/db/schema';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let staffId: number;

beforeAll(async () => {
	// Every answer here comes from one address; the per-address limit has its own test.
	server = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
	db = openTestDatabase(server.databasePath);
	const users = await seedUsers(db);
	staffId = users.staff.id;
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function createSurvey(template: string, title: string) {
	const created = await staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.split('/').pop());
	return db.select().from(survey).where(eq(survey.id, id)).get()!;
}

async function createOpenSurvey(template: string, title: string) {
	const s = await createSurvey(template, title);
	expect((await staff.post(`/admin/surveys/${s.id}?/open`)).status).toBe(303);
	return db.select().from(survey).where(eq(survey.id, s.id)).get()!;
}

function settingsOf(s: typeof survey.$inferSelect, changes: Record<string, string> = {}) {
	return {
		title: s.title,
		description: s.description,
		slug: s.slug,
		accessMode: s.accessMode,
		anonymity: s.anonymity,
		...changes
	};
}

async function start(client: Client, slug: string) {
	const res = await client.post(`/s/${slug}`);
	expect(res.status).toBe(303);
	return res.headers.get('location')!;
}

const radioNames = (html: string) => [
	...new Set([...html.matchAll(/name="(q_[^"]+)" type="radio"/g)].map((m) => m[1]!))
];

/** Posts `pick(name)` for every radio group on each page until "Check your answers". */
async function answerEveryPage(client: Client, from: string, pick: (name: string) => string) {
	let next = from;
	while (!next.endsWith('/check')) {
		const html = await (await client.get(next)).text();
		const fields = Object.fromEntries(radioNames(html).map((name) => [name, pick(name)]));
		const res = await client.post(next, fields);
		expect(res.status, `${next}: ${res.status === 400 ? await res.text() : ''}`).toBe(303);
		next = res.headers.get('location')!;
	}
	return next;
}

async function checkFields(client: Client, checkPath: string) {
	const html = await (await client.get(checkPath)).text();
	return {
		submissionId: html.match(/name="submissionId" value="([^"]+)"/)![1]!,
		digest: html.match(/name="digest" value="([^"]+)"/)![1]!
	};
}

const answersOfResponse = (responseId: number) =>
	db.select().from(answer).where(eq(answer.responseId, responseId)).all();

describe('lifecycle', () => {
	test('open from a date and until a date: before it 404, after it 410', async () => {
		const s = await createOpenSurvey('nps', 'Scheduled survey');
		const today = londonDate(new Date());
		const public_ = () => new Client(server.url).get(`/s/${s.slug}`);

		let res = await staff.post(
			`/admin/surveys/${s.id}?/settings`,
			settingsOf(s, { opensOn: addDays(today, 2), closesOn: addDays(today, 9) })
		);
		expect(res.status).toBe(303);
		expect((await public_()).status).toBe(404);

		res = await staff.post(
			`/admin/surveys/${s.id}?/settings`,
			settingsOf(s, { opensOn: addDays(today, -9), closesOn: addDays(today, 9) })
		);
		expect(res.status).toBe(303);
		expect((await public_()).status).toBe(200);

		// "Until yesterday" ends at the end of yesterday in London: closed today.
		res = await staff.post(
			`/admin/surveys/${s.id}?/settings`,
			settingsOf(s, { opensOn: addDays(today, -9), closesOn: addDays(today, -1) })
		);
		expect(res.status).toBe(303);
		expect((await public_()).status).toBe(410);

		const backwards = await staff.post(
			`/admin/surveys/${s.id}?/settings`,
			settingsOf(s, { opensOn: addDays(today, 5), closesOn: addDays(today, 1) })
		);
		expect(backwards.status).toBe(400);
		expect(await backwards.text()).toContain('Closing date must be after the opening date');
	});

	test('draft → open → closed → archived; an archived survey is 410 and cannot be opened directly', async () => {
		const s = await createSurvey('nps', 'Lifecycle survey');
		expect(s.status).toBe('draft');
		// A draft cannot be closed.
		expect((await staff.post(`/admin/surveys/${s.id}?/close`)).status).toBe(400);
		expect((await staff.post(`/admin/surveys/${s.id}?/open`)).status).toBe(303);
		expect((await staff.post(`/admin/surveys/${s.id}?/close`)).status).toBe(303);
		expect((await staff.post(`/admin/surveys/${s.id}?/archive`)).status).toBe(303);
		expect(db.select().from(survey).where(eq(survey.id, s.id)).get()!.status).toBe('archived');
		expect((await new Client(server.url).get(`/s/${s.slug}`)).status).toBe(410);
		expect((await staff.post(`/admin/surveys/${s.id}?/open`)).status).toBe(400);
		const actions = db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'survey'), eq(auditLog.entityId, String(s.id))))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining(['survey.open', 'survey.close', 'survey.archive'])
		);
	});

	test('duplicating makes a draft with the same questions and its own web address', async () => {
		const s = await createOpenSurvey('customer-effort', 'Effort survey');
		const res = await staff.post(`/admin/surveys/${s.id}?/duplicate`);
		expect(res.status).toBe(303);
		const copyId = Number(res.headers.get('location')!.split('/').pop());
		expect(copyId).not.toBe(s.id);
		const copy = db.select().from(survey).where(eq(survey.id, copyId)).get()!;
		expect(copy.status).toBe('draft');
		expect(copy.title).toBe('Effort survey (copy)');
		expect(copy.slug).not.toBe(s.slug);
		const definitionOf = (id: number) =>
			db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, id)).get()!.definition;
		expect(definitionOf(copyId)).toEqual(definitionOf(s.id));
		expect((await new Client(server.url).get(`/s/${copy.slug}`)).status).toBe(404);
	});

	test('staff preview a draft as a respondent sees it; nothing is saved and the public sees nothing', async () => {
		const s = await createSurvey('nps', 'Preview me');
		const preview = await staff.get(`/admin/surveys/${s.id}/preview`);
		expect(preview.status).toBe(200);
		const html = await preview.text();
		expect(html).toContain('How likely is it that you would recommend Riverside Homes');
		expect(html).toMatch(/type="radio" value="10"/);
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(0);
		expect((await new Client(server.url).get(`/admin/surveys/${s.id}/preview`)).status).toBe(303);
		expect((await new Client(server.url).get(`/s/${s.slug}`)).status).toBe(404);
	});
});

describe('answering', () => {
	test('answers are saved page by page; the link continues the response later, in another browser', async () => {
		const s = await createOpenSurvey('tsm-perception', 'Continue later');
		const first = await start(new Client(server.url), s.slug);
		const later = new Client(server.url);
		const res = await later.post(first, { q_tenure: 'LCRA' });
		expect(res.status).toBe(303);
		const second = res.headers.get('location')!;
		await later.post(second, { q_tp01: 'fairly-satisfied' });

		// A new browser with no cookies, holding only the link.
		const resumed = new Client(server.url);
		const page1 = await (await resumed.get(first)).text();
		expect(page1).toMatch(/value="LCRA"[^>]*checked|checked[^>]*value="LCRA"/);
		const page2 = await (await resumed.get(second)).text();
		expect(page2).toMatch(
			/value="fairly-satisfied"[^>]*checked|checked[^>]*value="fairly-satisfied"/
		);
		const saved = db
			.select()
			.from(response)
			.where(eq(response.surveyId, s.id))
			.all()
			.map((r) =>
				answersOfResponse(r.id)
					.map((a) => a.questionCode)
					.sort()
			);
		expect(saved).toEqual([['TENURE', 'TP01']]);
	});

	test('an invitation link opened again continues the unfinished response', async () => {
		const s = await createOpenSurvey('nps', 'Invited, continued');
		await staff.post(
			`/admin/surveys/${s.id}?/settings`,
			settingsOf(s, { accessMode: 'invitation' })
		);
		const token = 'continuecontinuecontinuecontinue';
		db.insert(invitation)
			.values({ surveyId: s.id, tokenHash: hashToken(token), status: 'sent' })
			.run();
		const first = (await new Client(server.url).get(`/i/${token}`)).headers.get('location')!;
		const html = await (await new Client(server.url).get(first)).text();
		const field = radioNames(html)[0]!;
		expect((await new Client(server.url).post(first, { [field]: '7' })).status).toBe(303);

		const again = await new Client(server.url).get(`/i/${token}`);
		expect(again.status).toBe(303);
		const page = await (await new Client(server.url).get(again.headers.get('location')!)).text();
		expect(page).toMatch(/value="7"[^>]*checked|checked[^>]*value="7"/);
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(1);
		// The first link still works beside the new one, until the link is opened once more.
		expect((await new Client(server.url).get(first)).status).toBe(200);
		await new Client(server.url).get(`/i/${token}`);
		expect((await new Client(server.url).get(first)).status).toBe(404);
	});
});

describe('skip logic decided by the server', () => {
	test('answers to questions that a later change hides are discarded on submit (TP02–TP04 and R for LCHO)', async () => {
		const s = await createOpenSurvey('tsm-perception', 'Tenure changed');
		const client = new Client(server.url);
		const tenurePage = await start(client, s.slug);
		const checkPath = await answerEveryPage(client, tenurePage, (name) =>
			name === 'q_tenure'
				? 'LCRA'
				: name.startsWith('q_screen')
					? 'yes'
					: name === 'q_tp08'
						? 'agree'
						: 'fairly-satisfied'
		);
		const row = () => db.select().from(response).where(eq(response.surveyId, s.id)).get()!;
		const codes = () =>
			answersOfResponse(row().id)
				.map((a) => a.questionCode)
				.sort();
		expect(codes()).toEqual(expect.arrayContaining(['R', 'TP02', 'TP03', 'TP04']));

		// The respondent goes back and says they own part of their home (LCHO).
		const back = await client.post(tenurePage, { q_tenure: 'LCHO', returnTo: 'check' });
		expect(back.status).toBe(303);
		const check = await (await client.get(checkPath)).text();
		expect(check).not.toContain('over the last 12 months?');
		const sent = await client.post(checkPath, await checkFields(client, checkPath));
		expect(sent.status).toBe(303);
		expect(row().status).toBe('submitted');
		expect(row().tenure).toBe('LCHO');
		for (const code of ['R', 'TP02', 'TP03', 'TP04']) expect(codes()).not.toContain(code);
		expect(codes()).toEqual(expect.arrayContaining(['TENURE', 'TP01', 'TP05', 'C', 'TP09']));
	});
});

describe('bad input stores nothing', () => {
	test('out-of-range values and unknown options are refused with a message; nothing is stored', async () => {
		const nps = await createOpenSurvey('nps', 'Range checks');
		const client = new Client(server.url);
		const first = await start(client, nps.slug);
		const field = radioNames(await (await client.get(first)).text())[0]!;
		for (const value of ['11', '-1', '9.5', 'ten', '']) {
			const res = await client.post(first, { [field]: value });
			expect(res.status, value).toBe(400);
			const html = await res.text();
			expect(html).toContain('govuk-error-summary');
			expect(html).toContain(`href="#${field}`);
		}
		// Another survey's question, posted exactly as that survey's page names it.
		const effort = await createOpenSurvey('customer-effort', 'Another survey’s questions');
		const effortClient = new Client(server.url);
		const effortField = radioNames(
			await (await effortClient.get(await start(effortClient, effort.slug))).text()
		)[0]!;
		expect(effortField).not.toBe(field);
		const crossed = await client.post(first, { [field]: '9', [effortField]: '5' });
		expect(crossed.status).toBe(400);
		const npsResponse = db.select().from(response).where(eq(response.surveyId, nps.id)).get()!;
		expect(answersOfResponse(npsResponse.id)).toHaveLength(0);

		const tsm = await createOpenSurvey('tsm-perception', 'Option checks');
		const tsmClient = new Client(server.url);
		const tenurePage = await start(tsmClient, tsm.slug);
		for (const value of ['SHARED', 'lcra', 'LCRA\u0000']) {
			const res = await tsmClient.post(tenurePage, { q_tenure: value });
			expect(res.status, value).toBe(400);
		}
		const tsmResponse = db.select().from(response).where(eq(response.surveyId, tsm.id)).get()!;
		expect(answersOfResponse(tsmResponse.id)).toHaveLength(0);
	});
});

describe('exactly once', () => {
	test('a stale check page is sent back; after the submit, the same id with other answers is refused', async () => {
		const s = await createOpenSurvey('tsm-perception', 'Exactly once');
		const client = new Client(server.url);
		const first = await start(client, s.slug);
		const checkPath = await answerEveryPage(client, first, (name) =>
			name === 'q_tenure'
				? 'LCHO'
				: name.startsWith('q_screen')
					? 'no'
					: name === 'q_tp08'
						? 'agree'
						: 'very-satisfied'
		);
		const shown = await checkFields(client, checkPath);

		// The answers change in another tab after "Check your answers" was shown.
		const overall = checkPath.replace(/\/check$/, '/p/tsm-overall');
		expect((await client.post(`${overall}`, { q_tp01: 'very-dissatisfied' })).status).toBe(303);
		const stale = await client.post(checkPath, shown);
		expect(stale.status).toBe(409);
		expect(await stale.text()).toContain('Your answers changed since this page was shown');
		const row = () => db.select().from(response).where(eq(response.surveyId, s.id)).get()!;
		expect(row().status).toBe('in-progress');

		const fresh = await checkFields(client, checkPath);
		expect(fresh.digest).not.toBe(shown.digest);
		const sent = await client.post(checkPath, fresh);
		expect(sent.status).toBe(303);
		expect(sent.headers.get('location')).toMatch(/\/done$/);
		// A double click: the same confirmation, no second response.
		expect((await client.post(checkPath, fresh)).headers.get('location')).toMatch(/\/done$/);
		// The same id with other answers is refused.
		const other = await client.post(checkPath, { ...fresh, digest: shown.digest });
		expect(other.status).toBe(409);
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(1);
		expect(row().submissionId).toBe(fresh.submissionId);
		const tp01 = answersOfResponse(row().id).find((a) => a.questionCode === 'TP01')!;
		expect(tp01.value).toEqual({ type: 'choice', value: 'very-dissatisfied' });
		expect(row().tenure).toBe('LCHO');
	});

	test('a used invitation says so with 409 and shows no form', async () => {
		const s = await createOpenSurvey('nps', 'Used invitation');
		const token = 'usedusedusedusedusedusedusedused';
		db.insert(invitation)
			.values({ surveyId: s.id, tokenHash: hashToken(token), status: 'used' })
			.run();
		const res = await new Client(server.url).get(`/i/${token}`);
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toContain('You have already answered this survey');
		expect(html).not.toContain('<form');
	});
});

describe('who is kept with a response', () => {
	async function answerByInvitation(surveyId: number, token: string, customerId: number) {
		db.insert(invitation)
			.values({ surveyId, tokenHash: hashToken(token), status: 'sent', customerId })
			.run();
		const client = new Client(server.url);
		const first = (await client.get(`/i/${token}`)).headers.get('location')!;
		const checkPath = await answerEveryPage(client, first, () => '8');
		expect((await client.post(checkPath, await checkFields(client, checkPath))).status).toBe(303);
		return db.select().from(response).where(eq(response.surveyId, surveyId)).get()!;
	}

	test('anonymous keeps no customer or invitation; confidential keeps the customer', async () => {
		const person = db
			.insert(customer)
			.values({ name: 'Ada Tenant', email: 'ada@example.net', consentSurveys: true })
			.returning()
			.get();
		const anonymous = await createOpenSurvey('nps', 'Anonymous by invitation');
		await staff.post(
			`/admin/surveys/${anonymous.id}?/settings`,
			settingsOf(anonymous, { accessMode: 'invitation', anonymity: 'anonymous' })
		);
		const a = await answerByInvitation(anonymous.id, 'anonanonanonanonanonanonanonanon', person.id);
		expect(a.status).toBe('submitted');
		expect(a.customerId).toBeNull();
		expect(a.invitationId).toBeNull();
		expect(
			db.select().from(invitation).where(eq(invitation.surveyId, anonymous.id)).get()!.status
		).toBe('used');

		const confidential = await createOpenSurvey('nps', 'Confidential by invitation');
		await staff.post(
			`/admin/surveys/${confidential.id}?/settings`,
			settingsOf(confidential, { accessMode: 'invitation', anonymity: 'confidential' })
		);
		const c = await answerByInvitation(
			confidential.id,
			'confconfconfconfconfconfconfconfc',
			person.id
		);
		expect(c.customerId).toBe(person.id);
	});

	test('an anonymous response cannot be matched to its invitation by time or by anything written alongside', async () => {
		const people = ['Bea Brook', 'Cal Croft', 'Dee Dale'].map((name) =>
			db
				.insert(customer)
				.values({ name, email: `${name.split(' ')[0]!.toLowerCase()}@example.net` })
				.returning()
				.get()
		);
		const answerAll = async (surveyId: number, prefix: string) => {
			for (const [i, person] of people.entries()) {
				const token = `${prefix}${'bcd'[i]}`.repeat(8);
				db.insert(invitation)
					.values({ surveyId, tokenHash: hashToken(token), status: 'sent', customerId: person.id })
					.run();
				const client = new Client(server.url);
				const first = (await client.get(`/i/${token}`)).headers.get('location')!;
				const checkPath = await answerEveryPage(client, first, () => '7');
				const submit = await client.post(checkPath, await checkFields(client, checkPath));
				expect(submit.status).toBe(303);
				await new Promise((r) => setTimeout(r, 30));
			}
			return {
				responses: db.select().from(response).where(eq(response.surveyId, surveyId)).all(),
				invitations: db.select().from(invitation).where(eq(invitation.surveyId, surveyId)).all()
			};
		};
		const written = () => ({
			audit: db.select().from(auditLog).all().length,
			jobs: db.select().from(job).all().length,
			mail: db.select().from(mailMessage).all().length
		});

		const anonymous = await createOpenSurvey('nps', 'Anonymous timing');
		await staff.post(
			`/admin/surveys/${anonymous.id}?/settings`,
			settingsOf(anonymous, { accessMode: 'invitation', anonymity: 'anonymous' })
		);
		const before = written();
		const { responses, invitations } = await answerAll(anonymous.id, 'anon');
		// Answering wrote nothing else (audit entry, job, message) that could carry the link.
		expect(written()).toEqual(before);
		expect(responses).toHaveLength(3);
		expect(invitations.map((i) => i.status)).toEqual(['used', 'used', 'used']);
		for (const r of responses) {
			expect(r.status).toBe('submitted');
			expect(r.customerId).toBeNull();
			expect(r.invitationId).toBeNull();
		}
		const instants = responses.flatMap((r) =>
			[r.startedAt, r.updatedAt, r.submittedAt].map((t) => t!.getTime())
		);
		const revealing = (t: Date | null) =>
			t !== null && instants.some((instant) => Math.abs(instant - t.getTime()) < 60_000);
		for (const i of invitations) {
			expect(revealing(i.openedAt), `opened_at of invitation ${i.id}`).toBe(false);
			expect(revealing(i.usedAt), `used_at of invitation ${i.id}`).toBe(false);
		}
		// A used invitation still counts as opened and answered on the progress page.
		const progress = await (await staff.get(`/admin/surveys/${anonymous.id}/invitations`)).text();
		const row = progress.match(/>Not known<\/th>([\s\S]*?)<\/tr>/)![1]!;
		const figures = [...row.matchAll(/numeric">\s*([^<]+?)\s*</g)].map((m) => m[1]);
		// Invited, sent (no mail here), opened, answered.
		expect(figures.slice(0, 4)).toEqual(['3', '0', '3', '3']);

		const confidential = await createOpenSurvey('nps', 'Confidential timing');
		await staff.post(
			`/admin/surveys/${confidential.id}?/settings`,
			settingsOf(confidential, { accessMode: 'invitation', anonymity: 'confidential' })
		);
		const kept = await answerAll(confidential.id, 'conf');
		for (const r of kept.responses) {
			const sentTo = kept.invitations.find((i) => i.id === r.invitationId)!;
			expect(r.customerId).toBe(sentTo.customerId);
			expect(sentTo.usedAt).not.toBeNull();
		}
		expect(new Set(kept.responses.map((r) => r.customerId)).size).toBe(3);
	});
});

describe('staff-entered responses', () => {
	test('staff record the channel and a spontaneous "don’t know / refused"; the public cannot', async () => {
		const s = await createOpenSurvey('tsm-perception', 'Telephone TSM');
		const started = await staff.post(`/admin/surveys/${s.id}/responses/new`, {
			channel: 'telephone'
		});
		expect(started.status).toBe(303);
		const first = started.headers.get('location')!;
		expect(first).toMatch(/\/responses\/\d+\/p\/tsm-tenure$/);
		const form = await (await staff.get(first.replace('tsm-tenure', 'tsm-overall'))).text();
		expect(form).toContain('value="_refused"');

		const checkPath = await answerEveryPage(staff, first, (name) =>
			name === 'q_tenure' ? 'LCRA' : '_refused'
		);
		const sent = await staff.post(checkPath, await checkFields(staff, checkPath));
		expect(sent.status).toBe(303);
		const row = db.select().from(response).where(eq(response.surveyId, s.id)).get()!;
		expect(row.status).toBe('submitted');
		expect(row.channel).toBe('telephone');
		expect(row.enteredBy).toBe(staffId);
		expect(row.tenure).toBe('LCRA');
		const byCode = Object.fromEntries(
			answersOfResponse(row.id).map((a) => [a.questionCode, a.value])
		);
		expect(byCode['TP01']).toEqual({ type: 'refused' });
		// A refused screen keeps its questions out.
		expect(byCode['R']).toEqual({ type: 'refused' });
		expect(byCode['TP02']).toBeUndefined();

		// A respondent online cannot post the refusal, not even by crafting the form.
		const client = new Client(server.url);
		const tenure = await start(client, s.slug);
		const next = (await client.post(tenure, { q_tenure: 'LCRA' })).headers.get('location')!;
		const publicForm = await (await client.get(next)).text();
		expect(publicForm).not.toContain('refused');
		const crafted = await client.post(next, { q_tp01: '_refused' });
		expect(crafted.status).toBe(400);
		const online = db
			.select()
			.from(response)
			.where(and(eq(response.surveyId, s.id), eq(response.channel, 'online')))
			.get()!;
		expect(answersOfResponse(online.id).map((a) => a.questionCode)).toEqual(['TENURE']);
	});

	test('the channel must be one staff can choose', async () => {
		const s = await createOpenSurvey('nps', 'Channel check');
		const res = await staff.post(`/admin/surveys/${s.id}/responses/new`, { channel: 'online' });
		expect(res.status).toBe(400);
		expect(db.select().from(response).where(eq(response.surveyId, s.id)).all()).toHaveLength(0);
	});
});
