import { addCalendarDays, londonDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { checkSubmission, type StoredAnswers } from '$lib/domain/mystery/submission';
import type { ScorecardItem, ScorecardTemplate } from '$lib/domain/scorecard';
import { writeTransaction, type Db } from '../db';
import {
	mysteryAssignment,
	mysterySettings,
	user,
	type AssignmentStatus,
	type User
} from '../db/schema';
import { createTemplate, latestVersion } from '../mystery';
import type { DemoFoundation } from './foundation';
import { seededRandom, type Random } from './random';

const yesNo = (
	id: string,
	text: string,
	points: number,
	extra: Partial<ScorecardItem> = {}
): ScorecardItem =>
	({
		id,
		kind: 'yes-no',
		text,
		points,
		critical: false,
		evidenceRequired: false,
		...extra
	}) as ScorecardItem;
const yesNoNa = (id: string, text: string, points: number, guidance?: string): ScorecardItem => ({
	id,
	kind: 'yes-no-na',
	text,
	points,
	critical: false,
	evidenceRequired: false,
	...(guidance ? { guidance } : {})
});
const scale = (id: string, text: string, points: number, guidance: string): ScorecardItem => ({
	id,
	kind: 'scale',
	text,
	points,
	critical: false,
	evidenceRequired: false,
	guidance
});
const measured = (
	id: string,
	text: string,
	points: number,
	unit: string,
	threshold: number,
	allowNotApplicable = false
): ScorecardItem => ({
	id,
	kind: 'measured',
	text,
	points,
	critical: false,
	evidenceRequired: false,
	unit,
	threshold,
	direction: 'at-most',
	allowNotApplicable
});

export const TELEPHONE_SCORECARD: ScorecardTemplate = {
	passMark: 75,
	sections: [
		{
			id: 'tel-answering',
			title: 'Answering the call',
			weight: 30,
			items: [
				measured('tel-rings', 'Rings before a person answered', 2, 'rings', 5),
				yesNo('tel-greeting', 'Greeted with the organisation’s name', 1),
				yesNo('tel-own-name', 'The adviser gave their own name', 1),
				yesNoNa(
					'tel-hold',
					'The hold message was clear and gave a wait time',
					1,
					'Not applicable if you were not put on hold.'
				)
			]
		},
		{
			id: 'tel-handling',
			title: 'Handling the enquiry',
			weight: 50,
			items: [
				yesNo('tel-identity', 'Checked your identity before discussing the tenancy', 3, {
					critical: true,
					guidance:
						'They should ask at least two of: full address, date of birth, tenancy reference.'
				}),
				scale(
					'tel-understanding',
					'How well did the adviser understand the enquiry?',
					2,
					'1 = not at all, 5 = fully, without you repeating yourself.'
				),
				yesNo('tel-correct', 'The information given matched the brief’s answer sheet', 3),
				yesNoNa('tel-reference', 'Gave a reference number for the request', 1)
			]
		},
		{
			id: 'tel-follow-up',
			title: 'Follow-up',
			weight: 20,
			items: [
				yesNoNa(
					'tel-callback',
					'A promised call back happened on time',
					2,
					'Not applicable if no call back was promised.'
				),
				measured(
					'tel-email',
					'Working days before the follow-up email arrived',
					2,
					'working days',
					2,
					true
				)
			]
		}
	]
};

export const WALK_IN_SCORECARD: ScorecardTemplate = {
	passMark: 70,
	sections: [
		{
			id: 'walk-arrival',
			title: 'Arrival',
			weight: 25,
			items: [
				measured('walk-wait', 'Minutes waited before being seen', 2, 'minutes', 10),
				yesNo('walk-greeted', 'Greeted within a minute of arriving', 1),
				yesNo('walk-clean', 'Reception area clean and tidy', 1)
			]
		},
		{
			id: 'walk-premises',
			title: 'Premises',
			weight: 15,
			items: [
				yesNo('walk-hours', 'Opening hours displayed outside', 1),
				yesNo('walk-exit', 'Fire exits clear', 2, { critical: true })
			]
		},
		{
			id: 'walk-service',
			title: 'Service at the desk',
			weight: 60,
			items: [
				yesNo('walk-badge', 'Staff member wore a name badge', 1),
				scale(
					'walk-knowledge',
					'How knowledgeable was the staff member?',
					3,
					'1 = could not help, 5 = answered everything confidently.'
				),
				yesNo('walk-identity', 'Checked your identity before discussing the tenancy', 3, {
					critical: true
				}),
				yesNo('walk-next', 'Explained clearly what would happen next', 2),
				yesNoNa('walk-leaflet', 'Offered a leaflet or written confirmation', 1)
			]
		}
	]
};

const NO_COMMENTS = [
	'Did not happen during the visit.',
	'Asked twice and still not given.',
	'The adviser seemed rushed and skipped this.',
	'Not mentioned at all.',
	'Only after I prompted them.'
];

const DEMO_SHOPPERS = [
	{ name: 'Grace Mensah', email: 'grace.mensah@riverside.example' },
	{ name: 'Owen Roberts', email: 'owen.roberts@riverside.example' }
];

/** How well each service meets its standards (chance of a "yes"), improving a little over the year. */
function quality(serviceIndex: number, monthsAgo: number): number {
	return Math.min(0.97, 0.68 + ((serviceIndex * 37) % 6) * 0.04 + (12 - monthsAgo) * 0.008);
}

function answerFor(
	item: ScorecardItem,
	p: number,
	random: Random
): { value: string; comment: string | null } {
	const no = () => ({ value: 'no', comment: random.pick(NO_COMMENTS) });
	switch (item.kind) {
		case 'yes-no':
			// Critical items fail rarely, but they do fail.
			return random.chance(item.critical ? Math.min(0.985, p + 0.22) : p)
				? { value: 'yes', comment: null }
				: no();
		case 'yes-no-na':
			if (random.chance(0.2)) return { value: 'na', comment: null };
			return random.chance(p) ? { value: 'yes', comment: null } : no();
		case 'scale': {
			const centre = 1 + p * 4;
			const value = Math.max(1, Math.min(5, Math.round(centre + (random.next() - 0.5) * 2.5)));
			return {
				value: String(value),
				comment: value <= 2 ? 'Could not answer basic questions.' : null
			};
		}
		case 'measured': {
			if (item.allowNotApplicable && random.chance(0.25)) return { value: 'na', comment: null };
			const passes = random.chance(p);
			const value = passes
				? random.int(0, item.threshold)
				: item.threshold + random.int(1, item.threshold);
			return { value: String(value), comment: passes ? null : `Took ${value} ${item.unit}.` };
		}
	}
}

/**
 * Two scorecards (telephone and walk-in), three shoppers and about 150 visits over the last year
 * in every review state. Riverside sends a shopper back to the same service after 14 days at the
 * earliest (the default is 90), which lets three shoppers cover six services every month.
 */
export function seedMysteryShopping(db: Db, foundation: DemoFoundation, now = new Date()) {
	const random = seededRandom(8);
	const staff = foundation.users.staff;
	const shoppers: User[] = [
		foundation.users.shopper,
		...DEMO_SHOPPERS.map((s) =>
			db
				.insert(user)
				.values({ ...s, role: 'shopper' })
				.returning()
				.get()
		)
	];
	db.insert(mysterySettings).values({ id: 1, repeatIntervalDays: 14 }).run();
	const telephone = createTemplate(db, 'system', {
		name: 'Telephone standards',
		channel: 'telephone',
		definition: TELEPHONE_SCORECARD
	});
	const walkIn = createTemplate(db, 'system', {
		name: 'Walk-in visit',
		channel: 'visit',
		definition: WALK_IN_SCORECARD
	});
	const versions = [latestVersion(db, telephone)!, latestVersion(db, walkIn)!];
	const today = londonDate(now);
	const thisMonth = today.slice(0, 7);
	const briefs = [
		'Ring the repairs line and report a dripping kitchen tap. Ask when someone can come.',
		'Visit the Riverside Road office and ask how to apply for a transfer to a larger home.'
	];
	let count = 0;

	writeTransaction(db, (tx) => {
		for (let monthsAgo = 12; monthsAgo >= 0; monthsAgo--) {
			const [y, m] = thisMonth.split('-').map(Number) as [number, number];
			const d = new Date(Date.UTC(y, m - 1 - monthsAgo, 1));
			const monthStart = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
			foundation.services.forEach((svc, s) => {
				versions.forEach((version, channel) => {
					const windowFrom = addCalendarDays(monthStart, channel === 0 ? 0 : 14);
					const windowTo = addCalendarDays(windowFrom, 9);
					const shopper = shoppers[(monthsAgo + s + channel) % 3]!;
					const base = {
						templateVersionId: version.id,
						serviceId: svc.id,
						channel: channel === 0 ? ('telephone' as const) : ('visit' as const),
						shopperId: shopper.id,
						windowFrom,
						windowTo,
						brief: briefs[channel]!
					};
					if (monthsAgo === 0 && windowTo >= today) {
						// This month's work: not yet done, some saved part-way.
						if (windowFrom > addCalendarDays(today, 20)) return;
						tx.insert(mysteryAssignment).values(base).run();
						count++;
						return;
					}
					if (monthsAgo === 0 && s > 1) return;
					const status: AssignmentStatus =
						monthsAgo <= 1
							? random.weighted([
									['pending', 5],
									['approved', 4],
									['returned', 1]
								] as const)
							: random.weighted([
									['approved', 88],
									['rejected', 6],
									['returned', 3],
									['pending', 3]
								] as const);
					const p = quality(s, monthsAgo);
					const answers: StoredAnswers = {};
					for (const section of version.definition.sections)
						for (const item of section.items) answers[item.id] = answerFor(item, p, random);
					const checked = checkSubmission(version.definition, answers, {});
					if (!checked.ok)
						throw new Error(`Demo visit does not validate: ${JSON.stringify(checked.errors)}`);
					const visitDay = addCalendarDays(windowFrom, random.int(0, 9));
					const visitedAt = `${visitDay}T${String(random.int(9, 16)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}`;
					const submittedDay = addCalendarDays(
						visitDay,
						random.chance(0.08) ? random.int(12, 14) : random.int(0, 2)
					);
					const submittedAt = new Date(
						Math.min(
							now.getTime() - 3_600_000,
							startOfLondonDay(submittedDay).getTime() + random.int(10, 20) * 3_600_000
						)
					);
					const reviewed = status !== 'pending';
					tx.insert(mysteryAssignment)
						.values({
							...base,
							status,
							visitedAt,
							answers,
							submittedAt,
							reviewedBy: reviewed ? staff.id : null,
							reviewedAt: reviewed ? new Date(submittedAt.getTime() + 2 * 86_400_000) : null,
							reviewNote:
								status === 'returned'
									? 'Please add the name of the person you spoke to in the comments.'
									: status === 'rejected'
										? 'The visit took place outside the window and cannot be compared.'
										: null
						})
						.run();
					count++;
				});
			});
		}
	});
	return { visits: count, shoppers: shoppers.length };
}
