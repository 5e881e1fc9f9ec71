import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	mysteryAssignment,
	mysteryEvidence,
	scorecardTemplateVersion,
	service,
	user
} from '../../src/lib/server/db/schema';
import type { ScorecardTemplate } from '../../src/lib/domain/scorecard';
import { Client } from './support/client';
import { openTestDatabase, seedUsers, TEST_PASSWORD } from './support/database';
import { startServer, type TestServer } from './support/server';
import { hashPassword } from '../../src/lib/server/auth/password';

const MAX_BYTES = 100_000;
let server: TestServer;
let db: Db;
let evidenceDir: string;
const staff = () => clients.staff;
const clients = {} as Record<'staff' | 'panel' | 'shopper' | 'shopper2' | 'admin', Client>;
let repairsId: number;
let lettingsId: number;
let shopperId: number;
let shopper2Id: number;

// Minimal files: real magic bytes, or not.
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82
]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const TEXT = new TextEncoder().encode('this is not a picture at all');

/** Posts multipart/form-data with the client's session, as a browser with or without JS would. */
async function postMultipart(
	client: Client,
	path: string,
	fields: Record<string, string>,
	files: { field: string; name: string; bytes: Uint8Array; type?: string }[] = []
) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	for (const f of files)
		body.append(
			f.field,
			new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/jpeg' }),
			f.name
		);
	return fetch(client.base + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie: `session=${client.cookie('session')}`,
			origin: client.base,
			accept: 'text/html'
		},
		body
	});
}

function definitionOf(templateId: number): ScorecardTemplate {
	const rows = db
		.select()
		.from(scorecardTemplateVersion)
		.where(eq(scorecardTemplateVersion.templateId, templateId))
		.all();
	return rows.sort((a, b) => b.version - a.version)[0]!.definition;
}

function evidenceFiles(): string[] {
	try {
		return readdirSync(evidenceDir);
	} catch {
		return [];
	}
}

beforeAll(async () => {
	evidenceDir = join(mkdtempSync(join(tmpdir(), 'said-and-done-evidence-')), 'evidence');
	server = await startServer({
		BODY_SIZE_LIMIT: '6M',
		EVIDENCE_PATH: evidenceDir,
		EVIDENCE_MAX_BYTES: String(MAX_BYTES)
	});
	db = openTestDatabase(server.databasePath);
	const users = await seedUsers(db);
	shopperId = users.shopper.id;
	shopper2Id = db
		.insert(user)
		.values({
			email: 'shopper2@example.org',
			name: 'Second Shopper',
			role: 'shopper',
			passwordHash: await hashPassword(TEST_PASSWORD)
		})
		.returning()
		.get().id;
	repairsId = db.insert(service).values({ name: 'Repairs' }).returning().get().id;
	lettingsId = db.insert(service).values({ name: 'Lettings' }).returning().get().id;
	for (const [key, email] of [
		['staff', 'staff@example.org'],
		['admin', 'admin@example.org'],
		['panel', 'panel@example.org'],
		['shopper', 'shopper@example.org'],
		['shopper2', 'shopper2@example.org']
	] as const) {
		clients[key] = new Client(server.url);
		await clients[key].signIn(email, TEST_PASSWORD);
	}
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
	rmSync(join(evidenceDir, '..'), { recursive: true, force: true });
});

let templateId: number;
let assignmentId: number;
const ids = {} as Record<'rings' | 'name' | 'manner' | 'leaflet' | 'identity', string>;

describe('mystery shopping, end to end over HTTP', () => {
	test('staff build a telephone scorecard with sections, weights and every kind of item', async () => {
		const created = await staff().post('/admin/mystery-shopping/templates?/create', {
			name: 'Telephone standards',
			channel: 'telephone'
		});
		expect(created.status).toBe(303);
		templateId = Number(created.headers.get('location')!.split('/').pop());
		const base = `/admin/mystery-shopping/templates/${templateId}`;

		for (const [title, weight] of [
			['Answering', '40'],
			['Handling', '60']
		] as const)
			expect(
				(
					await staff().post(`${base}?/addSection`, {
						'new-section-title': title,
						'new-section-weight': weight
					})
				).status
			).toBe(303);
		const [answering, handling] = definitionOf(templateId).sections;

		const add = (sectionId: string, fields: Record<string, string>) =>
			staff().post(`${base}?/addItem`, { sectionId, points: '1', ...fields });
		expect(
			(
				await add(answering!.id, {
					kind: 'measured',
					text: 'Rings before answer',
					points: '2',
					unit: 'rings',
					threshold: '5',
					direction: 'at-most'
				})
			).status
		).toBe(303);
		expect((await add(answering!.id, { kind: 'yes-no', text: 'Gave their name' })).status).toBe(
			303
		);
		expect((await add(handling!.id, { kind: 'scale', text: 'Manner', points: '2' })).status).toBe(
			303
		);
		expect(
			(
				await add(handling!.id, {
					kind: 'yes-no-na',
					text: 'Sent a leaflet',
					evidenceRequired: 'on'
				})
			).status
		).toBe(303);
		expect(
			(
				await add(handling!.id, {
					kind: 'yes-no',
					text: 'Checked identity',
					points: '3',
					critical: 'on'
				})
			).status
		).toBe(303);

		const refused = await add(handling!.id, {
			kind: 'scale',
			text: 'Critical scale',
			critical: 'on'
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('cannot be critical');

		const items = definitionOf(templateId).sections.flatMap((s) => s.items);
		expect(items.map((i) => i.kind)).toEqual([
			'measured',
			'yes-no',
			'scale',
			'yes-no-na',
			'yes-no'
		]);
		[ids.rings, ids.name, ids.manner, ids.leaflet, ids.identity] = items.map((i) => i.id) as [
			string,
			string,
			string,
			string,
			string
		];
		expect(items[4]).toMatchObject({ critical: true, points: 3 });
	});

	test('staff assign a call; the same shopper cannot get the same service again within the interval', async () => {
		const assign = (shopper: number, service: number, from: string, to: string) =>
			staff().post('/admin/mystery-shopping/assignments?/create', {
				templateId: String(templateId),
				serviceId: String(service),
				shopperId: String(shopper),
				windowFrom: from,
				windowTo: to,
				brief: 'Ring the repairs line and report a dripping tap.'
			});
		expect((await assign(shopperId, repairsId, '2026-01-05', '2026-01-16')).status).toBe(303);
		const again = await assign(shopperId, repairsId, '2026-03-01', '2026-03-10');
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('within 90 days');
		expect((await assign(shopperId, repairsId, '2026-04-06', '2026-04-16')).status).toBe(303);
		expect((await assign(shopperId, lettingsId, '2026-01-05', '2026-01-16')).status).toBe(303);
		expect((await assign(shopper2Id, repairsId, '2026-01-05', '2026-01-16')).status).toBe(303);
		const mine = db
			.select()
			.from(mysteryAssignment)
			.where(eq(mysteryAssignment.shopperId, shopperId))
			.all();
		assignmentId = mine.find((a) => a.serviceId === repairsId && a.windowFrom === '2026-01-05')!.id;
		expect(mine).toHaveLength(3);
	});

	test('a shopper sees only their own assignments; another shopper’s is 404, for pages and actions', async () => {
		const own = await clients.shopper.get(`/shopper/assignments/${assignmentId}`);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain('dripping tap');
		const other = await clients.shopper2.get(`/shopper/assignments/${assignmentId}`);
		expect(other.status).toBe(404);
		const otherPost = await postMultipart(
			clients.shopper2,
			`/shopper/assignments/${assignmentId}?/save`,
			{
				[`answer.${ids.name}`]: 'yes'
			}
		);
		expect(otherPost.status).toBe(404);
		const home2 = await (await clients.shopper2.get('/shopper')).text();
		expect(home2).toContain('Repairs');
		expect(home2).not.toContain('Lettings');
		// Shoppers never reach the staff side, including evidence downloads.
		expect((await clients.shopper.get('/admin/mystery-shopping/review')).status).toBe(404);
	});

	const good = () => ({
		visitedAt: '2026-01-07T10:30',
		[`answer.${ids.rings}`]: '5',
		[`answer.${ids.name}`]: 'no',
		[`comment.${ids.name}`]: 'Just said "Repairs".',
		[`answer.${ids.manner}`]: '4',
		[`answer.${ids.leaflet}`]: 'yes',
		[`answer.${ids.identity}`]: 'yes'
	});
	const submit = `/shopper/assignments/0?/submit`;
	const path = (action: string) =>
		submit.replace('0', String(assignmentId)).replace('submit', action);
	const stored = () =>
		db.select().from(mysteryAssignment).where(eq(mysteryAssignment.id, assignmentId)).get()!;
	const evidenceRows = () => db.select().from(mysteryEvidence).all();

	test.each([
		[
			'a score outside the item’s range',
			{ [`answer.${'manner'}`]: '7' },
			'must be a whole number from 1 to 5'
		],
		[
			'an answer to another template’s item',
			{ 'answer.i-not-here': 'yes' },
			'not on this scorecard'
		],
		['a “no” without a comment', { [`comment.${'name'}`]: '' }, 'Add a comment']
	])(
		'%s is refused with a clear message and nothing is written',
		async (_label, change, message) => {
			const fields: Record<string, string> = { ...good() };
			for (const [k, v] of Object.entries(change)) {
				const key = k.replace(/\.(manner|name)$/, (_m, name: 'manner' | 'name') => `.${ids[name]}`);
				fields[key] = v;
			}
			const before = stored();
			const res = await postMultipart(clients.shopper, path('submit'), fields, [
				{ field: `evidence.${ids.leaflet}`, name: 'leaflet.png', bytes: PNG, type: 'image/png' }
			]);
			expect(res.status).toBe(400);
			expect(await res.text()).toContain(message);
			expect(stored()).toEqual(before);
			expect(evidenceRows()).toHaveLength(0);
			expect(evidenceFiles()).toEqual([]);
		}
	);

	test.each([
		[
			'text named as a photo',
			'photo.jpg',
			TEXT,
			'must be a JPEG, PNG, GIF or WebP image, or a PDF'
		],
		['a PDF named as a PNG', 'scan.png', PDF, 'is not what its name says'],
		[
			'a PNG over the size limit',
			'huge.png',
			new Uint8Array([...PNG, ...new Uint8Array(MAX_BYTES)]),
			'must be smaller than'
		]
	])(
		'evidence that is %s is refused, with nothing on disk or in the database',
		async (_l, name, bytes, message) => {
			const before = stored();
			for (const action of ['save', 'submit']) {
				const res = await postMultipart(clients.shopper, path(action), good(), [
					{ field: `evidence.${ids.leaflet}`, name, bytes }
				]);
				expect(res.status).toBe(400);
				expect(await res.text()).toContain(message);
			}
			expect(stored()).toEqual(before);
			expect(evidenceRows()).toHaveLength(0);
			expect(evidenceFiles()).toEqual([]);
		}
	);

	test('saving progress keeps a partial scorecard; submitting needs every answer and the evidence', async () => {
		const partial = await postMultipart(clients.shopper, path('save'), {
			visitedAt: '2026-01-07T10:30',
			[`answer.${ids.rings}`]: '5'
		});
		expect(partial.status).toBe(303);
		expect(stored().answers[ids.rings]).toEqual({ value: '5', comment: null });
		expect(stored().status).toBe('assigned');

		const missingEvidence = await postMultipart(clients.shopper, path('submit'), good());
		expect(missingEvidence.status).toBe(400);
		expect(await missingEvidence.text()).toContain('Add evidence for');
	});

	test('a good submission stores evidence under a random name, and only staff can download it', async () => {
		const res = await postMultipart(clients.shopper, path('submit'), good(), [
			{ field: `evidence.${ids.leaflet}`, name: 'leaflet.png', bytes: PNG, type: 'image/png' }
		]);
		expect(res.status).toBe(303);
		expect(stored().status).toBe('pending');
		const files = evidenceFiles();
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^[a-f0-9]{32}\.png$/);
		const [row] = evidenceRows();
		expect(row).toMatchObject({
			originalName: 'leaflet.png',
			mimeType: 'image/png',
			storedName: files[0]
		});

		const url = `/admin/mystery-shopping/evidence/${row!.id}`;
		const download = await staff().get(url);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toMatch(
			/^attachment; filename="visit-\d+-evidence-\d+\.png"$/
		);
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
		expect(readFileSync(join(evidenceDir, files[0]!))).toEqual(Buffer.from(PNG));
		for (const who of ['shopper', 'shopper2', 'panel'] as const)
			expect((await clients[who].get(url)).status).toBe(404);

		// Once submitted, the shopper can no longer change it.
		const late = await postMultipart(clients.shopper, path('save'), good());
		expect(late.status).toBe(400);
	});

	test('the reviewer sees the checks, returns with a note, and approves the amended visit', async () => {
		const report = await (
			await staff().get(`/admin/mystery-shopping/visits/${assignmentId}`)
		).text();
		for (const check of [
			'Visit inside the window',
			'A comment for every',
			'Evidence where required',
			'Submitted on time'
		])
			expect(report).toContain(check);
		expect(report).toContain('Test shopper'); // staff may see who the shopper was

		const noNote = await staff().post(`/admin/mystery-shopping/visits/${assignmentId}?/review`, {
			decision: 'return'
		});
		expect(noNote.status).toBe(400);
		expect(await noNote.text()).toContain('Enter a note');
		const returned = await staff().post(`/admin/mystery-shopping/visits/${assignmentId}?/review`, {
			decision: 'return',
			note: 'Please add the time you called.'
		});
		expect(returned.status).toBe(303);
		expect(stored().status).toBe('returned');
		const page = await (await clients.shopper.get(`/shopper/assignments/${assignmentId}`)).text();
		expect(page).toContain('Please add the time you called.');
		expect(page).not.toContain('Test staff');

		const resubmitted = await postMultipart(clients.shopper, path('submit'), {
			...good(),
			visitedAt: '2026-01-07T10:35'
		});
		expect(resubmitted.status).toBe(303);
		expect(stored().status).toBe('pending');
		expect(
			(
				await staff().post(`/admin/mystery-shopping/visits/${assignmentId}?/review`, {
					decision: 'approve'
				})
			).status
		).toBe(303);
		expect(stored().status).toBe('approved');
	});

	test('results count approved visits only; pending, returned and rejected never do', async () => {
		// Worked by hand: Answering (weight 40): rings 5 ≤ 5 → 2 of 2, name "no" → 0 of 1: 2/3.
		// Handling (weight 60): manner 4 → 2 × 3/4 = 1.5 of 2, leaflet yes 1 of 1, identity yes 3 of 3:
		// 5.5/6. Visit = (40 × 66.67 + 60 × 91.67) ÷ 100 = 26.667 + 55 = 81.667 → 81.7%.
		const critical = {
			...good(),
			[`answer.${ids.identity}`]: 'no',
			[`comment.${ids.identity}`]: 'Never asked'
		};
		const others = db
			.select()
			.from(mysteryAssignment)
			.all()
			.filter((a) => a.id !== assignmentId);
		// Three more visits, each with a critical fail that would drag the average to 0 if counted.
		const statuses = ['pending', 'returned', 'rejected'] as const;
		others.slice(0, 3).forEach((a, i) => {
			db.update(mysteryAssignment)
				.set({
					status: statuses[i],
					visitedAt: critical.visitedAt,
					submittedAt: new Date(),
					answers: Object.fromEntries(
						Object.entries(critical)
							.filter(([k]) => k.startsWith('answer.'))
							.map(([k, v]) => {
								const id = k.slice('answer.'.length);
								return [
									id,
									{ value: v, comment: critical[`comment.${id}`] ?? (v === 'no' ? 'x' : null) }
								];
							})
					)
				})
				.where(eq(mysteryAssignment.id, a.id))
				.run();
			// The leaflet item needs evidence for the visit to score; a row without a file is enough here.
			db.insert(mysteryEvidence)
				.values({
					assignmentId: a.id,
					itemId: ids.leaflet,
					storedName: `${'0'.repeat(31)}${i}.png`,
					originalName: 'x.png',
					mimeType: 'image/png',
					size: 1
				})
				.run();
		});
		const html = await (
			await staff().get(`/admin/mystery-shopping/results?template=${templateId}`)
		).text();
		expect(html).toMatch(/data-testid="average-final"[^>]*>\s*81\.7% over 1 approved visits/);
		expect(html).toMatch(/data-testid="critical-rate"[^>]*>\s*0\.0% \(0 of 1\)/);
		expect(html).toMatch(
			/data-testid="not-counted"[^>]*>\s*1 awaiting review, 1 returned, 1 rejected/
		);
		// Panel members never see staff results (nor shopper identities).
		expect(
			(await clients.panel.get(`/admin/mystery-shopping/results?template=${templateId}`)).status
		).toBe(404);
	});

	test('a scoring change to a template in use makes a new version; earlier visits keep theirs', async () => {
		const base = `/admin/mystery-shopping/templates/${templateId}`;
		const versionBefore = stored().templateVersionId;
		const wording = await staff().post(`${base}?/editItem`, {
			itemId: ids.name,
			kind: 'yes-no',
			text: 'Gave their first name',
			points: '1'
		});
		expect(wording.headers.get('location')).toMatch(/\?saved/);
		const scoring = await staff().post(`${base}?/editItem`, {
			itemId: ids.name,
			kind: 'yes-no',
			text: 'Gave their first name',
			points: '4'
		});
		expect(scoring.status).toBe(303);
		expect(scoring.headers.get('location')).toMatch(/\?version=2/);
		expect(stored().templateVersionId).toBe(versionBefore);
		const versions = db
			.select()
			.from(scorecardTemplateVersion)
			.where(eq(scorecardTemplateVersion.templateId, templateId))
			.all();
		expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
		const v1 = versions.find((v) => v.version === 1)!.definition;
		expect(v1.sections[0]!.items[1]).toMatchObject({ text: 'Gave their first name', points: 1 });
		// The approved visit still scores the same.
		const html = await (
			await staff().get(`/admin/mystery-shopping/results?template=${templateId}`)
		).text();
		expect(html).toMatch(/81\.7% over 1 approved visits/);
	});
});
