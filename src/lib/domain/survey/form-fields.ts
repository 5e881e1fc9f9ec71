/**
 * The names answer forms post. The Svelte components and the server both build names here so a
 * renamed convention cannot leave one side behind.
 *
 *   q_<questionId>                     the answer (radios, checkboxes, text, number)
 *   q_<questionId>.<rowValue>          one row of a grid
 *   q_<questionId>.other.<optionValue> the "please specify" text of a write-in option
 *   q_<questionId>.day / .month / .year the three boxes of a date (GOV.UK date input)
 *
 * Ids, row values and option values cannot contain ".", so a name splits back unambiguously once
 * the question's type is known.
 */

import type { Question } from './types';

export const FIELD_PREFIX = 'q_';
export const DATE_UNITS = ['day', 'month', 'year'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

export function answerFieldName(questionId: string): string {
	return `${FIELD_PREFIX}${questionId}`;
}

export function gridRowFieldName(questionId: string, rowValue: string): string {
	return `${FIELD_PREFIX}${questionId}.${rowValue}`;
}

export function writeInFieldName(questionId: string, optionValue: string): string {
	return `${FIELD_PREFIX}${questionId}.other.${optionValue}`;
}

export function dateFieldNames(questionId: string): Record<DateUnit, string> {
	return {
		day: `${FIELD_PREFIX}${questionId}.day`,
		month: `${FIELD_PREFIX}${questionId}.month`,
		year: `${FIELD_PREFIX}${questionId}.year`
	};
}

/**
 * Where the error summary should link for a question as a whole: the first input of the question
 * (its first radio, the day box, the first grid row).
 */
export function questionFieldName(question: Question): string {
	switch (question.type) {
		case 'date':
			return dateFieldNames(question.id).day;
		case 'grid': {
			const first = question.rows[0];
			return first ? gridRowFieldName(question.id, first.value) : answerFieldName(question.id);
		}
		default:
			return answerFieldName(question.id);
	}
}

/** Every name the question's inputs may post. */
export function fieldNamesFor(question: Question): string[] {
	switch (question.type) {
		case 'date':
			return Object.values(dateFieldNames(question.id));
		case 'grid':
			return question.rows.map((row) => gridRowFieldName(question.id, row.value));
		case 'single-choice':
		case 'multiple-choice':
			return [
				answerFieldName(question.id),
				...question.options
					.filter((option) => option.writeIn)
					.map((option) => writeInFieldName(question.id, option.value))
			];
		default:
			return [answerFieldName(question.id)];
	}
}

/** Splits `q_<id>[.<part>…]`; null when the name does not follow the convention at all. */
export function parseFieldName(name: string): { questionId: string; parts: string[] } | null {
	if (!name.startsWith(FIELD_PREFIX)) return null;
	const [questionId, ...parts] = name.slice(FIELD_PREFIX.length).split('.');
	if (!questionId || parts.some((part) => part === '')) return null;
	return { questionId, parts };
}

/**
 * FormData → the shape parsePageAnswers takes. A file part is kept as an empty string: answer
 * forms have no file inputs, so it can only come from a hand-made post, and its name is still
 * checked like any other.
 */
export function rawFromFormData(formData: FormData): Record<string, string[]> {
	// A null prototype, so a field called "__proto__" is just another (unexpected) name
	const raw = Object.create(null) as Record<string, string[]>;
	for (const [name, value] of formData.entries()) {
		(raw[name] ??= []).push(typeof value === 'string' ? value : '');
	}
	return raw;
}
