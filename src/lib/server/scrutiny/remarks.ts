import { error } from '@sveltejs/kit';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { resultRemark, survey, user } from '../db/schema';
import type { RemarkInput } from './remark-schemas';

const author = alias(user, 'author');
const replier = alias(user, 'replier');

/** A survey's comments and challenges, oldest first, with who wrote them and who replied. */
export function listRemarks(db: Db, surveyId: number) {
	return db
		.select({
			id: resultRemark.id,
			kind: resultRemark.kind,
			body: resultRemark.body,
			author: author.name,
			createdAt: resultRemark.createdAt,
			reply: resultRemark.reply,
			repliedBy: replier.name,
			repliedAt: resultRemark.repliedAt
		})
		.from(resultRemark)
		.leftJoin(author, eq(author.id, resultRemark.authorId))
		.leftJoin(replier, eq(replier.id, resultRemark.repliedById))
		.where(eq(resultRemark.surveyId, surveyId))
		.orderBy(asc(resultRemark.createdAt), asc(resultRemark.id))
		.all();
}
export type Remark = ReturnType<typeof listRemarks>[number];

/** Challenges the organisation has not answered yet, on every survey, oldest first. */
export function listOpenChallenges(db: Db) {
	return db
		.select({
			id: resultRemark.id,
			surveyId: resultRemark.surveyId,
			surveyTitle: survey.title,
			body: resultRemark.body,
			createdAt: resultRemark.createdAt
		})
		.from(resultRemark)
		.innerJoin(survey, eq(survey.id, resultRemark.surveyId))
		.where(and(eq(resultRemark.kind, 'challenge'), isNull(resultRemark.reply)))
		.orderBy(asc(resultRemark.createdAt), asc(resultRemark.id))
		.all();
}

/** A panel member's (or admin's) comment or challenge on a survey's results; its id. */
export function addRemark(
	db: Db,
	actor: Actor & { id: number },
	surveyId: number,
	input: RemarkInput,
	now = new Date()
): number {
	return writeTransaction(db, (tx) => {
		const { id } = tx
			.insert(resultRemark)
			.values({ surveyId, kind: input.kind, body: input.body, authorId: actor.id, createdAt: now })
			.returning({ id: resultRemark.id })
			.get();
		recordAudit(tx, actor, {
			action: 'remark.create',
			entity: 'result-remark',
			entityId: id,
			after: { surveyId, kind: input.kind, body: input.body }
		});
		return id;
	});
}

/**
 * The organisation's reply to a remark on this survey, first given or changed; it answers a
 * challenge. A remark of another survey is not found, and nothing is written.
 */
export function replyToRemark(
	db: Db,
	actor: Actor & { id: number },
	surveyId: number,
	remarkId: number,
	reply: string,
	now = new Date()
): void {
	writeTransaction(db, (tx) => {
		const before = tx
			.select()
			.from(resultRemark)
			.where(and(eq(resultRemark.id, remarkId), eq(resultRemark.surveyId, surveyId)))
			.get();
		if (!before) error(404, 'Page not found');
		if (before.reply === reply) return;
		tx.update(resultRemark)
			.set({ reply, repliedById: actor.id, repliedAt: now })
			.where(eq(resultRemark.id, remarkId))
			.run();
		recordAudit(tx, actor, {
			action: 'remark.reply',
			entity: 'result-remark',
			entityId: remarkId,
			before: before.reply === null ? undefined : { reply: before.reply },
			after: { surveyId, kind: before.kind, reply }
		});
	});
}
