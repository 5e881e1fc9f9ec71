import { z } from 'zod';
import { actionStatuses, recommendationResponses, scrutinyEvidenceKinds } from '../db/schema';
import { optionalId, optionalText, pastDate, requiredDate, dateField } from '../forms/fields';
import { requiredText } from '../forms/parse';

/** No review or action of this tool's can be older than this: a year before it is a typo. */
const EARLIEST = '2000-01-01';

export const reviewSchema = z.object({
	title: requiredText('a title', 150),
	scope: requiredText('what the review looks at and why', 5000),
	serviceId: optionalId('Select a service from the list'),
	startedOn: pastDate(
		requiredDate('The date the review started'),
		'The date the review started'
	).refine(
		(v) => v === null || v >= EARLIEST,
		`The date the review started must be in ${EARLIEST.slice(0, 4)} or later`
	)
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const scrutinyEvidenceSchema = z
	.object({
		kind: z.enum(scrutinyEvidenceKinds, { error: 'Select what kind of evidence it is' }),
		evidenceTitle: requiredText('what the evidence is', 200),
		summary: requiredText('what the panel found in it', 5000),
		surveyId: optionalId('Select a survey from the list')
	})
	.refine((v) => v.kind !== 'survey-results' || v.surveyId !== null, {
		path: ['surveyId'],
		message: 'Select the survey whose results the panel looked at'
	});
export type ScrutinyEvidenceInput = z.output<typeof scrutinyEvidenceSchema>;

export const recommendationSchema = z.object({
	body: requiredText('the recommendation', 2000)
});

export const responseSchema = z
	.object({
		response: z.enum(recommendationResponses, {
			error: 'Select whether the organisation accepts the recommendation'
		}),
		reasons: optionalText('Reasons', 5000)
	})
	.refine((v) => v.response === 'accepted' || v.reasons !== '', {
		path: ['reasons'],
		message: 'Give the reasons for not accepting it in full'
	});
export type ResponseInput = z.output<typeof responseSchema>;

export const scrutinyActionSchema = z
	.object({
		title: requiredText('what will be done', 200),
		ownerId: optionalId('Select an owner from the list'),
		dueOn: requiredDate('The due date'),
		status: z.enum(actionStatuses, { error: 'Select a status' }),
		progress: optionalText('Progress', 5000),
		completedOn: pastDate(dateField('Date done'), 'The date done')
	})
	.refine((v) => v.ownerId !== null, {
		path: ['ownerId'],
		message: 'Select who owns the action'
	})
	.refine((v) => v.status !== 'not-possible' || v.progress !== '', {
		path: ['progress'],
		message: 'Say why it is not possible'
	})
	.refine((v) => v.status === 'done' || v.completedOn === null, {
		path: ['completedOn'],
		message: 'Leave the date done blank unless the action is done'
	});
export type ScrutinyActionInput = z.output<typeof scrutinyActionSchema>;

/** One row of a list, named by a hidden field. */
export const rowSchema = z.object({
	rowId: z.coerce.number({ error: 'Choose from the list' }).int().positive('Choose from the list')
});
