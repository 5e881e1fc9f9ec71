import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	mailMessage,
	scrutinyAction,
	scrutinyEvidence,
	scrutinyRecommendation,
	scrutinyReview,
	service,
	survey,
	user
} from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { createSurvey } from './support/surveys';

let server: TestServer;
let db: Db;
let staff: Client;
let panel: Client;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
	server = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
	db = openTestDatabase(server.databasePath);
	users = await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	panel = new Client(server.url);
	await panel.signIn('panel@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const html = async (res: Response) => {
	const text = await res.text();
	return text;
};

/** Starts a review as the panel does; its id. */
async function startReview(title = 'Repairs booking') {
	const res = await panel.post('/panel/reviews/new?/save', {
		title,
		scope: 'How repairs are reported and booked.\nSatisfaction fell two years running.',
		startedOn: '2026-11-02'
	});
	expect(res.status).toBe(303);
	return Number(res.headers.get('location')!.split('/').pop());
}

const recommendationsOf = (reviewId: number) =>
	db
		.select()
		.from(scrutinyRecommendation)
		.where(eq(scrutinyRecommendation.reviewId, reviewId))
		.orderBy(scrutinyRecommendation.position)
		.all();

const mailOf = (category: string) =>
	db.select().from(mailMessage).where(eq(mailMessage.category, category)).all();

const auditActions = (reviewId: number) =>
	db
		.select({ action: auditLog.action })
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'scrutiny-review'), eq(auditLog.entityId, String(reviewId))))
		.all()
		.map((a) => a.action);

describe('the panel writes a review', () => {
	test('a review is started, gathers evidence and recommendations, and is sent', async () => {
		const surveyId = await createSurvey(staff, 'repair-satisfaction', 'Repairs 2026');
		db.update(survey).set({ status: 'open' }).where(eq(survey.id, surveyId)).run();
		const id = await startReview();

		const evidence = await panel.post(`/panel/reviews/${id}?/addEvidence`, {
			kind: 'survey-results',
			surveyId: String(surveyId),
			evidenceTitle: 'Repairs satisfaction 2026',
			summary: 'Only 61% satisfied with the time taken.'
		});
		expect(evidence.status).toBe(303);
		expect(evidence.headers.get('location')).toBe(`/panel/reviews/${id}#evidence`);
		for (const body of ['Offer appointments by text message', 'Publish repair times by trade'])
			expect((await panel.post(`/panel/reviews/${id}?/addRecommendation`, { body })).status).toBe(
				303
			);

		const page = await html(await panel.get(`/panel/reviews/${id}`));
		expect(page).toContain('Repairs satisfaction 2026');
		expect(page).toContain(`href="/panel/surveys/${surveyId}"`);
		expect(page).toContain('Recommendation 2');
		expect(page).toContain('Panel at work');

		const sent = await panel.post(`/panel/reviews/${id}?/submit`, {});
		expect(sent.status).toBe(303);
		const row = db.select().from(scrutinyReview).where(eq(scrutinyReview.id, id)).get()!;
		expect(row.submittedAt).not.toBeNull();
		expect(auditActions(id)).toEqual([
			'scrutiny.create',
			'scrutiny.evidence-add',
			'scrutiny.recommendation-add',
			'scrutiny.recommendation-add',
			'scrutiny.submit'
		]);
		expect(await html(await panel.get(`/panel/reviews/${id}`))).toContain(
			'Awaiting the organisation’s response'
		);
		// Admins, who answer for the organisation, are told at once, with a link to the review.
		const sentMail = mailOf('scrutiny.sent').filter((m) => m.text.includes(`/reviews/${id}`));
		expect(sentMail.map((m) => m.to)).toEqual(['admin@example.org']);
		expect(sentMail[0]!.subject).toBe(
			'The scrutiny panel has sent a review: Repairs booking — Riverside Homes'
		);
		expect(sentMail[0]!.text).toContain(`${server.url}/admin/scrutiny/reviews/${id}`);
		expect(sentMail[0]!.text).toContain('with 2 recommendations');
	});

	test('bad input is refused with a message by its field, keeps what was typed and writes nothing', async () => {
		const id = await startReview();
		const noKind = await panel.post(`/panel/reviews/${id}?/addEvidence`, {
			evidenceTitle: 'Call logs kept',
			summary: 'Long waits on Mondays.'
		});
		expect(noKind.status).toBe(400);
		const page = await noKind.text();
		expect(page).toContain('Select what kind of evidence it is');
		expect(page).toContain('Long waits on Mondays.');
		expect(page).toContain('value="Call logs kept"');

		const noSurvey = await panel.post(`/panel/reviews/${id}?/addEvidence`, {
			kind: 'survey-results',
			evidenceTitle: 'Results',
			summary: 'x'
		});
		expect(noSurvey.status).toBe(400);
		expect(await noSurvey.text()).toContain('Select the survey whose results the panel looked at');

		const draft = await createSurvey(staff, 'repair-satisfaction', 'Not yet open');
		const draftSurvey = await panel.post(`/panel/reviews/${id}?/addEvidence`, {
			kind: 'survey-results',
			surveyId: String(draft),
			evidenceTitle: 'Results',
			summary: 'x'
		});
		expect(draftSurvey.status).toBe(400);
		expect(await draftSurvey.text()).toContain('Select a survey from the list');

		const long = await panel.post(`/panel/reviews/${id}?/addRecommendation`, {
			body: 'x'.repeat(2001)
		});
		expect(long.status).toBe(400);
		expect(await long.text()).toContain('Recommendation must be 2000 characters or fewer');

		const empty = await panel.post(`/panel/reviews/${id}?/submit`, {});
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain(
			'Add at least one recommendation before sending the review'
		);

		const ancient = await panel.post('/panel/reviews/new?/save', {
			title: 'Typo',
			scope: 'Something',
			startedOn: '0026-11-02'
		});
		expect(ancient.status).toBe(400);
		expect(await ancient.text()).toContain('must be in 2000 or later');

		const future = await panel.post('/panel/reviews/new?/save', {
			title: 'Later',
			scope: 'Something',
			startedOn: '2999-01-01'
		});
		expect(future.status).toBe(400);
		expect(await future.text()).toContain('The date the review started cannot be in the future');

		expect(
			db.select().from(scrutinyEvidence).where(eq(scrutinyEvidence.reviewId, id)).all()
		).toEqual([]);
		expect(recommendationsOf(id)).toEqual([]);
		expect(
			db.select().from(scrutinyReview).where(eq(scrutinyReview.id, id)).get()!.submittedAt
		).toBeNull();
	});

	test('removing a recommendation numbers the rest again; nothing changes once sent', async () => {
		const id = await startReview();
		for (const body of ['First', 'Second', 'Third'])
			await panel.post(`/panel/reviews/${id}?/addRecommendation`, { body });
		const [, second] = recommendationsOf(id);
		expect(
			(
				await panel.post(`/panel/reviews/${id}?/removeRecommendation`, {
					rowId: String(second!.id)
				})
			).status
		).toBe(303);
		expect(recommendationsOf(id).map((r) => [r.position, r.body])).toEqual([
			[1, 'First'],
			[2, 'Third']
		]);

		await panel.post(`/panel/reviews/${id}?/submit`, {});
		// A member whose page was open before it was sent is told, and given back what they wrote.
		const late = await panel.post(`/panel/reviews/${id}?/addRecommendation`, {
			body: 'Fourth, typed on a page opened earlier'
		});
		expect(late.status).toBe(400);
		const latePage = await late.text();
		expect(latePage).toContain('can no longer change');
		expect(latePage).toContain('href="#sent"');
		expect(latePage).toContain('Fourth, typed on a page opened earlier');
		const edit = await panel.post(`/panel/reviews/${id}/edit?/save`, {
			title: 'Changed',
			scope: 'Changed',
			startedOn: '2026-11-02'
		});
		expect(edit.status).toBe(400);
		const editPage = await panel.get(`/panel/reviews/${id}/edit`).then((r) => r.text());
		expect(editPage).toContain('can no longer change');
		expect(editPage).not.toContain('name="scope"');
		// Sending twice (a double tap) changes nothing and is recorded once.
		expect((await panel.post(`/panel/reviews/${id}?/submit`, {})).status).toBe(303);
		expect(auditActions(id).filter((a) => a === 'scrutiny.submit')).toHaveLength(1);
		expect(recommendationsOf(id)).toHaveLength(2);
		expect(db.select().from(scrutinyReview).where(eq(scrutinyReview.id, id)).get()!.title).toBe(
			'Repairs booking'
		);
	});

	test('a recommendation’s words can be changed until the review is sent', async () => {
		const id = await startReview();
		await panel.post(`/panel/reviews/${id}?/addRecommendation`, { body: 'Frist draft' });
		const [rec] = recommendationsOf(id);
		const at = `/panel/reviews/${id}/recommendations/${rec!.id}`;
		expect(await panel.get(at).then((r) => r.text())).toContain('Frist draft');

		const empty = await panel.post(`${at}?/save`, { body: '  ' });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Enter the recommendation');
		expect(recommendationsOf(id)[0]!.body).toBe('Frist draft');

		expect((await panel.post(`${at}?/save`, { body: 'First draft' })).status).toBe(303);
		expect(recommendationsOf(id)[0]!.body).toBe('First draft');
		expect(auditActions(id)).toContain('scrutiny.recommendation-edit');

		await panel.post(`/panel/reviews/${id}?/submit`, {});
		const sentPage = await panel.get(at).then((r) => r.text());
		expect(sentPage).toContain('can no longer change');
		expect(sentPage).not.toContain('name="body"');
		const late = await panel.post(`${at}?/save`, { body: 'Too late' });
		expect(late.status).toBe(400);
		expect(await late.text()).toContain('Too late');
		expect(recommendationsOf(id)[0]!.body).toBe('First draft');

		const other = await startReview('Another');
		expect(
			(await panel.post(`/panel/reviews/${other}/recommendations/${rec!.id}?/save`, { body: 'x' }))
				.status
		).toBe(404);
	});

	test('a review keeps a service no longer in use when edited, but cannot be given one', async () => {
		const [old] = db
			.insert(service)
			.values([{ name: 'Old estates team' }])
			.returning()
			.all();
		const created = await panel.post('/panel/reviews/new?/save', {
			title: 'Estates',
			scope: 'Estate walkabouts',
			serviceId: String(old!.id),
			startedOn: '2026-11-02'
		});
		const id = Number(created.headers.get('location')!.split('/').pop());
		db.update(service).set({ active: false }).where(eq(service.id, old!.id)).run();

		const form = await panel.get(`/panel/reviews/${id}/edit`).then((r) => r.text());
		expect(form).toContain('Old estates team (no longer in use)');
		const saved = await panel.post(`/panel/reviews/${id}/edit?/save`, {
			title: 'Estates, renamed',
			scope: 'Estate walkabouts',
			serviceId: String(old!.id),
			startedOn: '2026-11-02'
		});
		expect(saved.status).toBe(303);
		expect(db.select().from(scrutinyReview).where(eq(scrutinyReview.id, id)).get()!.serviceId).toBe(
			old!.id
		);
		const fresh = await panel.post('/panel/reviews/new?/save', {
			title: 'New',
			scope: 'x',
			serviceId: String(old!.id),
			startedOn: '2026-11-02'
		});
		expect(fresh.status).toBe(400);
		expect(await fresh.text()).toContain('Select a service from the list');
	});

	test('another review’s recommendation cannot be removed through this one', async () => {
		const mine = await startReview();
		const theirs = await startReview('Other');
		await panel.post(`/panel/reviews/${theirs}?/addRecommendation`, { body: 'Keep me' });
		const [rec] = recommendationsOf(theirs);
		const res = await panel.post(`/panel/reviews/${mine}?/removeRecommendation`, {
			rowId: String(rec!.id)
		});
		expect(res.status).toBe(404);
		expect(recommendationsOf(theirs)).toHaveLength(1);
	});

	test('free text is shown as text, never as markup', async () => {
		const id = await startReview();
		await panel.post(`/panel/reviews/${id}?/addRecommendation`, {
			body: '<script>alert(1)</script><b>bold</b>'
		});
		const page = await panel.get(`/panel/reviews/${id}`).then((r) => r.text());
		expect(page).not.toContain('<script>alert(1)</script>');
		expect(page).toContain('&lt;script>alert(1)&lt;/script>&lt;b>bold&lt;/b>');
	});
});

describe('the organisation responds', () => {
	async function sentReview(...bodies: string[]) {
		const id = await startReview('Sent review');
		for (const body of bodies)
			await panel.post(`/panel/reviews/${id}?/addRecommendation`, { body });
		await panel.post(`/panel/reviews/${id}?/submit`, {});
		return { id, recs: recommendationsOf(id) };
	}

	test('staff see a review only once it is sent', async () => {
		const draft = await startReview('Still drafting');
		expect((await staff.get(`/admin/scrutiny/reviews/${draft}`)).status).toBe(404);
		const list = await staff.get('/admin/scrutiny').then((r) => r.text());
		expect(list).not.toContain('Still drafting');
		expect(list).toMatch(/The panel is writing \d+ reviews? not yet sent/);
	});

	test('responses need reasons unless accepted; actions follow accepted ones to completion', async () => {
		const { id, recs } = await sentReview('Text reminders', 'Weekend repairs', 'New portal');
		const [texts, weekends, portal] = recs as [
			(typeof recs)[0],
			(typeof recs)[0],
			(typeof recs)[0]
		];
		const at = (rec: { id: number }) => `/admin/scrutiny/reviews/${id}/recommendations/${rec.id}`;

		const noReason = await staff.post(`${at(weekends)}?/respond`, { response: 'rejected' });
		expect(noReason.status).toBe(400);
		expect(await noReason.text()).toContain('Give the reasons for not accepting it in full');
		expect(recommendationsOf(id)[1]!.response).toBeNull();

		const early = await staff.post(`${at(texts)}?/addAction`, {
			title: 'Send reminders',
			ownerId: String(users.staff.id),
			dueOn: '2027-01-31',
			status: 'planned'
		});
		expect(early.status).toBe(400);
		const earlyPage = await early.text();
		expect(earlyPage).toContain('Record the organisation’s response first');
		// The summary's link lands on the response question, the thing to do first.
		expect(earlyPage).toContain('href="#response"');
		expect(earlyPage).toContain('id="response"');

		expect((await staff.post(`${at(texts)}?/respond`, { response: 'accepted' })).status).toBe(303);
		expect(
			(
				await staff.post(`${at(weekends)}?/respond`, {
					response: 'rejected',
					reasons: 'Contractors cannot cover weekends this year.'
				})
			).status
		).toBe(303);
		expect(
			(
				await staff.post(`${at(portal)}?/respond`, {
					response: 'partly',
					reasons: 'A portal, but not this year.'
				})
			).status
		).toBe(303);
		let panelView = await panel.get(`/panel/reviews/${id}`).then((r) => r.text());
		expect(panelView).toContain('Contractors cannot cover weekends this year.');
		// The last answer tells the panel, once; two answers before it told no one.
		const told = () => mailOf('scrutiny.answered').filter((m) => m.text.includes(`/reviews/${id}`));
		expect(told().map((m) => m.to)).toEqual(['panel@example.org']);
		expect(told()[0]!.text).toContain(`${server.url}/panel/reviews/${id}`);
		await staff.post(`${at(portal)}?/respond`, { response: 'partly', reasons: 'Reworded.' });
		expect(told()).toHaveLength(1);
		expect(panelView).toContain('Actions under way');
		expect(panelView).toContain('1 accepted, 1 partly accepted, 1 rejected');

		const noOwner = await staff.post(`${at(texts)}?/addAction`, {
			title: 'Send reminders',
			dueOn: '2027-01-31',
			status: 'planned'
		});
		expect(noOwner.status).toBe(400);
		expect(await noOwner.text()).toContain('Select who owns the action');

		const panelOwner = await staff.post(`${at(texts)}?/addAction`, {
			title: 'Send reminders',
			ownerId: String(users.panel.id),
			dueOn: '2027-01-31',
			status: 'planned'
		});
		expect(panelOwner.status).toBe(400);
		expect(await panelOwner.text()).toContain('Select a member of staff from the list');

		for (const [rec, title] of [
			[texts, 'Send reminders'],
			[portal, 'Scope the portal']
		] as const)
			expect(
				(
					await staff.post(`${at(rec)}?/addAction`, {
						title,
						ownerId: String(users.staff.id),
						dueOn: '2026-11-30',
						status: 'in-progress'
					})
				).status
			).toBe(303);
		panelView = await panel.get(`/panel/reviews/${id}`).then((r) => r.text());
		expect(panelView).toContain('Send reminders');
		expect(panelView).toContain('2 actions overdue');

		const rejectWithActions = await staff.post(`${at(texts)}?/respond`, {
			response: 'rejected',
			reasons: 'Changed our mind'
		});
		expect(rejectWithActions.status).toBe(400);
		expect(await rejectWithActions.text()).toContain('cannot be rejected');

		const actions = db
			.select()
			.from(scrutinyAction)
			.all()
			.filter((a) => [texts.id, portal.id].includes(a.recommendationId));
		for (const a of actions) {
			const res = await staff.post(`/admin/scrutiny/reviews/${id}/actions/${a.id}?/save`, {
				title: a.title,
				ownerId: String(users.staff.id),
				dueOn: a.dueOn,
				status: a.recommendationId === texts.id ? 'done' : 'not-possible',
				progress: a.recommendationId === texts.id ? 'Live since November.' : ''
			});
			if (a.recommendationId === portal.id) {
				expect(res.status).toBe(400);
				expect(await res.text()).toContain('Say why it is not possible');
				const retry = await staff.post(`/admin/scrutiny/reviews/${id}/actions/${a.id}?/save`, {
					title: a.title,
					ownerId: String(users.staff.id),
					dueOn: a.dueOn,
					status: 'not-possible',
					progress: 'Budget withdrawn.'
				});
				expect(retry.status).toBe(303);
			} else expect(res.status).toBe(303);
		}
		const done = db
			.select()
			.from(scrutinyAction)
			.where(eq(scrutinyAction.recommendationId, texts.id))
			.get()!;
		expect(done.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		panelView = await panel.get(`/panel/reviews/${id}`).then((r) => r.text());
		expect(panelView).toContain('Complete');
		expect(panelView).not.toMatch(/actions? overdue|>Overdue</);
		expect(auditActions(id).filter((a) => a.startsWith('scrutiny.action'))).toEqual([
			'scrutiny.action-create',
			'scrutiny.action-create',
			'scrutiny.action-update',
			'scrutiny.action-update'
		]);
	});

	test('an action cannot be reached through another review', async () => {
		const a = await sentReview('One');
		const b = await sentReview('Two');
		const recA = a.recs[0]!;
		await staff.post(`/admin/scrutiny/reviews/${a.id}/recommendations/${recA.id}?/respond`, {
			response: 'accepted'
		});
		await staff.post(`/admin/scrutiny/reviews/${a.id}/recommendations/${recA.id}?/addAction`, {
			title: 'Do it',
			ownerId: String(users.staff.id),
			dueOn: '2027-01-31',
			status: 'planned'
		});
		const action = db
			.select()
			.from(scrutinyAction)
			.where(eq(scrutinyAction.recommendationId, recA.id))
			.get()!;
		expect((await staff.get(`/admin/scrutiny/reviews/${b.id}/actions/${action.id}`)).status).toBe(
			404
		);
		const crafted = await staff.post(`/admin/scrutiny/reviews/${b.id}/actions/${action.id}?/save`, {
			title: 'Hijacked',
			ownerId: String(users.staff.id),
			dueOn: '2027-01-31',
			status: 'done'
		});
		expect(crafted.status).toBe(404);
		expect(
			(
				await staff.post(`/admin/scrutiny/reviews/${b.id}/recommendations/${recA.id}?/respond`, {
					response: 'rejected',
					reasons: 'x'
				})
			).status
		).toBe(404);
		const after = db.select().from(scrutinyAction).where(eq(scrutinyAction.id, action.id)).get()!;
		expect(after.title).toBe('Do it');
		expect(after.status).toBe('planned');
	});

	test('action dates must fall within the review, and a done date only with done', async () => {
		const { id, recs } = await sentReview('Dates');
		const rec = `/admin/scrutiny/reviews/${id}/recommendations/${recs[0]!.id}`;
		await staff.post(`${rec}?/respond`, { response: 'accepted' });
		const base = { title: 'Act', ownerId: String(users.staff.id), status: 'planned' };
		const early = await staff.post(`${rec}?/addAction`, { ...base, dueOn: '2026-11-01' });
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('Due date must be on or after the review started');
		const doneDate = await staff.post(`${rec}?/addAction`, {
			...base,
			dueOn: '2027-01-31',
			completedOn: '2026-11-20'
		});
		expect(doneDate.status).toBe(400);
		expect(await doneDate.text()).toContain('Leave the date done blank unless the action is done');
		const doneEarly = await staff.post(`${rec}?/addAction`, {
			...base,
			status: 'done',
			dueOn: '2027-01-31',
			completedOn: '2026-10-01'
		});
		expect(doneEarly.status).toBe(400);
		expect(await doneEarly.text()).toContain(
			'The date done must be on or after the review started'
		);
		expect(
			db.select().from(scrutinyAction).where(eq(scrutinyAction.recommendationId, recs[0]!.id)).all()
		).toEqual([]);
	});

	test('an action keeps an owner who has since left; no one inactive can be made owner', async () => {
		const { id, recs } = await sentReview('Leaver');
		const rec = `/admin/scrutiny/reviews/${id}/recommendations/${recs[0]!.id}`;
		await staff.post(`${rec}?/respond`, { response: 'accepted' });
		const leaver = db
			.insert(user)
			.values({ email: 'leaver@example.org', name: 'Lee Leaver', role: 'staff', passwordHash: 'x' })
			.returning()
			.get();
		const fields = { title: 'Act', dueOn: '2027-01-31', status: 'planned' };
		await staff.post(`${rec}?/addAction`, { ...fields, ownerId: String(leaver.id) });
		const action = db
			.select()
			.from(scrutinyAction)
			.where(eq(scrutinyAction.recommendationId, recs[0]!.id))
			.get()!;
		db.update(user).set({ active: false }).where(eq(user.id, leaver.id)).run();

		const page = `/admin/scrutiny/reviews/${id}/actions/${action.id}`;
		expect(await staff.get(page).then((r) => r.text())).toContain('Lee Leaver (no longer active)');
		const kept = await staff.post(`${page}?/save`, {
			...fields,
			ownerId: String(leaver.id),
			status: 'in-progress',
			progress: 'Handed over next month.'
		});
		expect(kept.status).toBe(303);
		expect(
			db.select().from(scrutinyAction).where(eq(scrutinyAction.id, action.id)).get()!.status
		).toBe('in-progress');
		const another = await staff.post(`${rec}?/addAction`, {
			...fields,
			ownerId: String(leaver.id)
		});
		expect(another.status).toBe(400);
		expect(await another.text()).toContain('Select a member of staff from the list');
	});

	test('addresses name records by plain whole numbers only', async () => {
		const { id } = await sentReview('Ids');
		expect((await staff.get(`/admin/scrutiny/reviews/${id}`)).status).toBe(200);
		for (const odd of [`0x${id.toString(16)}`, `${id}.0`, `${id}e0`, ` ${id}`])
			expect((await staff.get(`/admin/scrutiny/reviews/${encodeURIComponent(odd)}`)).status).toBe(
				404
			);
	});

	test('the panel cannot respond, and staff cannot write the panel’s part', async () => {
		const { id, recs } = await sentReview('Roles');
		const respond = await panel.post(
			`/admin/scrutiny/reviews/${id}/recommendations/${recs[0]!.id}?/respond`,
			{ response: 'accepted' }
		);
		expect(respond.status).toBe(404);
		const draft = await startReview('Panel only');
		const write = await staff.post(`/panel/reviews/${draft}?/addRecommendation`, { body: 'x' });
		expect(write.status).toBe(404);
		expect(recommendationsOf(draft)).toEqual([]);
		expect(recommendationsOf(id)[0]!.response).toBeNull();
	});
});
