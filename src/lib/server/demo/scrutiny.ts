import { addCalendarDays } from '$lib/domain/calendar/london-date';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '../auth/accounts';
import type { Db } from '../db';
import {
	addEvidence,
	addRecommendation,
	respondToRecommendation,
	reviewOr404,
	saveReview,
	saveScrutinyAction,
	submitReview
} from '../scrutiny/reviews';
import { addRemark, replyToRemark } from '../scrutiny/remarks';
import type { DemoFoundation } from './foundation';

const DAY = 86_400_000;

/**
 * Two reviews by the tenant panel: one on repairs, sent months ago and answered, with actions
 * done, under way and one overdue; and one on anti-social behaviour the panel is still writing.
 * Also the panel's comments and challenges on survey results, one challenge still unanswered.
 */
export function seedScrutiny(
	db: Db,
	foundation: DemoFoundation,
	surveys: { repairs: { id: number }; tsm: { id: number } },
	origin: string,
	now = new Date()
) {
	const panel = actorOf(foundation.users.panel);
	const staff = actorOf(foundation.users.staff);
	const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
	const dateOf = (daysAgo: number) => londonDate(at(daysAgo));
	const serviceId = (name: string) => foundation.services.find((s) => s.name === name)!.id;

	const repairs = saveReview(
		db,
		panel,
		null,
		{
			title: 'Getting a repair booked',
			scope:
				'How tenants report a repair and get an appointment. Chosen because satisfaction with the time taken fell in each of the last two years, and repairs draw the most complaints.',
			serviceId: serviceId('Repairs'),
			startedOn: dateOf(200)
		},
		at(200)
	);
	addEvidence(
		db,
		panel,
		repairs,
		{
			kind: 'survey-results',
			evidenceTitle: 'Repairs satisfaction, last 12 months',
			summary:
				'Satisfaction with the time taken is the lowest score in the survey, and comments most often mention waiting in for a contractor who did not come.',
			surveyId: surveys.repairs.id
		},
		at(190)
	);
	addEvidence(
		db,
		panel,
		repairs,
		{
			kind: 'site-visit',
			evidenceTitle: 'Afternoon with the repairs call team',
			summary:
				'Call handlers cannot see contractors’ diaries, so most callers are told they will be rung back with a date.',
			surveyId: null
		},
		at(180)
	);
	addEvidence(
		db,
		panel,
		repairs,
		{
			kind: 'complaints',
			evidenceTitle: 'Repairs complaints this year',
			summary: 'A third of stage 1 repairs complaints are about missed or unbooked appointments.',
			surveyId: null
		},
		at(175)
	);
	for (const body of [
		'Let call handlers book the appointment during the first call.',
		'Send a text message the day before and on the morning of every appointment.',
		'Offer Saturday appointments for non-urgent repairs.',
		'Report the share of repairs booked on the first call to the panel every quarter.'
	])
		addRecommendation(db, panel, repairs, body, at(160));
	submitReview(db, panel, repairs, origin, at(150));

	const recs = reviewOr404(db, String(repairs), 'staff').recommendations;
	const respond = (i: number, response: 'accepted' | 'partly' | 'rejected', reasons = '') =>
		respondToRecommendation(
			db,
			staff,
			repairs,
			recs[i]!.id,
			{ response, reasons },
			origin,
			at(120)
		);
	respond(0, 'accepted');
	respond(1, 'accepted');
	respond(
		2,
		'rejected',
		'Our contractors’ agreements do not cover weekends until they are renewed in 2028. We will look at this again then.'
	);
	respond(
		3,
		'partly',
		'We will report it twice a year rather than every quarter, alongside the satisfaction results.'
	);
	const action = (
		i: number,
		title: string,
		dueDaysAgo: number,
		status: 'planned' | 'in-progress' | 'done',
		progress: string
	) =>
		saveScrutinyAction(
			db,
			staff,
			repairs,
			recs[i]!.id,
			null,
			{
				title,
				ownerId: foundation.users.staff.id,
				dueOn: addCalendarDays(dateOf(0), -dueDaysAgo),
				status,
				progress,
				completedOn: status === 'done' ? dateOf(dueDaysAgo + 10) : null
			},
			at(110)
		);
	action(
		0,
		'Give call handlers read access to contractors’ diaries',
		60,
		'done',
		'Live since the summer.'
	);
	action(
		0,
		'Train every call handler to book on the call',
		20,
		'in-progress',
		'Two of three teams trained.'
	);
	action(1, 'Switch on appointment reminders by text', -45, 'planned', '');
	action(3, 'Add first-call booking to the half-year report', -120, 'planned', '');

	// What the panel said about the results, and the organisation's answers.
	addRemark(
		db,
		panel,
		surveys.tsm.id,
		{
			kind: 'comment',
			body: 'Good to see satisfaction with communal areas up on last year. The panel would like to see this broken down by estate next time.'
		},
		at(60)
	);
	const challenge = addRemark(
		db,
		panel,
		surveys.repairs.id,
		{
			kind: 'challenge',
			body: 'Satisfaction with the time taken has fallen again. What is being done about appointments that are missed?'
		},
		at(45)
	);
	replyToRemark(
		db,
		staff,
		surveys.repairs.id,
		challenge,
		'Missed appointments are now reported weekly to the repairs manager, and the panel’s review of repair booking is being acted on: see its actions.',
		at(40)
	);
	addRemark(
		db,
		panel,
		surveys.repairs.id,
		{
			kind: 'challenge',
			body: 'Why are telephone responses more positive than online ones? Is the channel changing the answers?'
		},
		at(5)
	);

	saveReview(
		db,
		panel,
		null,
		{
			title: 'Reporting anti-social behaviour',
			scope:
				'Whether tenants who report anti-social behaviour are kept informed, and how long cases stay open.',
			serviceId: serviceId('Anti-social behaviour'),
			startedOn: dateOf(20)
		},
		at(20)
	);
	return 2;
}
