import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Question, SurveyDefinition } from '../../src/lib/domain/survey';
import type { Db } from '../../src/lib/server/db';
import { answer, auditLog, response, survey, surveyVersion } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

function versions(surveyId: number) {
	return db
		.select()
		.from(surveyVersion)
		.where(eq(surveyVersion.surveyId, surveyId))
		.orderBy(asc(surveyVersion.number))
		.all();
}

function definition(surveyId: number): SurveyDefinition {
	return versions(surveyId).at(-1)!.definition;
}

function byText(surveyId: number, text: string): Question {
	const found = definition(surveyId)
		.pages.flatMap((p) => p.questions)
		.find((q) => q.text === text);
	if (!found) throw new Error(`No question “${text}”`);
	return found;
}

async function createSurvey(template: string, title: string) {
	const created = await staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	return Number(created.headers.get('location')!.split('/').pop());
}

/** Posts a builder form and expects the redirect back to the list with the save's outcome. */
async function saved(path: string, fields: Record<string, string | string[]>) {
	const res = await staff.post(path, fields);
	if (res.status !== 303) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return res.headers.get('location')!;
}

/** Answers through the public link, page by page, and submits; returns the pages visited. */
async function answerSurvey(slug: string, answers: Record<string, Record<string, string>>) {
	const client = new Client(server.url);
	const started = await client.post(`/s/${slug}`);
	expect(started.status).toBe(303);
	let next = started.headers.get('location')!;
	const visited: string[] = [];
	while (!next.endsWith('/check')) {
		const html = await (await client.get(next)).text();
		const pageId = Object.keys(answers).find((id) => html.includes(`name="q_${id}`));
		visited.push(pageId ?? next);
		const res = await client.post(next, pageId ? answers[pageId]! : {});
		expect(res.status, `${next}: ${await res.clone().text()}`).toBe(303);
		next = res.headers.get('location')!;
	}
	const check = await (await client.get(next)).text();
	const sent = await client.post(next, {
		submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
		digest: check.match(/name="digest" value="([^"]+)"/)![1]!
	});
	expect(sent.headers.get('location')).toMatch(/\/done$/);
	return visited;
}

describe('building a survey from blank', () => {
	let id: number;
	let service: Question;
	let improve: Question;
	let bedrooms: Question;

	test('questions of several types, a page and a condition, over plain form posts', async () => {
		id = await createSurvey('blank', 'Built by hand');
		const edit = `/admin/surveys/${id}/edit`;
		const page1 = definition(id).pages[0]!.id;
		const blankQuestion = definition(id).pages[0]!.questions[0]!;

		await saved(`${edit}?/addQuestion`, {
			page: page1,
			type: 'single-choice',
			text: 'Which service did you use?'
		});
		service = byText(id, 'Which service did you use?');
		expect(service.code).toBe('Q2');
		const location = await saved(`${edit}/questions/${service.id}`, {
			text: 'Which service did you use?',
			hint: '',
			code: 'SERVICE',
			required: 'yes',
			options: 'repairs | Repairs\nLettings\nRent'
		});
		expect(location).toBe(`${edit}?outcome=updated&version=1#question-${service.id}`);
		expect(await (await staff.get(location)).text()).toContain('updated in place');
		await saved(`${edit}?/deleteQuestion`, { id: blankQuestion.id });

		await saved(`${edit}?/addQuestion`, {
			page: page1,
			type: 'multiple-choice',
			text: 'What could we improve?'
		});
		improve = byText(id, 'What could we improve?');
		await saved(`${edit}/questions/${improve.id}`, {
			text: 'What could we improve?',
			code: 'IMPROVE',
			required: 'no',
			options: 'Speed\nCommunication',
			other: 'yes'
		});

		await saved(`${edit}?/addPage`, {
			title: 'Your home',
			type: 'number',
			text: 'How many bedrooms does your home have?'
		});
		bedrooms = byText(id, 'How many bedrooms does your home have?');

		const bad = await staff.post(`${edit}/questions/${bedrooms.id}`, {
			text: bedrooms.text,
			code: 'BEDROOMS',
			required: 'yes',
			min: '5',
			max: '2',
			integer: 'yes'
		});
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('govuk-error-summary');
		expect(badHtml).toContain('href="#max"');
		expect(badHtml).toContain('The highest number must be the same as or more than the lowest');
		expect(badHtml).toContain('value="BEDROOMS"');
		expect(byText(id, bedrooms.text)).not.toHaveProperty('min');

		await saved(`${edit}/questions/${bedrooms.id}`, {
			text: bedrooms.text,
			code: 'BEDROOMS',
			required: 'yes',
			min: '1',
			max: '10',
			integer: 'yes'
		});
		const page2 = definition(id).pages[1]!.id;
		const noValue = await staff.post(`${edit}/pages/${page2}/condition?/set`, {
			source: service.id,
			operator: 'equals'
		});
		expect(noValue.status).toBe(400);
		expect(await noValue.text()).toContain('Choose one answer');
		await saved(`${edit}/pages/${page2}/condition?/set`, {
			source: service.id,
			operator: 'equals',
			values: 'repairs'
		});

		const built = definition(id);
		expect(versions(id)).toHaveLength(1);
		expect(built.pages).toHaveLength(2);
		expect(built.pages[1]).toMatchObject({
			title: 'Your home',
			condition: { type: 'equals', questionId: service.id, value: 'repairs' }
		});
		expect(built.pages[0]!.questions.map((q) => q.code)).toEqual(['SERVICE', 'IMPROVE']);
		expect(byText(id, 'Which service did you use?')).toMatchObject({
			type: 'single-choice',
			required: true,
			options: [
				{ value: 'repairs', label: 'Repairs' },
				{ value: 'lettings', label: 'Lettings' },
				{ value: 'rent', label: 'Rent' }
			]
		});
		expect(byText(id, 'What could we improve?')).toMatchObject({
			type: 'multiple-choice',
			options: [
				{ value: 'speed', label: 'Speed' },
				{ value: 'communication', label: 'Communication' },
				{ value: 'other', label: 'Other — please specify', writeIn: true }
			]
		});
		expect(byText(id, bedrooms.text)).toMatchObject({ min: 1, max: 10, integer: true });

		const list = await (await staff.get(edit)).text();
		expect(list).toContain('Shown if SERVICE is ‘Repairs’');
	});

	test('answered through the public link, the page is skipped or shown by the answer', async () => {
		expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
		const { slug } = db.select().from(survey).where(eq(survey.id, id)).get()!;
		const lettings = await answerSurvey(slug, {
			[service.id]: { [`q_${service.id}`]: 'lettings' }
		});
		expect(lettings).toEqual([service.id]);

		const repairs = await answerSurvey(slug, {
			[service.id]: {
				[`q_${service.id}`]: 'repairs',
				[`q_${improve.id}`]: 'other',
				[`q_${improve.id}.other.other`]: 'Weekend visits'
			},
			[bedrooms.id]: { [`q_${bedrooms.id}`]: '3' }
		});
		expect(repairs).toEqual([service.id, bedrooms.id]);

		const submitted = db
			.select()
			.from(response)
			.where(and(eq(response.surveyId, id), eq(response.status, 'submitted')))
			.all();
		expect(submitted).toHaveLength(2);
		const stored = db.select().from(answer).where(eq(answer.responseId, submitted[1]!.id)).all();
		expect(stored.map((a) => [a.questionCode, a.value])).toEqual(
			expect.arrayContaining([
				['SERVICE', { type: 'choice', value: 'repairs' }],
				['IMPROVE', { type: 'choices', values: ['other'], writeIns: { other: 'Weekend visits' } }],
				['BEDROOMS', { type: 'number', value: 3 }]
			])
		);
	});

	test('with responses, a wording fix stays in the version and is audited with before and after', async () => {
		const edit = `/admin/surveys/${id}/edit`;
		expect((await (await staff.get(edit)).text()).replace(/\s+/g, ' ')).toContain(
			'Wording changes are saved in place; changes to questions or options start version 2'
		);
		const location = await saved(`${edit}/questions/${service.id}`, {
			text: 'Which of our services did you use?',
			code: 'SERVICE',
			required: 'yes',
			options: 'repairs | Repairs\nlettings | Lettings\nrent | Rent'
		});
		expect(location).toContain('outcome=updated&version=1');
		expect(versions(id)).toHaveLength(1);
		const entry = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'survey.fix-wording'))
			.all()
			.at(-1)!;
		expect(entry.actor).toContain('staff@example.org');
		expect(JSON.stringify(entry.before)).toContain('Which service did you use?');
		expect(JSON.stringify(entry.after)).toContain('Which of our services did you use?');
	});

	test('removing an option starts version 2; earlier responses keep version 1', async () => {
		const edit = `/admin/surveys/${id}/edit`;
		const [v1] = versions(id);
		const location = await saved(`${edit}/questions/${service.id}`, {
			text: 'Which of our services did you use?',
			code: 'SERVICE',
			required: 'yes',
			options: 'repairs | Repairs\nlettings | Lettings'
		});
		expect(location).toContain('outcome=new-version&version=2');
		expect(await (await staff.get(location)).text()).toContain('Saved as version 2');
		const all = versions(id);
		expect(all.map((v) => v.number)).toEqual([1, 2]);
		expect(JSON.stringify(all[0]!.definition)).toContain('"rent"');
		expect(JSON.stringify(all[1]!.definition)).not.toContain('"rent"');
		const earlier = db.select().from(response).where(eq(response.surveyId, id)).all();
		expect(earlier.length).toBeGreaterThan(0);
		for (const r of earlier) expect(r.versionId).toBe(v1!.id);
	});
});

describe('locked and refused edits', () => {
	test('a TSM question’s regulated wording cannot be changed', async () => {
		const id = await createSurvey('tsm-perception', 'Tenant satisfaction');
		const locked = definition(id)
			.pages.flatMap((p) => p.questions)
			.find((q) => q.locked)!;
		const path = `/admin/surveys/${id}/edit/questions/${locked.id}`;
		const form = await (await staff.get(path)).text();
		expect(form).toContain('exact wording');
		expect(form).not.toContain('name="text"');

		const res = await staff.post(path, {
			text: 'How happy are you with us?',
			required: locked.required ? 'yes' : 'no',
			...('notApplicable' in locked && locked.notApplicable && { notApplicable: 'yes' })
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('govuk-error-summary');
		expect(html).toContain(`Question ${locked.code} has regulated wording that cannot be changed`);
		expect(
			definition(id)
				.pages.flatMap((p) => p.questions)
				.find((q) => q.id === locked.id)!.text
		).toBe(locked.text);
	});

	test('a TSM question’s answers stay the regulator’s: saving its form keeps them, a crafted code is refused', async () => {
		const id = await createSurvey('tsm-perception', 'Tenant satisfaction answers');
		const find = (code: string) =>
			definition(id)
				.pages.flatMap((p) => p.questions)
				.find((q) => q.code === code)!;
		const tp05 = find('TP05');
		expect(tp05).toMatchObject({ notApplicable: true, staffCanRecordRefusal: true });
		const path = `/admin/surveys/${id}/edit/questions/${tp05.id}`;
		const form = await (await staff.get(path)).text();
		expect(form).not.toContain('name="notApplicable"');
		expect(form).not.toContain('name="staffCanRecordRefusal"');

		// The form posts no answer settings: the question keeps "Not applicable/ don't know".
		const saved = await staff.post(path, { required: 'yes', errorMessage: 'Tell us' });
		expect(saved.status).toBe(303);
		expect(find('TP05')).toMatchObject({
			notApplicable: true,
			staffCanRecordRefusal: true,
			required: true,
			errorMessage: 'Tell us'
		});

		const renamed = await staff.post(path, { required: 'yes', code: 'SAFE01' });
		expect(renamed.status).toBe(400);
		expect(await renamed.text()).toContain(
			'Question TP05 is a regulated question: its code, answers and when it is asked cannot be changed'
		);
		expect(find('TP05').code).toBe('TP05');
	});

	test('the TSM tenure question may be reworded but keeps its answers LCRA and LCHO', async () => {
		const id = await createSurvey('tsm-perception', 'Tenant satisfaction tenure');
		const tenure = () =>
			definition(id)
				.pages.flatMap((p) => p.questions)
				.find((q) => q.code === 'TENURE')!;
		const path = `/admin/surveys/${id}/edit/questions/${tenure().id}`;
		const base = { text: 'Do you rent or part-own your home?', required: 'yes' };

		const relabelled = await staff.post(path, {
			...base,
			options: 'LCRA|I rent my home from Acme\nLCHO|I part-own my home (shared ownership)'
		});
		expect(relabelled.status).toBe(303);
		expect(tenure()).toMatchObject({
			text: 'Do you rent or part-own your home?',
			options: [
				{ value: 'LCRA', label: 'I rent my home from Acme' },
				{ value: 'LCHO', label: 'I part-own my home (shared ownership)' }
			]
		});

		// A third answer would put responses outside both measures; an optional question would
		// leave responses with no tenure, counted in neither.
		const refused =
			"Question TENURE records each response's tenure for the Tenant Satisfaction Measures: its wording can change, but not its code, answers, whether it is required or when it is asked";
		const options = 'LCRA|I rent my home\nLCHO|I part-own my home';
		const widened = await staff.post(path, {
			...base,
			options: `${options}\nowner|I own my home outright`
		});
		expect(widened.status).toBe(400);
		const html = await widened.text();
		expect(html).toContain(refused);
		expect(html).toContain('owner|I own my home outright');
		const optional = await staff.post(path, { ...base, required: 'no', options });
		expect(optional.status).toBe(400);
		expect(await optional.text()).toContain(refused);
		expect(tenure()).toMatchObject({
			required: true,
			options: [{ value: 'LCRA' }, { value: 'LCHO' }]
		});
	});

	test('a question others depend on is not deleted, and says why', async () => {
		const id = await createSurvey('blank', 'Dependants');
		const edit = `/admin/surveys/${id}/edit`;
		const first = definition(id).pages[0]!.questions[0]!;
		await saved(`${edit}?/addPage`, { type: 'yes-no', text: 'Shall we call you?' });
		const second = byText(id, 'Shall we call you?');
		await saved(`${edit}/questions/${second.id}/condition?/set`, {
			source: first.id,
			operator: 'answered'
		});
		const res = await staff.post(`${edit}?/deleteQuestion`, { id: first.id });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(`depends on the answer to ${first.code}`);
		expect(definition(id).pages[0]!.questions).toHaveLength(1);
	});

	test('the equality monitoring block is included as a last page and removed as a whole', async () => {
		const id = await createSurvey('blank', 'About you too');
		const edit = `/admin/surveys/${id}/edit`;
		await saved(`${edit}?/equality`, { include: 'yes' });
		const pages = definition(id).pages;
		expect(pages.at(-1)!.id).toBe('equality');
		expect(pages.at(-1)!.questions.every((q) => q.equalityMonitoring && !q.required)).toBe(true);
		await saved(`${edit}?/addPage`, { type: 'nps', text: 'Would you recommend us?' });
		expect(
			definition(id)
				.pages.map((p) => p.id)
				.at(-1)
		).toBe('equality');
		const eqQuestion = pages.at(-1)!.questions[0]!;
		expect((await staff.get(`${edit}/questions/${eqQuestion.id}`)).status).toBe(404);

		await saved(`${edit}?/equality`, { include: 'no' });
		expect(definition(id).pages.some((p) => p.id === 'equality')).toBe(false);
		expect(definition(id).pages).toHaveLength(2);
	});
});

describe('error messages, date limits and the staff refusal flag', () => {
	test('set in the builder, they reach respondents and staff', async () => {
		const id = await createSurvey('blank', 'Builder settings');
		const edit = `/admin/surveys/${id}/edit`;
		const page1 = definition(id).pages[0]!.id;
		const blank = definition(id).pages[0]!.questions[0]!;
		await saved(`${edit}?/addQuestion`, { page: page1, type: 'yes-no', text: 'Did we call back?' });
		await saved(`${edit}?/deleteQuestion`, { id: blank.id });
		const callBack = byText(id, 'Did we call back?');
		const form = await (await staff.get(`${edit}/questions/${callBack.id}`)).text();
		expect(form).toContain('name="errorMessage"');
		expect(form).toContain('name="staffCanRecordRefusal"');
		await saved(`${edit}/questions/${callBack.id}`, {
			text: 'Did we call back?',
			code: 'CALLBACK',
			required: 'yes',
			errorMessage: 'Select yes if we called you back',
			staffCanRecordRefusal: 'yes'
		});
		await saved(`${edit}?/addQuestion`, {
			page: page1,
			type: 'date',
			text: 'When did you call?'
		});
		const when = byText(id, 'When did you call?');
		const dateForm = await staff.post(`${edit}/questions/${when.id}`, {
			text: 'When did you call?',
			code: 'CALLED_ON',
			required: 'no',
			earliest: '2026-03-01',
			latest: '2026-02-01'
		});
		expect(dateForm.status).toBe(400);
		expect(await dateForm.text()).toContain(
			'The latest date must be the same as or after the earliest date'
		);
		await saved(`${edit}/questions/${when.id}`, {
			text: 'When did you call?',
			code: 'CALLED_ON',
			required: 'no',
			earliest: '2026-01-01',
			latest: '2026-06-30'
		});
		expect(byText(id, 'Did we call back?')).toMatchObject({
			errorMessage: 'Select yes if we called you back',
			staffCanRecordRefusal: true
		});
		expect(byText(id, 'When did you call?')).toMatchObject({
			min: '2026-01-01',
			max: '2026-06-30'
		});
		expect(await (await staff.get(`${edit}/questions/${when.id}`)).text()).toContain(
			'value="2026-06-30"'
		);

		await staff.post(`/admin/surveys/${id}?/open`);
		const slug = db.select().from(survey).where(eq(survey.id, id)).get()!.slug;
		const client = new Client(server.url);
		const first = (await client.post(`/s/${slug}`)).headers.get('location')!;
		const publicPage = await (await client.get(first)).text();
		expect(publicPage).not.toContain('refused');
		const missing = await client.post(first, {
			[`q_${callBack.id}`]: '',
			[`q_${when.id}.day`]: '1',
			[`q_${when.id}.month`]: '7',
			[`q_${when.id}.year`]: '2026'
		});
		expect(missing.status).toBe(400);
		const html = await missing.text();
		expect(html).toContain('Select yes if we called you back');
		expect(html).toMatch(/must be .*30 June 2026|30 June 2026 or before|before 1 July 2026/);

		const started = await staff.post(`/admin/surveys/${id}/responses/new`, { channel: 'paper' });
		const staffPage = started.headers.get('location')!;
		expect(await (await staff.get(staffPage)).text()).toContain('value="_refused"');
		expect((await staff.post(staffPage, { [`q_${callBack.id}`]: '_refused' })).status).toBe(303);
	});
});
