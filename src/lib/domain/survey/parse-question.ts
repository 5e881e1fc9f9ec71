/**
 * One question's posted values as a typed answer, or the errors to show. Free of any library, so
 * the server's validation and the browser's live skip logic read answers with the same code.
 */

import {
	answerFieldName,
	DATE_UNITS,
	dateFieldNames,
	gridRowFieldName,
	questionFieldName,
	writeInFieldName
} from './form-fields';
import type { DateUnit } from './form-fields';
import {
	formatDate,
	gridRowMessage,
	monthNumber,
	numberRangeMessage,
	requiredMessage,
	scaleRangeMessage,
	tooLongMessage
} from './messages';
import { answerOptions, gridScaleOptions, REFUSED_VALUE } from './scales';
import { characterCount, normaliseText } from './text';
import { WRITE_IN_MAX_LENGTH } from './types';
import type {
	Answer,
	ChoiceOption,
	DateQuestion,
	GridQuestion,
	MultipleChoiceQuestion,
	NumberQuestion,
	Question
} from './types';

/** Beyond this, a number without its own bounds is a typing slip, and floats lose digits. */
export const NUMBER_LIMIT = 1_000_000_000_000;

export interface AnswerOptions {
	/** Staff are recording a telephone, paper or face-to-face response. */
	enteredByStaff?: boolean;
}

export interface FieldError {
	/** The field name to link to from the error summary and to mark as in error. */
	field: string;
	message: string;
}

export interface QuestionResult {
	answer?: Answer;
	errors: FieldError[];
}

export type Values = Record<string, readonly string[] | undefined>;

function first(values: Values, name: string): string {
	return (values[name]?.[0] ?? '').trim();
}

function fail(field: string, message: string): QuestionResult {
	return { errors: [{ field, message }] };
}

function missing(question: Question): QuestionResult {
	return question.required
		? fail(questionFieldName(question), requiredMessage(question))
		: { errors: [] };
}

function writeInText(question: Question, option: ChoiceOption, values: Values) {
	const field = writeInFieldName(question.id, option.value);
	const text = normaliseText(values[field]?.[0] ?? '', { singleLine: true });
	if (characterCount(text) > WRITE_IN_MAX_LENGTH) {
		return { error: { field, message: tooLongMessage(WRITE_IN_MAX_LENGTH, 'Description') } };
	}
	return { text: text === '' ? undefined : text };
}

/** The one place a question's posted values become an answer; the question is assumed shown. */
export function parseQuestion(
	question: Question,
	values: Values,
	options: AnswerOptions
): QuestionResult {
	const field = answerFieldName(question.id);
	switch (question.type) {
		case 'single-choice':
		case 'satisfaction':
		case 'agreement':
		case 'yes-no':
		case 'nps':
		case 'effort':
		case 'rating': {
			const posted = first(values, field);
			if (posted === '') return missing(question);
			if (posted === REFUSED_VALUE && options.enteredByStaff && question.staffCanRecordRefusal) {
				return { answer: { type: 'refused' }, errors: [] };
			}
			const option = answerOptions(question).find((o) => o.value === posted);
			if (option === undefined) return fail(field, scaleRangeMessage(question));
			if (question.type === 'nps' || question.type === 'effort' || question.type === 'rating') {
				return { answer: { type: 'number', value: Number(option.value) }, errors: [] };
			}
			if (!option.writeIn) return { answer: { type: 'choice', value: option.value }, errors: [] };
			const writeIn = writeInText(question, option, values);
			if (writeIn.error) return { errors: [writeIn.error] };
			return {
				answer: writeIn.text
					? { type: 'choice', value: option.value, writeIn: writeIn.text }
					: { type: 'choice', value: option.value },
				errors: []
			};
		}
		case 'multiple-choice':
			return parseMultipleChoice(question, values);
		case 'short-text':
		case 'long-text': {
			const text = normaliseText(values[field]?.[0] ?? '', {
				singleLine: question.type === 'short-text'
			});
			if (text === '') return missing(question);
			if (characterCount(text) > question.maxLength) {
				return fail(field, tooLongMessage(question.maxLength));
			}
			return { answer: { type: 'text', value: text }, errors: [] };
		}
		case 'number':
			return parseNumber(question, first(values, field));
		case 'date':
			return parseDate(question, values);
		case 'grid':
			return parseGrid(question, values);
	}
}

function parseMultipleChoice(question: MultipleChoiceQuestion, values: Values): QuestionResult {
	const field = answerFieldName(question.id);
	const posted = new Set((values[field] ?? []).map((v) => v.trim()).filter((v) => v !== ''));
	if (posted.size === 0) return missing(question);
	if ([...posted].some((value) => !question.options.some((o) => o.value === value))) {
		return fail(field, requiredMessage(question));
	}
	const chosen = question.options.filter((option) => posted.has(option.value));
	const exclusive = chosen.find((option) => option.exclusive);
	if (exclusive && chosen.length > 1) {
		return fail(field, `Select one or more answers, or select ‘${exclusive.label}’`);
	}
	if (question.maxSelections !== undefined && chosen.length > question.maxSelections) {
		return fail(
			field,
			question.maxSelections === 1
				? 'Select only one answer'
				: `Select no more than ${question.maxSelections} answers`
		);
	}
	const writeIns: Record<string, string> = {};
	const errors: FieldError[] = [];
	for (const option of chosen.filter((o) => o.writeIn)) {
		const writeIn = writeInText(question, option, values);
		if (writeIn.error) errors.push(writeIn.error);
		else if (writeIn.text) writeIns[option.value] = writeIn.text;
	}
	if (errors.length > 0) return { errors };
	const chosenValues = chosen.map((option) => option.value);
	return {
		answer:
			Object.keys(writeIns).length > 0
				? { type: 'choices', values: chosenValues, writeIns }
				: { type: 'choices', values: chosenValues },
		errors: []
	};
}

// Commas and spaces are allowed as people type them ("1,000"); exponents and hex are not numbers
// anyone types into a survey.
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(question: NumberQuestion, posted: string): QuestionResult {
	const field = answerFieldName(question.id);
	if (posted === '') return missing(question);
	const text = posted.replace(/[\s,]/g, '').replace(/^[\u2212\u2013]/, '-');
	if (!NUMBER_TEXT.test(text)) {
		return fail(field, question.integer ? 'Enter a whole number' : 'Enter a number');
	}
	const parsed = Number(text);
	const value = parsed === 0 ? 0 : parsed;
	if (question.integer && !Number.isInteger(value)) return fail(field, 'Enter a whole number');
	const min = question.min ?? (question.max === undefined ? -NUMBER_LIMIT : undefined);
	const max = question.max ?? (question.min === undefined ? NUMBER_LIMIT : undefined);
	const outside =
		(min !== undefined && value < min) ||
		(max !== undefined && value > max) ||
		Math.abs(value) > NUMBER_LIMIT;
	if (outside) return fail(field, numberRangeMessage(min, max));
	return { answer: { type: 'number', value }, errors: [] };
}

function joinWords(words: string[]): string {
	const last = words[words.length - 1] ?? '';
	return words.length < 2 ? last : `${words.slice(0, -1).join(', ')} and ${last}`;
}

function parseDate(question: DateQuestion, values: Values): QuestionResult {
	const names = dateFieldNames(question.id);
	const posted = {
		day: first(values, names.day),
		month: first(values, names.month),
		year: first(values, names.year)
	};
	const empty = DATE_UNITS.filter((unit) => posted[unit] === '');
	if (empty.length === DATE_UNITS.length) return missing(question);
	const firstEmpty = empty[0];
	if (firstEmpty !== undefined) {
		return fail(names[firstEmpty], `Date must include a ${joinWords(empty)}`);
	}
	const numericMonth = /^\d{1,2}$/.test(posted.month) ? Number(posted.month) : undefined;
	const month =
		numericMonth === undefined
			? monthNumber(posted.month)
			: numericMonth >= 1 && numericMonth <= 12
				? numericMonth
				: undefined;
	const badUnit: DateUnit | undefined = !/^\d{1,2}$/.test(posted.day)
		? 'day'
		: month === undefined
			? 'month'
			: !/^\d+$/.test(posted.year)
				? 'year'
				: undefined;
	if (badUnit !== undefined || month === undefined) {
		return fail(names[badUnit ?? 'month'], 'Date must be a real date');
	}
	if (posted.year.length !== 4) return fail(names.year, 'Year must include 4 numbers');
	const day = Number(posted.day);
	const year = Number(posted.year);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	) {
		return fail(names.day, 'Date must be a real date');
	}
	const iso = `${posted.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	if (question.min !== undefined && iso < question.min) {
		return fail(names.day, `Date must be the same as or after ${formatDate(question.min)}`);
	}
	if (question.max !== undefined && iso > question.max) {
		return fail(names.day, `Date must be the same as or before ${formatDate(question.max)}`);
	}
	return { answer: { type: 'date', value: iso }, errors: [] };
}

function parseGrid(question: GridQuestion, values: Values): QuestionResult {
	const scale = gridScaleOptions(question.scale);
	const rows: Record<string, string> = {};
	const errors: FieldError[] = [];
	for (const row of question.rows) {
		const field = gridRowFieldName(question.id, row.value);
		const posted = first(values, field);
		if (posted === '') {
			if (question.required) errors.push({ field, message: gridRowMessage(row.label) });
		} else if (!scale.some((option) => option.value === posted)) {
			errors.push({ field, message: gridRowMessage(row.label) });
		} else {
			rows[row.value] = posted;
		}
	}
	if (errors.length > 0) return { errors };
	if (Object.keys(rows).length === 0) return missing(question);
	return { answer: { type: 'grid', rows }, errors: [] };
}
