import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openTestDatabase } from './support/database';

const dir = mkdtempSync(join(tmpdir(), 'said-and-done-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the demo command fills a database with a realistic organisation and prints one account per role', () => {
	const databasePath = join(dir, 'demo.db');
	const run = spawnSync(process.execPath, ['scripts/run.js', 'src/lib/server/demo/seed.ts'], {
		env: { ...process.env, DATABASE_PATH: databasePath, MIGRATIONS_PATH: resolve('drizzle') },
		encoding: 'utf8',
		timeout: 120_000
	});
	expect(run.status, run.stderr).toBe(0);
	for (const role of ['admin', 'staff', 'panel', 'shopper'])
		expect(run.stdout).toMatch(
			new RegExp(`${role}\\s+${role}@riverside\\.example\\s+[a-z2-7]{20}`)
		);

	const db = openTestDatabase(databasePath);
	const count = (query: string) => Number(db.$client.prepare(query).pluck().get());
	try {
		expect(count('select homes_lcra + homes_lcho from organisation')).toBeGreaterThanOrEqual(7500);
		expect(count('select count(*) from service')).toBeGreaterThanOrEqual(5);
		const tsm = count(
			`select count(*) from response r join survey s on s.id = r.survey_id where s.template_key = 'tsm-perception'`
		);
		expect(tsm).toBeGreaterThanOrEqual(1100);
		expect(count(`select count(distinct tenure) from response where tenure is not null`)).toBe(2);
		expect(
			count(
				`select count(*) from response r join survey s on s.id = r.survey_id where s.template_key = 'repair-satisfaction'`
			)
		).toBeGreaterThanOrEqual(2000);
		expect(
			count(`select count(*) from survey where template_key = 'consultation' and status = 'open'`)
		).toBe(1);
		expect(count('select count(*) from complaint')).toBeGreaterThan(100);
		// Three published consultations, each with a survey, two focus groups, findings and actions.
		expect(count('select count(*) from consultation where published_at is not null')).toBe(3);
		expect(
			count('select min(n) from (select count(*) as n from focus_group group by consultation_id)')
		).toBe(2);
		expect(count('select count(distinct consultation_id) from consultation_survey')).toBe(3);
		expect(count('select count(distinct consultation_id) from finding')).toBe(3);
		// Every consultation has actions in every status.
		expect(
			count(
				'select min(n) from (select count(distinct status) as n from consultation_action group by consultation_id)'
			)
		).toBe(4);
		expect(count('select count(*) from finding_evidence')).toBeGreaterThan(6);
		expect(
			count(
				'select count(*) from complaint_handling_response h join response r on r.id = h.response_id'
			)
		).toBeGreaterThan(10);

		// Scrutiny: one review sent and answered in every way, with actions in three states; one still being written.
		expect(count('select count(*) from scrutiny_review where submitted_at is not null')).toBe(1);
		expect(count('select count(*) from scrutiny_review where submitted_at is null')).toBe(1);
		expect(count('select count(distinct response) from scrutiny_recommendation')).toBe(3);
		expect(
			count(
				"select count(*) from scrutiny_recommendation where response != 'accepted' and reasons = ''"
			)
		).toBe(0);
		expect(count('select count(distinct status) from scrutiny_action')).toBe(3);
		expect(count('select count(*) from scrutiny_evidence where survey_id is not null')).toBe(1);
		expect(
			count("select count(*) from result_remark where kind = 'challenge' and reply is null")
		).toBe(1);
		expect(
			count("select count(*) from result_remark where kind = 'challenge' and reply is not null")
		).toBe(1);
		expect(count("select count(*) from result_remark where kind = 'comment'")).toBe(1);

		// Service standards of every measure, with replies recorded to measure them against.
		expect(count('select count(distinct measure) from service_standard')).toBe(4);
		expect(
			count(
				"select count(*) from contact where kind != 'complaint' and replied_at is not null and replied_at >= received_at"
			)
		).toBeGreaterThan(100);
		expect(
			count("select count(*) from contact where kind = 'complaint' and replied_at is not null")
		).toBe(0);

		// Surveys: the TSM over 12 months, the repairs survey over 2 years across services and channels.
		const DAY = 86_400_000;
		const spanDays = (key: string) =>
			count(
				`select (max(r.submitted_at) - min(r.submitted_at)) from response r join survey s on s.id = r.survey_id where s.template_key = '${key}'`
			) / DAY;
		expect(spanDays('tsm-perception')).toBeGreaterThan(300);
		expect(spanDays('repair-satisfaction')).toBeGreaterThan(650);
		const repairs = `from response r join survey s on s.id = r.survey_id where s.template_key = 'repair-satisfaction'`;
		expect(count(`select count(distinct r.channel) ${repairs}`)).toBeGreaterThanOrEqual(3);
		expect(count(`select count(distinct r.service_id) ${repairs}`)).toBeGreaterThanOrEqual(2);

		// Complaints: outcomes at both stages, some extended (a few beyond the maximum), some open.
		for (const stage of [1, 2])
			expect(
				count(
					`select count(distinct outcome) from complaint_stage where stage = ${stage} and outcome is not null`
				),
				`outcomes at stage ${stage}`
			).toBeGreaterThanOrEqual(4);
		expect(count('select count(*) from complaint_extension')).toBeGreaterThan(5);
		expect(
			count('select count(*) from complaint_extension where beyond_maximum = 1')
		).toBeGreaterThan(0);
		expect(count(`select count(*) from complaint where status = 'open'`)).toBeGreaterThan(0);
		// Contacts: compliments, comments and questions as well as complaints.
		for (const kind of ['compliment', 'comment', 'question'])
			expect(count(`select count(*) from contact where kind = '${kind}'`), kind).toBeGreaterThan(
				20
			);

		// Mystery shopping: a telephone and a walk-in scorecard, three shoppers, about 150 visits over
		// a year, in every review state.
		expect(
			count(
				`select count(distinct channel) from scorecard_template where channel in ('telephone', 'visit')`
			)
		).toBe(2);
		expect(count('select count(distinct shopper_id) from mystery_assignment')).toBe(3);
		const visits = count('select count(*) from mystery_assignment');
		expect(visits).toBeGreaterThanOrEqual(120);
		expect(visits).toBeLessThanOrEqual(200);
		expect(
			count(
				`select julianday(max(window_from)) - julianday(min(window_from)) from mystery_assignment`
			)
		).toBeGreaterThan(300);
		for (const status of ['assigned', 'pending', 'approved', 'returned', 'rejected'])
			expect(
				count(`select count(*) from mystery_assignment where status = '${status}'`),
				status
			).toBeGreaterThan(0);
	} finally {
		db.$client.close();
	}
}, 120_000);
