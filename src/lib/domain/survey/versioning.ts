/**
 * What an edit to a survey changes. Once a version has responses, only wording may be fixed in
 * place (a typo, a clearer hint): anything that changes what an answer means or which answers are
 * possible needs a new version. Locked (regulated) wording may never change.
 */

import { TSM_TENURE_QUESTION_ID } from './tsm-questions';
import type { Question, SurveyDefinition, SurveyPage } from './types';

/** Keys holding words people read; everything else is structure. */
const WORDING_KEYS = new Set([
	'text',
	'hint',
	'errorMessage',
	'label',
	'title',
	'description',
	'lowLabel',
	'highLabel',
	'group'
]);

/** Wording that a lock protects: what respondents read, not the error message. */
const LOCKED_KEYS = new Set([...WORDING_KEYS].filter((key) => key !== 'errorMessage'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A canonical JSON form keeping only keys that pass `keep`. Undefined and false are dropped, since
 * an absent flag and a false one mean the same.
 */
function canonical(value: unknown, keep: (key: string) => boolean, inCondition = false): Json {
	if (Array.isArray(value)) return value.map((item) => canonical(item, keep, inCondition));
	if (value !== null && typeof value === 'object') {
		const result: { [key: string]: Json } = {};
		for (const key of Object.keys(value).sort()) {
			const item = (value as Record<string, unknown>)[key];
			if (item === undefined || item === false) continue;
			// Conditions hold no wording, only structure
			const condition = inCondition || key === 'condition';
			if (!condition && !keep(key)) continue;
			result[key] = canonical(item, keep, condition);
		}
		return result;
	}
	return value as Json;
}

function structureOf(value: unknown): string {
	return JSON.stringify(canonical(value, (key) => !WORDING_KEYS.has(key)));
}

function everythingOf(value: unknown): string {
	return JSON.stringify(canonical(value, () => true));
}

function pageSettings(page: SurveyPage): Omit<SurveyPage, 'questions'> {
	return {
		id: page.id,
		title: page.title,
		description: page.description,
		condition: page.condition
	};
}

function questionWording(question: Question, keys: ReadonlySet<string>): string {
	const words: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(question)) {
		if (keys.has(key)) words[key] = value;
	}
	if ('options' in question) words.options = question.options.map((o) => pick(o, keys));
	if (question.type === 'grid') {
		words.rows = question.rows.map((row) => pick(row, keys));
		if (question.scale.type === 'options') {
			words.scale = question.scale.options.map((o) => pick(o, keys));
		}
	}
	return JSON.stringify(canonical(words, () => true));
}

function pick(object: object, keys: ReadonlySet<string>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(object).filter(([key]) => keys.has(key)));
}

const QUESTION_PROPERTY_NAMES: Record<string, string> = {
	type: 'its question type',
	code: 'its code',
	required: 'whether an answer is required',
	condition: 'when it is shown',
	options: 'its options',
	notApplicable: "whether “Not applicable/ don't know” is offered",
	maxSelections: 'how many options can be chosen',
	maxLength: 'its maximum length',
	min: 'its lowest allowed answer',
	max: 'its highest allowed answer',
	integer: 'whether whole numbers are required',
	rows: 'its rows',
	scale: 'its answer scale',
	locked: 'whether its wording is locked',
	staffCanRecordRefusal: "whether staff can record “don't know / refused”",
	equalityMonitoring: 'whether it is an equality monitoring question',
	specialCategory: 'whether it is special category data'
};

function name(question: Question): string {
	return `Question ${question.code}`;
}

interface Placed {
	question: Question;
	pageId: string;
}

function placed(definition: SurveyDefinition): Map<string, Placed> {
	const map = new Map<string, Placed>();
	for (const page of definition.pages) {
		for (const question of page.questions) map.set(question.id, { question, pageId: page.id });
	}
	return map;
}

function structuralReasons(before: SurveyDefinition, after: SurveyDefinition): string[] {
	const reasons: string[] = [];
	const beforePages = new Map(before.pages.map((page, index) => [page.id, { page, index }]));
	const afterPageIds = new Set(after.pages.map((page) => page.id));
	for (const page of before.pages) {
		if (!afterPageIds.has(page.id)) reasons.push(`Page “${page.title ?? page.id}” was removed`);
	}
	for (const page of after.pages) {
		const old = beforePages.get(page.id);
		if (old === undefined) {
			reasons.push(`Page “${page.title ?? page.id}” was added`);
		} else if (structureOf(pageSettings(old.page)) !== structureOf(pageSettings(page))) {
			reasons.push(`Page “${page.title ?? page.id}”: when it is shown changed`);
		}
	}
	const sharedPages = (pages: SurveyPage[], other: Set<string>) =>
		pages.filter((page) => other.has(page.id)).map((page) => page.id);
	const beforePageOrder = sharedPages(before.pages, afterPageIds);
	const afterPageOrder = sharedPages(after.pages, new Set(beforePages.keys()));
	if (beforePageOrder.join('\n') !== afterPageOrder.join('\n'))
		reasons.push('The pages were reordered');

	const beforeQuestions = placed(before);
	const afterQuestions = placed(after);
	for (const [id, { question }] of beforeQuestions) {
		if (!afterQuestions.has(id)) reasons.push(`${name(question)} was removed`);
	}
	for (const [id, { question, pageId }] of afterQuestions) {
		const old = beforeQuestions.get(id);
		if (old === undefined) {
			reasons.push(`${name(question)} was added`);
			continue;
		}
		if (old.pageId !== pageId) reasons.push(`${name(question)} moved to another page`);
		const oldRecord = old.question as unknown as Record<string, unknown>;
		const newRecord = question as unknown as Record<string, unknown>;
		const keys = new Set([...Object.keys(oldRecord), ...Object.keys(newRecord)]);
		for (const key of [...keys].sort()) {
			if (key === 'id' || WORDING_KEYS.has(key)) continue;
			if (structureOf(oldRecord[key]) !== structureOf(newRecord[key])) {
				const what = QUESTION_PROPERTY_NAMES[key] ?? `its ${key}`;
				reasons.push(`${name(old.question)}: ${what} changed`);
			}
		}
	}
	const order = (defn: SurveyDefinition, keep: Map<string, Placed>) =>
		defn.pages.flatMap((page) => page.questions.map((q) => q.id)).filter((id) => keep.has(id));
	if (order(before, afterQuestions).join('\n') !== order(after, beforeQuestions).join('\n')) {
		reasons.push('The questions were reordered');
	}
	return reasons;
}

function wordingChanges(before: SurveyDefinition, after: SurveyDefinition): string[] {
	const changes: string[] = [];
	const beforePages = new Map(before.pages.map((page) => [page.id, page]));
	for (const page of after.pages) {
		const old = beforePages.get(page.id);
		if (old && everythingOf(pageSettings(old)) !== everythingOf(pageSettings(page))) {
			changes.push(`Page “${page.title ?? page.id}”: its title or introduction changed`);
		}
	}
	const beforeQuestions = placed(before);
	for (const { question } of placed(after).values()) {
		const old = beforeQuestions.get(question.id)?.question;
		if (old && questionWording(old, WORDING_KEYS) !== questionWording(question, WORDING_KEYS)) {
			changes.push(`${name(question)}: its wording changed`);
		}
	}
	return changes;
}

/**
 * What a lock leaves open on a regulated question: whether an answer is required, and the message
 * shown when it is missing. Everything else (code, type, options, "Not applicable/ don't know",
 * when it is asked, the staff refusal) is part of the regulator's definition of the measure.
 */
const UNLOCKED_SETTINGS = new Set(['errorMessage', 'required']);

function regulatedSettings(question: Question): string {
	return JSON.stringify(canonical(question, (key) => !UNLOCKED_SETTINGS.has(key)));
}

/**
 * Changes to locked questions: their wording or settings, or the lock itself being removed.
 * Refused whatever state the survey is in.
 */
export function lockedWordingChanges(before: SurveyDefinition, after: SurveyDefinition): string[] {
	const problems: string[] = [];
	const afterQuestions = placed(after);
	// A page's condition decides when each of its questions is asked, as the question's own does.
	const pageCondition = (definition: SurveyDefinition, pageId: string | undefined) =>
		JSON.stringify(
			canonical(definition.pages.find((page) => page.id === pageId)?.condition ?? null, () => true)
		);
	for (const { question: old, pageId: oldPageId } of placed(before).values()) {
		if (!old.locked) continue;
		const updated = afterQuestions.get(old.id)?.question;
		// Removing one leaves its measure uncalculated rather than miscalculated: structural only.
		if (updated === undefined) continue;
		if (!updated.locked) {
			problems.push(`${name(old)} has regulated wording and cannot be unlocked`);
		} else if (questionWording(old, LOCKED_KEYS) !== questionWording(updated, LOCKED_KEYS)) {
			problems.push(`${name(old)} has regulated wording that cannot be changed`);
		} else if (
			regulatedSettings(old) !== regulatedSettings(updated) ||
			pageCondition(before, oldPageId) !== pageCondition(after, afterQuestions.get(old.id)?.pageId)
		) {
			problems.push(
				`${name(old)} is a regulated question: its code, answers and when it is asked cannot be changed`
			);
		}
	}
	problems.push(...tenureChanges(before, after, pageCondition));
	return problems;
}

/**
 * The TSM survey's tenure question is worded by the landlord, but its answers decide which measures
 * a response counts towards (LCRA or LCHO, never pooled) and whether TP02–TP04 are asked. While a
 * locked question remains, its wording and labels may change; its code, type, option values,
 * whether it is required and when it is asked may not, and it may not be removed.
 */
function tenureChanges(
	before: SurveyDefinition,
	after: SurveyDefinition,
	pageCondition: (definition: SurveyDefinition, pageId: string | undefined) => string
): string[] {
	const old = placed(before).get(TSM_TENURE_QUESTION_ID);
	const hasLocked = (definition: SurveyDefinition) =>
		definition.pages.some((page) => page.questions.some((question) => question.locked));
	if (old === undefined || !hasLocked(before) || !hasLocked(after)) return [];
	const updated = placed(after).get(TSM_TENURE_QUESTION_ID);
	if (updated === undefined) {
		return [
			`${name(old.question)} records each response's tenure for the Tenant Satisfaction Measures and cannot be removed`
		];
	}
	if (
		structureOf(old.question) !== structureOf(updated.question) ||
		pageCondition(before, old.pageId) !== pageCondition(after, updated.pageId)
	) {
		return [
			`${name(old.question)} records each response's tenure for the Tenant Satisfaction Measures: its wording can change, but not its code, answers, whether it is required or when it is asked`
		];
	}
	return [];
}

export type DefinitionChange = 'same' | 'wording-only' | 'structural';

export interface DefinitionComparison {
	change: DefinitionChange;
	/** For 'structural', what changed the structure; for 'wording-only', what was reworded. */
	reasons: string[];
	/** Changes to locked wording; never allowed (see checkDefinitionUpdate). */
	lockedChanges: string[];
}

export function compareDefinitions(
	before: SurveyDefinition,
	after: SurveyDefinition
): DefinitionComparison {
	const lockedChanges = lockedWordingChanges(before, after);
	if (structureOf(before) !== structureOf(after)) {
		const reasons = structuralReasons(before, after);
		return {
			change: 'structural',
			reasons: reasons.length > 0 ? reasons : ['The structure of the survey changed'],
			lockedChanges
		};
	}
	if (everythingOf(before) !== everythingOf(after)) {
		const reasons = wordingChanges(before, after);
		return {
			change: 'wording-only',
			reasons: reasons.length > 0 ? reasons : ['Some wording changed'],
			lockedChanges
		};
	}
	return { change: 'same', reasons: [], lockedChanges };
}

export type DefinitionUpdateCheck =
	| { allowed: true; comparison: DefinitionComparison }
	| { allowed: false; comparison: DefinitionComparison; reasons: string[] };

/**
 * Whether `after` may replace `before` in place. A version with responses takes wording fixes
 * only; anything structural needs a new version (check that new version against the old one too,
 * so locked wording cannot change that way either).
 */
export function checkDefinitionUpdate(
	before: SurveyDefinition,
	after: SurveyDefinition,
	{ hasResponses }: { hasResponses: boolean }
): DefinitionUpdateCheck {
	const comparison = compareDefinitions(before, after);
	if (comparison.lockedChanges.length > 0) {
		return { allowed: false, comparison, reasons: comparison.lockedChanges };
	}
	if (hasResponses && comparison.change === 'structural') {
		return {
			allowed: false,
			comparison,
			reasons: [
				'This version already has responses, so only wording can be changed. Create a new version for these changes:',
				...comparison.reasons
			]
		};
	}
	return { allowed: true, comparison };
}
