/**
 * Ready-made surveys to start from. Each takes the organisation's name and returns a definition
 * that passes surveyDefinitionSchema; the builder may then edit anything not locked.
 */

import { fillDefinitionPlaceholders, fillPlaceholders } from './placeholders';
import { tsmPerceptionTemplate } from './tsm-questions';
import type { SurveyDefinition, SurveyTemplate } from './types';

const COMMENT_MAX_LENGTH = 2000;

function template(
	organisation: string,
	title: string,
	description: string,
	definition: SurveyDefinition
): SurveyTemplate {
	return {
		title: fillPlaceholders(title, organisation),
		description: fillPlaceholders(description, organisation),
		definition: fillDefinitionPlaceholders(definition, organisation)
	};
}

/** Transactional CSAT, sent when a repair is completed. */
export function repairSatisfactionTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'Your recent repair',
		'Tell [organisation] what you thought of the repair we carried out at your home. It takes about 2 minutes.',
		{
			pages: [
				{
					id: 'repair',
					title: 'Your repair',
					questions: [
						{
							id: 'repair-satisfaction',
							code: 'REPAIR_CSAT',
							type: 'satisfaction',
							text: 'Overall, how satisfied or dissatisfied are you with the repair [organisation] carried out at your home?',
							required: true,
							notApplicable: false
						},
						{
							id: 'repair-improve',
							code: 'REPAIR_IMPROVE',
							type: 'long-text',
							text: 'What could we have done better?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH,
							condition: {
								type: 'one-of',
								questionId: 'repair-satisfaction',
								values: ['fairly-dissatisfied', 'very-dissatisfied']
							}
						},
						{
							id: 'repair-time',
							code: 'REPAIR_TIME',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with the time taken to complete the repair?',
							required: false,
							notApplicable: false
						},
						{
							id: 'repair-first-visit',
							code: 'REPAIR_FIRST_VISIT',
							type: 'yes-no',
							text: 'Was the repair completed at the first visit?',
							required: false
						},
						{
							id: 'repair-comment',
							code: 'REPAIR_COMMENT',
							type: 'long-text',
							text: 'Is there anything else you would like to tell us about your repair?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

/** Transactional CSAT, sent when a contact (a question, request or report) is closed. */
export function contactSatisfactionTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'Your recent contact with us',
		'Tell [organisation] how we dealt with your recent enquiry. It takes about 2 minutes.',
		{
			pages: [
				{
					id: 'contact',
					title: 'Your enquiry',
					questions: [
						{
							id: 'contact-satisfaction',
							code: 'CONTACT_CSAT',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with how [organisation] dealt with your enquiry?',
							required: true,
							notApplicable: false
						},
						{
							id: 'contact-resolved',
							code: 'CONTACT_RESOLVED',
							type: 'single-choice',
							text: 'Was your enquiry resolved?',
							errorMessage: 'Select whether your enquiry was resolved',
							required: false,
							options: [
								{ value: 'yes', label: 'Yes' },
								{ value: 'partly', label: 'Partly' },
								{ value: 'no', label: 'No' }
							]
						},
						{
							id: 'contact-first-time',
							code: 'CONTACT_FIRST_TIME',
							type: 'yes-no',
							text: 'Was it resolved the first time you got in touch?',
							required: false,
							condition: { type: 'equals', questionId: 'contact-resolved', value: 'yes' }
						},
						{
							id: 'contact-staff',
							code: 'CONTACT_STAFF',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with how helpful our staff were?',
							required: false,
							notApplicable: true
						},
						{
							id: 'contact-comment',
							code: 'CONTACT_COMMENT',
							type: 'long-text',
							text: 'Is there anything else you would like to tell us?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

/** Net Promoter Score, in the wording of reference/measures.md. */
export function npsTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'Would you recommend us?',
		'Two quick questions about [organisation].',
		{
			pages: [
				{
					id: 'nps',
					questions: [
						{
							id: 'nps',
							code: 'NPS',
							type: 'nps',
							text: 'How likely is it that you would recommend [organisation] to a friend or colleague?',
							required: true
						},
						{
							id: 'nps-reason',
							code: 'NPS_REASON',
							type: 'long-text',
							text: 'What is the main reason for your score?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

/** Customer Effort Score, in the wording of reference/measures.md. */
export function customerEffortTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'How easy was it?',
		'Tell [organisation] how easy it was to get your issue dealt with. It takes about a minute.',
		{
			pages: [
				{
					id: 'effort',
					questions: [
						{
							id: 'effort',
							code: 'CES',
							type: 'effort',
							text: '[Organisation] made it easy for me to handle my issue',
							hint: 'How much do you agree or disagree? 1 means strongly disagree and 7 means strongly agree.',
							required: true
						},
						{
							id: 'effort-difficult',
							code: 'CES_DIFFICULT',
							type: 'long-text',
							text: 'What made it difficult?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH,
							condition: { type: 'range', questionId: 'effort', max: 3 }
						},
						{
							id: 'effort-easier',
							code: 'CES_EASIER',
							type: 'long-text',
							text: 'What could [organisation] do to make things easier?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

/** Sent when a complaint is closed; the response stays linked to the complaint. */
export function complaintHandlingTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'How we handled your complaint',
		'Tell [organisation] what you thought of how we handled your complaint. Your answers help us improve how we deal with complaints. It takes about 3 minutes.',
		{
			pages: [
				{
					id: 'complaint',
					title: 'Your complaint',
					questions: [
						{
							id: 'complaint-handling',
							code: 'COMPLAINT_HANDLING',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with how your complaint was handled?',
							required: true,
							notApplicable: false
						},
						{
							id: 'complaint-informed',
							code: 'COMPLAINT_INFORMED',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with how well [organisation] kept you informed about your complaint?',
							required: false,
							notApplicable: true
						},
						{
							id: 'complaint-time',
							code: 'COMPLAINT_TIME',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with the time it took to deal with your complaint?',
							required: false,
							notApplicable: false
						},
						{
							id: 'complaint-outcome',
							code: 'COMPLAINT_OUTCOME',
							type: 'satisfaction',
							text: 'How satisfied or dissatisfied are you with the outcome of your complaint?',
							hint: 'This is about what was decided, not how it was handled.',
							required: false,
							notApplicable: false
						},
						{
							id: 'complaint-comment',
							code: 'COMPLAINT_COMMENT',
							type: 'long-text',
							text: 'Is there anything else you would like to tell us about how your complaint was handled?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

/** A consultation on one proposal: the builder adds what the proposal is to the description. */
export function consultationTemplate(organisation: string): SurveyTemplate {
	return template(
		organisation,
		'Have your say on our proposal',
		'[Organisation] wants to know what you think of this proposal before a decision is made. We will publish what people told us and what we did as a result.',
		{
			pages: [
				{
					id: 'proposal',
					title: 'The proposal',
					questions: [
						{
							id: 'proposal-agreement',
							code: 'PROPOSAL_AGREE',
							type: 'agreement',
							text: 'To what extent do you agree or disagree with the proposal?',
							errorMessage: 'Select how much you agree or disagree with the proposal',
							required: true,
							notApplicable: true
						},
						{
							id: 'proposal-reason',
							code: 'PROPOSAL_REASON',
							type: 'long-text',
							text: 'Why do you say that?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				},
				{
					id: 'priorities',
					title: 'What matters to you',
					questions: [
						{
							id: 'priorities',
							code: 'PRIORITIES',
							type: 'multiple-choice',
							text: 'What matters most to you about this proposal?',
							hint: 'Select up to 3.',
							errorMessage: 'Select what matters most to you',
							required: false,
							maxSelections: 3,
							options: [
								{ value: 'cost', label: 'The cost to residents' },
								{ value: 'quality', label: 'The quality of services' },
								{ value: 'safety', label: 'Safety and security' },
								{ value: 'access', label: 'Being easy to get to and use' },
								{ value: 'environment', label: 'The effect on the environment' },
								{ value: 'fairness', label: 'Being fair to everyone' },
								{ value: 'other', label: 'Something else', writeIn: true }
							]
						},
						{
							id: 'proposal-comments',
							code: 'PROPOSAL_COMMENTS',
							type: 'long-text',
							text: 'Do you have any other comments about the proposal?',
							required: false,
							maxLength: COMMENT_MAX_LENGTH
						}
					]
				}
			]
		}
	);
}

export { tsmPerceptionTemplate };

export const SURVEY_TEMPLATES = [
	{
		key: 'repair-satisfaction',
		name: 'Satisfaction after a repair',
		summary:
			'Overall satisfaction, time taken and first-visit completion, sent when a repair is done.',
		build: repairSatisfactionTemplate
	},
	{
		key: 'contact-satisfaction',
		name: 'Satisfaction after a contact',
		summary: 'How an enquiry was dealt with and whether it was resolved.',
		build: contactSatisfactionTemplate
	},
	{
		key: 'nps',
		name: 'Net Promoter Score',
		summary: 'How likely people are to recommend you, and why.',
		build: npsTemplate
	},
	{
		key: 'customer-effort',
		name: 'Customer effort',
		summary: 'How easy it was to get an issue dealt with (1 to 7).',
		build: customerEffortTemplate
	},
	{
		key: 'tsm-perception',
		name: 'Tenant Satisfaction Measures',
		summary: 'The regulator’s TP01–TP12 perception survey, in its exact wording.',
		build: (organisation: string) => tsmPerceptionTemplate(organisation)
	},
	{
		key: 'complaint-handling',
		name: 'Complaint handling',
		summary: 'Sent when a complaint closes: handling, keeping informed, time taken and outcome.',
		build: complaintHandlingTemplate
	},
	{
		key: 'consultation',
		name: 'Consultation',
		summary: 'Agreement with a proposal, what matters most and comments.',
		build: consultationTemplate
	}
] as const satisfies readonly {
	key: string;
	name: string;
	summary: string;
	build: (organisation: string) => SurveyTemplate;
}[];

export type SurveyTemplateKey = (typeof SURVEY_TEMPLATES)[number]['key'];

export function buildTemplate(key: SurveyTemplateKey, organisation: string): SurveyTemplate {
	const entry = SURVEY_TEMPLATES.find((t) => t.key === key);
	if (entry === undefined) throw new RangeError(`No survey template ${key}`);
	return entry.build(organisation);
}
