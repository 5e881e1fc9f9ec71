/**
 * "[landlord]" (the regulator's word), "[organisation]", and their capitalised forms at the start
 * of a sentence ("[Organisation] made it easy for me…") stand for the organisation's name.
 */

import type { ChoiceOption, GridScale, Question, SurveyDefinition, SurveyPage } from './types';

const PLACEHOLDER = /\[(landlord|organisation)\]/gi;

export function hasPlaceholders(text: string): boolean {
	return new RegExp(PLACEHOLDER.source, 'i').test(text);
}

/**
 * Replaces every placeholder with the name as given, except that a capitalised placeholder
 * ("[Organisation]") capitalises the name's first letter, for names like "the council".
 */
export function fillPlaceholders(text: string, organisation: string): string {
	const name = organisation.trim();
	if (name === '') throw new RangeError('The organisation name is needed to fill in the wording');
	return text.replace(PLACEHOLDER, (placeholder: string) => {
		const capital = placeholder.charAt(1) !== placeholder.charAt(1).toLowerCase();
		return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name;
	});
}

function fillOptional(text: string | undefined, organisation: string): string | undefined {
	return text === undefined ? undefined : fillPlaceholders(text, organisation);
}

function fillOptions(options: readonly ChoiceOption[], organisation: string): ChoiceOption[] {
	return options.map((option) => ({
		...option,
		label: fillPlaceholders(option.label, organisation),
		...(option.hint !== undefined && { hint: fillPlaceholders(option.hint, organisation) }),
		...(option.group !== undefined && { group: fillPlaceholders(option.group, organisation) })
	}));
}

function fillScale(scale: GridScale, organisation: string): GridScale {
	return scale.type === 'options'
		? { type: 'options', options: fillOptions(scale.options, organisation) }
		: scale;
}

export function fillQuestionPlaceholders(question: Question, organisation: string): Question {
	const filled: Question = {
		...question,
		text: fillPlaceholders(question.text, organisation)
	};
	if (question.hint !== undefined) filled.hint = fillOptional(question.hint, organisation);
	if (question.errorMessage !== undefined) {
		filled.errorMessage = fillOptional(question.errorMessage, organisation);
	}
	switch (filled.type) {
		case 'single-choice':
		case 'multiple-choice':
			filled.options = fillOptions(filled.options, organisation);
			break;
		case 'grid':
			filled.rows = filled.rows.map((row) => ({
				...row,
				label: fillPlaceholders(row.label, organisation)
			}));
			filled.scale = fillScale(filled.scale, organisation);
			break;
		case 'rating':
			if (filled.lowLabel !== undefined)
				filled.lowLabel = fillOptional(filled.lowLabel, organisation);
			if (filled.highLabel !== undefined) {
				filled.highLabel = fillOptional(filled.highLabel, organisation);
			}
			break;
		default:
			break;
	}
	return filled;
}

/** Every piece of wording in a definition, filled in; ids, codes and values are untouched. */
export function fillDefinitionPlaceholders(
	definition: SurveyDefinition,
	organisation: string
): SurveyDefinition {
	return {
		...definition,
		pages: definition.pages.map((page): SurveyPage => ({
			...page,
			...(page.title !== undefined && { title: fillPlaceholders(page.title, organisation) }),
			...(page.description !== undefined && {
				description: fillPlaceholders(page.description, organisation)
			}),
			questions: page.questions.map((question) => fillQuestionPlaceholders(question, organisation))
		}))
	};
}
