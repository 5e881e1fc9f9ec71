// `npm run bench`: figures that matter to respondents and to the people who run the service.
//  1. What a respondent downloads (gzip) to answer a survey, with and without JavaScript.
//  2. Survey answer submissions per second and p99 latency at 50 concurrent connections against
//     the production build, beside a bare node:http + better-sqlite3 server doing the same writes
//     with the same pragmas, in the same run.
// Prints figures; asserts nothing. Timings depend on the machine and what else it is doing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const PORT = 4300;
const BARE_PORT = 4301;

if (!existsSync('build/index.js')) {
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'said-and-done-bench-'));
const origin = `http://127.0.0.1:${PORT}`;
const env = {
	...process.env,
	DATABASE_PATH: join(dir, 'bench.db'),
	MIGRATIONS_PATH: resolve('drizzle'),
	PORT: String(PORT),
	HOST: '127.0.0.1',
	ORIGIN: origin,
	FORM_POSTS_PER_MINUTE: '100000000'
};
const seeded = spawnSync(process.execPath, ['scripts/run.js', 'test/e2e/seed.ts'], {
	env,
	stdio: 'inherit'
});
if (seeded.status !== 0) process.exit(1);
const app = spawn(process.execPath, ['build/index.js'], { env, stdio: 'ignore' });

async function waitFor(url) {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url} did not answer`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function pageWeight(javaScriptEnabled) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	const urls = new Set();
	page.on('response', (res) => {
		if (res.status() === 200) urls.add(res.url());
	});
	await page.goto(`${origin}/s/every-question`);
	await page.getByRole('button', { name: 'Start now' }).click();
	await page.waitForURL(/\/p\//);
	await page.waitForLoadState('networkidle');
	const pageUrl = page.url();
	await browser.close();
	let total = 0;
	const rows = [];
	for (const url of urls) {
		// The start page and the question page are both counted; a respondent downloads both.
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		const gz = gzipSync(body, { level: 6 }).length;
		total += gz;
		rows.push([new URL(url).pathname.replace(/\/r\/[a-z0-9]+\//, '/r/…/'), gz]);
	}
	return { total, rows, pageUrl };
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(makeRequest) {
	const latencies = [];
	let errors = 0;
	const deadline = Date.now() + DURATION_MS;
	let n = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (Date.now() < deadline) {
				const i = n++;
				const started = performance.now();
				const res = await makeRequest(i);
				latencies.push(performance.now() - started);
				if (res.status !== 303 && res.status !== 200) errors++;
				await res.arrayBuffer();
			}
		})
	);
	latencies.sort((a, b) => a - b);
	return {
		perSecond: latencies.length / (DURATION_MS / 1000),
		p99: percentile(latencies, 99),
		p50: percentile(latencies, 50),
		errors
	};
}

// The bare server runs in a process of its own, as the app does, so neither shares a core with
// the load generator.
async function startBare() {
	const bare = spawn(
		process.execPath,
		['scripts/bench-bare.js', join(dir, 'bare.db'), String(BARE_PORT)],
		{
			stdio: 'ignore'
		}
	);
	await waitFor(`http://127.0.0.1:${BARE_PORT}/ready`);
	return { close: () => bare.kill('SIGTERM') };
}

try {
	await waitFor(`${origin}/healthz`);
	const withJs = await pageWeight(true);
	const withoutJs = await pageWeight(false);
	console.log('\nRespondent download for a survey (start page + first question page, gzip):');
	console.log(`  with JavaScript:    ${kb(withJs.total)}`);
	for (const [path, size] of withJs.rows) console.log(`    ${kb(size).padStart(9)}  ${path}`);
	console.log(`  without JavaScript: ${kb(withoutJs.total)}`);

	const pagePath = new URL(withJs.pageUrl).pathname.replace(/\/r\/[a-z0-9]+\//, '/r/TOKEN/');
	const tokens = [];
	for (let i = 0; i < 400; i++) {
		const res = await fetch(`${origin}/s/every-question`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
		});
		const location = res.headers.get('location');
		if (!location)
			throw new Error(
				`Starting response ${i} failed: ${res.status} ${(await res.text()).slice(0, 80)}`
			);
		tokens.push(location.match(/\/r\/([a-z0-9]+)\//)[1]);
	}
	const appResult = await load((i) =>
		fetch(origin + pagePath.replace('TOKEN', tokens[i % tokens.length]), {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: `q_contact=${i % 2 ? 'phone' : 'email'}`
		})
	);
	const bare = await startBare();
	const bareResult = await load((i) =>
		fetch(`http://127.0.0.1:${BARE_PORT}/submit`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `response=${(i % 1000) + 1}&q_contact=${i % 2 ? 'phone' : 'email'}`
		})
	);
	bare.close();
	console.log(
		`\nAnswer submissions (one page saved per request), ${CONCURRENCY} concurrent connections, ${DURATION_MS / 1000} s each:`
	);
	console.log(
		`  Said & Done (production build): ${appResult.perSecond.toFixed(0)}/s, p50 ${appResult.p50.toFixed(1)} ms, p99 ${appResult.p99.toFixed(1)} ms, errors ${appResult.errors}`
	);
	console.log(
		`  bare node:http + better-sqlite3: ${bareResult.perSecond.toFixed(0)}/s, p50 ${bareResult.p50.toFixed(1)} ms, p99 ${bareResult.p99.toFixed(1)} ms, errors ${bareResult.errors}`
	);
	console.log(
		`  ratio: ${(appResult.perSecond / bareResult.perSecond).toFixed(2)} of the bare server's throughput\n`
	);
} finally {
	app.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}

// 3. Results over 100,000 responses: measures, a breakdown and a streamed CSV export.
spawnSync(process.execPath, ['scripts/bench-results.js'], { stdio: 'inherit' });
