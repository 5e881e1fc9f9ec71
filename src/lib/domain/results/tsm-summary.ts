/**
 * The "summary of approach" published with TSM results (reference/tsm.md, A–L). A, B, C, D, F and
 * H come from the survey's own data; the rest are what the landlord wrote.
 */

import { formatCount } from '../rounding';
import { allQuestions, answerOptions, gridOptions, type SurveyDefinition } from '../survey';

export interface ApproachFacts {
	samples: { population: string; n: number }[];
	timing: { from: string; to: string } | null;
	channels: { channel: string; n: number }[];
	accessMode: 'public' | 'invitation';
	sampleMethod: string;
	weighting: { population: string; strata: number; questionCode: string; outside: number }[];
	excludedHouseholds: number;
	representativeness: string;
	contractor: string;
	exclusionReasons: string;
	sampleShortfall: string;
	incentives: string;
	otherIssues: string;
}

export interface ApproachItem {
	letter: string;
	heading: string;
	text: string;
}

const NOT_STATED = 'Not stated.';
const responses = (n: number) => `${formatCount(n)} ${n === 1 ? 'response' : 'responses'}`;
const or = (value: string) => (value.trim() === '' ? NOT_STATED : value.trim());

export function summaryOfApproach(facts: ApproachFacts): ApproachItem[] {
	const channels = facts.channels
		.filter((c) => c.n > 0)
		.map((c) => `${c.channel.replaceAll('-', ' ')} (${formatCount(c.n)})`)
		.join(', ');
	const method =
		facts.accessMode === 'invitation'
			? 'Single-use invitations sent to tenants.'
			: 'An open survey link, available to every tenant.';
	return [
		{
			letter: 'A',
			heading: 'Achieved sample size',
			text: facts.samples.map((s) => `${s.population}: ${responses(s.n)}`).join('; ') + '.'
		},
		{
			letter: 'B',
			heading: 'Timing of the survey',
			text: facts.timing
				? `Responses received from ${facts.timing.from} to ${facts.timing.to}.`
				: 'No responses yet.'
		},
		{ letter: 'C', heading: 'Collection method(s)', text: channels ? `${channels}.` : NOT_STATED },
		{
			letter: 'D',
			heading: 'Sample method',
			text: facts.sampleMethod.trim() ? `${method} ${facts.sampleMethod.trim()}` : method
		},
		{
			letter: 'E',
			heading: 'Representativeness of the sample',
			text: or(facts.representativeness)
		},
		{
			letter: 'F',
			heading: 'Weighting applied',
			text:
				facts.weighting.length === 0
					? 'No weighting was applied.'
					: facts.weighting
							.map(
								(w) =>
									`${w.population}: weighted to the population shares of ${w.strata} strata defined by the answer to ${w.questionCode}` +
									(w.outside > 0
										? `; ${responses(w.outside)} outside every stratum ${w.outside === 1 ? 'carries' : 'carry'} no weight`
										: '')
							)
							.join('. ') + '.'
		},
		{ letter: 'G', heading: 'Role of any named external contractor', text: or(facts.contractor) },
		{
			letter: 'H',
			heading: 'Households excluded from the population',
			text: formatCount(facts.excludedHouseholds)
		},
		{ letter: 'I', heading: 'Reasons for exclusions', text: or(facts.exclusionReasons) },
		{
			letter: 'J',
			heading: 'Reasons for any failure to meet the required sample size',
			text: or(facts.sampleShortfall)
		},
		{ letter: 'K', heading: 'Type and amount of incentives', text: or(facts.incentives) },
		{ letter: 'L', heading: 'Other methodological issues', text: or(facts.otherIssues) }
	];
}

export interface QuestionnaireItem {
	code: string;
	text: string;
	/** Statements of a grid, each answered on the options. */
	statements: string[];
	/** The answers offered, in order; empty where the answer is typed. */
	options: string[];
}

/** The full questionnaire in the order it is asked, published beside the summary of approach. */
export function questionnaire(definition: SurveyDefinition): QuestionnaireItem[] {
	return allQuestions(definition).map((question) => ({
		code: question.code,
		text: question.text,
		statements: question.type === 'grid' ? question.rows.map((row) => row.label) : [],
		options: (question.type === 'grid' ? gridOptions(question) : answerOptions(question)).map(
			(option) => option.label
		)
	}));
}
