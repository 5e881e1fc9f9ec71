import { parse } from 'csv-parse/sync';
import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportingYear } from '../../src/lib/domain/calendar/reporting-year';
import { allQuestions, type Answer } from '../../src/lib/domain/survey/types';
import { complaintsReport, rangeOfYear } from '../../src/lib/server/complaints/reports';
import type { Db } from '../../src/lib/server/db';
import {
	answer,
	contact,
	organisation,
	response,
	surveyVersion,
	tsmStratum
} from '../../src/lib/server/db/schema';
import { figureText } from '../../src/lib/domain/standards/scorecard-text';
import { customerCareScorecard } from '../../src/lib/server/standards/scorecard';
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
	db.update(organisation).set({ homesLcra: 900, homesLcho: 100, minGroupSize: 5 }).run();
	await seed();
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function surveyFrom(template: string, title: string, open = true) {
	const created = await clients.staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.split('/').pop());
	if (open) expect((await clients.staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	const version = db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, id)).get()!;
	const questionOf = (match: (q: ReturnType<typeof allQuestions>[number]) => boolean) =>
		allQuestions(version.definition).find(match)!;
	return { id, versionId: version.id, questionOf };
}

let serial = 0;
function respond(
	s: { id: number; versionId: number },
	question: { id: string; code: string },
	value: Answer,
	submittedAt: string,
	extra: Partial<typeof response.$inferInsert> = {}
) {
	serial += 1;
	const row = db
		.insert(response)
		.values({
			surveyId: s.id,
			versionId: s.versionId,
			reference: `SC-${String(serial).padStart(8, '0')}`,
			status: 'submitted',
			submittedAt: new Date(submittedAt),
			...extra
		})
		.returning()
		.get();
	db.insert(answer)
		.values({ responseId: row.id, questionId: question.id, questionCode: question.code, value })
		.run();
}

const choice = (value: string): Answer => ({ type: 'choice', value });

function contactAt(kind: 'compliment' | 'question', receivedAt: string, resolved: boolean | null) {
	serial += 1;
	db.insert(contact)
		.values({
			reference: `C-${serial}`,
			kind,
			channel: 'phone',
			receivedAt: new Date(receivedAt),
			text: 'x',
			resolvedAtFirstContact: resolved
		})
		.run();
}

/**
 * The worked example, for the reporting year 2025/26 (1 April 2025 – 31 March 2026, London) and
 * the year before.
 */
async function seed() {
	const tsm = await surveyFrom('tsm-perception', 'TSM');
	const tp01 = tsm.questionOf((q) => q.code === 'TP01');
	const inYear = '2025-10-01T12:00:00Z';
	// LCRA: 3 very and 2 fairly satisfied, 1 neither, 1 very dissatisfied: 5 of 7 = 71.4%.
	for (const v of [
		'very-satisfied',
		'very-satisfied',
		'fairly-satisfied',
		'fairly-satisfied',
		'neither',
		'very-dissatisfied'
	])
		respond(tsm, tp01, choice(v), inYear, { tenure: 'LCRA' });
	// 00:30 on 1 April 2025 in London (British Summer Time) is in 2025/26 …
	respond(tsm, tp01, choice('very-satisfied'), '2025-03-31T23:30:00Z', { tenure: 'LCRA' });
	// … and 00:30 on 1 April 2026 is not.
	respond(tsm, tp01, choice('very-dissatisfied'), '2026-03-31T23:30:00Z', { tenure: 'LCRA' });
	// An unfinished response never counts.
	respond(tsm, tp01, choice('very-dissatisfied'), inYear, {
		tenure: 'LCRA',
		status: 'in-progress'
	});
	// LCHO: 2 of 3, never pooled with LCRA, and below the panel's minimum group size of 5.
	for (const v of ['very-satisfied', 'fairly-satisfied', 'neither'])
		respond(tsm, tp01, choice(v), inYear, { tenure: 'LCHO' });
	// 2024/25: LCRA 5 of 10 = 50.0%.
	for (const v of ['very-satisfied', 'fairly-satisfied', 'neither', 'very-dissatisfied'])
		respond(tsm, tp01, choice(v), '2024-06-01T12:00:00Z', { tenure: 'LCRA' });
	for (const v of [
		'very-satisfied',
		'very-satisfied',
		'fairly-satisfied',
		'neither',
		'neither',
		'fairly-dissatisfied'
	])
		respond(tsm, tp01, choice(v), '2024-07-01T12:00:00Z', { tenure: 'LCRA' });

	// NPS: 10, 10, 9, 9, 9 promoters; 8, 7 passives; 6, 3, 0 detractors: 100 × (5 − 3) ÷ 10 = +20.
	const nps = await surveyFrom('nps', 'Recommend us');
	const npsQuestion = nps.questionOf((q) => q.type === 'nps');
	for (const score of [10, 10, 9, 9, 9, 8, 7, 6, 3, 0])
		respond(nps, npsQuestion, { type: 'number', value: score }, inYear);
	// A survey with 3 answers, all detractors: under the minimum group size on its own page, so
	// left out of the pooled figure for everyone but admins (+20 less it would give it away).
	const small = await surveyFrom('nps', 'Small NPS');
	for (let i = 0; i < 3; i++)
		respond(
			small,
			small.questionOf((q) => q.type === 'nps'),
			{ type: 'number', value: 0 },
			inYear
		);
	// A survey never opened is not the organisation's figure.
	const draft = await surveyFrom('nps', 'Draft', false);
	respond(
		draft,
		draft.questionOf((q) => q.type === 'nps'),
		{ type: 'number', value: 0 },
		inYear
	);

	// Contacts: 3 compliments in the year (one on its first London morning); first contact
	// resolved for 2 of the 3 where it was recorded.
	contactAt('compliment', '2025-03-31T23:30:00Z', true);
	contactAt('compliment', inYear, true);
	contactAt('compliment', inYear, null);
	contactAt('question', inYear, false);
	contactAt('compliment', '2024-09-01T12:00:00Z', null);
}

const figures = (html: string, key: string) => {
	const row = html.slice(html.indexOf(`data-testid="row-${key}"`));
	const cell = (id: string) => row.match(new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`))![1];
	return { current: cell('current'), previous: cell('previous'), change: cell('change') };
};

describe('the customer-care scorecard', () => {
	test('staff read every figure of the worked example, beside the year before', async () => {
		const res = await clients.staff.get('/admin/scorecard?year=2025');
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Customer-care scorecard 2025/26');
		expect(figures(html, 'tp01-lcra')).toEqual({
			current: '71.4%',
			previous: '50.0%',
			change: 'Up 21.4 percentage points (better)'
		});
		expect(html).toMatch(/data-testid="row-tp01-lcra"[\s\S]*?n = 7[\s\S]*?n = 10/);
		// Staff, like the panel, never see a figure under the minimum group size.
		expect(figures(html, 'tp01-lcho').current).toBe('Fewer than 5 answers: not shown');
		expect(figures(html, 'nps')).toEqual({
			current: '+20.0',
			previous: 'None in the year',
			change: 'No comparison'
		});
		expect(figures(html, 'compliments')).toEqual({
			current: '3',
			previous: '1',
			change: 'Up 2 (better)'
		});
		expect(figures(html, 'fcr').current).toBe('66.7%');
		expect(html).toMatch(/data-testid="row-fcr"[\s\S]*?2 of 3/);
		expect(figures(html, 'ch01-1').current).toBe('0.0');
		expect(html).toMatch(/data-testid="row-ch01-1"[\s\S]*?0 of 1,000 homes/);
		expect(html).toMatch(/row-nps[\s\S]*?n = 10; 1 survey under the minimum group size left out/);
		expect(html).toContain('counts the answers to: Recommend us.');
		expect(html).not.toContain('Small NPS');
		expect(html).not.toContain('Draft;');
	});

	test('admins see every figure, those under the minimum group size marked', async () => {
		const html = await clients.admin.get('/admin/scorecard?year=2025').then((r) => r.text());
		expect(figures(html, 'tp01-lcho').current).toBe('66.7% (below minimum group size)');
		// All 13 answers: 100 × (5 − 6) ÷ 13 = −7.7.
		expect(figures(html, 'nps').current).toBe('-7.7');
		expect(html).toContain('counts the answers to: Recommend us; Small NPS.');
	});

	test('its complaint figures are the complaints report’s own for the same year', () => {
		const year = reportingYear(2025);
		const card = customerCareScorecard(db, 2025, 'staff');
		const report = complaintsReport(db, rangeOfYear(year));
		const row = (key: string) => card.rows.find((r) => r.key === key)!.current;
		for (const stage of [0, 1]) {
			expect(row(`ch01-${stage + 1}`)).toMatchObject({
				value: report.perStage[stage]!.ch01.value,
				denominator: 1000
			});
			expect(row(`ch02-${stage + 1}`).value).toBe(report.perStage[stage]!.ch02.value);
		}
		expect(row('fcr')).toMatchObject(report.firstContact);
		expect(row('compliments').value).toBe(report.compliments);
	});

	test('the panel sees no survey figure below the minimum group size', async () => {
		const html = await clients.panel.get('/panel/scorecard?year=2025').then((r) => r.text());
		expect(figures(html, 'tp01-lcra').current).toBe('71.4%');
		expect(figures(html, 'tp01-lcho')).toEqual({
			current: 'Fewer than 5 answers: not shown',
			previous: 'None in the year',
			change: 'Not shown'
		});
		// Neither the figure nor its n reaches the page, nor the data sent with it.
		const lcho = html.slice(html.indexOf('row-tp01-lcho'), html.indexOf('row-nps'));
		expect(lcho).not.toContain('66.7');
		expect(lcho).not.toContain('n = 3');
		expect(html).toContain('key:"tp01-lcho"');
		expect(html).toMatch(/key:"tp01-lcho"[^}]*current:\{value:null,suppressed:true\}/);
		expect(figures(html, 'tp01-lcra').previous).toBe('50.0%');
		expect(figures(html, 'nps').current).toBe('+20.0');
	});

	test('the download carries the page’s figures, as numbers where there are numbers', async () => {
		const res = await clients.staff.get('/admin/scorecard/export?year=2025&format=csv');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toContain('customer-care-scorecard-2025-26.csv');
		const rows = parse(await res.text()) as string[][];
		expect(rows[0]!.slice(0, 6)).toEqual([
			'Measure',
			'Unit',
			'2025/26',
			'2025/26: based on',
			'2024/25',
			'2024/25: based on'
		]);
		const row = (label: string) => rows.find((r) => r[0]!.startsWith(label))!;
		expect(row('Overall satisfaction: renting').slice(1, 7)).toEqual([
			'%',
			'71.4',
			'n = 7',
			'50',
			'n = 10',
			'Up 21.4 percentage points (better)'
		]);
		// A positive NPS is a number, never text a spreadsheet could read as the start of a formula.
		expect(row('Net Promoter Score').slice(2, 5)).toEqual([
			'20',
			'n = 10; 1 survey under the minimum group size left out',
			'None in the year'
		]);
		expect(row('Compliments received').slice(2, 7)).toEqual(['3', '', '1', '', 'Up 2 (better)']);

		const panel = await clients.panel.get('/panel/scorecard/export?year=2025&format=xlsx');
		expect(panel.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await panel.arrayBuffer());
		const cells = (book.getWorksheet('Scorecard')!.getSheetValues() as unknown[][])
			.filter(Boolean)
			.map((r) => r.slice(1));
		const lcho = cells.find((r) => String(r[0]).startsWith('Overall satisfaction: shared'))!;
		expect(lcho[2]).toBe('Fewer than 5 answers: not shown');
		expect(lcho[3] ?? '').toBe('');
		expect(lcho).not.toContain(66.7);

		expect((await clients.shopper.get('/admin/scorecard/export')).status).toBe(404);
		expect((await clients.staff.get('/panel/scorecard/export')).status).toBe(404);
		expect((await clients.staff.get('/admin/scorecard/export?format=pdf')).status).toBe(404);
	});

	test('a weighted TSM survey gives the weighted TP01 its TSM report publishes', async () => {
		// 2023/24 has one TSM survey, weighted by area: north and south have 500 homes each.
		const weighted = await surveyFrom('tsm-perception', 'Weighted TSM');
		const tp01 = weighted.questionOf((q) => q.code === 'TP01');
		const area = { id: 'area', code: 'AREA' };
		const answerAt = (satisfied: boolean, where: string) => {
			respond(
				weighted,
				tp01,
				choice(satisfied ? 'very-satisfied' : 'neither'),
				'2023-09-01T12:00:00Z',
				{
					tenure: 'LCRA'
				}
			);
			const last = db.select().from(response).orderBy(desc(response.id)).get()!;
			db.insert(answer)
				.values({
					responseId: last.id,
					questionId: area.id,
					questionCode: area.code,
					value: choice(where)
				})
				.run();
		};
		for (let i = 0; i < 4; i++) answerAt(true, 'north');
		answerAt(true, 'south');
		for (let i = 0; i < 5; i++) answerAt(false, 'south');
		db.insert(tsmStratum)
			.values([
				{
					surveyId: weighted.id,
					population: 'LCRA',
					questionCode: 'AREA',
					value: 'north',
					homes: 500
				},
				{
					surveyId: weighted.id,
					population: 'LCRA',
					questionCode: 'AREA',
					value: 'south',
					homes: 500
				}
			])
			.run();
		// Unweighted 5 of 10 = 50%. Weights 0.5 ÷ 0.4 = 1.25 (north) and 0.5 ÷ 0.6 (south):
		// (1.25 × 4 + 0.8333 × 1) ÷ (1.25 × 4 + 0.8333 × 6) = 5.8333 ÷ 10 = 58.3%.
		const card = customerCareScorecard(db, 2023, 'staff');
		const lcra = card.rows.find((r) => r.key === 'tp01-lcra')!.current;
		expect(lcra.weighted).toBe(true);
		expect(lcra.n).toBe(10);
		expect(lcra.value).toBeCloseTo(58.3333, 3);
		const html = await clients.staff.get('/admin/scorecard?year=2023').then((r) => r.text());
		expect(figures(html, 'tp01-lcra').current).toBe('58.3%');
		expect(html).toMatch(/row-tp01-lcra[\s\S]*?n = 10; weighted/);
	});

	test('with no relevant homes set, a rate per 1,000 homes says so', () => {
		db.update(organisation).set({ homesLcra: 0, homesLcho: 0 }).run();
		try {
			const card = customerCareScorecard(db, 2025, 'staff');
			const ch01 = card.rows.find((r) => r.key === 'ch01-1')!;
			expect(figureText(ch01, ch01.current, 5)).toBe('No score: relevant homes not set');
		} finally {
			db.update(organisation).set({ homesLcra: 900, homesLcho: 100 }).run();
		}
	});

	test('only staff and admins open the staff scorecard, only the panel and admins the panel’s', async () => {
		expect((await clients.shopper.get('/admin/scorecard')).status).toBe(404);
		expect((await clients.panel.get('/admin/scorecard')).status).toBe(404);
		expect((await clients.staff.get('/panel/scorecard')).status).toBe(404);
		expect((await clients.admin.get('/panel/scorecard')).status).toBe(200);
	});

	test('a year not yet begun, or nonsense, shows the current year', async () => {
		for (const q of ['?year=2999', '?year=abc', ''])
			expect(await clients.staff.get(`/admin/scorecard${q}`).then((r) => r.text())).toContain(
				'Customer-care scorecard 2026/27'
			);
	});
});
