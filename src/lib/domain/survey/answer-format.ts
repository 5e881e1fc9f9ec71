/**
 * Stored answers back into form values (to refill a page, or for "Check your answers" change
 * links) and into words for people to read.
 */

import { evaluateVisibility } from './conditions';
import {
	answerFieldName,
	dateFieldNames,
	gridRowFieldName,
	questionFieldName,
	writeInFieldName
} from './form-fields';
import { formatDate, formatNumber } from './messages';
import {
	answerOptions,
	EFFORT_SCALE,
	gridScaleOptions,
	REFUSED_OPTION,
	REFUSED_VALUE
} from './scales';
import { ANSWER_TYPE_BY_QUESTION_TYPE } from './types';
import type { Answer, Answers, ChoiceOption, Question, SurveyDefinition } from './types';

export const NOT_ANSWERED = 'Not answered';

/**
 * The values the question's inputs would post to give this answer, keyed by field name. Empty when
 * the answer does not fit the question (e.g. an answer kept from an older version).
 */
export function answerToFormValues(
	question: Question,
	answer: Answer | undefined
): Record<string, string[]> {
	const values: Record<string, string[]> = {};
	if (answer === undefined) return values;
	if (answer.type === 'refused') {
		if (question.type !== 'date' && question.type !== 'grid') {
			values[answerFieldName(question.id)] = [REFUSED_VALUE];
		}
		return values;
	}
	if (ANSWER_TYPE_BY_QUESTION_TYPE[question.type] !== answer.type) return values;
	switch (answer.type) {
		case 'choice':
			values[answerFieldName(question.id)] = [answer.value];
			if (answer.writeIn !== undefined) {
				values[writeInFieldName(question.id, answer.value)] = [answer.writeIn];
			}
			break;
		case 'choices':
			values[answerFieldName(question.id)] = [...answer.values];
			for (const [option, text] of Object.entries(answer.writeIns ?? {})) {
				values[writeInFieldName(question.id, option)] = [text];
			}
			break;
		case 'number':
			values[answerFieldName(question.id)] = [String(answer.value)];
			break;
		case 'text':
			values[answerFieldName(question.id)] = [answer.value];
			break;
		case 'date': {
			const [year = '', month = '', day = ''] = answer.value.split('-');
			const names = dateFieldNames(question.id);
			// Shown as a person would type it: 1 4 2024, not 01 04 2024
			values[names.day] = [String(Number(day))];
			values[names.month] = [String(Number(month))];
			values[names.year] = [year];
			break;
		}
		case 'grid':
			for (const [row, value] of Object.entries(answer.rows)) {
				values[gridRowFieldName(question.id, row)] = [value];
			}
			break;
	}
	return values;
}

function labelOf(options: readonly ChoiceOption[], value: string): string {
	return options.find((option) => option.value === value)?.label ?? value;
}

/**
 * The answer as lines of words, e.g. ["Very satisfied"], ["Any other White background: Polish"],
 * ["Cost", "Safety"] or, for a grid, one "row: answer" line per row.
 */
export function formatAnswerLines(question: Question, answer: Answer | undefined): string[] {
	if (answer === undefined) return [NOT_ANSWERED];
	if (answer.type === 'refused') return [REFUSED_OPTION.label];
	switch (answer.type) {
		case 'choice': {
			const label = labelOf(answerOptions(question), answer.value);
			return [answer.writeIn ? `${label}: ${answer.writeIn}` : label];
		}
		case 'choices': {
			const options = answerOptions(question);
			return answer.values.map((value) => {
				const label = labelOf(options, value);
				const writeIn = answer.writeIns?.[value];
				return writeIn ? `${label}: ${writeIn}` : label;
			});
		}
		case 'number':
			switch (question.type) {
				case 'nps':
				case 'rating':
					return [`${answer.value} out of 10`];
				case 'effort':
					return [`${answer.value} – ${labelOf(EFFORT_SCALE, String(answer.value))}`];
				default:
					return [formatNumber(answer.value)];
			}
		case 'text':
			return [answer.value];
		case 'date':
			return [formatDate(answer.value)];
		case 'grid': {
			if (question.type !== 'grid') return Object.values(answer.rows);
			const options = gridScaleOptions(question.scale);
			return question.rows
				.filter((row) => answer.rows[row.value] !== undefined)
				.map((row) => `${row.label}: ${labelOf(options, answer.rows[row.value] ?? '')}`);
		}
	}
}

/** One string for a table cell or an export; multi-line answers are joined with "; ". */
export function formatAnswer(question: Question, answer: Answer | undefined): string {
	return formatAnswerLines(question, answer).join('; ');
}

export interface AnswerSummaryRow {
	pageId: string;
	question: Question;
	/** From formatAnswerLines; "Not answered" for a shown question left blank. */
	lines: string[];
	/** The field a "Change" link should focus on the page. */
	field: string;
}

/** "Check your answers": every shown question, in order, with its answer in words. */
export function summariseAnswers(
	definition: SurveyDefinition,
	answers: Answers
): AnswerSummaryRow[] {
	const visibility = evaluateVisibility(definition, answers);
	return visibility.pages.flatMap(({ page, questions }) =>
		questions
			.filter((q) => q.visible)
			.map(({ question }) => ({
				pageId: page.id,
				question,
				lines: formatAnswerLines(question, visibility.answers[question.id]),
				field: questionFieldName(question)
			}))
	);
}
