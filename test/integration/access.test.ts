import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/roles';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';

/**
 * Every page, action and endpoint under the protected trees, found on disk, so a new route is
 * covered the day it is added. Who may open what follows DESIGN.md: admins everything; staff the
 * staff workspace except its admin-only pages; panel members and shoppers only their own trees.
 */
const ADMIN_ONLY = [
	'/admin/users',
	'/admin/settings',
	'/admin/services',
	'/admin/audit',
	'/admin/outbox',
	'/admin/retention',
	'/admin/complaint-settings',
	// Staff read service standards; only admins set them.
	'/admin/standards/new',
	'/admin/standards/1',
	'/admin/customers/1/subject-access',
	'/admin/customers/1/erase'
];

function allowed(path: string): Role[] | 'any' {
	if (path.startsWith('/account')) return 'any';
	if (ADMIN_ONLY.some((p) => path === p || path.startsWith(p + '/'))) return ['admin'];
	if (path.startsWith('/admin')) return ['admin', 'staff'];
	if (path.startsWith('/panel')) return ['admin', 'panel'];
	if (path.startsWith('/shopper')) return ['admin', 'shopper'];
	throw new Error(`Unclassified protected route ${path}`);
}

type Route = {
	path: string;
	dynamic: boolean;
	page: boolean;
	actions: string[];
	methods: string[];
};

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}

/** The keys of `export const actions = { … }`, in any of the ways an object key can be written. */
function actionNames(source: string, file: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const block = source.slice(start, source.indexOf('\n}', start));
	const names = [...block.matchAll(/^\t(?:async\s+)?['"]?([\w-]+)['"]?\s*(?::|\(|,|$)/gm)].map(
		(m) => m[1]!
	);
	if (names.length === 0) throw new Error(`No action names found in ${file}`);
	return names;
}

function protectedRoutes(): Route[] {
	const root = join('src', 'routes');
	const byDir = new Map<string, Route>();
	for (const file of walk(root)) {
		const dir = relative(root, file.slice(0, file.lastIndexOf(sep)));
		const top = dir.split(sep)[0];
		if (!['admin', 'panel', 'shopper', 'account'].includes(top ?? '')) continue;
		const name = file.slice(file.lastIndexOf(sep) + 1);
		const path =
			'/' +
			dir
				.split(sep)
				.filter((s) => !/^\(.*\)$/.test(s))
				.map((s) => s.replace(/^\[.*\]$/, '1'))
				.join('/');
		const route = byDir.get(dir) ?? {
			path,
			dynamic: dir.includes('['),
			page: false,
			actions: [],
			methods: []
		};
		const source = readFileSync(file, 'utf8');
		if (name === '+page.svelte') route.page = true;
		if (name === '+page.server.ts') route.actions = actionNames(source, file);
		if (name === '+server.ts')
			route.methods = [
				...source.matchAll(
					/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g
				)
			].map((m) => m[1]!);
		byDir.set(dir, route);
	}
	return [...byDir.values()];
}

let server: TestServer;
const clients = {} as Record<Role | 'anonymous', Client>;
const roleList: Role[] = ['admin', 'staff', 'panel', 'shopper'];

beforeAll(async () => {
	server = await startServer();
	const db = openTestDatabase(server.databasePath);
	await seedUsers(db);
	db.$client.close();
	clients.anonymous = new Client(server.url);
	for (const role of roleList) {
		clients[role] = new Client(server.url);
		await clients[role].signIn(`${role}@example.org`, TEST_PASSWORD);
	}
});

afterAll(() => server?.stop());

const routes = protectedRoutes();

test('the protected trees are found on disk', () => {
	const paths = routes.map((r) => r.path);
	expect(paths).toEqual(
		expect.arrayContaining([
			'/admin',
			'/admin/users',
			'/admin/users/1',
			'/panel',
			'/shopper',
			'/account'
		])
	);
});

describe.each(routes.filter((r) => r.page || r.methods.includes('GET')))('GET $path', (route) => {
	test('signed out: sent to sign-in, and back afterwards', async () => {
		const res = await clients.anonymous.get(route.path);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(route.path)}`);
	});

	test.each(roleList)('as %s', async (role) => {
		const who = allowed(route.path);
		const res = await clients[role].get(route.path);
		if (who === 'any' || who.includes(role)) {
			// A dynamic route may not find record 1, but it must not refuse the role.
			if (route.dynamic) expect([200, 404]).toContain(res.status);
			else expect(res.status).toBe(200);
		} else {
			expect(res.status).toBe(404);
			expect(await res.text()).not.toContain('govuk-table');
		}
	});
});

const actions = routes.flatMap((r) => r.actions.map((action) => ({ path: r.path, action })));
const refusedRoles = (path: string) =>
	roleList.filter((role) => {
		const who = allowed(path);
		return who !== 'any' && !who.includes(role);
	});

describe.each(actions)('POST $path ?/$action', ({ path, action }) => {
	const target = action === 'default' ? path : `${path}?/${action}`;

	test('signed out: sent to sign-in', async () => {
		const res = await clients.anonymous.post(target, { name: 'x' }, { accept: 'text/html' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
	});

	test.each(refusedRoles(path))('as %s: 404', async (role) => {
		const res = await clients[role].post(target, { name: 'x' }, { accept: 'text/html' });
		expect(res.status).toBe(404);
	});
});

/**
 * The same posts the way `use:enhance` sends them. SvelteKit then runs the action alone, with no
 * layout or page `load` after it, so only a guard inside the action itself can refuse.
 */
describe.each(actions)(
	'POST $path ?/$action (enhanced: the action’s own guard)',
	({ path, action }) => {
		const target = action === 'default' ? path : `${path}?/${action}`;
		const enhanced = { accept: 'application/json', 'x-sveltekit-action': 'true' };

		test('signed out: sent to sign-in', async () => {
			const res = await clients.anonymous.post(target, { name: 'x' }, enhanced);
			const result = (await res.json()) as { type: string; location?: string };
			expect(result.type).toBe('redirect');
			expect(result.location).toMatch(/^\/sign-in\?next=/);
		});

		test.each(refusedRoles(path))('as %s: 404', async (role) => {
			const res = await clients[role].post(target, { name: 'x' }, enhanced);
			expect(res.status).toBe(404);
			expect(((await res.json()) as { type: string }).type).toBe('error');
		});
	}
);

const endpoints = routes.flatMap((r) => r.methods.map((method) => ({ path: r.path, method })));

describe.each(endpoints)('$method $path (endpoint)', ({ path, method }) => {
	const send = (client: Client) => {
		const session = client.cookie('session');
		return fetch(server.url + path, {
			method,
			redirect: 'manual',
			headers: {
				origin: server.url,
				'content-type': 'application/json',
				...(session ? { cookie: `session=${session}` } : {})
			},
			body: method === 'GET' || method === 'HEAD' ? undefined : '{}'
		});
	};

	test('signed out: sent to sign-in', async () => {
		const res = await send(clients.anonymous);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
	});

	test.each(refusedRoles(path))('as %s: 404', async (role) => {
		const res = await send(clients[role]);
		expect(res.status).toBe(404);
	});
});
