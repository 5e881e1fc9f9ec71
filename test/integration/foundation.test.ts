import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { auditLog, organisation, service, user } from '../../src/lib/server/db/schema';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

describe('first run', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(() => server?.stop());

	test('an empty database sends visitors to set-up, which creates the first admin once', async () => {
		const client = new Client(server.url);
		const home = await client.get('/');
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe('/setup');

		const bad = await client.post('/setup', {
			organisationName: 'Northgate Council',
			name: 'Ada',
			email: 'not-an-email',
			password: 'short',
			confirmPassword: 'short'
		});
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain('Enter an email address in the correct format');
		expect(html).toContain('Password must be at least 12 characters');
		expect(html).toContain('value="Northgate Council"');
		expect(html).not.toContain('value="short"');

		const ok = await client.post('/setup', {
			organisationName: 'Northgate Council',
			name: 'Ada Admin',
			email: 'ada@example.org',
			password: TEST_PASSWORD,
			confirmPassword: TEST_PASSWORD
		});
		expect(ok.status).toBe(303);
		expect((await client.get('/admin/settings')).status).toBe(200);

		const again = await new Client(server.url).post('/setup', {
			organisationName: 'Hijack',
			name: 'Eve',
			email: 'eve@example.org',
			password: TEST_PASSWORD,
			confirmPassword: TEST_PASSWORD
		});
		expect(again.status).toBe(404);
		expect((await new Client(server.url).get('/setup')).status).toBe(404);
		const home2 = await new Client(server.url).get('/');
		expect(home2.status).toBe(200);
		expect(await home2.text()).toContain('Northgate Council');
	});
});

describe('the running application', () => {
	let server: TestServer;
	let db: Db;
	let admin: Client;

	beforeAll(async () => {
		server = await startServer();
		db = openTestDatabase(server.databasePath);
		await seedUsers(db);
		admin = new Client(server.url);
		await admin.signIn('admin@example.org', TEST_PASSWORD);
	});
	afterAll(async () => {
		db?.$client.close();
		await server?.stop();
	});

	test('security headers are on pages, endpoints and errors alike', async () => {
		for (const path of ['/', '/sign-in', '/healthz', '/no-such-page']) {
			const res = await new Client(server.url).get(path);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).not.toContain('unsafe-eval');
		}
		const page = await new Client(server.url).get('/sign-in');
		expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
	});

	test('the database runs with WAL, full sync, foreign keys and a busy timeout', () => {
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(Number(db.$client.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(
			5000
		);
	});

	test('organisation settings are validated, kept on error, saved and audited', async () => {
		const bad = await admin.post('/admin/settings', {
			name: '',
			nation: 'scotland',
			homesLcra: '7,000',
			homesLcho: '650',
			minGroupSize: '2',
			minGroupSizeText: '10'
		});
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain('Enter the organisation’s name');
		expect(html).toContain('must be a whole number');
		expect(html).toContain('Minimum group size must be between 3 and 1000');
		expect(html).toContain('value="7,000"');
		expect(db.select().from(organisation).get()?.nation).not.toBe('scotland');

		const ok = await admin.post('/admin/settings', {
			name: 'Riverside Homes',
			nation: 'scotland',
			homesLcra: '7350',
			homesLcho: '650',
			minGroupSize: '5',
			minGroupSizeText: '10'
		});
		expect(ok.status).toBe(303);
		const saved = db.select().from(organisation).get()!;
		expect(saved).toMatchObject({
			nation: 'scotland',
			homesLcra: 7350,
			homesLcho: 650,
			minGroupSize: 5
		});
		const entry = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'settings.update'))
			.all()
			.at(-1)!;
		expect(entry.actor).toContain('admin@example.org');
		expect((entry.after as { nation: string }).nation).toBe('scotland');
	});

	test('services are added, renamed without duplicates, retired, and every change is audited', async () => {
		expect((await admin.post('/admin/services?/create', { name: 'Repairs' })).status).toBe(303);
		const dup = await admin.post('/admin/services?/create', { name: 'repairs' });
		expect(dup.status).toBe(400);
		expect(await dup.text()).toContain('There is already a service called repairs');
		const repairs = db.select().from(service).where(eq(service.name, 'Repairs')).get()!;
		await admin.post('/admin/services?/rename', {
			id: String(repairs.id),
			[`name-${repairs.id}`]: 'Repairs and maintenance',
			name: 'Repairs and maintenance'
		});
		await admin.post('/admin/services?/retire', { id: String(repairs.id) });
		const after = db.select().from(service).where(eq(service.id, repairs.id)).get()!;
		expect(after).toMatchObject({ name: 'Repairs and maintenance', active: false });
		const actions = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entity, 'service'))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(['service.create', 'service.rename', 'service.retire']);
	});

	test('admins filter the audit log; the filter text is taken literally', async () => {
		const res = await admin.get('/admin/audit?entity=service&action=rename');
		const html = await res.text();
		expect(html).toContain('service.rename');
		expect(html).not.toContain('service.create');
		const none = await admin.get('/admin/audit?action=%25');
		expect(await none.text()).toContain('Nothing matches these filters');
	});

	test('text people type is shown as text, never as HTML', async () => {
		const script = '<script>alert(1)</script>';
		db.insert(user).values({ email: 'xss@example.org', name: script, role: 'staff' }).run();
		const html = await (await admin.get('/admin/users')).text();
		expect(html).not.toContain(script);
		expect(html).toContain('&lt;script>alert(1)&lt;/script>');
	});

	test('a body over the size limit gets 413, whether or not it declares its length', async () => {
		const big = 'x'.repeat(600 * 1024);
		const declared = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: `email=${big}`
		});
		expect(declared.status).toBe(413);
		const chunks = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 12; i++)
					controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
				controller.close();
			}
		});
		const streamed = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: chunks,
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);
	});

	test('healthz answers 200 while the database answers and 503 when its file is gone', async () => {
		const ok = await fetch(`${server.url}/healthz`);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ status: 'ok', database: 'ok' });
		for (const suffix of ['', '-wal', '-shm'])
			rmSync(server.databasePath + suffix, { force: true });
		const gone = await fetch(`${server.url}/healthz`);
		expect(gone.status).toBe(503);
		expect(await gone.json()).toMatchObject({ status: 'unavailable' });
	});
});

describe('configuration', () => {
	test('a bad value stops start-up with one line naming the variable', () => {
		const run = spawnSync(process.execPath, [resolve('build/index.js')], {
			env: {
				PATH: process.env.PATH,
				SMTP_PORT: 'seventy',
				DATABASE_PATH: '/tmp/never-used.db',
				PORT: '0'
			},
			encoding: 'utf8',
			timeout: 20_000
		});
		expect(run.status).not.toBe(0);
		const lines = run.stderr
			.trim()
			.split('\n')
			.filter((l) => l.includes('Configuration error'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('SMTP_PORT');
		expect(lines[0]).toContain('must be a port number');
	});
});
