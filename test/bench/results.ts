// Results at scale: generates 100,000 submitted responses with 1,000,000 answers (seeded, so every
// run builds the same data) in a temporary database, then times a survey's measures, one
// breakdown and full CSV and XLSX exports, and reports each export's peak memory.
//
//   node scripts/bench-results.js [responses]   (or: node scripts/run.js test/bench/results.ts)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateDatabase, openDatabase, type Db } from '$lib/server/db';
import { answer, response, service, survey, surveyVersion } from '$lib/server/db/schema';
import { seededRandom } from '$lib/server/demo/random';
import { breakdown } from '$lib/server/results/breakdown';
import { csvStream } from '$lib/server/results/csv';
import { responseRows } from '$lib/server/results/export';
import { xlsxStream } from '$lib/server/results/xlsx';
import { surveyResults } from '$lib/server/results/report';
import type { Answer, Question, SurveyDefinition } from '$lib/domain/survey';

const QUESTIONS: Question[] = [
	{ id: 'nps', code: 'NPS', type: 'nps', text: 'Recommend?', required: true },
	{
		id: 'sat1',
		code: 'SAT_OVERALL',
		type: 'satisfaction',
		text: 'Overall?',
		required: false,
		notApplicable: true
	},
	{
		id: 'sat2',
		code: 'SAT_REPAIRS',
		type: 'satisfaction',
		text: 'Repairs?',
		required: false,
		notApplicable: true
	},
	{
		id: 'sat3',
		code: 'SAT_CONTACT',
		type: 'satisfaction',
		text: 'Contact?',
		required: false,
		notApplicable: false
	},
	{ id: 'ces', code: 'CES', type: 'effort', text: 'Easy?', required: false },
	{
		id: 'agree',
		code: 'FAIR',
		type: 'agreement',
		text: 'Fair?',
		required: false,
		notApplicable: true
	},
	{ id: 'first', code: 'FIRST_TIME', type: 'yes-no', text: 'First time?', required: false },
	{ id: 'rating', code: 'RATING', type: 'rating', text: 'Rate us', required: false },
	{
		id: 'how',
		code: 'HOW',
		type: 'single-choice',
		text: 'How did you contact us?',
		required: false,
		options: ['phone', 'email', 'web', 'visit'].map((v) => ({ value: v, label: v }))
	},
	{ id: 'why', code: 'WHY', type: 'long-text', text: 'Why?', required: false, maxLength: 2000 }
];
const SATISFACTION = [
	'very-satisfied',
	'fairly-satisfied',
	'neither',
	'fairly-dissatisfied',
	'very-dissatisfied'
];
const AGREEMENT = ['strongly-agree', 'agree', 'neither', 'disagree', 'strongly-disagree'];
const CHANNELS = ['online', 'telephone', 'paper', 'face-to-face'] as const;

function generate(db: Db, responses: number) {
	const random = seededRandom(20260401);
	const serviceIds = ['Repairs', 'Lettings', 'Rent', 'Estates', 'Anti-social behaviour'].map(
		(name) => db.insert(service).values({ name }).returning().get().id
	);
	const definition: SurveyDefinition = { pages: [{ id: 'p1', questions: QUESTIONS }] };
	const s = db
		.insert(survey)
		.values({ title: 'Bench', slug: 'bench', status: 'open' })
		.returning()
		.get();
	const v = db
		.insert(surveyVersion)
		.values({ surveyId: s.id, number: 1, definition })
		.returning()
		.get();
	const start = Date.UTC(2025, 3, 1);
	const year = 365 * 86_400_000;
	const BATCH = 1000;
	for (let first = 0; first < responses; first += BATCH) {
		db.$client.transaction(() => {
			const rows = [];
			for (let i = first; i < Math.min(responses, first + BATCH); i++)
				rows.push({
					surveyId: s.id,
					versionId: v.id,
					reference: `BN-${String(i).padStart(8, '0')}`,
					status: 'submitted' as const,
					channel: random.pick(CHANNELS),
					tenure: random.chance(0.8) ? ('LCRA' as const) : ('LCHO' as const),
					serviceId: random.pick(serviceIds),
					submittedAt: new Date(start + Math.floor(random.next() * year))
				});
			const ids = db.insert(response).values(rows).returning({ id: response.id }).all();
			const answers: (typeof answer.$inferInsert)[] = [];
			for (const { id } of ids) {
				const value = (q: Question): Answer => {
					switch (q.type) {
						case 'nps':
							return { type: 'number', value: random.int(0, 10) };
						case 'effort':
							return { type: 'number', value: random.int(1, 7) };
						case 'rating':
							return { type: 'number', value: random.int(1, 10) };
						case 'satisfaction':
							return {
								type: 'choice',
								value: random.chance(0.05) ? 'not-applicable' : random.pick(SATISFACTION)
							};
						case 'agreement':
							return { type: 'choice', value: random.pick(AGREEMENT) };
						case 'yes-no':
							return { type: 'choice', value: random.pick(['yes', 'no']) };
						case 'single-choice':
							return { type: 'choice', value: random.pick(q.options).value };
						default:
							return {
								type: 'text',
								value: `=cmd|' /C calc'!A0 comment ${random.int(1, 1_000_000)}`
							};
					}
				};
				for (const q of QUESTIONS)
					answers.push({ responseId: id, questionId: q.id, questionCode: q.code, value: value(q) });
			}
			for (let a = 0; a < answers.length; a += 500)
				db.insert(answer)
					.values(answers.slice(a, a + 500))
					.run();
		})();
	}
	return { survey: s, definition };
}

function time<T>(label: string, work: () => T): T {
	const began = performance.now();
	const result = work();
	console.log(`${label}: ${(performance.now() - began).toFixed(0)} ms`);
	return result;
}

export async function main(args: string[]) {
	const responses = Number(args[0] ?? 100_000);
	const dir = mkdtempSync(join(tmpdir(), 'said-and-done-bench-'));
	try {
		const db = openDatabase(join(dir, 'bench.db'));
		migrateDatabase(db, resolve('drizzle'));
		const { survey: s, definition } = time(`generate ${responses} responses`, () =>
			generate(db, responses)
		);
		const answers = db.$client.prepare('select count(*) as n from answer').get() as { n: number };
		console.log(`answers: ${answers.n}`);
		time('measures, first run', () => surveyResults(db, s.id, definition, {}, 'admin'));
		const results = time('measures (every question, NPS, CSAT, effort)', () =>
			surveyResults(db, s.id, definition, {}, 'admin')
		);
		const nps = results.questions.find((q) => q.code === 'NPS')?.measure;
		console.log(`NPS n = ${nps?.result.n}`);
		time('breakdown of NPS by service', () =>
			breakdown(db, s.id, {}, QUESTIONS[0]!, 'service', 'panel')
		);
		time('measures with a filter (telephone, LCRA)', () =>
			surveyResults(db, s.id, definition, { channel: 'telephone', tenure: 'LCRA' }, 'admin')
		);

		const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
		for (const [format, stream] of [
			['CSV', () => csvStream(responseRows(db, s, {}))],
			['XLSX', () => xlsxStream(responseRows(db, s, {}), 'Responses')]
		] as const) {
			global.gc?.();
			const baseline = process.memoryUsage();
			let peakRss = baseline.rss;
			let peakHeap = baseline.heapUsed;
			let bytes = 0;
			const reader = stream().getReader();
			const began = performance.now();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				bytes += value.byteLength;
				const now = process.memoryUsage();
				peakRss = Math.max(peakRss, now.rss);
				peakHeap = Math.max(peakHeap, now.heapUsed);
			}
			console.log(
				`${format} export: ${mb(bytes)} in ${(performance.now() - began).toFixed(0)} ms; ` +
					`heap peak ${mb(peakHeap)} (from ${mb(baseline.heapUsed)}), RSS peak ${mb(peakRss)} (from ${mb(baseline.rss)})`
			);
		}
		db.$client.close();
		return 0;
	} finally {
		if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
		else console.log(`kept ${dir}`);
	}
}
