import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { londonDate } from '$lib/domain/calendar/london-date';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	answer,
	answerTheme,
	findingEvidence,
	focusGroupTheme,
	response,
	service,
	theme
} from '../db/schema';
import { requiredText } from '../forms/parse';

export class ThemeError extends Error {}

export const themeSchema = z.object({
	name: requiredText('the theme’s name', 80),
	keywords: z.string().trim().max(500, 'Keep the keywords under 500 characters').default('')
});

/** Themes still offered for tagging: neither retired nor merged into another. */
export function listThemes(db: Db, { activeOnly = false } = {}) {
	return db
		.select()
		.from(theme)
		.where(activeOnly ? and(isNull(theme.retiredAt), isNull(theme.mergedIntoId)) : undefined)
		.orderBy(asc(sql`lower(${theme.name})`))
		.all();
}

function assertNameFree(db: Db, name: string, exceptId?: number) {
	const clash = db
		.select({ id: theme.id })
		.from(theme)
		.where(sql`lower(${theme.name}) = lower(${name})`)
		.get();
	if (clash && clash.id !== exceptId)
		throw new ThemeError(`There is already a theme called ${name}`);
}

export function createTheme(db: Db, actor: Actor, input: z.output<typeof themeSchema>) {
	writeTransaction(db, (tx) => {
		assertNameFree(tx, input.name);
		const row = tx.insert(theme).values(input).returning().get();
		recordAudit(tx, actor, {
			action: 'theme.create',
			entity: 'theme',
			entityId: row.id,
			after: input
		});
	});
}

export function renameTheme(db: Db, actor: Actor, id: number, input: z.output<typeof themeSchema>) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(theme).where(eq(theme.id, id)).get();
		if (!before) throw new ThemeError('That theme no longer exists');
		assertNameFree(tx, input.name, id);
		tx.update(theme).set(input).where(eq(theme.id, id)).run();
		recordAudit(tx, actor, {
			action: 'theme.rename',
			entity: 'theme',
			entityId: id,
			before: { name: before.name, keywords: before.keywords },
			after: input
		});
	});
}

export function retireTheme(db: Db, actor: Actor, id: number) {
	writeTransaction(db, (tx) => {
		const changed = tx
			.update(theme)
			.set({ retiredAt: new Date() })
			.where(and(eq(theme.id, id), isNull(theme.retiredAt)))
			.run().changes;
		if (changed) recordAudit(tx, actor, { action: 'theme.retire', entity: 'theme', entityId: id });
	});
}

/** Moves every tag from one theme to another and keeps the old one as a pointer to the new. */
export function mergeThemes(db: Db, actor: Actor, fromId: number, intoId: number) {
	if (fromId === intoId) throw new ThemeError('Choose two different themes to merge');
	writeTransaction(db, (tx) => {
		const from = tx.select().from(theme).where(eq(theme.id, fromId)).get();
		const into = tx.select().from(theme).where(eq(theme.id, intoId)).get();
		if (!from || !into || into.mergedIntoId !== null)
			throw new ThemeError('Choose two current themes');
		tx.run(sql`insert or ignore into ${answerTheme} (response_id, question_id, theme_id, tagged_by, tagged_at)
			select response_id, question_id, ${intoId}, tagged_by, tagged_at from ${answerTheme} where theme_id = ${fromId}`);
		tx.delete(answerTheme).where(eq(answerTheme.themeId, fromId)).run();
		// Focus groups and published evidence follow the merge too.
		tx.run(sql`insert or ignore into ${focusGroupTheme} (focus_group_id, theme_id)
			select focus_group_id, ${intoId} from ${focusGroupTheme} where theme_id = ${fromId}`);
		tx.delete(focusGroupTheme).where(eq(focusGroupTheme.themeId, fromId)).run();
		tx.update(findingEvidence)
			.set({ themeId: intoId })
			.where(eq(findingEvidence.themeId, fromId))
			.run();
		tx.update(theme)
			.set({ mergedIntoId: intoId, retiredAt: new Date() })
			.where(eq(theme.id, fromId))
			.run();
		recordAudit(tx, actor, {
			action: 'theme.merge',
			entity: 'theme',
			entityId: fromId,
			after: { mergedInto: intoId, name: into.name }
		});
	});
}

/** Tags free-text answers of one survey with a current theme. */
export function tagComments(
	db: Db,
	actor: Actor & { id: number },
	surveyId: number,
	themeId: number,
	items: { responseId: number; questionId: string }[]
) {
	writeTransaction(db, (tx) => {
		const current = tx
			.select()
			.from(theme)
			.where(and(eq(theme.id, themeId), isNull(theme.retiredAt), isNull(theme.mergedIntoId)))
			.get();
		if (!current) throw new ThemeError('Choose a current theme');
		let tagged = 0;
		for (const item of items) {
			const own = tx
				.select({ id: response.id })
				.from(response)
				.innerJoin(answer, eq(answer.responseId, response.id))
				.where(
					and(
						eq(response.id, item.responseId),
						eq(response.surveyId, surveyId),
						eq(answer.questionId, item.questionId)
					)
				)
				.get();
			if (!own) continue;
			tagged += tx
				.insert(answerTheme)
				.values({ ...item, themeId, taggedBy: actor.id })
				.onConflictDoNothing()
				.run().changes;
		}
		if (tagged)
			recordAudit(tx, actor, {
				action: 'theme.tag',
				entity: 'survey',
				entityId: surveyId,
				after: { themeId, tagged }
			});
	});
}

/** Tagged comments per theme by service and by calendar month (London months, like every trend). */
export function themeCounts(db: Db) {
	const byService = db
		.select({ themeId: answerTheme.themeId, service: service.name, n: count() })
		.from(answerTheme)
		.innerJoin(response, eq(response.id, answerTheme.responseId))
		.leftJoin(service, eq(service.id, response.serviceId))
		.groupBy(answerTheme.themeId, service.name)
		.all();
	// SQLite knows no time zones; tags are few (people make them), so they are grouped here.
	const tallies = new Map<string, { themeId: number; month: string; n: number }>();
	for (const tag of db
		.select({ themeId: answerTheme.themeId, submittedAt: response.submittedAt })
		.from(answerTheme)
		.innerJoin(response, eq(response.id, answerTheme.responseId))
		.all()) {
		if (!tag.submittedAt) continue;
		const month = londonDate(tag.submittedAt).slice(0, 7);
		const key = `${tag.themeId} ${month}`;
		const tally = tallies.get(key) ?? { themeId: tag.themeId, month, n: 0 };
		tally.n += 1;
		tallies.set(key, tally);
	}
	const byMonth = [...tallies.values()].sort(
		(a, b) => a.month.localeCompare(b.month) || a.themeId - b.themeId
	);
	return { byService, byMonth };
}

/** Themes whose keywords appear in the comment: a suggestion for the person tagging, nothing more. */
export function suggestThemes(
	text: string,
	themes: { id: number; name: string; keywords: string }[]
) {
	const lower = text.toLowerCase();
	return themes
		.filter((t) =>
			t.keywords
				.split(',')
				.map((k) => k.trim().toLowerCase())
				.some((k) => k.length > 0 && lower.includes(k))
		)
		.map((t) => t.name);
}
