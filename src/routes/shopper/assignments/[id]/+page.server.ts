import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { EVIDENCE_PREFIX, readAnswerFields } from '$lib/domain/mystery/submission';
import { actorOf } from '$lib/server/auth/accounts';
import { requireShopper } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { requestBodyLimit } from '$lib/server/env';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import {
	channelLabels,
	getShopperAssignment,
	isEditableByShopper,
	MysteryError,
	removeShopperEvidence,
	saveShopperScorecard,
	statusLabels,
	type UploadedFile
} from '$lib/server/mystery';
import { evidenceMaxBytes, evidenceStore } from '$lib/server/mystery/context';
import type { Actions, PageServerLoad } from './$types';

function assignmentId(event: Pick<RequestEvent, 'params'>): number {
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = (event) => {
	const shopper = requireShopper(event);
	const visit = getShopperAssignment(getDb(), shopper.id, assignmentId(event));
	if (!visit) error(404, 'Page not found');
	const { assignment: a } = visit;
	return {
		assignment: {
			id: a.id,
			channel: a.channel,
			windowFrom: a.windowFrom,
			windowTo: a.windowTo,
			brief: a.brief,
			status: a.status,
			visitedAt: a.visitedAt,
			answers: a.answers,
			// The shopper sees why it came back, not who reviewed it.
			reviewNote: a.status === 'returned' ? a.reviewNote : null
		},
		editable: isEditableByShopper(a.status),
		definition: visit.definition,
		serviceName: visit.serviceName,
		evidence: visit.evidence.map((e) => ({
			id: e.id,
			itemId: e.itemId,
			originalName: e.originalName
		})),
		maxMegabytes: Math.round((evidenceMaxBytes() / (1024 * 1024)) * 10) / 10,
		maxBytes: evidenceMaxBytes(),
		// Everything one save sends, files included: more is refused before the app sees it.
		maxRequestBytes: requestBodyLimit(),
		channelLabels,
		statusLabels
	};
};

async function save(event: RequestEvent, submit: boolean) {
	const shopper = requireShopper(event);
	const id = assignmentId(event);
	const db = getDb();
	if (!getShopperAssignment(db, shopper.id, id)) error(404, 'Page not found');
	const form = await readForm(event.request);
	const answers = readAnswerFields(form.entries());
	const files: UploadedFile[] = [];
	for (const [key, value] of form.entries()) {
		if (!key.startsWith(EVIDENCE_PREFIX) || typeof value === 'string' || value.size === 0) continue;
		files.push({
			itemId: key.slice(EVIDENCE_PREFIX.length),
			name: value.name,
			bytes: new Uint8Array(await value.arrayBuffer())
		});
	}
	const visitedAt =
		typeof form.get('visitedAt') === 'string' ? (form.get('visitedAt') as string) : null;
	const result = saveShopperScorecard(
		db,
		evidenceStore(),
		evidenceMaxBytes(),
		actorOf(shopper),
		id,
		{
			answers,
			visitedAt,
			files,
			submit
		}
	);
	if (!result.ok) {
		const errors: FieldErrors = {};
		for (const e of result.errors) errors[e.field] ??= e.message;
		if (files.length > 0)
			errors.files ??=
				'Nothing was saved, including the files you chose: choose them again after putting the problems right';
		return fail(400, { errors, answers, visitedAt });
	}
	redirect(303, submit ? `/shopper?submitted=${id}` : `/shopper/assignments/${id}?saved`);
}

export const actions: Actions = {
	save: (event) => save(event, false),
	submit: (event) => save(event, true),
	removeEvidence: async (event) => {
		const shopper = requireShopper(event);
		const id = assignmentId(event);
		const parsed = parseForm(
			z.object({ evidenceId: z.coerce.number().int().positive() }),
			await readForm(event.request)
		);
		if (!parsed.ok)
			return fail(400, { errors: { form: 'Choose a file to remove' } as FieldErrors });
		try {
			removeShopperEvidence(getDb(), evidenceStore(), actorOf(shopper), id, parsed.data.evidenceId);
		} catch (e) {
			if (e instanceof MysteryError) {
				if (!getShopperAssignment(getDb(), shopper.id, id)) error(404, 'Page not found');
				return fail(400, { errors: { form: e.message } as FieldErrors });
			}
			throw e;
		}
		redirect(303, `/shopper/assignments/${id}?removed`);
	}
};
