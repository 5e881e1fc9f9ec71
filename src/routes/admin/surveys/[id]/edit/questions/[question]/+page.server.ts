import { fail, redirect } from '@sveltejs/kit';
import { QUESTION_TYPE_NAMES, SINGLE_PICK_TYPES, updateQuestion } from '$lib/domain/survey';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import {
	afterSave,
	applyEdit,
	editableQuestionOr404,
	mainQuestionField,
	questionChanges,
	questionFieldFor,
	questionFormSchema,
	questionFormValues,
	typedValues
} from '$lib/server/surveys/builder';
import { countResponses } from '$lib/server/surveys/surveys';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { survey, version } = surveyOr404(getDb(), event.params.id);
	const question = editableQuestionOr404(version.definition, event.params.question);
	return {
		survey: { id: survey.id, title: survey.title },
		versionNumber: version.number,
		answered: countResponses(getDb(), version.id) > 0,
		question: {
			id: question.id,
			type: question.type,
			typeName: QUESTION_TYPE_NAMES[question.type],
			locked: question.locked === true,
			canRecordRefusal: !question.locked && SINGLE_PICK_TYPES.includes(question.type),
			text: question.text,
			hint: question.hint ?? '',
			code: question.code
		},
		values: questionFormValues(question)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event);
		const { survey, version } = surveyOr404(getDb(), event.params.id);
		const question = editableQuestionOr404(version.definition, event.params.question);
		const form = await readForm(event.request);
		const parsed = parseForm(questionFormSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const changes = questionChanges(question, parsed.data);
		const result = applyEdit(
			getDb(),
			actorOf(user),
			survey.id,
			(d) => updateQuestion(d, question.id, changes),
			{ fallback: mainQuestionField(question), fieldFor: questionFieldFor(question.id) }
		);
		if (!result.ok) return fail(400, { errors: result.errors, values: typedValues(form) });
		redirect(303, afterSave(survey.id, result.outcome, `question-${question.id}`));
	}
};
