import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	focusGroup,
	focusGroupProfile,
	focusGroupQuote,
	focusGroupTheme,
	theme,
	type ProfileDimension
} from '../db/schema';
import { ConsultationError } from './errors';
import { PROFILE_AGE_BANDS, PROFILE_TENURES, type FocusGroupInput } from './schemas';

export type ProfileCount = { dimension: ProfileDimension; category: string; count: number };

/** The fixed profile categories: their form fields are `age-<i>` and `tenure-<i>`. */
export const FIXED_PROFILE = {
	age: { label: 'Age', categories: PROFILE_AGE_BANDS },
	tenure: { label: 'Tenure', categories: PROFILE_TENURES }
} as const;

/**
 * Reads the profile counts from the form: the fixed age and tenure fields, then the free lists of
 * areas and other characteristics written one "Name: number" a line. Blank means none.
 */
export function readProfile(form: FormData, input: FocusGroupInput): ProfileCount[] {
	const counts: ProfileCount[] = [];
	for (const dimension of ['age', 'tenure'] as const) {
		FIXED_PROFILE[dimension].categories.forEach((category, i) => {
			const field = `${dimension}-${i}`;
			const raw = String(form.get(field) ?? '').trim();
			if (raw === '') return;
			if (!/^\d+$/.test(raw))
				throw new ConsultationError(
					field,
					`${category}: enter a whole number, like 3, or leave it empty`
				);
			const n = Number(raw);
			if (n > 0) counts.push({ dimension, category, count: n });
		});
	}
	for (const [dimension, field, text] of [
		['area', 'areaProfile', input.areaProfile],
		['equality', 'equalityProfile', input.equalityProfile]
	] as const) {
		const seen = new Set<string>();
		text.split(/\r?\n/).forEach((line, index) => {
			if (line.trim() === '') return;
			const match = /^(.+?)\s*:\s*(\d+)\s*$/.exec(line.trim());
			if (!match || !match[1] || !match[2])
				throw new ConsultationError(
					field,
					`Line ${index + 1}: write each one as a name, a colon and a number, like "North estate: 4"`
				);
			const category = match[1].trim().slice(0, 80);
			if (seen.has(category.toLowerCase()))
				throw new ConsultationError(field, `Line ${index + 1}: "${category}" is listed twice`);
			seen.add(category.toLowerCase());
			const n = Number(match[2]);
			// These may overlap, so only each one alone is bounded by the attendance.
			if (dimension === 'equality' && n > input.attendees)
				throw new ConsultationError(
					field,
					`Line ${index + 1}: ${n} "${category}" is more than the ${input.attendees} who attended`
				);
			if (n > 0) counts.push({ dimension, category, count: n });
		});
	}
	for (const dimension of ['age', 'tenure', 'area'] as const) {
		const total = counts.filter((c) => c.dimension === dimension).reduce((t, c) => t + c.count, 0);
		if (total > input.attendees)
			throw new ConsultationError(
				dimension === 'area' ? 'areaProfile' : `${dimension}-0`,
				`The ${dimension} counts add up to ${total}, more than the ${input.attendees} who attended`
			);
	}
	return counts;
}

function assertThemes(db: Db, ids: number[]) {
	if (ids.length === 0) return;
	const found = db
		.select({ id: theme.id })
		.from(theme)
		.where(and(inArray(theme.id, ids), isNull(theme.mergedIntoId)))
		.all();
	if (found.length !== ids.length)
		throw new ConsultationError('themeIds', 'Choose themes from the list');
}

/** Creates (groupId null) or replaces a focus-group record with its profile and themes. */
export function saveFocusGroup(
	db: Db,
	actor: Actor,
	consultationId: number,
	groupId: number | null,
	input: FocusGroupInput,
	profile: ProfileCount[]
): number {
	return writeTransaction(db, (tx) => {
		assertThemes(tx, input.themeIds);
		const values = {
			heldOn: input.heldOn as string,
			place: input.place,
			online: input.online,
			facilitators: input.facilitators,
			attendees: input.attendees,
			consent: input.consent,
			notes: input.notes
		};
		let id = groupId;
		if (id === null) {
			id = tx
				.insert(focusGroup)
				.values({ consultationId, ...values })
				.returning({ id: focusGroup.id })
				.get().id;
		} else {
			const changed = tx
				.update(focusGroup)
				.set(values)
				.where(and(eq(focusGroup.id, id), eq(focusGroup.consultationId, consultationId)))
				.run().changes;
			if (!changed) throw new ConsultationError('heldOn', 'That focus group no longer exists');
			tx.delete(focusGroupProfile).where(eq(focusGroupProfile.focusGroupId, id)).run();
			tx.delete(focusGroupTheme).where(eq(focusGroupTheme.focusGroupId, id)).run();
		}
		const focusGroupId = id;
		for (const p of profile)
			tx.insert(focusGroupProfile)
				.values({ focusGroupId, ...p })
				.run();
		for (const themeId of input.themeIds)
			tx.insert(focusGroupTheme).values({ focusGroupId, themeId }).run();
		recordAudit(tx, actor, {
			action: groupId === null ? 'focus-group.create' : 'focus-group.update',
			entity: 'focus-group',
			entityId: focusGroupId,
			after: { consultationId, ...values, themeIds: input.themeIds, profile }
		});
		return focusGroupId;
	});
}

export function listFocusGroups(db: Db, consultationId: number) {
	return db
		.select()
		.from(focusGroup)
		.where(eq(focusGroup.consultationId, consultationId))
		.orderBy(asc(focusGroup.heldOn), asc(focusGroup.id))
		.all();
}

/** A focus group of this consultation with its profile, themes and quotes, or 404. */
export function focusGroupOr404(db: Db, consultationId: number, idParam: string) {
	const id = Number(idParam);
	const group = Number.isSafeInteger(id)
		? db
				.select()
				.from(focusGroup)
				.where(and(eq(focusGroup.id, id), eq(focusGroup.consultationId, consultationId)))
				.get()
		: undefined;
	if (!group) error(404, 'Page not found');
	return {
		...group,
		profile: db
			.select()
			.from(focusGroupProfile)
			.where(eq(focusGroupProfile.focusGroupId, id))
			.all(),
		themeIds: db
			.select({ id: focusGroupTheme.themeId })
			.from(focusGroupTheme)
			.where(eq(focusGroupTheme.focusGroupId, id))
			.all()
			.map((t) => t.id),
		quotes: listQuotes(db, id)
	};
}

export function listQuotes(db: Db, focusGroupId: number) {
	return db
		.select()
		.from(focusGroupQuote)
		.where(eq(focusGroupQuote.focusGroupId, focusGroupId))
		.orderBy(asc(focusGroupQuote.id))
		.all();
}

export function addQuote(db: Db, actor: Actor, focusGroupId: number, text: string) {
	writeTransaction(db, (tx) => {
		const row = tx.insert(focusGroupQuote).values({ focusGroupId, text }).returning().get();
		recordAudit(tx, actor, {
			action: 'quote.create',
			entity: 'quote',
			entityId: row.id,
			after: { focusGroupId, text }
		});
	});
}

/** Staff confirm the quote carries no personal details; only then can the public see it. */
export function approveQuote(
	db: Db,
	actor: Actor & { id: number },
	focusGroupId: number,
	quoteId: number
) {
	writeTransaction(db, (tx) => {
		const changed = tx
			.update(focusGroupQuote)
			.set({ approvedAt: new Date(), approvedBy: actor.id })
			.where(
				and(
					eq(focusGroupQuote.id, quoteId),
					eq(focusGroupQuote.focusGroupId, focusGroupId),
					isNull(focusGroupQuote.approvedAt)
				)
			)
			.run().changes;
		if (!changed)
			throw new ConsultationError(`confirm-${quoteId}`, 'That quote is not waiting for approval');
		recordAudit(tx, actor, { action: 'quote.approve', entity: 'quote', entityId: quoteId });
	});
}

export function removeQuote(db: Db, actor: Actor, focusGroupId: number, quoteId: number) {
	writeTransaction(db, (tx) => {
		const removed = tx
			.delete(focusGroupQuote)
			.where(and(eq(focusGroupQuote.id, quoteId), eq(focusGroupQuote.focusGroupId, focusGroupId)))
			.returning()
			.get();
		if (removed)
			recordAudit(tx, actor, {
				action: 'quote.remove',
				entity: 'quote',
				entityId: quoteId,
				before: { text: removed.text }
			});
	});
}
