import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import {
	answerToFormValues,
	liveConditions,
	nextPage,
	previousPage,
	questionsForPage,
	validateSubmission,
	visiblePages,
	type Answers
} from '$lib/domain/survey';
import { writeTransaction, type Db } from '../db';
import { invitation, response } from '../db/schema';
import { hit, isLimited, rateLimits } from '../http/rate-limit';
import { invitationByLink } from '../invitations/links';
import { availabilityOf } from './availability';
import {
	answersOf,
	findByResumeToken,
	findPage,
	rotateResumeToken,
	startResponse,
	type PageSaveResult,
	type ResponseContext
} from './responding';
import { currentVersion, getSurvey, getSurveyBySlug } from './surveys';

/** The survey behind a public link, or the HTTP error the public should see. */
export function publicSurvey(db: Db, slug: string) {
	const found = getSurveyBySlug(db, slug);
	if (!found || found.accessMode !== 'public') error(404, 'Page not found');
	refuseUnavailable(found);
	const version = currentVersion(db, found.id);
	if (!version) error(404, 'Page not found');
	return { survey: found, version };
}

function refuseUnavailable(s: Parameters<typeof availabilityOf>[0]) {
	const availability = availabilityOf(s);
	if (availability === 'draft' || availability === 'not-yet-open') error(404, 'Page not found');
	if (availability === 'closed' || availability === 'archived')
		error(410, 'This survey has closed');
}

/** A respondent's unfinished (or just finished) response from the link they hold. */
export function respondentContext(
	db: Db,
	slug: string,
	token: string,
	{ allowSubmitted = false } = {}
): ResponseContext {
	const context = findByResumeToken(db, token);
	if (!context || context.survey.slug !== slug) error(404, 'Page not found');
	if (context.response.status === 'submitted') {
		if (allowSubmitted) return context;
		error(409, 'You have already answered this survey');
	}
	refuseUnavailable(context.survey);
	return context;
}

export function firstPageId(context: Pick<ResponseContext, 'version'>, answers: Answers = {}) {
	return visiblePages(context.version.definition, answers)[0]?.id;
}

/** What one page of the form needs: its questions given earlier answers, values to refill, progress. */
/**
 * One page of a response, under `base` (the response's address). A page that earlier answers now
 * hide (a bookmark, a tab left open) moves on to the page now next, or to checking the answers;
 * straight back there when the page was opened to change an answer from it.
 */
export function pageView(
	db: Db,
	context: ResponseContext,
	pageId: string,
	base: string,
	{ returnToCheck = false } = {}
) {
	const definition = context.version.definition;
	const page = findPage(definition, pageId);
	if (!page) error(404, 'Page not found');
	const answers = answersOf(db, context.response.id);
	const questions = questionsForPage(definition, pageId, answers);
	if (questions.length === 0) {
		const next = returnToCheck ? null : pageAfter(context, pageId, answers);
		redirect(303, next ? `${base}/p/${next}` : `${base}/check`);
	}
	const live = liveConditions(definition, pageId, answers, questions);
	const values: Record<string, string[]> = {};
	for (const { question } of questions)
		Object.assign(values, answerToFormValues(question, answers[question.id]));
	const shown = visiblePages(definition, answers);
	const index = shown.findIndex((p) => p.id === pageId);
	return {
		page: { id: page.id, title: page.title ?? null, description: page.description ?? null },
		questions,
		values,
		live,
		progress: { current: index + 1, total: shown.length },
		previousPageId: previousPage(definition, pageId, answers)?.id ?? null
	};
}

export function pageAfter(context: ResponseContext, pageId: string, answers: Answers) {
	return nextPage(context.version.definition, pageId, answers)?.id ?? null;
}

/**
 * Where to go after a page is posted, relative to the response's address: the next page; or, for
 * a change made from "Check your answers", back there — unless the change revealed questions that
 * still need an answer, whose page comes first (with `return=check`, so it leads back). A page that
 * earlier answers now hide moves on to the page now next, or straight back to Check.
 */
export function addressAfterSave(
	context: ResponseContext,
	pageId: string,
	result: Extract<PageSaveResult, { outcome: 'saved' | 'hidden' }>,
	{ returnToCheck, enteredByStaff = false }: { returnToCheck: boolean; enteredByStaff?: boolean }
): string {
	if (result.outcome === 'hidden')
		return !returnToCheck && result.nextPageId ? `p/${result.nextPageId}` : 'check';
	if (!returnToCheck) {
		const next = pageAfter(context, pageId, result.answers);
		return next ? `p/${next}` : 'check';
	}
	const needed = validateSubmission(context.version.definition, result.answers, {
		enteredByStaff
	}).errors[0];
	return needed ? `p/${needed.pageId}?return=check` : 'check';
}

export type InvitationOpen =
	| { outcome: 'resume'; slug: string; token: string; pageId: string }
	| { outcome: 'invalid' | 'used' | 'closed' | 'limited' };

/**
 * Opens a single-use invitation link. Every invalid link (unknown, revoked, expired) looks the
 * same, and counts towards the address's limit on invalid tokens.
 */
export function openInvitation(db: Db, token: string, address: string): InvitationOpen {
	if (isLimited(db, rateLimits.invitationTokens, address)) return { outcome: 'limited' };
	const found = invitationByLink(db, token, 'answer');
	const expired = found?.expiresAt && found.expiresAt.getTime() <= Date.now();
	if (!found || found.status === 'revoked' || expired) {
		return hit(db, rateLimits.invitationTokens, address)
			? { outcome: 'invalid' }
			: { outcome: 'limited' };
	}
	if (found.status === 'used') return { outcome: 'used' };
	const target = getSurvey(db, found.surveyId);
	const version = target && currentVersion(db, target.id);
	if (!target || !version) return { outcome: 'invalid' };
	const availability = availabilityOf(target);
	if (availability === 'closed' || availability === 'archived') return { outcome: 'closed' };
	if (availability !== 'open') return { outcome: 'invalid' };
	return writeTransaction(db, (tx) => {
		if (!found.openedAt)
			tx.update(invitation).set({ openedAt: new Date() }).where(eq(invitation.id, found.id)).run();
		const unfinished = tx
			.select()
			.from(response)
			.where(and(eq(response.invitationId, found.id), eq(response.status, 'in-progress')))
			.get();
		const resumed = unfinished
			? { token: rotateResumeToken(tx, unfinished.id) }
			: startResponse(
					tx,
					{ survey: target, version },
					{ invitationId: found.id, customerId: found.customerId }
				);
		const pageId = firstPageId({ version }) ?? version.definition.pages[0]?.id ?? '';
		return { outcome: 'resume' as const, slug: target.slug, token: resumed.token, pageId };
	});
}
