/**
 * Reading a shopper's scorecard form and the extra rules this product applies on top of
 * validateScorecardAnswers (which it reuses, never repeats).
 */
import {
	validateScorecardAnswers,
	type RawScorecardAnswers,
	type ScorecardAnswerError,
	type ScorecardAnswers,
	type ScorecardTemplate
} from '../scorecard';

export type StoredAnswer = { value: string; comment: string | null };
export type StoredAnswers = Record<string, StoredAnswer>;

export const ANSWER_PREFIX = 'answer.';
export const COMMENT_PREFIX = 'comment.';
export const EVIDENCE_PREFIX = 'evidence.';
/** A checkbox beside a measured fact's number: ticked means not applicable. */
export const NOT_APPLICABLE_PREFIX = 'na.';

/**
 * Pulls answers out of form fields named answer.<itemId> and comment.<itemId>. A comment without
 * an answer is kept (so a draft does not lose it); blank answers are left out.
 */
export function readAnswerFields(fields: Iterable<[string, unknown]>): StoredAnswers {
	const out: StoredAnswers = {};
	const notApplicable: string[] = [];
	for (const [key, raw] of fields) {
		if (typeof raw !== 'string') continue;
		if (key.startsWith(NOT_APPLICABLE_PREFIX)) {
			notApplicable.push(key.slice(NOT_APPLICABLE_PREFIX.length));
		} else if (key.startsWith(ANSWER_PREFIX)) {
			const id = key.slice(ANSWER_PREFIX.length);
			const entry = (out[id] ??= { value: '', comment: null });
			entry.value = raw.trim();
		} else if (key.startsWith(COMMENT_PREFIX)) {
			const id = key.slice(COMMENT_PREFIX.length);
			const entry = (out[id] ??= { value: '', comment: null });
			const comment = raw.trim();
			entry.comment = comment === '' ? null : comment.slice(0, 2000);
		}
	}
	for (const id of notApplicable) (out[id] ??= { value: '', comment: null }).value = 'na';
	return out;
}

function toRaw(
	answers: StoredAnswers,
	evidenceCounts: Record<string, number>,
	commentFor?: (id: string, a: StoredAnswer) => string | null
): Record<string, { value: string; comment: string | null; evidenceCount: number }> {
	return Object.fromEntries(
		Object.entries(answers).map(([id, a]) => [
			id,
			{
				value: a.value,
				comment: commentFor ? commentFor(id, a) : a.comment,
				evidenceCount: evidenceCounts[id] ?? 0
			}
		])
	);
}

/**
 * Checks a draft being saved: the answers given so far must fit their items (a scale score in
 * range, a number for a measured fact, an item on this scorecard), but blanks, missing comments
 * and missing evidence are allowed until the shopper submits.
 */
export function checkDraft(
	template: ScorecardTemplate,
	answers: StoredAnswers
): ScorecardAnswerError[] {
	const known = new Set(template.sections.flatMap((s) => s.items.map((i) => i.id)));
	const given = Object.fromEntries(
		Object.entries(answers).filter(([id, a]) => a.value !== '' || !known.has(id))
	);
	// Validate only the answered items, with comments and evidence assumed present, so the only
	// errors left are about the values themselves and about unknown items.
	const partial: ScorecardTemplate = {
		sections: template.sections.map((s) => ({
			...s,
			items: s.items.filter((i) => given[i.id] !== undefined && given[i.id]!.value !== '')
		}))
	};
	const raw: RawScorecardAnswers = Object.fromEntries(
		Object.entries(given).map(([id, a]) => [
			id,
			{ value: a.value, comment: 'draft', evidenceCount: 1 }
		])
	);
	const result = validateScorecardAnswers(partial, raw);
	return result.ok ? [] : result.errors;
}

/**
 * The full check at submission: validateScorecardAnswers, plus this product's rule that every
 * "no" needs a written comment (evidence alone is not enough: the service needs to know what
 * happened).
 */
export function checkSubmission(
	template: ScorecardTemplate,
	answers: StoredAnswers,
	evidenceCounts: Record<string, number>
): { ok: true; answers: ScorecardAnswers } | { ok: false; errors: ScorecardAnswerError[] } {
	const result = validateScorecardAnswers(template, toRaw(answers, evidenceCounts));
	const noComment = (item: { text: string }) =>
		`Add a comment to explain why the answer to "${item.text}" is no`;
	const itemsById = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
	// The shared rule accepts a comment or evidence; this product asks for a comment, so say so.
	const errors = (result.ok ? [] : result.errors).map((e) => {
		const item = itemsById.get(e.itemId);
		const a = answers[e.itemId];
		return item && a?.value.toLowerCase() === 'no' && a.comment === null
			? { itemId: e.itemId, message: noComment(item) }
			: e;
	});
	const flagged = new Set(errors.map((e) => e.itemId));
	for (const section of template.sections) {
		for (const item of section.items) {
			const a = answers[item.id];
			if (!a || flagged.has(item.id)) continue;
			if (a.value.toLowerCase() === 'no' && a.comment === null) {
				errors.push({ itemId: item.id, message: noComment(item) });
			}
		}
	}
	if (errors.length > 0 || !result.ok) return { ok: false, errors };
	return { ok: true, answers: result.answers };
}

/** Answers as scoreVisit needs them, for a visit already accepted at submission. */
export function storedToScorecardAnswers(
	template: ScorecardTemplate,
	answers: StoredAnswers,
	evidenceCounts: Record<string, number>
): ScorecardAnswers | null {
	const result = validateScorecardAnswers(template, toRaw(answers, evidenceCounts));
	return result.ok ? result.answers : null;
}
