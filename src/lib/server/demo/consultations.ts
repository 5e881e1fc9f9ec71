import { and, eq, inArray } from 'drizzle-orm';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '../auth/accounts';
import { createConsultation, linkSurvey, setConsultationPublished } from '../consultations';
import { addProgress, saveAction } from '../consultations/actions';
import { addEvidence, createFinding } from '../consultations/findings';
import { addQuote, approveQuote, listQuotes, saveFocusGroup } from '../consultations/focus-groups';
import type { ActionInput, FocusGroupInput } from '../consultations/schemas';
import { writeTransaction, type Db } from '../db';
import { answer, answerTheme, response, subscriber, theme, type Survey } from '../db/schema';
import { suggestThemes } from '../results/themes';
import type { DemoFoundation } from './foundation';
import type { Random } from './random';

const DAY = 86_400_000;

const THEMES = [
	{ name: 'Appointment times', keywords: 'appointment, time slot, all day, evening' },
	{ name: 'Keeping people informed', keywords: 'told, cancelled, call, letter, text' },
	{ name: 'Cleanliness', keywords: 'clean, communal, litter, bins' },
	{ name: 'Speed of response', keywords: 'took far too long, three times, waiting, slow' },
	{ name: 'Staff attitude', keywords: 'polite, helpful, kind, rude' }
];

const REASONS = [
	'Please give a time slot rather than all day, I cannot take a whole day off work.',
	'Evening appointments would help people who work.',
	'Nobody told me the appointment had been cancelled.',
	'The communal areas are not cleaned as often as they should be and the bins overflow.',
	'The cleaners are polite but the stairs are still dirty.',
	'I had to call three times before anyone replied to my complaint.',
	'Took far too long to hear back, and nobody told me what was happening.',
	'Staff were helpful and kind once I got through.',
	'A text message the day before would stop wasted visits.',
	'Litter in the car park is never picked up.'
];

type Plan = {
	title: string;
	question: string;
	affected: string;
	background: string;
	service: string;
	survey: Survey;
	daysAgo: number;
	status: 'closed' | 'analysing' | 'outcome-published';
	groups: {
		daysAgo: number;
		place: string;
		online: boolean;
		attendees: number;
		themes: string[];
	}[];
	quotes: string[];
	findings: { statement: string; theme: string; quote?: number }[];
	actions: (Pick<ActionInput, 'title' | 'status' | 'description' | 'reason' | 'outcome'> & {
		dueInDays: number;
		finding: number;
		progress?: string;
	})[];
};

function seedThemes(db: Db) {
	return new Map(
		THEMES.map((t) => [t.name, db.insert(theme).values(t).returning().get().id] as const)
	);
}

/** Gives the consultation surveys real comments and tags them, so theme evidence has counts. */
function tagComments(db: Db, surveyIds: number[], random: Random, themeIds: Map<string, number>) {
	const rows = db
		.select({ responseId: answer.responseId, questionId: answer.questionId })
		.from(answer)
		.innerJoin(response, eq(response.id, answer.responseId))
		.where(and(inArray(response.surveyId, surveyIds), eq(answer.questionId, 'proposal-reason')))
		.all();
	const themes = THEMES.map((t) => ({ id: themeIds.get(t.name)!, ...t }));
	for (const row of rows) {
		const text = random.pick(REASONS);
		db.update(answer)
			.set({ value: { type: 'text', value: text } })
			.where(and(eq(answer.responseId, row.responseId), eq(answer.questionId, row.questionId)))
			.run();
		for (const name of suggestThemes(text, themes))
			db.insert(answerTheme)
				.values({ ...row, themeId: themeIds.get(name)! })
				.onConflictDoNothing()
				.run();
	}
}

function focusGroupInput(
	group: Plan['groups'][number],
	themeIds: number[],
	now: number
): FocusGroupInput {
	return {
		heldOn: londonDate(new Date(now - group.daysAgo * DAY)),
		place: group.online ? 'Video call' : group.place,
		online: group.online,
		facilitators: 'Tom Hughes (Customer insight) and a member of the scrutiny panel',
		attendees: group.attendees,
		consent: 'Notes taken; anonymised quotes may be published; attendance recorded as counts only.',
		notes:
			'We explained the proposal and asked what would make the biggest difference. Discussion notes are summarised in the themes below.',
		themeIds,
		areaProfile: '',
		equalityProfile: ''
	};
}

/**
 * Three consultations — repairs appointments, communal cleaning and the complaints process — each
 * with its survey, two focus groups, findings with evidence, and actions in every status, all
 * published. Built through the same commands staff use, so what the demo shows is what they get.
 */
export function seedConsultations(
	db: Db,
	foundation: DemoFoundation,
	random: Random,
	surveys: { consultation: Survey; cleaning: Survey; complaintsProcess: Survey },
	origin: string,
	now = Date.now()
) {
	const actor = actorOf(foundation.users.staff);
	const serviceId = (name: string) => foundation.services.find((s) => s.name === name)?.id ?? null;
	const themeIds = writeTransaction(db, (tx) => {
		const ids = seedThemes(tx);
		tagComments(
			tx,
			[surveys.consultation.id, surveys.cleaning.id, surveys.complaintsProcess.id],
			random,
			ids
		);
		return ids;
	});
	const date = (days: number) => londonDate(new Date(now + days * DAY));
	const plans: Plan[] = [
		{
			title: 'Repairs appointments',
			question: 'How should we book repairs appointments so they suit you?',
			affected: 'Every tenant who reports a repair: about 7,350 homes.',
			background:
				'Today we offer morning or afternoon slots. Many tenants told us a half-day wait is hard to fit around work and caring.\n\nWe asked whether shorter slots, evening appointments and reminders would help.',
			service: 'Repairs',
			survey: surveys.consultation,
			daysAgo: 40,
			status: 'analysing',
			groups: [
				{
					daysAgo: 30,
					place: 'Riverside Community Hub',
					online: false,
					attendees: 9,
					themes: ['Appointment times', 'Keeping people informed']
				},
				{ daysAgo: 24, place: '', online: true, attendees: 6, themes: ['Appointment times'] }
			],
			quotes: [
				'I lost a day’s pay waiting in for a repair that never came.',
				'A text the day before would save everyone a wasted trip.'
			],
			findings: [
				{
					statement: 'Half-day slots are too long for people who work or care for someone.',
					theme: 'Appointment times',
					quote: 0
				},
				{
					statement: 'People want to be told when an appointment changes.',
					theme: 'Keeping people informed',
					quote: 1
				}
			],
			actions: [
				{
					title: 'Offer two-hour appointment slots',
					status: 'in-progress',
					description: 'Trialling two-hour slots in the north patch first.',
					reason: '',
					outcome: '',
					dueInDays: 60,
					finding: 0,
					progress: 'Trial started with two repairs teams.'
				},
				{
					title: 'Send a text reminder the day before every appointment',
					status: 'done',
					description: '',
					reason: '',
					outcome: 'Reminders now go to every tenant with a mobile number.',
					dueInDays: -10,
					finding: 1
				},
				{
					title: 'Add evening appointments',
					status: 'planned',
					description: 'Needs a change to operatives’ contracts.',
					reason: '',
					outcome: '',
					dueInDays: 150,
					finding: 0
				},
				{
					title: 'Let tenants choose an exact hour online',
					status: 'not-possible',
					description: '',
					reason:
						'Our scheduling system cannot hold hour-long slots; we will look again when it is replaced in 2028.',
					outcome: '',
					dueInDays: -5,
					finding: 0
				}
			]
		},
		{
			title: 'Communal cleaning',
			question: 'How well are communal areas cleaned, and what should change?',
			affected: 'Tenants and leaseholders in blocks with shared areas: about 2,100 homes.',
			background:
				'Cleaning is done by our estate services team every week. The service charge pays for it.',
			service: 'Estate services',
			survey: surveys.cleaning,
			daysAgo: 110,
			status: 'outcome-published',
			groups: [
				{
					daysAgo: 80,
					place: 'Tower Court residents’ room',
					online: false,
					attendees: 11,
					themes: ['Cleanliness']
				},
				{
					daysAgo: 75,
					place: 'Meadow Lane library',
					online: false,
					attendees: 7,
					themes: ['Cleanliness', 'Staff attitude']
				}
			],
			quotes: [
				'The cleaners are lovely, there just aren’t enough of them.',
				'The bins overflow by Wednesday.'
			],
			findings: [
				{
					statement: 'Cleaning is not frequent enough in the busiest blocks.',
					theme: 'Cleanliness',
					quote: 0
				},
				{ statement: 'Bin stores overflow before collection day.', theme: 'Cleanliness', quote: 1 }
			],
			actions: [
				{
					title: 'Clean the ten busiest blocks twice a week',
					status: 'done',
					description: '',
					reason: '',
					outcome: 'Twice-weekly cleaning started in all ten blocks.',
					dueInDays: -30,
					finding: 0
				},
				{
					title: 'Add a second weekly bin collection',
					status: 'not-possible',
					description: '',
					reason:
						'The council sets collection days; we have asked it to review them and will report back.',
					outcome: '',
					dueInDays: -20,
					finding: 1
				},
				{
					title: 'Publish each block’s cleaning schedule on its noticeboard',
					status: 'in-progress',
					description: '',
					reason: '',
					outcome: '',
					dueInDays: 20,
					finding: 0,
					progress: 'Schedules are up in 14 of 32 blocks.'
				},
				{
					title: 'Ask the panel to inspect ten blocks each quarter',
					status: 'planned',
					description: '',
					reason: '',
					outcome: '',
					dueInDays: 90,
					finding: 0
				}
			]
		},
		{
			title: 'Our complaints process',
			question: 'What would make our complaints process work better for you?',
			affected: 'Anyone who makes a complaint to us.',
			background:
				'We follow the Housing Ombudsman’s Complaint Handling Code. We wanted to hear from people who had used it.',
			service: 'Customer services',
			survey: surveys.complaintsProcess,
			daysAgo: 100,
			status: 'outcome-published',
			groups: [
				{
					daysAgo: 70,
					place: '',
					online: true,
					attendees: 5,
					themes: ['Speed of response', 'Keeping people informed']
				},
				{
					daysAgo: 66,
					place: 'Head office, Riverside House',
					online: false,
					attendees: 8,
					themes: ['Staff attitude', 'Speed of response']
				}
			],
			quotes: [
				'Nobody rang me back for three weeks.',
				'Once I spoke to the right person it was sorted quickly.'
			],
			findings: [
				{
					statement: 'People waited too long to hear anything after complaining.',
					theme: 'Speed of response',
					quote: 0
				},
				{
					statement: 'People want one named contact for their complaint.',
					theme: 'Keeping people informed',
					quote: 1
				}
			],
			actions: [
				{
					title: 'Phone every complainant within two working days',
					status: 'done',
					description: '',
					reason: '',
					outcome: 'Every stage 1 complaint now gets a call within two working days.',
					dueInDays: -40,
					finding: 0
				},
				{
					title: 'Give every complaint one named handler',
					status: 'in-progress',
					description: '',
					reason: '',
					outcome: '',
					dueInDays: 30,
					finding: 1,
					progress: 'Handlers now named in acknowledgement letters.'
				},
				{
					title: 'Let people track their complaint online',
					status: 'planned',
					description: '',
					reason: '',
					outcome: '',
					dueInDays: 200,
					finding: 1
				},
				{
					title: 'Take complaints by text message',
					status: 'not-possible',
					description: '',
					reason: 'We cannot yet keep text messages with the complaint record securely.',
					outcome: '',
					dueInDays: -15,
					finding: 0
				}
			]
		}
	];

	let subscriberCount = 0;
	for (const plan of plans) {
		const id = createConsultation(db, actor, {
			title: plan.title,
			question: plan.question,
			affected: plan.affected,
			background: plan.background,
			serviceId: serviceId(plan.service),
			opensOn: date(-plan.daysAgo),
			closesOn: date(-plan.daysAgo + 28),
			status: plan.status
		});
		linkSurvey(db, actor, id, plan.survey.id);
		const quoteIds: number[] = [];
		plan.groups.forEach((group, i) => {
			const groupId = saveFocusGroup(
				db,
				actor,
				id,
				null,
				focusGroupInput(
					group,
					group.themes.map((t) => themeIds.get(t)!),
					now
				),
				[
					{ dimension: 'age', category: '35–44', count: Math.ceil(group.attendees / 3) },
					{ dimension: 'age', category: '65–74', count: Math.floor(group.attendees / 3) },
					{ dimension: 'tenure', category: 'Renting from us', count: group.attendees - 1 },
					{ dimension: 'tenure', category: 'Leaseholder', count: 1 }
				]
			);
			const quote = plan.quotes[i];
			if (quote) {
				addQuote(db, actor, groupId, quote);
				// A second quote waits for a member of staff to check it for personal details.
				addQuote(db, actor, groupId, 'My neighbour at number 12 complained too.');
				const first = listQuotes(db, groupId)[0]!;
				approveQuote(db, actor, groupId, first.id);
				quoteIds.push(first.id);
			}
		});
		const findingIds = plan.findings.map((f) => {
			const findingId = createFinding(db, actor, id, f.statement, true);
			addEvidence(db, actor, id, findingId, `question:${plan.survey.id}:proposal-agreement`);
			addEvidence(db, actor, id, findingId, `theme:${themeIds.get(f.theme)}`);
			if (f.quote !== undefined)
				addEvidence(db, actor, id, findingId, `quote:${quoteIds[f.quote]}`);
			return findingId;
		});
		setConsultationPublished(db, actor, id, true, origin, new Date(now - 20 * DAY));
		// People who took part and asked to hear what happens, confirmed before the actions went up.
		for (let n = 0; n < 3 + random.int(0, 4); n++) {
			db.insert(subscriber)
				.values({
					consultationId: id,
					email: `resident${++subscriberCount}@example.org`,
					confirmedAt: new Date(now - 15 * DAY)
				})
				.run();
		}
		for (const a of plan.actions) {
			const actionId = saveAction(
				db,
				actor,
				id,
				null,
				{
					...a,
					ownerId: foundation.users.staff.id,
					serviceId: serviceId(plan.service),
					dueOn: date(a.dueInDays),
					completedOn: a.status === 'done' ? date(Math.min(a.dueInDays, -1)) : null,
					findingIds: [findingIds[a.finding]!],
					published: true
				},
				origin,
				new Date(now - 10 * DAY)
			);
			if (a.progress)
				addProgress(db, actor, actionId, {
					notedOn: date(-5),
					note: a.progress
				});
		}
	}
	return plans.length;
}
