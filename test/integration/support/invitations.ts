import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { survey } from '../../../src/lib/server/db/schema';
import { Client } from './client';
import type { ReceivedMail } from './smtp';

export async function until<T>(probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = probe();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('Timed out waiting');
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates, sets up and opens an invitation-only NPS survey; returns its id. */
export async function openInvitationSurvey(staff: Client, db: Db, title: string) {
	const created = await staff.post('/admin/surveys?/create', { template: 'nps', title });
	const id = Number(created.headers.get('location')!.split('/').pop());
	const s = db.select().from(survey).where(eq(survey.id, id)).get()!;
	await staff.post(`/admin/surveys/${id}?/settings`, {
		title,
		description: 'We want to know how well we handle repairs.',
		slug: s.slug,
		accessMode: 'invitation',
		anonymity: 'anonymous'
	});
	expect((await staff.post(`/admin/surveys/${id}?/open`)).status).toBe(303);
	return id;
}

export const surveyLinkIn = (mail: ReceivedMail) =>
	mail.text!.match(/https?:\/\/\S+\/i\/[a-z2-7]+/)![0];

export const unsubscribeLinkIn = (mail: ReceivedMail) =>
	mail.raw.match(/^List-Unsubscribe:\s+<([^>]+)>/m)![1]!;

/** What a mail provider sends for a one-click unsubscribe (RFC 8058). */
export function unsubscribeOneClick(url: string) {
	return fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: 'List-Unsubscribe=One-Click'
	});
}

/** Answers an NPS survey through an invitation link; returns the status of the final post. */
export async function answerThrough(base: string, link: string) {
	const client = new Client(base);
	const open = await client.get(new URL(link).pathname);
	expect(open.status).toBe(303);
	let next = open.headers.get('location')!;
	const html = await (await client.get(next)).text();
	const field = html.match(/name="(q_[^"]+)" type="radio" value="10"/)![1]!;
	let res = await client.post(next, { [field]: '9' });
	next = res.headers.get('location')!;
	while (!next.endsWith('/check')) {
		res = await client.post(next, {});
		next = res.headers.get('location')!;
	}
	const check = await (await client.get(next)).text();
	res = await client.post(next, {
		submissionId: check.match(/name="submissionId" value="([^"]+)"/)![1]!,
		digest: check.match(/name="digest" value="([^"]+)"/)![1]!
	});
	return res.status;
}
