import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	answer,
	answerTheme,
	auditLog,
	customer,
	invitation,
	organisation,
	response,
	service,
	survey,
	surveyVersion,
	theme
} from '../../src/lib/server/db/schema';
import type { Answer } from '../../src/lib/domain/survey';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let db: Db;
const clients = {} as Record<'admin' | 'staff' | 'panel' | 'shopper', Client>;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	for (const role of ['admin', 'staff', 'panel', 'shopper'] as const) {
		clients[role] = new Client(server.url);
		await clients[role].signIn(`${role}@example.org`, TEST_PASSWORD);
	}
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function createOpenSurvey(template: string, title: string) {
	const created = await clients.staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.split('/').pop());
	expect((await clients.staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	const row = db.select().from(survey).where(eq(survey.id, id)).get()!;
	const version = db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, id)).get()!;
	return { survey: row, version };
}

let serial = 0;
function insertResponse(
	surveyId: number,
	versionId: number,
	answers: Record<string, { code: string; value: Answer }>,
	extra: Partial<typeof response.$inferInsert> = {}
) {
	serial += 1;
	const row = db
		.insert(response)
		.values({
			surveyId,
			versionId,
			reference: `RS-${String(serial).padStart(8, '0')}`,
			status: 'submitted',
			submittedAt: new Date('2026-03-10T12:00:00Z'),
			...extra
		})
		.returning()
		.get();
	for (const [questionId, { code, value }] of Object.entries(answers))
		db.insert(answer).values({ responseId: row.id, questionId, questionCode: code, value }).run();
	return row.id;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A downloaded workbook's only sheet, read back with ExcelJS: each row's cells, from column A. */
async function readXlsx(res: Response) {
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(await res.arrayBuffer());
	expect(workbook.worksheets).toHaveLength(1);
	const rows: ExcelJS.Cell[][] = [];
	workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => {
		const cells: ExcelJS.Cell[] = [];
		row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell));
		rows.push(cells);
	});
	// Nothing in an export is ever written as a formula.
	for (const cell of rows.flat()) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
	return { rows, values: rows.map((cells) => cells.map((cell) => cell.value)) };
}

function exportsLogged(action: string, surveyId: number) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(surveyId))))
		.all();
}

const nps = (value: number) => ({ code: 'NPS', value: { type: 'number', value } as Answer });
const text = (value: string) => ({ code: 'NPS_REASON', value: { type: 'text', value } as Answer });

/**
 * Worked by hand from measures.md. Online: scores 10 10 9 9 9 8 7 6 3 0 → P 5, passive 2, D 3:
 * NPS = 100 × (5 − 3) / 10 = +20.0; p = 0.5, d = 0.3, SE = 100 × √((0.8 − 0.04) / 10) = 27.568;
 * interval 20 ± 1.96 × 27.568 = −34.0 to +74.0.
 * Telephone: 10 × 9 (nine promoters) and one 8 → NPS +90.0; SE = 100 × √((0.9 − 0.81) / 10) =
 * 9.487; 90 ± 18.594 = 71.4 to 108.6, clamped to +100.0.
 * All 20: P 14, passive 3, D 3 → +55.0; SE = 100 × √((0.85 − 0.3025) / 20) = 16.545;
 * interval +22.6 to +87.4.
 * Services: A 12, B 5, C 3. C is below k = 5; hiding it alone would leave 3 hidden, which the
 * total gives away, so B (the smallest remaining) is hidden too.
 */
describe('results of an NPS survey', () => {
	let id: number;
	const ids: number[] = [];
	beforeAll(async () => {
		const { survey: s, version } = await createOpenSurvey('nps', 'Recommend us results');
		id = s.id;
		const [a, b, c] = ['Repairs', 'Lettings', 'Rent'].map(
			(name) => db.insert(service).values({ name }).returning().get().id
		);
		const online = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0];
		const telephone = [9, 9, 9, 9, 9, 9, 9, 9, 9, 8];
		const scores = [...online, ...telephone];
		scores.forEach((score, index) => {
			const serviceId = index < 12 ? a : index < 17 ? b : c;
			const comment =
				index === 0
					? '=HYPERLINK("http://example.com","click")'
					: index < 12
						? `Comment number ${index} about the repairs`
						: undefined;
			ids.push(
				insertResponse(
					s.id,
					version.id,
					{ nps: nps(score), ...(comment ? { 'nps-reason': text(comment) } : {}) },
					{ channel: index < 10 ? 'online' : 'telephone', serviceId }
				)
			);
		});
	});

	test('the staff page shows n, the hand-worked NPS and its interval', async () => {
		const res = await clients.staff.get(`/admin/surveys/${id}/results`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/data-testid="results-responses"[^>]*>\s*20\s*</);
		expect(html).toContain('<span data-testid="nps-score">+55.0</span>');
		expect(html).toContain('+22.6 to +87.4');
		expect(html).toContain('<canvas');
	});

	test('a filter changes every figure; the NPS interval is clamped at +100', async () => {
		const online = await (
			await clients.staff.get(`/admin/surveys/${id}/results?channel=online`)
		).text();
		expect(online).toContain('<span data-testid="nps-score">+20.0</span>');
		expect(online).toContain('-34.0 to +74.0');
		const phone = await (
			await clients.staff.get(`/admin/surveys/${id}/results?channel=telephone`)
		).text();
		expect(phone).toContain('<span data-testid="nps-score">+90.0</span>');
		expect(phone).toContain('+71.4 to +100.0');
		const bad = await clients.staff.get(
			`/admin/surveys/${id}/results?channel=pigeon&from=yesterday`
		);
		expect(bad.status).toBe(200);
		expect(await bad.text()).toContain('+55.0');
	});

	test('admins see small cells marked; staff and the panel get complementary suppression', async () => {
		const admin = await (await clients.admin.get(`/admin/surveys/${id}/results?by=service`)).text();
		expect(admin).toContain('below minimum group size');
		expect(admin).toContain('hidden so that a smaller group cannot be worked out');
		// The panel's breakdowns are for one reporting year (2025/26 holds every response here).
		const allTime = await (await clients.panel.get(`/panel/surveys/${id}?by=service`)).text();
		expect(allTime).not.toContain('data-testid="breakdown"');
		expect(allTime).toContain('Breakdowns are given for one whole reporting year at a time');
		const panel = await (
			await clients.panel.get(`/panel/surveys/${id}?by=service&year=2025`)
		).text();
		const breakdown = panel.slice(panel.indexOf('data-testid="breakdown"'));
		expect(breakdown.match(/Not shown/g)).toHaveLength(2);
		expect(breakdown).toContain('Repairs');
	});

	test('a panel filter down to a small group shows nothing, on the page and in the export', async () => {
		const rent = db.select().from(service).where(eq(service.name, 'Rent')).get()!;
		const page = await (await clients.panel.get(`/panel/surveys/${id}?service=${rent.id}`)).text();
		expect(page).toContain('Fewer than 5 responses: results not shown');
		expect(page).not.toContain('nps-score');
		const csv = await (
			await clients.panel.get(`/panel/surveys/${id}/export?service=${rent.id}`)
		).text();
		expect(csv).toContain('Fewer than 5 responses: results not shown');
		expect(csv.trim().split('\r\n')).toHaveLength(2);
		expect((await clients.panel.get(`/admin/surveys/${id}/results/export`)).status).toBe(404);
	});

	test('the panel sees only comments staff approved, never a reference', async () => {
		let panel = await (await clients.panel.get(`/panel/surveys/${id}`)).text();
		expect(panel).not.toContain('Comment number 3 about');
		const approve = await clients.staff.post(`/admin/surveys/${id}/results?/approve`, {
			comment: `${ids[3]}:nps-reason`,
			decision: 'approve'
		});
		expect(approve.status).toBe(303);
		// Back to the results as they were, without the form's own "?/approve".
		expect(approve.headers.get('location')).toBe(`/admin/surveys/${id}/results`);
		panel = await (await clients.panel.get(`/panel/surveys/${id}`)).text();
		expect(panel).toContain('Comment number 3 about the repairs');
		expect(panel).not.toContain('Comment number 4 about');
		expect(panel).not.toContain('RS-');
		const search = await (
			await clients.staff.get(`/admin/surveys/${id}/results?q=number%207`)
		).text();
		expect(search).toContain('Comment number 7 about');
		expect(search).not.toContain('Comment number 6 about');
	});

	test('the CSV export has one row per response, inert formulas, and is audit-logged', async () => {
		const res = await clients.staff.get(`/admin/surveys/${id}/results/export?channel=online`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toContain(`survey-${id}-responses.csv`);
		const csv = await res.text();
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('reference,submitted_at,channel,tenure,service,version,NPS,NPS_REASON');
		expect(lines).toHaveLength(11);
		expect(lines.slice(1).every((line) => line.split(',')[2] === 'online')).toBe(true);
		expect(lines[1]).toMatch(/^RS-\d{8},2026-03-10T12:00:00\.000Z,online,,Repairs,1,10,/);
		expect(csv).toContain(`"'=HYPERLINK(""http://example.com"",""click"")"`);
		expect(csv).not.toContain('customer_id');
		const logged = exportsLogged('results.export.responses-csv', id);
		expect(logged.map((e) => e.after)).toContainEqual({ filter: { channel: 'online' } });
	});

	test('the XLSX export has the same columns and rows, honours filters, and is audit-logged', async () => {
		const { rows, values } = await readXlsx(
			await clients.staff.get(`/admin/surveys/${id}/results/export?channel=online&format=xlsx`)
		);
		expect(values[0]).toEqual([
			'reference',
			'submitted_at',
			'channel',
			'tenure',
			'service',
			'version',
			'NPS',
			'NPS_REASON'
		]);
		expect(values).toHaveLength(11);
		expect(values.slice(1).map((row) => row[2])).toEqual(Array(10).fill('online'));
		expect(values.slice(1).map((row) => row[6])).toEqual([10, 10, 9, 9, 9, 8, 7, 6, 3, 0]);
		const first = rows[1]!;
		expect(first[0]!.value).toMatch(/^RS-\d{8}$/);
		expect(first[1]!.value).toEqual(new Date('2026-03-10T12:00:00Z'));
		expect(first[4]!.value).toBe('Repairs');
		expect(first[6]!.type).toBe(ExcelJS.ValueType.Number);
		// Written as text, never as a formula, and prefixed exactly as in the CSV.
		expect(first[7]!.type).toBe(ExcelJS.ValueType.String);
		expect(first[7]!.value).toBe(`'=HYPERLINK("http://example.com","click")`);
		expect(values.flat()).not.toContain('customer_id');

		const phone = await readXlsx(
			await clients.staff.get(
				`/admin/surveys/${id}/results/export?format=xlsx&channel=telephone&service=${
					db.select().from(service).where(eq(service.name, 'Repairs')).get()!.id
				}`
			)
		);
		// Telephone responses 11 and 12 (indexes 10 and 11) are the last two for Repairs.
		expect(phone.values.slice(1).map((row) => [row[2], row[4], row[6]])).toEqual([
			['telephone', 'Repairs', 9],
			['telephone', 'Repairs', 9]
		]);

		const logged = exportsLogged('results.export.responses-xlsx', id);
		expect(logged).toHaveLength(2);
		expect(logged[0]!.after).toEqual({ filter: { channel: 'online' } });
		expect(logged.every((e) => e.actor.includes('staff@example.org'))).toBe(true);
	});

	test('the panel exports only the figures it sees, as CSV or XLSX; never responses', async () => {
		const { values } = await readXlsx(
			await clients.panel.get(`/panel/surveys/${id}/export?format=xlsx&channel=online`)
		);
		expect(values[0]).toEqual(['question_code', 'question', 'answer', 'count', 'percent']);
		const nine = values.find((row) => row[0] === 'NPS' && row[2] === '9');
		expect(nine?.slice(3)).toEqual([3, 30]);
		const flat = values.flat().map(String);
		expect(flat.some((cell) => cell.startsWith('RS-'))).toBe(false);
		expect(flat.some((cell) => cell.includes('HYPERLINK'))).toBe(false);
		expect(flat.some((cell) => cell.includes('Comment number'))).toBe(false);
		expect(exportsLogged('results.export.panel-summary-xlsx', id)).toHaveLength(1);

		const rent = db.select().from(service).where(eq(service.name, 'Rent')).get()!;
		const small = await readXlsx(
			await clients.panel.get(`/panel/surveys/${id}/export?format=xlsx&service=${rent.id}`)
		);
		expect(small.values).toHaveLength(2);
		expect(small.values[1]![1]).toBe('Fewer than 5 responses: results not shown');
		expect(small.values[1]!.filter((cell) => cell !== null)).toHaveLength(1);

		for (const path of [
			`/admin/surveys/${id}/results/export?format=xlsx`,
			`/admin/surveys/${id}/results/export`,
			`/panel/surveys/${id}/export?format=pdf`
		])
			expect((await clients.panel.get(path)).status, path).toBe(404);
		for (const path of [
			`/admin/surveys/${id}/results/export?format=xlsx`,
			`/panel/surveys/${id}/export?format=xlsx`,
			`/panel/surveys/${id}/export`
		])
			expect((await clients.shopper.get(path)).status, path).toBe(404);
		expect((await clients.staff.get(`/admin/surveys/${id}/results/export?format=pdf`)).status).toBe(
			404
		);
		expect(
			(await new Client(server.url).get(`/admin/surveys/${id}/results/export?format=xlsx`)).status
		).toBe(303);
	});
});

/**
 * Worked by hand. REPAIR_CSAT: January 15 satisfied of 20 (75.0%), February 1 of 3 (33.3%), March
 * 4 of 8 (50.0%); in all 20 of 31 (64.5%), which the page shows. February is below k = 5. Hidden
 * alone, it would be 20 − 15 − 4 = 1 satisfied of 31 − 20 − 8 = 3, so March (8, the smallest other
 * period) is hidden too: then only February and March together are known, 5 of 11.
 */
describe('the trend of a small period', () => {
	const satisfied = { type: 'choice', value: 'very-satisfied' } as Answer;
	let id: number;
	beforeAll(async () => {
		const { survey: s, version } = await createOpenSurvey('repair-satisfaction', 'Repair trend');
		id = s.id;
		const months: [string, string[]][] = [
			[
				'2026-01-15T12:00:00Z',
				[
					...Array<string>(10).fill('very-satisfied'),
					...Array<string>(5).fill('fairly-satisfied'),
					...Array<string>(5).fill('very-dissatisfied')
				]
			],
			['2026-02-10T12:00:00Z', ['fairly-satisfied', 'neither', 'neither']],
			[
				'2026-03-10T12:00:00Z',
				[
					...Array<string>(4).fill('very-satisfied'),
					...Array<string>(4).fill('fairly-dissatisfied')
				]
			]
		];
		for (const [submittedAt, values] of months)
			for (const value of values)
				insertResponse(
					s.id,
					version.id,
					{
						'repair-satisfaction': {
							code: 'REPAIR_CSAT',
							value: { type: 'choice', value } as Answer
						}
					},
					{ submittedAt: new Date(submittedAt) }
				);
	});

	const trendOf = (html: string) => {
		const start = html.indexOf('data-testid="trend"');
		return html.slice(start, html.indexOf('</table>', start));
	};
	const rowOf = (trend: string, label: string) => {
		const start = trend.indexOf(label);
		return trend.slice(start, trend.indexOf('</tr>', start));
	};

	test('staff see neither the small month nor one that would give it away', async () => {
		const html = await (await clients.staff.get(`/admin/surveys/${id}/results`)).text();
		expect(html).toContain('64.5%');
		const trend = trendOf(html);
		expect(rowOf(trend, 'Jan 2026')).toContain('75.0%');
		expect(trend).not.toContain('50.0%');
		expect(trend).not.toContain('33.3%');
		expect(rowOf(trend, 'Feb 2026')).toContain('Not shown');
		expect(rowOf(trend, 'Mar 2026')).toContain('Not shown');
		expect(rowOf(trend, 'Feb 2026')).toContain('below minimum group size');
		expect(rowOf(trend, 'Mar 2026')).toContain(
			'hidden so that a smaller group cannot be worked out'
		);
		expect(html).toContain('No comparison: one of the periods has no result to compare.');
	});

	test('the panel’s trend is by quarter only, so no month inside a quarter is shown', async () => {
		const html = await (await clients.panel.get(`/panel/surveys/${id}`)).text();
		expect(html).toContain('64.5%');
		const trend = trendOf(html);
		expect(trend).not.toContain('Jan 2026');
		expect(trend).not.toContain('Show by month');
		expect(rowOf(trend, '2025/26 Q4')).toContain('64.5%');
		expect(rowOf(trend, '2025/26 Q4')).toContain('31');
	});

	test('admins see every period, the small one and the one hidden with it marked', async () => {
		const trend = trendOf(await (await clients.admin.get(`/admin/surveys/${id}/results`)).text());
		expect(trend).not.toContain('Not shown');
		expect(rowOf(trend, 'Jan 2026')).toContain('75.0%');
		expect(rowOf(trend, 'Jan 2026')).not.toContain('govuk-tag');
		expect(rowOf(trend, 'Feb 2026')).toContain('33.3%');
		expect(rowOf(trend, 'Feb 2026')).toContain('below minimum group size');
		expect(rowOf(trend, 'Mar 2026')).toContain('50.0%');
		expect(rowOf(trend, 'Mar 2026')).toContain(
			'hidden so that a smaller group cannot be worked out'
		);
	});

	test('answers older than the 36 months shown are not left to be worked out', async () => {
		// 2 answers in January 2023, 20 in January 2026 and 10 in February 2026: the trend shows
		// March 2023 to February 2026, so the 2 are in the total (32) but in no period. February
		// 2026, the smallest period, is hidden with them: 2 + 10 = 12.
		const { survey: s, version } = await createOpenSurvey('repair-satisfaction', 'Long trend');
		const answers = { 'repair-satisfaction': { code: 'REPAIR_CSAT', value: satisfied } };
		for (const [submittedAt, n] of [
			['2023-01-15T12:00:00Z', 2],
			['2026-01-15T12:00:00Z', 20],
			['2026-02-10T12:00:00Z', 10]
		] as const)
			for (let i = 0; i < n; i += 1)
				insertResponse(s.id, version.id, answers, { submittedAt: new Date(submittedAt) });
		const trend = trendOf(await (await clients.staff.get(`/admin/surveys/${s.id}/results`)).text());
		expect(trend).toContain('Mar 2023');
		expect(trend).not.toContain('Jan 2023');
		expect(rowOf(trend, 'Jan 2026')).toContain('100.0%');
		expect(rowOf(trend, 'Feb 2026')).toContain('Not shown');
		expect(rowOf(trend, 'Feb 2026')).toContain(
			'hidden so that a smaller group cannot be worked out'
		);
		// The panel: the 2 answers of 2022/23 are a small reporting year, so "all time" gives this
		// question year by year only, and 2022/23's quarters are not shown in the trend either.
		const panel = await (await clients.panel.get(`/panel/surveys/${s.id}`)).text();
		expect(panel).toContain('Given year by year only: in one reporting year fewer than 5 answered');
		expect(panel.slice(panel.indexOf('>Questions</h2>'))).not.toContain('100.0%');
		const panelTrend = trendOf(panel);
		expect(rowOf(panelTrend, '2022/23 Q4')).toContain('Not shown');
		expect(rowOf(panelTrend, '2025/26 Q4')).toContain('100.0%');
		expect(rowOf(panelTrend, '2025/26 Q4')).toContain('30');
	});
});

/**
 * Identity columns follow the survey's anonymity, and headers go through the same formula guard
 * as answers: a question code that reached the database starting with "=" (the builder refuses
 * one, an older or imported definition might not) comes out inert in both formats.
 */
/**
 * Worked by hand. Customers: c1, c2, c3 LCRA; c4, c5 LCHO; c6 tenure unknown. The survey is
 * service area A's. Invitations (made on, status):
 *   c1 1 Mar used · c2 1 Mar sent · c3 15 Mar used · c4 15 Mar sent · c5 2 Apr used ·
 *   c6 2 Apr sent · c3 31 Mar 23:30 UTC (= 1 Apr 00:30 in London, BST) used ·
 *   plus one pending and one revoked, which were never sent and never count.
 * All: 4 answered of 7 = 57.1%. Made 1–31 March: c1, c2, c3, c4 → 2 of 4 = 50.0% (the 23:30 UTC
 * one belongs to 1 April). LCRA: c1, c2, c3, c3 → 3 of 4 = 75.0%. LCRA in March: c1, c2, c3 → 2 of
 * 3 = 66.7%. Service area A: all 7, as its responses are all A's; B: none.
 */
describe('response rate under filters', () => {
	let id: number;
	beforeAll(async () => {
		const { survey: s } = await createOpenSurvey('nps', 'Invited and filtered');
		id = s.id;
		const areaA = db.insert(service).values({ name: 'Rate area A' }).returning().get().id;
		db.insert(service).values({ name: 'Rate area B' }).run();
		db.update(survey).set({ serviceId: areaA }).where(eq(survey.id, id)).run();
		const people = (['LCRA', 'LCRA', 'LCRA', 'LCHO', 'LCHO', null] as const).map(
			(tenure, i) =>
				db
					.insert(customer)
					.values({ name: `Rate ${i + 1}`, email: `rate${i + 1}@example.org`, tenure })
					.returning()
					.get().id
		);
		const invitations: [number, string, (typeof invitation.$inferInsert)['status']][] = [
			[0, '2026-03-01T10:00:00Z', 'used'],
			[1, '2026-03-01T10:00:00Z', 'sent'],
			[2, '2026-03-15T10:00:00Z', 'used'],
			[3, '2026-03-15T10:00:00Z', 'sent'],
			[4, '2026-04-02T10:00:00Z', 'used'],
			[5, '2026-04-02T10:00:00Z', 'sent'],
			[2, '2026-03-31T23:30:00Z', 'used'],
			[0, '2026-03-01T10:00:00Z', 'pending'],
			[1, '2026-03-01T10:00:00Z', 'revoked']
		];
		for (const [i, [person, made, status]] of invitations.entries())
			db.insert(invitation)
				.values({
					surveyId: id,
					customerId: people[person]!,
					tokenHash: `rate-${id}-${i}`,
					status,
					createdAt: new Date(made)
				})
				.run();
	});

	const rate = async (query: string, as: Client = clients.staff) => {
		const html = await (await as.get(`/admin/surveys/${id}/results?${query}`)).text();
		const cell = html.match(/data-testid="results-response-rate"[^>]*>([\s\S]*?)<\/dd>/);
		return cell
			? cell[1]!
					.replace(/<!--[\s\S]*?-->/g, '')
					.replace(/\s+/g, ' ')
					.trim()
			: null;
	};

	test('every filter that can apply to an invitation changes the rate, worked by hand', async () => {
		expect(await rate('')).toBe('57.1% (4 answered of 7 invitations sent)');
		expect(await rate('from=2026-03-01&to=2026-03-31')).toBe(
			'50.0% (2 answered of 4 invitations sent, made in these dates)'
		);
		expect(await rate('tenure=LCRA')).toBe(
			'75.0% (3 answered of 4 invitations sent, to customers recorded as LCRA)'
		);
		const area = (name: string) =>
			db.select().from(service).where(eq(service.name, name)).get()!.id;
		expect(await rate(`service=${area('Rate area A')}`)).toBe(
			'57.1% (4 answered of 7 invitations sent, for this service area)'
		);
		expect(await rate(`service=${area('Rate area B')}`)).toBe(
			'No invitations sent match these filters (for this service area).'
		);
		expect(await rate('tenure=LCRA&from=2026-03-01&to=2026-03-31&channel=online')).toBe(
			'66.7% (2 answered of 3 invitations sent, made in these dates, to customers recorded as LCRA)'
		);
		expect(await rate('from=2027-01-01')).toBe(
			'No invitations sent match these filters (made in these dates).'
		);
	});

	test('a channel or a version filter gives the reason, never the unfiltered rate', async () => {
		expect(await rate('channel=telephone')).toBe(
			'Not shown for this channel: invitations are answered online.'
		);
		const version = db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, id)).get()!;
		expect(await rate(`version=${version.id}`)).toMatch(/^Not shown for one version/);
	});

	test('a survey nobody was invited to has no rate; the panel never sees one', async () => {
		const { survey: uninvited } = await createOpenSurvey('nps', 'Nobody invited');
		const html = await (await clients.staff.get(`/admin/surveys/${uninvited.id}/results`)).text();
		expect(html).not.toContain('results-response-rate');
		expect(await rate('', clients.panel)).toBeNull();
	});
});

describe('exports of a confidential survey', () => {
	let id: number;
	const odd = '=cmd|"/c calc"!A1';
	beforeAll(async () => {
		const { survey: s, version } = await createOpenSurvey('nps', 'Confidential export');
		id = s.id;
		db.update(survey).set({ anonymity: 'confidential' }).where(eq(survey.id, id)).run();
		const definition = structuredClone(version.definition);
		const reason = definition.pages
			.flatMap((page) => page.questions)
			.find((q) => q.id === 'nps-reason')!;
		reason.code = odd;
		db.update(surveyVersion).set({ definition }).where(eq(surveyVersion.id, version.id)).run();
		insertResponse(
			id,
			version.id,
			{ nps: nps(7), 'nps-reason': { code: odd, value: { type: 'text', value: '-1+1' } } },
			{ customerId: 41 }
		);
	});

	test('CSV and XLSX carry the customer column and a formula-like header made inert', async () => {
		const csv = await (await clients.staff.get(`/admin/surveys/${id}/results/export`)).text();
		const [header, row] = csv.trim().split('\r\n');
		expect(header).toBe(
			`reference,submitted_at,channel,tenure,service,version,customer_id,NPS,"'=cmd|""/c calc""!A1"`
		);
		expect(row).toMatch(/,41,7,'-1\+1$/);
		const { values } = await readXlsx(
			await clients.staff.get(`/admin/surveys/${id}/results/export?format=xlsx`)
		);
		expect(values[0]!.slice(6)).toEqual(['customer_id', 'NPS', `'${odd}`]);
		expect(values[1]!.slice(6)).toEqual([41, 7, "'-1+1"]);
	});

	test('once anonymous, neither format has an identity column', async () => {
		db.update(survey).set({ anonymity: 'anonymous' }).where(eq(survey.id, id)).run();
		const csv = await (await clients.staff.get(`/admin/surveys/${id}/results/export`)).text();
		expect(csv).not.toContain('customer_id');
		expect(csv).not.toContain(',41,');
		const { values } = await readXlsx(
			await clients.staff.get(`/admin/surveys/${id}/results/export?format=xlsx`)
		);
		expect(values[0]).toEqual([
			'reference',
			'submitted_at',
			'channel',
			'tenure',
			'service',
			'version',
			'NPS',
			`'${odd}`
		]);
		expect(values.flat()).not.toContain(41);
	});
});

describe('a large export', () => {
	test('5,000 rows in both formats; a download cancelled halfway leaves the server well', async () => {
		const { survey: s, version } = await createOpenSurvey('nps', 'Many responses');
		const rows = 5000;
		// In transactions of 500, so the server's job worker is never kept waiting long.
		for (let batch = 0; batch < rows; batch += 500)
			db.$client.transaction(() => {
				for (let i = batch; i < batch + 500; i++)
					insertResponse(s.id, version.id, {
						nps: nps(i % 11),
						'nps-reason': text('x'.repeat(300))
					});
			})();
		// The insert held this process's event loop past the server's keep-alive timeout.
		await new Promise((resolve) => setTimeout(resolve, 200));
		for (const format of ['csv', 'xlsx']) {
			const path = `/admin/surveys/${s.id}/results/export?format=${format}`;
			const cancelled = await clients.staff.get(path);
			expect(cancelled.status).toBe(200);
			const reader = cancelled.body!.getReader();
			expect((await reader.read()).done).toBe(false);
			await reader.cancel();
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			const full = await clients.staff.get(path);
			if (format === 'csv') expect((await full.text()).trim().split('\r\n')).toHaveLength(rows + 1);
			else expect((await readXlsx(full)).values).toHaveLength(rows + 1);
		}
		expect(server.output()).not.toMatch(/uncaught|unhandled|ERR_STREAM/i);
	});
});

/**
 * TSM, worked by hand from tsm.md. LCRA: TP01 answers Very satisfied, Neither, Very
 * dissatisfied, Fairly satisfied → 2 of 4 = 50.0%. TP02: the second respondent said No to the
 * repairs screen, so only two are in the base: Fairly satisfied and Very dissatisfied → 50.0%,
 * n = 2. TP05: one "not applicable" only → no score. LCHO: TP01 Very satisfied, Fairly satisfied,
 * Fairly dissatisfied → 66.7%, n = 3; TP02 is not asked of LCHO.
 */
describe('Tenant Satisfaction Measures', () => {
	test('LCRA and LCHO side by side, screening bases and don’t-know exclusions applied', async () => {
		const { survey: s, version } = await createOpenSurvey('tsm-perception', 'TSM results');
		const choice = (code: string, value: string) => ({
			code,
			value: { type: 'choice', value } as Answer
		});
		const lcra: Record<string, { code: string; value: Answer }>[] = [
			{
				tp01: choice('TP01', 'very-satisfied'),
				'screen-r': choice('R', 'yes'),
				tp02: choice('TP02', 'fairly-satisfied')
			},
			{
				tp01: choice('TP01', 'neither'),
				'screen-r': choice('R', 'no'),
				tp02: choice('TP02', 'very-satisfied')
			},
			{
				tp01: choice('TP01', 'very-dissatisfied'),
				'screen-r': choice('R', 'yes'),
				tp02: choice('TP02', 'very-dissatisfied')
			},
			{ tp01: choice('TP01', 'fairly-satisfied'), tp05: choice('TP05', 'not-applicable') }
		];
		for (const answers of lcra) insertResponse(s.id, version.id, answers, { tenure: 'LCRA' });
		for (const value of ['very-satisfied', 'fairly-satisfied', 'fairly-dissatisfied'])
			insertResponse(s.id, version.id, { tp01: choice('TP01', value) }, { tenure: 'LCHO' });
		const html = await (await clients.admin.get(`/admin/surveys/${s.id}/results`)).text();
		const cell = (key: string) => html.match(new RegExp(`data-testid="${key}"[^>]*>([^<]*)<`))?.[1];
		expect(cell('LCRA-TP01')).toBe('50.0%');
		expect(cell('LCRA-TP02')).toBe('50.0%');
		expect(cell('LCRA-TP05')).toBe('no score');
		expect(cell('LCHO-TP01')).toBe('66.7%');
		expect(cell('LCHO-TP02')).toBeUndefined();
		expect(html).toContain('Not asked');

		// Never pooled: without a tenure, TP01 has no answers, breakdown or trend of its own (pooled,
		// it would read 4 of 7 satisfied, 57.1%, a figure for neither tenure).
		expect(html).toContain('data-testid="tsm-choose-tenure"');
		const tp01 = html.slice(
			html.indexOf('id="q-tp01"'),
			html.indexOf('</section>', html.indexOf('id="q-tp01"'))
		);
		expect(tp01).toContain('data-testid="tsm-by-tenure"');
		expect(tp01).not.toContain('57.1%');
		expect(html).not.toContain('Breakdown of TP01');
		expect(html).not.toContain('Trend of TP01');
		const lcraOnly = await (
			await clients.admin.get(`/admin/surveys/${s.id}/results?tenure=LCRA`)
		).text();
		expect(lcraOnly).not.toContain('data-testid="tsm-by-tenure"');
		expect(lcraOnly).toContain('Breakdown of TP01');
		const lcraTp01 = lcraOnly.slice(lcraOnly.indexOf('id="q-tp01"'));
		expect(lcraTp01.slice(0, lcraTp01.indexOf('</section>'))).toContain('50.0%');

		/*
		 * TSM report. 3,000 LCRA and 500 LCHO homes: 3,500 in all, so not a small provider. LCRA
		 * (2,500–9,999 homes) must reach ±4: MoE = √(9,604 × 2,996 ÷ (4 × 2,999)) = ±49.0; the minimum
		 * sample is 501 (500 gives 16.012 > 16 = 4², 501 gives 15.974). LCHO (under 2,500) must reach
		 * ±5: √(9,604 × 497 ÷ (3 × 499)) = ±56.5.
		 * Weighting LCRA by screen R: yes 1,000 homes (2 in the sample), no 2,000 homes (1): weights
		 * (1,000 × 3) ÷ (3,000 × 2) = 0.5 and (2,000 × 3) ÷ (3,000 × 1) = 2. Weighted TP01 =
		 * 0.5 × 1 ÷ (0.5 + 0.5 + 2) = 16.7%; the fourth respondent, with no R answer, carries no weight.
		 */
		db.update(organisation).set({ homesLcra: 3000, homesLcho: 500 }).run();
		for (const [value, homes] of [
			['yes', '1000'],
			['no', '2000']
		] as const)
			expect(
				(
					await clients.staff.post(`/admin/surveys/${s.id}/results/tsm?/stratum`, {
						population: 'LCRA',
						questionCode: 'R',
						value,
						homes
					})
				).status
			).toBe(303);
		const report = await (await clients.staff.get(`/admin/surveys/${s.id}/results/tsm`)).text();
		const lcraReport = report.slice(report.indexOf('data-testid="accuracy-LCRA"'));
		expect(lcraReport).toContain('±49.0 points achieved');
		expect(lcraReport).toContain('±4 required (minimum sample 501)');
		expect(report.slice(report.indexOf('data-testid="accuracy-LCHO"'))).toContain('±56.5 points');
		expect(lcraReport.slice(0, lcraReport.indexOf('accuracy-LCHO'))).toContain('16.7%');
		expect(report).toContain('LCRA: 4 responses; LCHO: 3 responses.');
		expect(report).toContain('1 response outside every stratum carries no weight');
		// A response with no valid TSM answer (only "Not applicable/ don't know") is not part of the
		// achieved sample: n stays 4 and the margin of error with it.
		insertResponse(
			s.id,
			version.id,
			{ tp05: choice('TP05', 'not-applicable') },
			{ tenure: 'LCRA' }
		);
		// Nor are answers outside their base: TP02 after "no" to the repair screen or with no
		// screen answer at all, or TP04 from an LCHO respondent (who is not asked it).
		insertResponse(
			s.id,
			version.id,
			{ 'screen-r': choice('R', 'no'), tp02: choice('TP02', 'very-satisfied') },
			{ tenure: 'LCRA' }
		);
		insertResponse(
			s.id,
			version.id,
			{ tp02: choice('TP02', 'fairly-satisfied') },
			{ tenure: 'LCRA' }
		);
		insertResponse(
			s.id,
			version.id,
			{ tp04: choice('TP04', 'very-satisfied') },
			{ tenure: 'LCHO' }
		);
		const again = await (await clients.staff.get(`/admin/surveys/${s.id}/results/tsm`)).text();
		const validLcra = again.slice(again.indexOf('data-testid="valid-LCRA"'));
		expect(validLcra.slice(0, validLcra.indexOf('</dd>')).replace(/<!--.*?-->/g, '')).toMatch(
			/4 from 3,000 homes\s+\(3 more sent no valid TSM answer and are not counted\)/
		);
		expect(again.slice(again.indexOf('data-testid="accuracy-LCRA"'))).toContain(
			'±49.0 points achieved'
		);
		expect(again).toContain('LCRA: 4 responses; LCHO: 3 responses.');
		const validLcho = again.slice(again.indexOf('data-testid="valid-LCHO"'));
		expect(validLcho.slice(0, validLcho.indexOf('</dd>')).replace(/<!--.*?-->/g, '')).toMatch(
			/3 from 500 homes\s+\(1 more sent no valid TSM answer and are not counted\)/
		);

		const published = report.slice(report.indexOf('data-testid="questionnaire"'));
		expect(published).toContain(
			'<strong>TP01</strong>: Taking everything into account, how satisfied or dissatisfied are you with the service provided by Riverside Homes?'
		);
		expect(published.indexOf('<strong>R</strong>')).toBeLessThan(
			published.indexOf('<strong>TP02</strong>')
		);
	});
});

describe('comment themes', () => {
	test('staff create, tag, merge and retire themes; counts follow the merge; all audited', async () => {
		const staff = clients.staff;
		for (const name of ['Damp and mould', 'Mould'])
			expect((await staff.post('/admin/themes?/create', { name, keywords: 'mould' })).status).toBe(
				303
			);
		const duplicate = await staff.post('/admin/themes?/create', { name: 'mould' });
		expect(duplicate.status).toBe(400);
		const { survey: s, version } = await createOpenSurvey('nps', 'Themed comments');
		const rid = insertResponse(s.id, version.id, {
			'nps-reason': text('Black mould in the bathroom')
		});
		// 23:30 on 31 March in UTC is 00:30 on 1 April in London (BST): an April comment.
		const late = insertResponse(
			s.id,
			version.id,
			{ 'nps-reason': text('Mould again in the kitchen') },
			{ submittedAt: new Date('2026-03-31T23:30:00Z') }
		);
		// An admin, since one response is below the minimum group size staff see.
		const results = await (await clients.admin.get(`/admin/surveys/${s.id}/results`)).text();
		expect(results).toContain('Keywords suggest: Damp and mould, Mould');
		const themes = db.select().from(theme).all();
		const mould = themes.find((t) => t.name === 'Mould')!;
		const damp = themes.find((t) => t.name === 'Damp and mould')!;
		const tagged = await staff.post(`/admin/surveys/${s.id}/results?/approve`, {
			comment: `${rid}:nps-reason`,
			decision: 'tag',
			theme: String(mould.id)
		});
		expect(tagged.status).toBe(303);
		expect(
			(
				await staff.post(`/admin/surveys/${s.id}/results?/approve`, {
					comment: `${late}:nps-reason`,
					decision: 'tag',
					theme: String(mould.id)
				})
			).status
		).toBe(303);
		expect(
			(await staff.post('/admin/themes?/merge', { from: String(mould.id), into: String(damp.id) }))
				.status
		).toBe(303);
		const tags = db.select().from(answerTheme).where(eq(answerTheme.responseId, rid)).all();
		expect(tags.map((t) => t.themeId)).toEqual([damp.id]);
		const page = await (await staff.get('/admin/themes')).text();
		expect(page).toContain('Merged into Damp and mould');
		expect(page).toMatch(/Damp and mould — No service: 2/);
		expect(page).toContain('2026-03 — Damp and mould: 1');
		expect(page).toContain('2026-04 — Damp and mould: 1');
		const renamed = await staff.post('/admin/themes?/rename', {
			id: String(damp.id),
			name: 'Damp and condensation',
			keywords: 'mould, condensation'
		});
		expect(renamed.status).toBe(303);
		expect(await (await staff.get('/admin/themes')).text()).toMatch(
			/Damp and condensation — No service: 2/
		);
		expect(
			(await staff.post('/admin/themes?/rename', { id: String(damp.id), name: 'mould' })).status
		).toBe(400);
		expect((await staff.post('/admin/themes?/retire', { id: String(damp.id) })).status).toBe(303);
		const actions = db
			.select({ action: auditLog.action })
			.from(auditLog)
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'theme.create',
				'theme.tag',
				'theme.merge',
				'theme.rename',
				'theme.retire'
			])
		);
	});
});
