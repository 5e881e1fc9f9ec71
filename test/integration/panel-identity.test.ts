import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashToken } from '../../src/lib/server/auth/tokens';
import type { Db } from '../../src/lib/server/db';
import { customer, invitation, response, survey } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
let staff: Client;
let panel: Client;

beforeAll(async () => {
	// Every answer here comes from one address; the per-address limit has its own test.
	server = await startServer({ FORM_POSTS_PER_MINUTE: '1000' });
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	staff = new Client(server.url);
	await staff.signIn('staff@example.org', TEST_PASSWORD);
	panel = new Client(server.url);
	await panel.signIn('panel@example.org', TEST_PASSWORD);
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

const PEOPLE = 12;
const letters = 'abcdefghijklmnopqrstuvwxyz';
const person = (i: number) => ({
	name: `Quillon Vexhart${letters[i]}`,
	email: `quillon.${letters[i]}@identity-test.example`,
	reference: `TENQV${String(i).padStart(4, '0')}`
});

/** Answers every page: the first radio group with a score, every textarea with a comment. */
async function answerByInvitation(token: string, score: string, comment: string) {
	const client = new Client(server.url);
	let next = (await client.get(`/i/${token}`)).headers.get('location')!;
	while (!next.endsWith('/check')) {
		const html = await (await client.get(next)).text();
		const fields: Record<string, string> = {};
		for (const [, name] of html.matchAll(/name="(q_[^"]+)" type="radio"/g)) fields[name!] = score;
		for (const [, name] of html.matchAll(/<textarea[^>]*name="(q_[^"]+)"/g))
			fields[name!] = comment;
		const res = await client.post(next, fields);
		expect(res.status, `${next}: ${res.status === 400 ? await res.text() : ''}`).toBe(303);
		next = res.headers.get('location')!;
	}
	const check = await (await client.get(next)).text();
	const sent = await client.post(next, {
		submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
		digest: check.match(/name="digest" value="([^"]+)"/)![1]!
	});
	expect(sent.status).toBe(303);
}

async function workbookText(res: Response) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(await res.arrayBuffer());
	const cells: string[] = [];
	for (const sheet of workbook.worksheets)
		sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
	return cells.join('\n');
}

describe('a confidential survey seen by the panel', () => {
	let id: number;
	let identities: string[];

	beforeAll(async () => {
		const created = await staff.post('/admin/surveys?/create', {
			template: 'nps',
			title: 'Confidential repairs'
		});
		id = Number(created.headers.get('location')!.split('/').pop());
		const s = db.select().from(survey).where(eq(survey.id, id)).get()!;
		const settings = await staff.post(`/admin/surveys/${id}?/settings`, {
			title: s.title,
			description: s.description,
			slug: s.slug,
			accessMode: 'invitation',
			anonymity: 'confidential'
		});
		expect(settings.status).toBe(303);
		expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);

		for (let i = 0; i < PEOPLE; i++) {
			const who = db
				.insert(customer)
				.values({ ...person(i), tenure: i % 2 ? 'LCHO' : 'LCRA', consentSurveys: true })
				.returning()
				.get();
			const token = letters[i]!.repeat(32);
			db.insert(invitation)
				.values({ surveyId: id, tokenHash: hashToken(token), status: 'sent', customerId: who.id })
				.run();
			await answerByInvitation(token, String(i % 11), `Comment ${i} about the visit`);
		}
		const responses = db.select().from(response).where(eq(response.surveyId, id)).all();
		// The responses really are tied to the people, so there is something to leak.
		expect(responses.filter((r) => r.customerId !== null)).toHaveLength(PEOPLE);
		const approved = await staff.post(`/admin/surveys/${id}/results?/approve`, {
			comment: responses.map((r) => `${r.id}:nps-reason`),
			decision: 'approve'
		});
		expect(approved.status).toBe(303);
		identities = [
			...Array.from({ length: PEOPLE }, (_, i) => Object.values(person(i))).flat(),
			'Quillon',
			'Vexhart',
			'identity-test.example',
			'TENQV',
			// Response references are the respondent's own receipt: never the panel's to see.
			...responses.map((r) => r.reference)
		];
	});

	const expectNoIdentity = (body: string, where: string) => {
		for (const secret of identities)
			expect(body.toLowerCase().includes(secret.toLowerCase()), `${secret} in ${where}`).toBe(
				false
			);
	};

	test('the results page, its breakdowns and its comments show no name, email or reference', async () => {
		const res = await panel.get(`/panel/surveys/${id}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		// What the panel should see is there: results and the approved comments.
		expect(html).toContain('Comment 3 about the visit');
		expect(html).toMatch(/data-testid="results-responses">\s*12\s*</);
		expectNoIdentity(html, 'the results page');

		const crafted = [
			'by=service',
			'by=channel',
			'by=tenure',
			'by=customer',
			'by=customer_id',
			'by=equality:NAME',
			'comments=nps-reason&page=2',
			'customer=1',
			'customerId=1',
			'include=customer&fields=name,email,reference',
			'view=responses&viewer=staff',
			'tenure=LCRA&period=quarter',
			'from=2000-01-01&to=2100-01-01&version=1'
		];
		for (const query of crafted) {
			const page = await panel.get(`/panel/surveys/${id}?${query}`);
			expect(page.status, query).toBeLessThan(500);
			expectNoIdentity(await page.text(), `/panel/surveys/${id}?${query}`);
		}
		// Searching comments for a person finds nothing (the search box shows back only what was typed).
		const found = await (
			await panel.get(`/panel/surveys/${id}?comments=nps-reason&q=visit`)
		).text();
		expect(found).toContain('Comment 5 about the visit');
		for (const term of ['Quillon', 'identity-test', 'TENQV0003']) {
			const page = await panel.get(`/panel/surveys/${id}?comments=nps-reason&q=${term}`);
			const html = (await page.text()).replaceAll(term, '');
			expect(html).not.toContain('about the visit');
			expectNoIdentity(html, `a comment search for ${term}`);
		}
	});

	test('the panel’s exports, CSV and XLSX, carry no name, email or reference', async () => {
		const csv = await panel.get(`/panel/surveys/${id}/export`);
		expect(csv.status).toBe(200);
		const csvText = await csv.text();
		expect(csvText.split('\n').length).toBeGreaterThan(2);
		expect(csvText.toLowerCase()).not.toContain('customer');
		expectNoIdentity(csvText, 'the CSV export');

		const xlsx = await panel.get(`/panel/surveys/${id}/export?format=xlsx`);
		expect(xlsx.status).toBe(200);
		const sheet = await workbookText(xlsx);
		expect(sheet).toMatch(/NPS/);
		expect(sheet.toLowerCase()).not.toContain('customer');
		expectNoIdentity(sheet, 'the XLSX export');

		for (const query of [
			'format=csv&include=customer',
			'format=xlsx&fields=customer_id,name,email',
			'format=xlsx&type=responses&viewer=staff',
			'format=responses',
			'tenure=LCRA&format=xlsx',
			'customer=1&format=csv'
		]) {
			const res = await panel.get(`/panel/surveys/${id}/export?${query}`);
			expect(res.status, query).toBeLessThan(500);
			const body =
				res.headers.get('content-type')?.includes('spreadsheet') === true
					? await workbookText(res)
					: await res.text();
			expect(body.toLowerCase()).not.toContain('customer_id');
			expectNoIdentity(body, `/panel/surveys/${id}/export?${query}`);
		}
	});

	test('a staff export of the same survey does carry the customer column the panel’s must not', async () => {
		const staffExport = await (await staff.get(`/admin/surveys/${id}/results/export`)).text();
		expect(staffExport).toContain('customer_id');
		const ids = db
			.select({ id: response.customerId })
			.from(response)
			.where(eq(response.surveyId, id))
			.all();
		expect(ids.every((r) => r.id !== null)).toBe(true);
	});
});
