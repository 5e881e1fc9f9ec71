import type { Question, SurveyDefinition } from '$lib/domain/survey';

/** One question of every type, spread over pages with skip logic between them. */
export function everyTypeDefinition(): SurveyDefinition {
	return {
		pages: [
			{
				id: 'p1',
				title: 'About the service',
				questions: [
					{
						id: 'sat',
						code: 'SAT',
						type: 'satisfaction',
						text: 'How satisfied or dissatisfied are you with the repairs service?',
						required: true,
						notApplicable: false
					},
					{
						id: 'why',
						code: 'WHY',
						type: 'long-text',
						text: 'Why were you dissatisfied?',
						required: true,
						maxLength: 500,
						condition: {
							type: 'one-of',
							questionId: 'sat',
							values: ['fairly-dissatisfied', 'very-dissatisfied']
						}
					},
					{
						id: 'agree',
						code: 'AGREE',
						type: 'agreement',
						text: 'Staff were polite',
						required: false,
						notApplicable: true
					},
					{
						id: 'colour',
						code: 'COLOUR',
						type: 'single-choice',
						text: 'Which colour door would you like?',
						required: true,
						options: [
							{ value: 'red', label: 'Red' },
							{ value: 'blue', label: 'Blue' },
							{ value: 'other', label: 'Another colour', writeIn: true }
						]
					}
				]
			},
			{
				id: 'p2',
				title: 'Scores',
				questions: [
					{
						id: 'nps',
						code: 'NPS',
						type: 'nps',
						text: 'How likely is it that you would recommend Acme Homes to a friend or colleague?',
						required: true
					},
					{ id: 'ces', code: 'CES', type: 'effort', text: 'Acme made it easy', required: false },
					{
						id: 'rate',
						code: 'RATE',
						type: 'rating',
						text: 'Rate the website',
						required: false,
						lowLabel: 'Very poor',
						highLabel: 'Excellent'
					},
					{ id: 'yn', code: 'YN', type: 'yes-no', text: 'Did we call you back?', required: false }
				]
			},
			{
				id: 'p3',
				title: 'Details',
				condition: { type: 'equals', questionId: 'yn', value: 'yes' },
				questions: [
					{
						id: 'name',
						code: 'NAME',
						type: 'short-text',
						text: 'Who called you?',
						required: true,
						maxLength: 10
					},
					{
						id: 'calls',
						code: 'CALLS',
						type: 'number',
						text: 'How many times did you call?',
						required: false,
						min: 1,
						max: 10,
						integer: true
					},
					{
						id: 'when',
						code: 'WHEN',
						type: 'date',
						text: 'When did we call?',
						required: false,
						min: '2024-01-01',
						max: '2024-12-31'
					}
				]
			},
			{
				id: 'p4',
				title: 'More',
				questions: [
					{
						id: 'matters',
						code: 'MATTERS',
						type: 'multiple-choice',
						text: 'What matters to you?',
						required: false,
						maxSelections: 2,
						options: [
							{ value: 'cost', label: 'Cost' },
							{ value: 'speed', label: 'Speed' },
							{ value: 'quality', label: 'Quality' },
							{ value: 'other', label: 'Something else', writeIn: true },
							{ value: 'none', label: 'None of these', exclusive: true }
						]
					},
					{
						id: 'grid',
						code: 'GRID',
						type: 'grid',
						text: 'How satisfied are you with each of these?',
						required: true,
						rows: [
							{ value: 'stairs', label: 'The stairs' },
							{ value: 'lifts', label: 'The lifts' }
						],
						scale: { type: 'satisfaction', notApplicable: true }
					},
					{
						id: 'weight',
						code: 'WEIGHT',
						type: 'number',
						text: 'How heavy was the parcel, in kilograms?',
						required: false,
						min: 0,
						integer: false
					}
				]
			}
		]
	};
}

export function questionById(definition: SurveyDefinition, id: string): Question {
	for (const page of definition.pages) {
		for (const question of page.questions) if (question.id === id) return question;
	}
	throw new Error(`no question ${id}`);
}
