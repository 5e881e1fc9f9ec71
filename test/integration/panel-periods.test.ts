import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../src/lib/domain/survey';
import type { Db } from '../../src/lib/server/db';
import { answer, response, surveyVersion } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

/**
 * The differencing attack on the panel's results, done the way a panel member would: over HTTP,
 * against the built server, with every period the page offers. The minimum group size is 5.
 */
const K = 5;

let server: TestServer;
let db: Db;
const clients = {} as Record<'admin' | 'staff' | 'panel', Client>;

beforeAll(async () => {
	server = await startServer();
	db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	for (const role of ['admin', 'staff', 'panel'] as const) {
		clients[role] = new Client(server.url);
		await clients[role].signIn(`${role}@example.org`, TEST_PASSWORD);
	}
});
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

async function createOpenSurvey(title: string) {
	const created = await clients.staff.post('/admin/surveys?/create', {
		template: 'repair-satisfaction',
		title
	});
	expect(created.status).toBe(303);
	const id = Number(created.headers.get('location')!.split('/').pop());
	expect((await clients.staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	const version = db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, id)).get()!;
	return { id, versionId: version.id };
}

const SCALE = [
	'very-satisfied',
	'fairly-satisfied',
	'neither',
	'fairly-dissatisfied',
	'very-dissatisfied'
];
let serial = 0;

/** `n` responses at one instant; the repair-time question is answered by the first `timed`. */
function respond(
	target: { id: number; versionId: number },
	at: string,
	n: number,
	{ timed = n, value }: { timed?: number; value?: string } = {}
) {
	for (let i = 0; i < n; i += 1) {
		serial += 1;
		const row = db
			.insert(response)
			.values({
				surveyId: target.id,
				versionId: target.versionId,
				reference: `PP-${String(serial).padStart(8, '0')}`,
				status: 'submitted',
				submittedAt: new Date(at)
			})
			.returning()
			.get();
		const choice = (v: string) => ({ type: 'choice', value: v }) as Answer;
		const csat = value ?? SCALE[(serial * 7) % SCALE.length]!;
		db.insert(answer)
			.values({
				responseId: row.id,
				questionId: 'repair-satisfaction',
				questionCode: 'REPAIR_CSAT',
				value: choice(csat)
			})
			.run();
		if (i < timed)
			db.insert(answer)
				.values({
					responseId: row.id,
					questionId: 'repair-time',
					questionCode: 'REPAIR_TIME',
					value: choice(SCALE[serial % SCALE.length]!)
				})
				.run();
	}
}

/** The periods the panel's page offers, as `?year=` values ('' is all time). */
async function offeredPeriods(surveyId: number): Promise<string[]> {
	const html = await (await clients.panel.get(`/panel/surveys/${surveyId}`)).text();
	const select = html.slice(html.indexOf('name="year"'), html.indexOf('</select>'));
	return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
}

type Figures = Map<string, Map<string, number>>;

/** Every count the panel's CSV gives for a period: question code → answer → count. */
async function panelFigures(surveyId: number, year: string): Promise<Figures> {
	const res = await clients.panel.get(`/panel/surveys/${surveyId}/export?year=${year}`);
	expect(res.status, year).toBe(200);
	const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
	const figures: Figures = new Map();
	for (const row of rows) {
		if (row.count === '') continue;
		const byAnswer = figures.get(row.question_code!) ?? new Map<string, number>();
		byAnswer.set(row.answer!, Number(row.count));
		figures.set(row.question_code!, byAnswer);
	}
	return figures;
}

/** The reporting quarters a `?year=` value covers, within the years given. */
function quartersOf(value: string, years: number[]): Set<string> {
	if (value === '') return new Set(years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-q${q}`)));
	if (/^\d{4}$/.test(value)) return new Set([1, 2, 3, 4].map((q) => `${value}-q${q}`));
	return new Set([value]);
}

/**
 * Subtracts, for every question, every set of disjoint periods the panel was shown from every
 * period holding them all, and returns each difference that isolates between 1 and K − 1 answers.
 */
async function differencingAttack(surveyId: number, years: number[]) {
	const periods = await offeredPeriods(surveyId);
	const shown = await Promise.all(
		periods.map(async (value) => ({
			value,
			quarters: quartersOf(value, years),
			figures: await panelFigures(surveyId, value)
		}))
	);
	const leaks: string[] = [];
	for (const whole of shown)
		for (const [code, totals] of whole.figures) {
			const parts = shown.filter(
				(p) =>
					p !== whole && p.figures.has(code) && [...p.quarters].every((q) => whole.quarters.has(q))
			);
			for (let mask = 1; mask < 1 << parts.length; mask += 1) {
				const chosen = parts.filter((_, i) => mask & (1 << i));
				const covered = chosen.flatMap((p) => [...p.quarters]);
				if (new Set(covered).size !== covered.length) continue; // overlapping parts
				let left = 0;
				for (const [label, n] of totals)
					left += n - chosen.reduce((sum, p) => sum + (p.figures.get(code)!.get(label) ?? 0), 0);
				if (left > 0 && left < K)
					leaks.push(
						`${code}: "${whole.value}" less ${chosen.map((p) => `"${p.value}"`).join(', ')} = ${left}`
					);
			}
		}
	return { periods, leaks };
}

describe('the panel cannot work out a small group by comparing periods', () => {
	let smallQuarter: { id: number; versionId: number };
	let smallYear: { id: number; versionId: number };

	beforeAll(async () => {
		// 2025/26: 10 a quarter for three quarters, then 2 people on 1 January 2026.
		smallQuarter = await createOpenSurvey('Small quarter');
		respond(smallQuarter, '2025-05-15T12:00:00Z', 10);
		respond(smallQuarter, '2025-08-15T12:00:00Z', 10);
		respond(smallQuarter, '2025-11-15T12:00:00Z', 10);
		respond(smallQuarter, '2026-01-01T10:00:00Z', 2, { value: 'very-dissatisfied' });

		// 2 people in 2024/25; 10 a quarter in 2025/26, but only 2 of July's answer the time
		// question.
		smallYear = await createOpenSurvey('Small year');
		respond(smallYear, '2024-11-15T12:00:00Z', 2, { value: 'very-dissatisfied' });
		respond(smallYear, '2025-05-15T12:00:00Z', 10);
		respond(smallYear, '2025-08-15T12:00:00Z', 10, { timed: 2 });
		respond(smallYear, '2025-11-15T12:00:00Z', 10);
		respond(smallYear, '2026-02-15T12:00:00Z', 10);
	});

	test('free dates would give away the 2 people of 1 January: staff may, the panel is refused', async () => {
		const staffCount = async (query: string) => {
			const html = await (
				await clients.staff.get(`/admin/surveys/${smallQuarter.id}/results?${query}`)
			).text();
			return Number(html.match(/data-testid="results-responses">\s*([\d,]+)/)![1]);
		};
		// The attack, where free dates are allowed (staff see every response anyway): 32 − 30.
		expect(await staffCount('from=2025-04-01&to=2026-03-31')).toBe(32);
		expect(await staffCount('from=2025-04-01&to=2025-12-31')).toBe(30);

		for (const client of [clients.panel, clients.admin])
			for (const path of [
				`/panel/surveys/${smallQuarter.id}?from=2025-04-01&to=2026-03-31`,
				`/panel/surveys/${smallQuarter.id}?to=2025-12-31`,
				`/panel/surveys/${smallQuarter.id}?year=2025&from=2025-04-02`,
				`/panel/surveys/${smallQuarter.id}/export?from=2025-04-01&to=2025-12-31`,
				`/panel/surveys/${smallQuarter.id}/export?format=xlsx&from=2025-04-01`
			]) {
				const res = await client.get(path);
				expect(res.status, path).toBe(400);
				expect(await res.text(), path).toContain(
					'shown for a whole reporting year or quarter, not between dates'
				);
			}
	});

	test('a year with a small quarter is given whole: its quarters are neither listed nor served', async () => {
		const periods = await offeredPeriods(smallQuarter.id);
		expect(periods).toEqual(['', '2026', '2025']);
		const quarter = await clients.panel.get(`/panel/surveys/${smallQuarter.id}?year=2025-q3`);
		expect(quarter.status).toBe(400);
		expect(await quarter.text()).toContain(
			'Results for 2025/26 are given for the whole year only, because in one of its quarters fewer than 5 people responded'
		);
		expect(
			(await clients.panel.get(`/panel/surveys/${smallQuarter.id}/export?year=2025-q1`)).status
		).toBe(400);

		const year = await (
			await clients.panel.get(`/panel/surveys/${smallQuarter.id}?year=2025`)
		).text();
		expect(year).toMatch(/data-testid="results-responses">\s*32/);
		// The trend does not give the quarters away either.
		const trend = year.slice(
			year.indexOf('data-testid="trend"'),
			year.indexOf('</table>', year.indexOf('data-testid="trend"'))
		);
		expect(trend.match(/Not shown/g)).toHaveLength(4);
		expect(trend).not.toMatch(/>\s*10\s*</);
	});

	test('a small year keeps a question out of "all time"; a question small in one quarter stays whole-year', async () => {
		const periods = await offeredPeriods(smallYear.id);
		expect(periods).toEqual([
			'',
			'2026',
			'2025',
			'2025-q1',
			'2025-q2',
			'2025-q3',
			'2025-q4',
			'2024'
		]);
		const all = await panelFigures(smallYear.id, '');
		expect(all.size).toBe(0);
		const allPage = await (await clients.panel.get(`/panel/surveys/${smallYear.id}`)).text();
		expect(allPage).toContain(
			'Given year by year only: in one reporting year fewer than 5 answered'
		);

		const year = await panelFigures(smallYear.id, '2025');
		expect([...year.get('REPAIR_CSAT')!.values()].reduce((a, b) => a + b)).toBe(40);
		expect([...year.get('REPAIR_TIME')!.values()].reduce((a, b) => a + b)).toBe(32);
		const q1 = await panelFigures(smallYear.id, '2025-q1');
		expect([...q1.get('REPAIR_CSAT')!.values()].reduce((a, b) => a + b)).toBe(10);
		expect(q1.has('REPAIR_TIME')).toBe(false);
		const q1Page = await (
			await clients.panel.get(`/panel/surveys/${smallYear.id}?year=2025-q1`)
		).text();
		expect(q1Page).toContain(
			'Given for the whole reporting year only: in one of its quarters fewer than 5 answered'
		);
	});

	test('subtracting any periods the panel is shown from any that hold them isolates nobody', async () => {
		for (const target of [smallQuarter, smallYear]) {
			const { periods, leaks } = await differencingAttack(target.id, [2024, 2025, 2026]);
			expect(periods.length).toBeGreaterThan(2);
			expect(leaks).toEqual([]);
		}
	});
});
