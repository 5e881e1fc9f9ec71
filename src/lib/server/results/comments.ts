import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { commentsNotShownMessage } from '$lib/domain/suppression';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { containsText } from '../db/text-search';
import { answer, commentApproval, response } from '../db/schema';
import { responseConditions, type ResultsFilter } from './filters';
import { suppressionFor, type Viewer } from './report';

export const COMMENTS_PAGE_SIZE = 50;

const textValue = sql<string>`json_extract(${answer.value}, '$.value')`;
const isText = sql`json_extract(${answer.value}, '$.type') = 'text'`;

export interface Comment {
	responseId: number;
	questionId: string;
	text: string;
	approved: boolean;
}

export interface CommentList {
	/** Free-text answers in the filter, before the search; what the comment minimum applies to. */
	total: number;
	matching: number;
	comments: Comment[];
	message: string | null;
	page: number;
	hasMore: boolean;
}

/**
 * Free-text answers to one question. The panel sees only what staff approved for it, and only
 * when the question has at least the comment minimum group size of answers in the filter. Never
 * the response reference, so a comment cannot be tied back to a person.
 */
export function listComments(
	db: Db,
	surveyId: number,
	filter: ResultsFilter,
	questionId: string,
	viewer: Viewer,
	{ search, page = 1 }: { search?: string; page?: number } = {}
): CommentList {
	const base: SQL = and(
		responseConditions(surveyId, filter),
		eq(answer.questionId, questionId),
		isText
	)!;
	const join = () =>
		db
			.select({ n: count() })
			.from(answer)
			.innerJoin(response, eq(response.id, answer.responseId))
			.leftJoin(
				commentApproval,
				and(
					eq(commentApproval.responseId, answer.responseId),
					eq(commentApproval.questionId, answer.questionId)
				)
			);
	const total = join().where(base).get()?.n ?? 0;
	const { kText } = suppressionFor(db);
	if (viewer === 'panel' && total < kText)
		return {
			total,
			matching: 0,
			comments: [],
			message: commentsNotShownMessage(kText),
			page: 1,
			hasMore: false
		};

	const conditions: SQL[] = [base];
	if (viewer === 'panel') conditions.push(sql`${commentApproval.responseId} is not null`);
	if (search) conditions.push(containsText(textValue, search));
	const where = and(...conditions)!;
	const matching = join().where(where).get()?.n ?? 0;
	const rows = db
		.select({
			responseId: answer.responseId,
			questionId: answer.questionId,
			text: textValue,
			approvedBy: commentApproval.responseId
		})
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.leftJoin(
			commentApproval,
			and(
				eq(commentApproval.responseId, answer.responseId),
				eq(commentApproval.questionId, answer.questionId)
			)
		)
		.where(where)
		.orderBy(desc(response.submittedAt), desc(response.id))
		.limit(COMMENTS_PAGE_SIZE + 1)
		.offset((page - 1) * COMMENTS_PAGE_SIZE)
		.all();
	return {
		total,
		matching,
		comments: rows.slice(0, COMMENTS_PAGE_SIZE).map((row) => ({
			responseId: viewer === 'panel' ? 0 : row.responseId,
			questionId: row.questionId,
			text: row.text,
			approved: row.approvedBy !== null
		})),
		message: null,
		page,
		hasMore: rows.length > COMMENTS_PAGE_SIZE
	};
}

/** Approves (or withdraws approval of) free-text answers for the panel, all in one go. */
export function setCommentApproval(
	db: Db,
	actor: Actor & { id: number },
	surveyId: number,
	items: { responseId: number; questionId: string }[],
	approved: boolean
): number {
	return writeTransaction(db, (tx) => {
		let changed = 0;
		for (const item of items) {
			const own = tx
				.select({ id: response.id })
				.from(response)
				.innerJoin(answer, eq(answer.responseId, response.id))
				.where(
					and(
						eq(response.id, item.responseId),
						eq(response.surveyId, surveyId),
						eq(answer.questionId, item.questionId),
						isText
					)
				)
				.get();
			if (!own) continue;
			const match = and(
				eq(commentApproval.responseId, item.responseId),
				eq(commentApproval.questionId, item.questionId)
			);
			const result = approved
				? tx
						.insert(commentApproval)
						.values({ ...item, approvedBy: actor.id })
						.onConflictDoNothing()
						.run()
				: tx.delete(commentApproval).where(match).run();
			changed += result.changes;
		}
		if (changed > 0)
			recordAudit(tx, actor, {
				action: approved ? 'comment.approve-for-panel' : 'comment.withdraw-from-panel',
				entity: 'survey',
				entityId: surveyId,
				after: { comments: items.length, changed }
			});
		return changed;
	});
}

/** Question ids among the given ones that have at least one free-text answer. */
export function questionsWithText(db: Db, surveyId: number, questionIds: string[]): string[] {
	if (questionIds.length === 0) return [];
	return db
		.selectDistinct({ id: answer.questionId })
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.where(and(eq(response.surveyId, surveyId), inArray(answer.questionId, questionIds), isText))
		.all()
		.map((r) => r.id);
}
