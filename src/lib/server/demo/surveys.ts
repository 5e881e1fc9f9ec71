import {
	answerOptions,
	buildTemplate,
	evaluateVisibility,
	gridOptions,
	isEqualityQuestion,
	npsTemplate,
	tsmTenureOf,
	validateSubmission,
	withEqualityMonitoring,
	type Answer,
	type Answers,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';
import { writeTransaction, type Db } from '../db';
import {
	answer,
	equalityAnswer,
	response,
	survey,
	surveyVersion,
	type Channel
} from '../db/schema';
import { generateReference } from '../surveys/references';
import type { DemoFoundation } from './foundation';
import type { Random } from './random';

const DAY = 86_400_000;

const COMMENTS = [
	'The operative was polite and cleaned up after themselves.',
	'I had to call three times before anyone came out.',
	'Took far too long to get an appointment.',
	'Very happy with the work, thank you.',
	'Nobody told me the appointment had been cancelled.',
	'The communal areas are not cleaned as often as they should be.',
	'Staff on the phone were helpful and kind.',
	'Damp in the bathroom keeps coming back.',
	'Good service overall but the online form is confusing.',
	'Please give a time slot rather than all day.',
	'The new kitchen is great.',
	'Anti-social behaviour on the estate is getting worse and nothing is done.'
];

/** Realistic leanings: most people satisfied, a long unhappy tail. */
const SCALE_WEIGHTS: [number, number][] = [
	[0, 34],
	[1, 32],
	[2, 12],
	[3, 11],
	[4, 11]
];

function randomAnswer(q: Question, random: Random, mood: number): Answer | undefined {
	const options = answerOptions(q).filter((o) => !o.value.startsWith('_'));
	const lean = (weights: [number, number][]) =>
		random.weighted(weights.map(([i, w]) => [i, i <= 1 ? w * mood : w] as const));
	switch (q.type) {
		case 'satisfaction':
		case 'agreement': {
			if (q.notApplicable && random.chance(0.05))
				return { type: 'choice', value: 'not-applicable' };
			return { type: 'choice', value: options[lean(SCALE_WEIGHTS)]!.value };
		}
		case 'nps':
			return {
				type: 'number',
				value: random.weighted([
					[10, 22 * mood],
					[9, 20 * mood],
					[8, 18],
					[7, 12],
					[6, 7],
					[5, 7],
					[4, 3],
					[3, 3],
					[2, 2],
					[1, 2],
					[0, 4]
				])
			};
		case 'effort':
			return {
				type: 'number',
				value: random.weighted([
					[7, 25 * mood],
					[6, 25 * mood],
					[5, 15],
					[4, 10],
					[3, 10],
					[2, 8],
					[1, 7]
				])
			};
		case 'rating':
			return { type: 'number', value: random.int(4, 10) };
		case 'yes-no':
		case 'single-choice': {
			const plain = options.filter((o) => !o.writeIn && o.value !== 'prefer-not-to-say');
			return { type: 'choice', value: random.pick(plain.length ? plain : options).value };
		}
		case 'multiple-choice': {
			const plain = options.filter((o) => !o.writeIn && !o.exclusive);
			const values = [...new Set([random.pick(plain).value, random.pick(plain).value])];
			return { type: 'choices', values };
		}
		case 'short-text':
		case 'long-text':
			return random.chance(0.3) ? { type: 'text', value: random.pick(COMMENTS) } : undefined;
		case 'number':
			return { type: 'number', value: random.int(q.min ?? 0, q.max ?? 10) };
		case 'date':
			return undefined;
		case 'grid': {
			const columns = gridOptions(q);
			return {
				type: 'grid',
				rows: Object.fromEntries(q.rows.map((r) => [r.value, random.pick(columns).value]))
			};
		}
	}
}

/** Answers in page order, asking only what skip logic would have shown. */
function answerSurvey(
	definition: SurveyDefinition,
	random: Random,
	overrides: Answers,
	mood: number
): Answers {
	const answers: Answers = {};
	for (const page of definition.pages)
		for (const question of page.questions) {
			const visible = evaluateVisibility(definition, answers).pages.some((p) =>
				p.questions.some((v) => v.question.id === question.id && v.visible)
			);
			if (!visible) continue;
			if (isEqualityQuestion(question) && !random.chance(0.6)) continue;
			const value = overrides[question.id] ?? randomAnswer(question, random, mood);
			if (value) answers[question.id] = value;
		}
	return validateSubmission(definition, answers).answers;
}

type Plan = {
	title: string;
	template: Parameters<typeof buildTemplate>[0];
	extend?: (d: SurveyDefinition) => SurveyDefinition;
	status: 'open' | 'closed';
	count: number;
	days: number;
	services: [string, number][];
	channels: [Channel, number][];
	overrides?: (random: Random) => Answers;
};

function seedSurvey(db: Db, foundation: DemoFoundation, random: Random, plan: Plan, now: number) {
	const organisation = 'Riverside Homes';
	const built = buildTemplate(plan.template, organisation);
	const definition = plan.extend ? plan.extend(built.definition) : built.definition;
	const serviceIds = new Map(foundation.services.map((s) => [s.name, s.id]));
	const created = db
		.insert(survey)
		.values({
			title: plan.title,
			description: built.description,
			slug: plan.title
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, ''),
			templateKey: plan.template,
			status: plan.status,
			serviceId: plan.services.length === 1 ? (serviceIds.get(plan.services[0]![0]) ?? null) : null,
			createdBy: foundation.users.staff.id,
			createdAt: new Date(now - plan.days * DAY),
			updatedAt: new Date(now - plan.days * DAY)
		})
		.returning()
		.get();
	const version = db
		.insert(surveyVersion)
		.values({ surveyId: created.id, number: 1, definition })
		.returning()
		.get();
	const questionById = new Map(definition.pages.flatMap((p) => p.questions).map((q) => [q.id, q]));
	for (let i = 0; i < plan.count; i++) {
		const submittedAt = new Date(now - random.next() * plan.days * DAY);
		// Satisfaction drifts up over the period, so trends have something to show.
		const mood = 0.8 + 0.4 * (1 - (now - submittedAt.getTime()) / (plan.days * DAY));
		const answers = answerSurvey(definition, random, plan.overrides?.(random) ?? {}, mood);
		const channel = random.weighted(plan.channels);
		const row = db
			.insert(response)
			.values({
				surveyId: created.id,
				versionId: version.id,
				reference: generateReference(organisation),
				status: 'submitted',
				channel,
				enteredBy: channel === 'online' ? null : foundation.users.staff.id,
				tenure: tsmTenureOf(answers),
				serviceId: serviceIds.get(random.weighted(plan.services)) ?? null,
				startedAt: new Date(submittedAt.getTime() - random.int(60, 900) * 1000),
				updatedAt: submittedAt,
				submittedAt
			})
			.returning({ id: response.id })
			.get();
		for (const [questionId, value] of Object.entries(answers)) {
			const question = questionById.get(questionId)!;
			if (isEqualityQuestion(question))
				db.insert(equalityAnswer)
					.values({
						responseId: row.id,
						questionId,
						questionCode: question.code,
						specialCategory: !!question.specialCategory,
						value
					})
					.run();
			else
				db.insert(answer)
					.values({ responseId: row.id, questionId, questionCode: question.code, value })
					.run();
		}
	}
	return created;
}

/**
 * The Tenant Satisfaction Measures over 12 months (LCRA and LCHO, with equality monitoring), a
 * repairs satisfaction and NPS survey over two years, an open consultation survey and two closed
 * ones (communal cleaning, the complaints process).
 */
export function seedSurveys(db: Db, foundation: DemoFoundation, random: Random, now = Date.now()) {
	return writeTransaction(db, (tx) => {
		const tsm = seedSurvey(
			tx,
			foundation,
			random,
			{
				title: 'Tenant Satisfaction Survey 2025-26',
				template: 'tsm-perception',
				extend: withEqualityMonitoring,
				status: 'open',
				count: 1200,
				days: 365,
				services: [['Customer services', 1]],
				channels: [
					['online', 45],
					['telephone', 45],
					['paper', 10]
				],
				overrides: (r) => ({ tenure: { type: 'choice', value: r.chance(0.88) ? 'LCRA' : 'LCHO' } })
			},
			now
		);
		const repairs = seedSurvey(
			tx,
			foundation,
			random,
			{
				title: 'Your recent repair',
				template: 'repair-satisfaction',
				extend: (d) => ({
					pages: [...d.pages, ...npsTemplate('Riverside Homes').definition.pages]
				}),
				status: 'open',
				count: 3200,
				days: 730,
				services: [
					['Repairs', 70],
					['Estate services', 20],
					['Customer services', 10]
				],
				channels: [
					['online', 55],
					['telephone', 35],
					['paper', 5],
					['face-to-face', 5]
				]
			},
			now
		);
		const consultation = seedSurvey(
			tx,
			foundation,
			random,
			{
				title: 'Repairs appointments: have your say',
				template: 'consultation',
				status: 'open',
				count: 140,
				days: 40,
				services: [['Repairs', 1]],
				channels: [
					['online', 80],
					['paper', 20]
				]
			},
			now
		);
		const consultationPlan = (title: string, service: string, count: number, days: number) =>
			seedSurvey(
				tx,
				foundation,
				random,
				{
					title,
					template: 'consultation',
					status: 'closed',
					count,
					days,
					services: [[service, 1]],
					channels: [
						['online', 70],
						['paper', 20],
						['telephone', 10]
					]
				},
				now - 60 * DAY
			);
		const cleaning = consultationPlan(
			'Communal cleaning: have your say',
			'Estate services',
			160,
			45
		);
		const complaintsProcess = consultationPlan(
			'Our complaints process: have your say',
			'Customer services',
			95,
			40
		);
		return { tsm, repairs, consultation, cleaning, complaintsProcess };
	});
}
