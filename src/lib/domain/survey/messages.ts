/**
 * Error messages in the GOV.UK Design System's style: say what to do, in the respondent's words,
 * without blaming them.
 */

import { MONTH_NAMES } from '../calendar/london-date';
import { EFFORT_RANGE, NPS_RANGE, RATING_RANGE } from './scales';
import type { Question } from './types';

/** "2024-04-01" → "1 April 2024" */
export function formatDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	const monthName = MONTH_NAMES[(month ?? 0) - 1];
	if (year === undefined || day === undefined || monthName === undefined) return isoDate;
	return `${day} ${monthName} ${year}`;
}

export function monthNumber(name: string): number | undefined {
	const lower = name.trim().toLowerCase();
	if (lower.length < 3) return undefined;
	const index = MONTH_NAMES.findIndex((month) => month.toLowerCase().startsWith(lower));
	return index < 0 ? undefined : index + 1;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20 });

export function formatNumber(value: number): string {
	return numberFormat.format(value);
}

const SATISFACTION_WORDING = /how satisfied or dissatisfied are you (with|that) (.+?)\??$/i;
const RECOMMEND_WORDING = /how likely is it that you would recommend (.+?)\??$/i;

function withoutFullStop(text: string): string {
	return text.trim().replace(/[.?]+$/, '');
}

/**
 * The message shown when a required question is not answered, or its answer is not one of the
 * choices. A question's own `errorMessage` wins; otherwise the regulator-style wording is turned
 * into "Select how satisfied you are with …" where it can be, else a plain instruction.
 */
export function requiredMessage(question: Question): string {
	if (question.errorMessage) return question.errorMessage;
	switch (question.type) {
		case 'satisfaction': {
			const match = SATISFACTION_WORDING.exec(withoutFullStop(question.text));
			return match
				? `Select how satisfied you are ${match[1]?.toLowerCase()} ${match[2]}`
				: 'Select how satisfied you are';
		}
		case 'agreement':
		case 'effort':
			return 'Select how much you agree or disagree';
		case 'nps': {
			const match = RECOMMEND_WORDING.exec(withoutFullStop(question.text));
			return match
				? `Select how likely you are to recommend ${match[1]}`
				: `Select a score from ${NPS_RANGE.min} to ${NPS_RANGE.max}`;
		}
		case 'rating':
			return `Select a score from ${RATING_RANGE.min} to ${RATING_RANGE.max}`;
		case 'yes-no':
			return 'Select yes or no';
		case 'single-choice':
			return 'Select an answer';
		case 'multiple-choice':
			return 'Select at least one answer';
		case 'grid':
			return 'Select an answer for each row';
		case 'short-text':
		case 'long-text':
			return 'Enter your answer';
		case 'number':
			return 'Enter a number';
		case 'date':
			return 'Enter a date';
	}
}

/** For a value posted that is not a point on a numbered scale. */
export function scaleRangeMessage(question: Question): string {
	switch (question.type) {
		case 'nps':
			return `Select a score from ${NPS_RANGE.min} to ${NPS_RANGE.max}`;
		case 'rating':
			return `Select a score from ${RATING_RANGE.min} to ${RATING_RANGE.max}`;
		case 'effort':
			return `Select a score from ${EFFORT_RANGE.min} to ${EFFORT_RANGE.max}`;
		default:
			return requiredMessage(question);
	}
}

export function tooLongMessage(maxLength: number, subject = 'Answer'): string {
	return `${subject} must be ${formatNumber(maxLength)} characters or fewer`;
}

export function numberRangeMessage(min: number | undefined, max: number | undefined): string {
	if (min !== undefined && max !== undefined) {
		return `Enter a number between ${formatNumber(min)} and ${formatNumber(max)}`;
	}
	if (min !== undefined) return `Enter a number that is ${formatNumber(min)} or more`;
	if (max !== undefined) return `Enter a number that is ${formatNumber(max)} or less`;
	return 'Enter a number';
}

export function gridRowMessage(rowLabel: string): string {
	return `Select an answer for ‘${withoutFullStop(rowLabel)}’`;
}

/**
 * What a screen reader hears when answering a question shows or hides others on the same page:
 * empty when nothing changed.
 */
export function revealAnnouncement(
	before: ReadonlySet<string>,
	after: ReadonlySet<string>
): string {
	const shown = [...after].filter((id) => !before.has(id)).length;
	const hidden = [...before].filter((id) => !after.has(id)).length;
	const questions = (n: number) => (n === 1 ? '1 question' : `${n} questions`);
	return [
		shown ? `${questions(shown)} added below` : '',
		hidden ? `${questions(hidden)} removed` : ''
	]
		.filter(Boolean)
		.join(', ');
}
