import { describe, expect, test } from 'vitest';
import {
	buildTemplate,
	complaintHandlingTemplate,
	customerEffortTemplate,
	fillDefinitionPlaceholders,
	fillPlaceholders,
	hasPlaceholders,
	npsTemplate,
	parseDefinition,
	parsePageAnswers,
	SURVEY_TEMPLATES,
	visibleQuestions,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';

const ORGANISATION = 'the council';

function everyText(definition: SurveyDefinition): string[] {
	return definition.pages.flatMap((page) => [
		page.title ?? '',
		page.description ?? '',
		...page.questions.flatMap((q: Question) => [
			q.text,
			q.hint ?? '',
			q.errorMessage ?? '',
			...('options' in q ? q.options.map((o) => o.label) : [])
		])
	]);
}

describe('placeholders', () => {
	test('[landlord], [organisation] and the capitalised forms become the name', () => {
		expect(fillPlaceholders('How satisfied are you with [landlord]?', 'Acme Homes')).toBe(
			'How satisfied are you with Acme Homes?'
		);
		expect(fillPlaceholders('[organisation] and [landlord]', 'Acme')).toBe('Acme and Acme');
		expect(
			fillPlaceholders('[Organisation] made it easy for me to handle my issue', 'the council')
		).toBe('The council made it easy for me to handle my issue');
		expect(fillPlaceholders('Tell [organisation]', 'the council')).toBe('Tell the council');
		expect(fillPlaceholders("[landlord]'s approach", 'Acme Homes')).toBe("Acme Homes's approach");
		expect(hasPlaceholders('Tell [Landlord]')).toBe(true);
		expect(hasPlaceholders('Tell us')).toBe(false);
	});

	test('a name containing "$&" or a placeholder is inserted literally', () => {
		expect(fillPlaceholders('With [landlord]', 'A$&B [landlord]')).toBe('With A$&B [landlord]');
	});

	test('an empty name is refused', () => {
		expect(() => fillPlaceholders('[landlord]', '  ')).toThrow(RangeError);
	});

	test('every piece of wording in a definition is filled; codes and values are not', () => {
		const filled = fillDefinitionPlaceholders(
			{
				pages: [
					{
						id: 'p',
						title: 'About [organisation]',
						questions: [
							{
								id: 'q',
								code: 'Q',
								type: 'single-choice',
								text: 'Do you rent from [landlord]?',
								hint: '[Organisation] asks everyone',
								required: false,
								options: [
									{ value: 'landlord', label: 'Yes, from [landlord]' },
									{ value: 'no', label: 'No' }
								]
							}
						]
					}
				]
			},
			'Acme'
		);
		expect(everyText(filled).join('|')).toBe(
			'About Acme||Do you rent from Acme?|Acme asks everyone||Yes, from Acme|No'
		);
		const question = filled.pages[0]!.questions[0]!;
		expect('options' in question && question.options[0]!.value).toBe('landlord');
	});
});

describe('templates', () => {
	test.each(SURVEY_TEMPLATES.map((t) => [t.key, t] as const))(
		'%s is a valid definition with the name filled in',
		(_key, entry) => {
			const built = entry.build(ORGANISATION);
			const check = parseDefinition(built.definition);
			expect(check.ok ? [] : check.issues).toEqual([]);
			const words = [built.title, built.description, ...everyText(built.definition)];
			expect(words.filter(hasPlaceholders)).toEqual([]);
			expect(built.title.length).toBeGreaterThan(0);
			expect(built.description.length).toBeGreaterThan(0);
		}
	);

	test('NPS and effort use the wording of measures.md', () => {
		const nps = npsTemplate('Acme Homes').definition.pages[0]!.questions[0]!;
		expect(nps).toMatchObject({
			type: 'nps',
			text: 'How likely is it that you would recommend Acme Homes to a friend or colleague?'
		});
		const effort = customerEffortTemplate('the council').definition.pages[0]!.questions[0]!;
		expect(effort).toMatchObject({
			type: 'effort',
			text: 'The council made it easy for me to handle my issue'
		});
	});

	test('effort: the "what made it difficult" question follows a low score only', () => {
		const { definition } = customerEffortTemplate('Acme');
		const shown = (score: number) =>
			visibleQuestions(definition, { effort: { type: 'number', value: score } }).map((q) => q.code);
		expect(shown(3)).toContain('CES_DIFFICULT');
		expect(shown(4)).not.toContain('CES_DIFFICULT');
	});

	test('complaint handling asks about handling, being kept informed, time taken and comments', () => {
		const codes = complaintHandlingTemplate('Acme').definition.pages.flatMap((p) =>
			p.questions.map((q) => [q.code, q.type])
		);
		expect(codes).toEqual(
			expect.arrayContaining([
				['COMPLAINT_HANDLING', 'satisfaction'],
				['COMPLAINT_INFORMED', 'satisfaction'],
				['COMPLAINT_TIME', 'satisfaction'],
				['COMPLAINT_COMMENT', 'long-text']
			])
		);
	});

	test('consultation: agreement with the proposal, up to 3 priorities and comments', () => {
		const { definition } = buildTemplate('consultation', 'Acme');
		const page = definition.pages[1]!;
		const result = parsePageAnswers(definition, page.id, {
			q_priorities: ['cost', 'safety', 'fairness', 'quality']
		});
		expect(result.errors).toEqual({ q_priorities: 'Select no more than 3 answers' });
		expect(definition.pages[0]!.questions[0]).toMatchObject({
			type: 'agreement',
			notApplicable: true
		});
	});

	test('the repair survey asks why only of dissatisfied respondents', () => {
		const { definition } = buildTemplate('repair-satisfaction', 'Acme');
		const shown = (value: string) =>
			visibleQuestions(definition, { 'repair-satisfaction': { type: 'choice', value } }).map(
				(q) => q.code
			);
		expect(shown('very-dissatisfied')).toContain('REPAIR_IMPROVE');
		expect(shown('neither')).not.toContain('REPAIR_IMPROVE');
	});
});
