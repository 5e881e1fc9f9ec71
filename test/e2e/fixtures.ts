import type { SurveyDefinition } from '../../src/lib/domain/survey';

/** One survey that asks every question type, for the accessibility and keyboard tests. */
export const everyTypeSurvey: SurveyDefinition = {
	pages: [
		{
			id: 'choices',
			title: 'About you',
			questions: [
				{
					id: 'contact',
					code: 'CONTACT',
					type: 'single-choice',
					text: 'How did you last contact us?',
					required: true,
					options: [
						{ value: 'phone', label: 'By phone' },
						{ value: 'email', label: 'By email' },
						{ value: 'other', label: 'Another way', writeIn: true }
					]
				},
				{
					id: 'topics',
					code: 'TOPICS',
					type: 'multiple-choice',
					text: 'What was it about?',
					hint: 'Select all that apply.',
					required: false,
					options: [
						{ value: 'repair', label: 'A repair' },
						{ value: 'rent', label: 'Rent' },
						{ value: 'other', label: 'Something else', writeIn: true }
					]
				}
			]
		},
		{
			id: 'scales',
			title: 'How we did',
			questions: [
				{
					id: 'overall',
					code: 'OVERALL',
					type: 'satisfaction',
					text: 'How satisfied or dissatisfied are you with our service?',
					required: true,
					notApplicable: false
				},
				{
					id: 'respect',
					code: 'RESPECT',
					type: 'agreement',
					text: 'We treat you with respect.',
					required: false,
					notApplicable: true
				},
				{
					id: 'resolved',
					code: 'RESOLVED',
					type: 'yes-no',
					text: 'Was your issue resolved?',
					required: false
				},
				{
					// Depends on an answer on the same page: revealed as the person answers.
					id: 'outstanding',
					code: 'OUTSTANDING',
					type: 'short-text',
					text: 'What is still to be done?',
					errorMessage: 'Enter what is still to be done',
					required: true,
					maxLength: 200,
					condition: { type: 'equals', questionId: 'resolved', value: 'no' }
				}
			]
		},
		{
			id: 'scores',
			title: 'Scores',
			questions: [
				{
					id: 'nps',
					code: 'NPS',
					type: 'nps',
					text: 'How likely is it that you would recommend Riverside Homes to a friend or colleague?',
					required: false
				},
				{
					id: 'effort',
					code: 'CES',
					type: 'effort',
					text: 'Riverside Homes made it easy for me to handle my issue.',
					required: false
				},
				{
					id: 'rating',
					code: 'RATING',
					type: 'rating',
					text: 'Rate our website from 1 to 10.',
					required: false,
					lowLabel: 'Very poor',
					highLabel: 'Excellent'
				}
			]
		},
		{
			id: 'details',
			title: 'Details',
			questions: [
				{
					id: 'name-of-street',
					code: 'STREET',
					type: 'short-text',
					text: 'Which street do you live on?',
					required: false,
					maxLength: 100
				},
				{
					id: 'comments',
					code: 'COMMENTS',
					type: 'long-text',
					text: 'Anything else you would like to tell us?',
					required: false,
					maxLength: 500
				},
				{
					id: 'visits',
					code: 'VISITS',
					type: 'number',
					text: 'How many visits did the repair take?',
					required: false,
					min: 1,
					max: 20,
					integer: true
				},
				{
					id: 'when',
					code: 'WHEN',
					type: 'date',
					text: 'When was the repair finished?',
					required: false
				}
			]
		},
		{
			id: 'grid',
			title: 'Our communal areas',
			questions: [
				{
					id: 'areas',
					code: 'AREAS',
					type: 'grid',
					text: 'How satisfied are you with each of these?',
					required: false,
					rows: [
						{ value: 'stairs', label: 'Stairs and landings' },
						{ value: 'bins', label: 'Bin stores' }
					],
					scale: { type: 'satisfaction', notApplicable: true }
				}
			]
		}
	]
};
