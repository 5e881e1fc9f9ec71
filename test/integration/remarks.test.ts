import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { auditLog, resultRemark } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { createSurvey } from './support/surveys';

let server: TestServer;
let db: Db;
let users: Awaited<ReturnType<typeof seedUsers>>;
const clients = {} as Record<'admin' | 'staff' | 'panel' | 'shopper', Client>;
let repairs: number;
let lettings: number;
let draft: number;

beforeAll(async () => {
	server = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
	db = openTestDatabase(server.databasePath);
	users = await seedUsers(db);
	for (const role of ['admin', 'staff', 'panel', 'shopper'] as const) {
		clients[role] = new Client(server.url);
		await clients[role].signIn(`${role}@example.org`, TEST_PASSWORD);
	}
	repairs = await createSurvey(clients.staff, 'nps', 'Repairs satisfaction');
	lettings = await createSurvey(clients.staff, 'contact-satisfaction', 'Lettings satisfaction');
	draft = await createSurvey(clients.staff, 'nps', 'Not yet open');
	for (const id of [repairs, lettings])
		expect((await clients.staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const remarksOf = (surveyId: number) =>
	db
		.select()
		.from(resultRemark)
		.where(eq(resultRemark.surveyId, surveyId))
		.orderBy(asc(resultRemark.id))
		.all();
const allRemarks = () => db.select().from(resultRemark).orderBy(asc(resultRemark.id)).all();
const auditFor = (remarkId: number) =>
	db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'result-remark'), eq(auditLog.entityId, String(remarkId))))
		.orderBy(asc(auditLog.id))
		.all();

const addRemark = (client: Client, surveyId: number, fields: Record<string, string>) =>
	client.post(`/panel/surveys/${surveyId}?/addRemark`, fields);
const reply = (client: Client, surveyId: number, fields: Record<string, string>) =>
	client.post(`/admin/surveys/${surveyId}/results?/reply`, fields);
const pageText = async (client: Client, path: string) => {
	const res = await client.get(path);
	expect(res.status, path).toBe(200);
	return res.text();
};

test('with no challenges raised, the staff list says there are none', async () => {
	const html = await pageText(clients.staff, '/admin/scrutiny/challenges');
	expect(html).toContain('There are no unanswered challenges');
	expect(html).not.toContain('data-testid="open-challenges"');
});

describe('a panel member comments on and challenges results', () => {
	let comment: typeof resultRemark.$inferSelect;
	let challenge: typeof resultRemark.$inferSelect;

	beforeAll(async () => {
		const first = await addRemark(clients.panel, repairs, {
			kind: 'comment',
			body: 'Satisfaction with repairs is up on last year.\r\nWell done.'
		});
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(`/panel/surveys/${repairs}?added=comment#remarks`);
		const second = await addRemark(clients.panel, repairs, {
			kind: 'challenge',
			body: 'Why are so few telephone responses counted?'
		});
		expect(second.status).toBe(303);
		[comment, challenge] = remarksOf(repairs) as [typeof comment, typeof challenge];
	});

	test('both are stored as the panel member’s, with line breaks kept', () => {
		expect(remarksOf(repairs)).toHaveLength(2);
		expect(comment).toMatchObject({
			kind: 'comment',
			body: 'Satisfaction with repairs is up on last year.\nWell done.',
			authorId: users.panel.id,
			reply: null
		});
		expect(challenge).toMatchObject({ kind: 'challenge', authorId: users.panel.id, reply: null });
	});

	test('the panel’s results page lists them oldest first, with kind, name and date', async () => {
		const html = await pageText(clients.panel, `/panel/surveys/${repairs}`);
		const section = html.slice(html.indexOf('id="remarks"'));
		expect(section).toContain('Comments and challenges');
		const first = section.indexOf('Satisfaction with repairs is up');
		const second = section.indexOf('Why are so few telephone responses counted?');
		expect(first).toBeGreaterThan(-1);
		expect(second).toBeGreaterThan(first);
		expect(section).toContain('>Comment</strong>');
		expect(section).toContain('Challenge — awaiting answer');
		expect(section).toContain('Test panel');
		expect(section).toMatch(
			/class="govuk-body sd-pre">Satisfaction with repairs is up on last year.\nWell done.</
		);
	});

	test('each one is in the audit log, by who wrote it', () => {
		for (const remark of [comment, challenge]) {
			const [entry, ...rest] = auditFor(remark.id);
			expect(rest).toHaveLength(0);
			expect(entry).toMatchObject({
				action: 'remark.create',
				userId: users.panel.id,
				after: { surveyId: repairs, kind: remark.kind, body: remark.body }
			});
		}
	});

	test('staff see them on the survey’s results, and the challenge in the unanswered list', async () => {
		const results = await pageText(clients.staff, `/admin/surveys/${repairs}/results`);
		expect(results).toContain('Satisfaction with repairs is up on last year.');
		expect(results).toContain('Answer this challenge');
		const list = await pageText(clients.staff, '/admin/scrutiny/challenges');
		expect(list).toContain('Why are so few telephone responses counted?');
		expect(list).toContain(
			`href="/admin/surveys/${repairs}/results#remark-${challenge.id}">Repairs satisfaction<`
		);
		// A comment asks for no answer, so it is not listed.
		expect(list).not.toContain('Satisfaction with repairs is up');
	});

	test('a staff reply answers the challenge: the panel sees it and the list no longer has it', async () => {
		const res = await reply(clients.staff, repairs, {
			remarkId: String(challenge.id),
			reply: 'Telephone surveys began in March;\r\nthey count from next quarter.'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/admin/surveys/${repairs}/results?replied=1#remarks`);
		// A reply sent from a filtered view comes back to the same view.
		const filtered = await clients.staff.post(
			`/admin/surveys/${repairs}/results?channel=telephone&from=2026-01-01&/reply`,
			{
				remarkId: String(challenge.id),
				reply: 'Telephone surveys began in March;\r\nthey count from next quarter.'
			}
		);
		expect(filtered.headers.get('location')).toBe(
			`/admin/surveys/${repairs}/results?channel=telephone&from=2026-01-01&replied=1#remarks`
		);

		const stored = remarksOf(repairs).find((r) => r.id === challenge.id)!;
		expect(stored.reply).toBe('Telephone surveys began in March;\nthey count from next quarter.');
		expect(stored.repliedById).toBe(users.staff.id);
		expect(stored.repliedAt).toBeInstanceOf(Date);

		const html = await pageText(clients.panel, `/panel/surveys/${repairs}`);
		expect(html).toContain('Challenge — answered');
		expect(html).not.toContain('Challenge — awaiting answer');
		expect(html).toContain('Reply from Test staff');
		expect(html).toContain('Telephone surveys began in March;\nthey count from next quarter.');

		const list = await pageText(clients.staff, '/admin/scrutiny/challenges');
		expect(list).not.toContain('Why are so few telephone responses counted?');
		expect(list).toContain('There are no unanswered challenges');

		expect(auditFor(challenge.id).map((a) => a.action)).toEqual(['remark.create', 'remark.reply']);
		expect(auditFor(challenge.id)[1]).toMatchObject({
			userId: users.staff.id,
			before: null,
			after: { surveyId: repairs, kind: 'challenge', reply: stored.reply }
		});
	});

	test('a reply can be changed later, and the change is audited with what it replaced', async () => {
		const before = remarksOf(repairs).find((r) => r.id === challenge.id)!;
		const res = await reply(clients.admin, repairs, {
			remarkId: String(challenge.id),
			reply: 'Telephone responses count from 1 April.'
		});
		expect(res.status).toBe(303);
		const after = remarksOf(repairs).find((r) => r.id === challenge.id)!;
		expect(after.reply).toBe('Telephone responses count from 1 April.');
		expect(after.repliedById).toBe(users.admin.id);
		const last = auditFor(challenge.id).at(-1)!;
		expect(last).toMatchObject({
			action: 'remark.reply',
			userId: users.admin.id,
			before: { reply: before.reply },
			after: { reply: 'Telephone responses count from 1 April.' }
		});
		expect(await pageText(clients.panel, `/panel/surveys/${repairs}`)).toContain(
			'Reply from Test admin'
		);
	});
});

describe('a remark that does not pass', () => {
	const refused = async (fields: Record<string, string>, message: string) => {
		const before = allRemarks().length;
		const audits = db.select().from(auditLog).all().length;
		const res = await addRemark(clients.panel, repairs, fields);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('There is a problem');
		expect(html).toContain(message);
		expect(html).toContain('<title>Error: Results — Repairs satisfaction</title>');
		expect(allRemarks()).toHaveLength(before);
		expect(db.select().from(auditLog).all()).toHaveLength(audits);
		return html;
	};

	test('without a kind: 400, the text kept, nothing written', async () => {
		const html = await refused(
			{ body: 'The repairs figures leave out gas servicing.' },
			'Choose whether this is a comment or a challenge'
		);
		expect(html).toMatch(
			/<textarea[^>]*name="body"[^>]*>The repairs figures leave out gas servicing.</
		);
	});

	test('with a kind that is neither: 400, the kind not taken', async () => {
		await refused(
			{ kind: 'complaint', body: 'Something else' },
			'Choose whether this is a comment or a challenge'
		);
	});

	test('empty, or only spaces: 400, the kind kept', async () => {
		const html = await refused(
			{ kind: 'challenge', body: '  \r\n ' },
			'Enter your comment or challenge'
		);
		expect(html).toMatch(/value="challenge"[^>]*checked|checked[^>]*value="challenge"/);
		await refused({ kind: 'comment' }, 'Enter your comment or challenge');
	});

	test('over 2,000 characters: 400 and kept; exactly 2,000 (line breaks as one) is taken', async () => {
		const long = 'a'.repeat(2001);
		const html = await refused(
			{ kind: 'comment', body: long },
			'Your comment or challenge must be 2,000 characters or fewer'
		);
		expect(html).toContain(long);

		const exactly = `${'b'.repeat(999)}\r\n${'c'.repeat(1000)}`;
		expect(
			(await addRemark(clients.panel, repairs, { kind: 'comment', body: exactly })).status
		).toBe(303);
		expect(remarksOf(repairs).at(-1)!.body).toHaveLength(2000);
	});
});

describe('who may do what', () => {
	test('staff and shoppers cannot add a remark; admins can', async () => {
		const before = allRemarks().length;
		for (const role of ['staff', 'shopper'] as const) {
			const res = await addRemark(clients[role], repairs, {
				kind: 'comment',
				body: `From ${role}`
			});
			expect(res.status).toBe(404);
		}
		expect(allRemarks()).toHaveLength(before);

		const res = await addRemark(clients.admin, repairs, { kind: 'comment', body: 'From an admin' });
		expect(res.status).toBe(303);
		expect(allRemarks().at(-1)).toMatchObject({ body: 'From an admin', authorId: users.admin.id });
	});

	test('panel members and shoppers cannot reply, and the panel sees no reply form', async () => {
		const [target] = remarksOf(repairs);
		for (const role of ['panel', 'shopper'] as const) {
			const res = await reply(clients[role], repairs, {
				remarkId: String(target!.id),
				reply: `Reply from ${role}`
			});
			expect(res.status).toBe(404);
		}
		expect(remarksOf(repairs)[0]!.reply).toBeNull();
		expect(auditFor(target!.id).map((a) => a.action)).toEqual(['remark.create']);
		expect(await pageText(clients.panel, `/panel/surveys/${repairs}`)).not.toContain('?/reply');
		expect(await pageText(clients.staff, `/admin/surveys/${repairs}/results`)).not.toContain(
			'?/addRemark'
		);
	});

	test('a survey the panel cannot see is 404 for remarks, and nothing is written', async () => {
		const before = allRemarks().length;
		expect((await clients.panel.get(`/panel/surveys/${draft}`)).status).toBe(404);
		for (const id of [draft, 999_999]) {
			const res = await addRemark(clients.panel, id, { kind: 'challenge', body: 'Crafted' });
			expect(res.status).toBe(404);
		}
		expect(allRemarks()).toHaveLength(before);
	});

	test('a reply to another survey’s remark is 404 and changes nothing', async () => {
		expect(
			(await addRemark(clients.panel, lettings, { kind: 'challenge', body: 'Lettings question' }))
				.status
		).toBe(303);
		const [theirs] = remarksOf(lettings);
		const audits = db.select().from(auditLog).all().length;
		for (const remarkId of [String(theirs!.id), '0', 'abc', '']) {
			const res = await reply(clients.staff, repairs, { remarkId, reply: 'Wrong survey' });
			expect(res.status, remarkId).toBe(404);
		}
		expect(remarksOf(lettings)[0]).toEqual(theirs);
		expect(db.select().from(auditLog).all()).toHaveLength(audits);
		// The same remark answered through its own survey is fine.
		expect(
			(
				await reply(clients.staff, lettings, {
					remarkId: String(theirs!.id),
					reply: 'Right survey'
				})
			).status
		).toBe(303);
	});
});

describe('a reply that does not pass', () => {
	test('empty or over 2,000 characters: 400, kept on its own remark’s form, nothing written', async () => {
		const target = remarksOf(repairs)[0]!;
		const audits = db.select().from(auditLog).all().length;
		const empty = await reply(clients.staff, repairs, { remarkId: String(target.id), reply: ' ' });
		expect(empty.status).toBe(400);
		const emptyHtml = await empty.text();
		expect(emptyHtml).toContain('Enter a reply');
		expect(emptyHtml).toContain(`href="#reply-${target.id}"`);

		const long = 'r'.repeat(2001);
		const tooLong = await reply(clients.staff, repairs, {
			remarkId: String(target.id),
			reply: long
		});
		expect(tooLong.status).toBe(400);
		const html = await tooLong.text();
		expect(html).toContain('Your reply must be 2,000 characters or fewer');
		expect(html).toMatch(new RegExp(`<textarea[^>]*id="reply-${target.id}"[^>]*>${long}<`));

		expect(remarksOf(repairs)[0]).toEqual(target);
		expect(db.select().from(auditLog).all()).toHaveLength(audits);
	});
});

test('HTML in a remark or a reply is shown as text, never run', async () => {
	const body = '<script>alert("remark")</script><img src=x onerror=alert(1)> <b>bold</b>';
	expect((await addRemark(clients.panel, repairs, { kind: 'challenge', body })).status).toBe(303);
	const remark = remarksOf(repairs).at(-1)!;
	expect(remark.body).toBe(body);

	const onList = await pageText(clients.staff, '/admin/scrutiny/challenges');
	const onStaffPage = await pageText(clients.staff, `/admin/surveys/${repairs}/results`);
	expect(
		(
			await reply(clients.staff, repairs, {
				remarkId: String(remark.id),
				reply: '<script>alert("reply")</script>'
			})
		).status
	).toBe(303);
	const onPanelPage = await pageText(clients.panel, `/panel/surveys/${repairs}`);
	for (const html of [onList, onStaffPage, onPanelPage]) {
		expect(html).toContain('&lt;script>alert("remark")&lt;/script>&lt;img src=x onerror=alert(1)>');
		expect(html).not.toContain('<script>alert(');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<b>bold</b>');
	}
	expect(onPanelPage).toContain('&lt;script>alert("reply")&lt;/script>');
});
