import {
	stageDeadlines,
	timescalePreset,
	defaultTimescalePresetId,
	type ComplaintOutcome
} from '$lib/domain/calendar/complaint-deadlines';
import { addCalendarDays, londonDate, type LocalDate } from '$lib/domain/calendar/london-date';
import { londonInstant } from '$lib/domain/calendar/london-time';
import { addWorkingDays, isOnTime, type WorkingCalendar } from '$lib/domain/calendar/working-days';
import { eq } from 'drizzle-orm';
import { buildTemplate, SATISFACTION_SCALE } from '$lib/domain/survey';
import { generateToken, hashToken } from '../auth/tokens';
import { generateReference } from '../surveys/references';
import { writeTransaction, type Db } from '../db';
import {
	auditLog,
	complaint,
	complaintExtension,
	complaintHandlingResponse,
	complaintHandlingSurveyInvitation,
	complaintStage,
	contact,
	user,
	type ComplaintNature,
	type ContactChannel,
	type ContactKind,
	type User,
	answer,
	invitation,
	response,
	survey,
	surveyVersion
} from '../db/schema';
import { newReference } from '../contacts';
import type { DemoFoundation } from './foundation';
import { seededRandom, type Random } from './random';

const HANDLERS = [
	{ name: 'Priya Shah', email: 'priya.shah@riverside.example' },
	{ name: 'Owen Davies', email: 'owen.davies@riverside.example' },
	{ name: 'Hannah Clarke', email: 'hannah.clarke@riverside.example' }
];

const FIRST_NAMES = [
	'Sam',
	'Alex',
	'Jo',
	'Chris',
	'Amira',
	'Tomasz',
	'Ngozi',
	'Ewan',
	'Leah',
	'Ravi',
	'Maria',
	'Kofi'
];
const LAST_NAMES = [
	'Jones',
	'Smith',
	'Khan',
	'Nowak',
	'Okafor',
	'Evans',
	'Patel',
	'Murphy',
	'Brown',
	'Ali'
];

const COMPLAINT_TEXT: Record<ComplaintNature, string[]> = {
	delay: [
		'I reported a leak three weeks ago and nobody has come.',
		'My repair appointment was cancelled twice.'
	],
	'quality-of-work': [
		'The new kitchen door was fitted badly and will not close.',
		'The damp came back a month after the work.'
	],
	'staff-conduct': [
		'The operative was rude to my mother on the phone.',
		'Nobody turned up and nobody apologised.'
	],
	communication: [
		'I was never told the outcome of my report.',
		'I have rung four times and nobody calls back.'
	],
	'policy-or-decision': [
		'I disagree with the decision on my transfer.',
		'Why was my parking permit refused?'
	],
	charges: [
		'My service charge went up without explanation.',
		'I was charged for a repair I did not cause.'
	],
	other: [
		'The communal lights have been out for weeks.',
		'Rubbish is left by the bins every weekend.'
	]
};

const OTHER_TEXT: Record<Exclude<ContactKind, 'complaint'>, string[]> = {
	question: [
		'When is my gas safety check due?',
		'How do I apply for a transfer?',
		'Can I pay my rent weekly?'
	],
	comment: ['The new website is easier to use.', 'It would help to have evening appointments.'],
	compliment: [
		'Danny from repairs was brilliant and tidied up after.',
		'The income team were kind and patient.',
		'Thank you to the caretakers on Mill Street.'
	]
};

const LEARNING = [
	'Text reminders added for repair appointments.',
	'Damp and mould reports now get a surveyor visit within 10 working days.',
	'Call-back promises are logged and checked daily.',
	'Service charge letters now explain each change.',
	'Contractor quality checks on 1 in 10 jobs.'
];

function workingTime(random: Random): string {
	return `${String(random.int(8, 16)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
}

const eqId = (id: number) => eq(complaintStage.id, id);
const eqComplaint = (id: number) => eq(complaint.id, id);

type Event = {
	at: Date;
	actor: User | 'public' | 'system';
	action: string;
	after: Record<string, unknown>;
};

/**
 * Two years of contacts and complaints for the demo organisation: plausible timings (most on time,
 * some late, some extended), outcomes at both stages and linked complaint-handling answers.
 */
export function seedComplaints(
	db: Db,
	foundation: DemoFoundation,
	random: Random,
	now = new Date()
) {
	const calendar: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };
	const preset = timescalePreset(defaultTimescalePresetId);
	return writeTransaction(db, (tx) => {
		const extra = HANDLERS.map((h) =>
			tx
				.insert(user)
				.values({ ...h, role: 'staff' })
				.returning()
				.get()
		);
		const handlers = [foundation.users.staff, ...extra];
		const services = foundation.services;
		const today = londonDate(now);
		// Reply times draw on their own sequence, so the rest of the data stays as it was.
		const replies = seededRandom(61);
		const replyAt = (receivedAt: Date, channel: ContactChannel): Date | null => {
			if (replies.chance(0.04)) return null;
			// Phone and in-person contacts are mostly answered there and then; the rest take longer.
			const late = replies.chance(0.12);
			const spoken = channel === 'phone' || channel === 'in-person';
			const days = spoken && !late ? 0 : late ? replies.int(3, 8) : replies.int(0, 2);
			const at = londonInstant(
				addWorkingDays(londonDate(receivedAt), days, calendar).date,
				workingTime(replies)
			);
			return at.getTime() < receivedAt.getTime()
				? new Date(receivedAt.getTime() + 20 * 60_000)
				: at < now
					? at
					: null;
		};
		const start = addCalendarDays(today, -730);
		let contacts = 0;
		let complaints = 0;
		let answers = 0;
		// The handling survey the closed complaints' customers were invited to, with real responses.
		const handlingTemplate = buildTemplate('complaint-handling', 'Riverside Homes');
		const handlingSurvey = tx
			.insert(survey)
			.values({
				title: handlingTemplate.title,
				description: handlingTemplate.description,
				slug: 'complaint-handling',
				templateKey: 'complaint-handling',
				status: 'open',
				accessMode: 'invitation',
				anonymity: 'confidential',
				createdAt: new Date(now.getTime() - 731 * 86_400_000)
			})
			.returning()
			.get();
		const handlingVersion = tx
			.insert(surveyVersion)
			.values({ surveyId: handlingSurvey.id, number: 1, definition: handlingTemplate.definition })
			.returning()
			.get();

		const audit = (entityId: number, entity: string, e: Event) =>
			tx
				.insert(auditLog)
				.values({
					at: e.at,
					userId: typeof e.actor === 'object' ? e.actor.id : null,
					actor: typeof e.actor === 'object' ? `${e.actor.name} <${e.actor.email}>` : e.actor,
					action: e.action,
					entity,
					entityId: String(entityId),
					after: e.after
				})
				.run();

		for (let day: LocalDate = start; day < today; day = addCalendarDays(day, 1)) {
			const count = random.int(0, 4);
			for (let i = 0; i < count; i++) {
				const kind = random.weighted<ContactKind>([
					['question', 5],
					['comment', 2],
					['compliment', 2],
					['complaint', 3]
				]);
				const serviceRow = random.weighted(services.map((s, n) => [s, n === 0 ? 4 : 1] as const));
				const receivedAt = londonInstant(day, workingTime(random));
				const nature = random.weighted<ComplaintNature>([
					['delay', 5],
					['quality-of-work', 3],
					['communication', 3],
					['staff-conduct', 1],
					['policy-or-decision', 1],
					['charges', 1],
					['other', 1]
				]);
				const consent = random.chance(0.7);
				const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
				const owner = random.pick(handlers);
				const channel = random.weighted<ContactChannel>([
					['phone', 5],
					['email', 3],
					['web-form', 2],
					['letter', 1],
					['in-person', 1],
					['social-media', 1]
				]);
				const row = tx
					.insert(contact)
					.values({
						reference: newReference(),
						kind,
						serviceId: serviceRow.id,
						channel,
						receivedAt,
						repliedAt: kind === 'complaint' ? null : replyAt(receivedAt, channel),
						text:
							kind === 'complaint'
								? random.pick(COMPLAINT_TEXT[nature])
								: random.pick(OTHER_TEXT[kind]),
						resolvedAtFirstContact:
							kind === 'complaint' ? false : random.chance(0.9) ? random.chance(0.7) : null,
						ownerId: owner.id,
						customerName: name,
						customerEmail: random.chance(0.8)
							? `${name.toLowerCase().replace(' ', '.')}@example.net`
							: null,
						contactConsent: consent,
						complimentFor:
							kind === 'compliment'
								? random.pick(['Danny (Repairs)', 'Income team', 'Caretakers'])
								: null,
						complimentPassedOnAt:
							kind === 'compliment' && random.chance(0.8)
								? new Date(receivedAt.getTime() + 86_400_000)
								: null,
						complimentPassedOnTo: kind === 'compliment' ? 'Team manager' : null
					})
					.returning()
					.get();
				contacts++;
				audit(row.id, 'contact', {
					at: receivedAt,
					actor: owner,
					action: 'contact.create',
					after: { kind, reference: row.reference }
				});
				if (kind !== 'complaint') continue;
				complaints++;
				const c = tx.insert(complaint).values({ contactId: row.id, nature }).returning().get();
				const events: Event[] = [
					{
						at: receivedAt,
						actor: owner,
						action: 'complaint.create',
						after: { reference: row.reference, nature }
					}
				];
				const closed = seedStage(1, receivedAt, owner);
				if (
					closed.status === 'closed' &&
					closed.outcome !== 'withdrawn' &&
					closed.respondedAt &&
					random.chance(0.18)
				) {
					const escalatedAt = londonInstant(
						addWorkingDays(londonDate(closed.respondedAt), random.int(2, 15), calendar).date,
						workingTime(random)
					);
					if (escalatedAt < now) {
						const stage2Handler = random.pick(handlers.filter((h) => h.id !== owner.id));
						events.push({
							at: escalatedAt,
							actor: stage2Handler,
							action: 'complaint.escalate',
							after: { stage: 2 }
						});
						const s2 = seedStage(2, escalatedAt, stage2Handler);
						finish(s2, 2);
					} else finish(closed, 1);
				} else finish(closed, 1);

				function seedStage(stage: 1 | 2, received: Date, handler: User) {
					const timescale = stage === 1 ? preset.stage1 : preset.stage2;
					const ackDays = random.weighted([
						[random.int(1, 3), 8],
						[random.int(4, 5), 3],
						[random.int(6, 9), 1]
					] as const);
					const acknowledgedAt = londonInstant(
						addWorkingDays(londonDate(received), ackDays, calendar).date,
						workingTime(random)
					);
					const extended = random.chance(0.12);
					const extensionDays = extended
						? random.chance(0.15)
							? timescale.maxExtensionWorkingDays! + 5
							: random.int(5, timescale.maxExtensionWorkingDays!)
						: 0;
					const respondDays =
						random.weighted([
							[random.int(3, timescale.respondWorkingDays), 8],
							[timescale.respondWorkingDays + random.int(1, 8), 2]
						] as const) + (extended ? random.int(1, extensionDays) : 0);
					const respondedAt = londonInstant(
						addWorkingDays(londonDate(acknowledgedAt), respondDays, calendar).date,
						workingTime(random)
					);
					const s = tx
						.insert(complaintStage)
						.values({ complaintId: c.id, stage, handlerId: handler.id, receivedAt: received })
						.returning()
						.get();
					if (acknowledgedAt > now) return { status: 'open' as const };
					tx.update(complaintStage).set({ acknowledgedAt }).where(eqId(s.id)).run();
					events.push({
						at: acknowledgedAt,
						actor: handler,
						action: 'complaint.acknowledge',
						after: { stage }
					});
					if (extended) {
						const customerToldAt = new Date(acknowledgedAt.getTime() + 2 * 86_400_000);
						if (customerToldAt < now) {
							const beyond = extensionDays > timescale.maxExtensionWorkingDays!;
							tx.insert(complaintExtension)
								.values({
									stageId: s.id,
									workingDays: extensionDays,
									reason: 'Waiting for a specialist inspection',
									goodReason: beyond ? 'Asbestos survey needed before work can be assessed' : null,
									customerToldAt,
									beyondMaximum: beyond
								})
								.run();
							events.push({
								at: customerToldAt,
								actor: handler,
								action: 'complaint.extend',
								after: { stage, workingDays: extensionDays, beyondMaximum: beyond }
							});
						}
					}
					// Some recent complaints are still being worked on, a few of them past their deadline.
					const stillOpen =
						received.getTime() > now.getTime() - 40 * 86_400_000 && random.chance(0.6);
					if (respondedAt > now || stillOpen) return { status: 'open' as const };
					const outcome = random.weighted<ComplaintOutcome>([
						['upheld', 4],
						['partly-upheld', 3],
						['not-upheld', 4],
						['withdrawn', 1],
						['unresolved', 1]
					]);
					const remedy =
						outcome === 'upheld' || outcome === 'partly-upheld'
							? 'Apology and the repair completed'
							: null;
					tx.update(complaintStage)
						.set({
							respondedAt,
							outcome,
							remedy,
							compensationPence: remedy && random.chance(0.4) ? random.int(2, 30) * 1000 : null,
							learning: remedy && random.chance(0.5) ? random.pick(LEARNING) : null
						})
						.where(eqId(s.id))
						.run();
					events.push({
						at: respondedAt,
						actor: handler,
						action: 'complaint.respond',
						after: { stage, outcome }
					});
					const deadlines = stageDeadlines(
						{
							receivedAt: received,
							acknowledgedAt,
							extension: extended ? { workingDays: extensionDays, reason: 'x' } : null
						},
						timescale,
						calendar
					);
					return {
						status: 'closed' as const,
						respondedAt,
						outcome,
						onTime: isOnTime(respondedAt, deadlines.responseDue)
					};
				}

				function finish(result: ReturnType<typeof seedStage>, stage: 1 | 2) {
					if (result.status === 'closed') {
						const closedAt = new Date(result.respondedAt.getTime() + 3_600_000);
						tx.update(complaint)
							.set({ status: 'closed', currentStage: stage, closedAt })
							.where(eqComplaint(c.id))
							.run();
						events.push({
							at: closedAt,
							actor: owner,
							action: 'complaint.close',
							after: { stage }
						});
						if (row.customerEmail && consent) {
							const invited = tx
								.insert(invitation)
								.values({
									surveyId: handlingSurvey.id,
									tokenHash: hashToken(generateToken()),
									status: 'sent',
									createdAt: closedAt
								})
								.returning({ id: invitation.id })
								.get();
							tx.insert(complaintHandlingSurveyInvitation)
								.values({
									complaintId: c.id,
									email: row.customerEmail,
									status: 'sent',
									queuedAt: closedAt,
									sentAt: closedAt,
									invitationId: invited.id
								})
								.run();
							if (random.chance(0.45)) {
								const good = result.onTime && result.outcome !== 'not-upheld';
								const score = good
									? random.weighted([
											[5, 4],
											[4, 4],
											[3, 1],
											[2, 1]
										] as const)
									: random.weighted([
											[5, 1],
											[4, 2],
											[3, 2],
											[2, 3],
											[1, 3]
										] as const);
								const respondedAt = new Date(closedAt.getTime() + random.int(1, 10) * 86_400_000);
								const answered = tx
									.insert(response)
									.values({
										surveyId: handlingSurvey.id,
										versionId: handlingVersion.id,
										reference: generateReference('Riverside Homes'),
										status: 'submitted',
										invitationId: invited.id,
										startedAt: respondedAt,
										updatedAt: respondedAt,
										submittedAt: respondedAt
									})
									.returning({ id: response.id })
									.get();
								tx.update(invitation)
									.set({ status: 'used', usedAt: respondedAt })
									.where(eq(invitation.id, invited.id))
									.run();
								for (const questionId of [
									'complaint-handling',
									'complaint-informed',
									'complaint-time'
								])
									tx.insert(answer)
										.values({
											responseId: answered.id,
											questionId,
											questionCode: questionId.replace('-', '_').toUpperCase(),
											value: {
												type: 'choice',
												value:
													SATISFACTION_SCALE[
														5 -
															(questionId === 'complaint-handling'
																? score
																: random.int(Math.max(1, score - 1), Math.min(5, score + 1)))
													]!.value
											}
										})
										.run();
								tx.insert(complaintHandlingResponse)
									.values({
										complaintId: c.id,
										responseId: answered.id,
										overallSatisfaction: score,
										respondedAt
									})
									.run();
								answers++;
							}
						}
					} else tx.update(complaint).set({ currentStage: stage }).where(eqComplaint(c.id)).run();
					for (const e of events) audit(c.id, 'complaint', e);
				}
			}
		}
		return { contacts, complaints, answers, handlers: extra.length };
	});
}
