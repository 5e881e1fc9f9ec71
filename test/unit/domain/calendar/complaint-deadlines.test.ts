import { describe, expect, test } from 'vitest';
import {
	acknowledgedOnTime,
	assessStage,
	respondedOnTime,
	stageDeadlines,
	stageStatus,
	timescalePreset,
	timescalePresets,
	validateComplaintSequence,
	validateTimescale,
	type StageRecord
} from '$lib/domain/calendar/complaint-deadlines';
import type { WorkingCalendar } from '$lib/domain/calendar/working-days';

const EW: WorkingCalendar = { division: 'england-and-wales', closureDays: [] };
const SCO: WorkingCalendar = { division: 'scotland', closureDays: [] };

const hos = timescalePreset('housing-ombudsman-2024');
const spso = timescalePreset('spso-model');

const at = (iso: string) => new Date(iso);

//      March 2026              April 2026
// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
//  2  3  4  5  6  7  8           1  2  3  4  5
//  9 10 11 12 13 14 15     6  7  8  9 10 11 12
// 16 17 18 19 20 21 22    13 14 15 16 17 18 19
// 23 24 25 26 27 28 29
// 30 31
// Good Friday 3 April, Easter Monday 6 April (not in Scotland). BST from Sunday 29 March.

describe('presets', () => {
	test('Housing Ombudsman 2024 and LGSCO: 5/10/10 at stage 1 and 5/20/20 at stage 2', () => {
		for (const id of ['housing-ombudsman-2024', 'lgsco'] as const) {
			const preset = timescalePreset(id);
			expect(preset.stage1).toEqual({
				acknowledgeWorkingDays: 5,
				respondWorkingDays: 10,
				respondFrom: 'acknowledgement',
				maxExtensionWorkingDays: 10
			});
			expect(preset.stage2).toEqual({
				acknowledgeWorkingDays: 5,
				respondWorkingDays: 20,
				respondFrom: 'acknowledgement',
				maxExtensionWorkingDays: 20
			});
		}
	});

	test('SPSO: frontline 5 days from receipt with no acknowledgement; stage 2 extension agreed', () => {
		expect(spso.stage1).toEqual({
			acknowledgeWorkingDays: null,
			respondWorkingDays: 5,
			respondFrom: 'receipt',
			maxExtensionWorkingDays: 5
		});
		expect(spso.stage2).toEqual({
			acknowledgeWorkingDays: 3,
			respondWorkingDays: 20,
			respondFrom: 'acknowledgement',
			maxExtensionWorkingDays: null
		});
		expect(spso.note).toMatch(/agreed/);
	});

	test('the Housing Ombudsman preset is the default and every preset is valid', () => {
		expect(timescalePresets[0]?.id).toBe('housing-ombudsman-2024');
		for (const preset of timescalePresets) {
			expect(validateTimescale(preset.stage1)).toEqual([]);
			expect(validateTimescale(preset.stage2)).toEqual([]);
		}
	});

	test('an edited timescale that cannot work is explained', () => {
		expect(
			validateTimescale({
				acknowledgeWorkingDays: null,
				respondWorkingDays: 0,
				respondFrom: 'acknowledgement',
				maxExtensionWorkingDays: -1
			})
		).toHaveLength(3);
	});
});

describe('stage 1 under the Housing Ombudsman Code', () => {
	const received = at('2026-03-02T10:00:00Z'); // Monday 2 March, 10:00 GMT

	test('acknowledgement due 5 working days after receipt; response 10 after acknowledgement', () => {
		const record: StageRecord = {
			receivedAt: received,
			acknowledgedAt: at('2026-03-04T14:00:00Z')
		};
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		// Tue 3 (1), Wed 4 (2), Thu 5 (3), Fri 6 (4), Mon 9 (5).
		expect(deadlines.acknowledgementDue).toBe('2026-03-09');
		// Day 0 Wed 4: Thu 5 (1), Fri 6 (2), Mon 9 (3) … Fri 13 (7), Mon 16 (8), Tue 17 (9), Wed 18 (10).
		expect(deadlines.responseClockFrom).toBe('acknowledgement');
		expect(deadlines.responseClockStartsOn).toBe('2026-03-04');
		expect(deadlines.originalResponseDue).toBe('2026-03-18');
		expect(deadlines.responseDue).toBe('2026-03-18');
		expect(deadlines.extension).toBeNull();
		expect(deadlines.warnings).toEqual([]);

		expect(acknowledgedOnTime(record, deadlines, at('2026-03-04T14:00:00Z'))).toBe(true);
		expect(respondedOnTime(record, deadlines)).toBeNull();
		expect(respondedOnTime({ ...record, respondedAt: at('2026-03-18T23:59:59Z') }, deadlines)).toBe(
			true
		);
		expect(respondedOnTime({ ...record, respondedAt: at('2026-03-19T00:00:00Z') }, deadlines)).toBe(
			false
		);
	});

	test('an acknowledgement never recorded: the response clock starts at its due date', () => {
		const record: StageRecord = { receivedAt: received };
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		expect(deadlines.acknowledgementDue).toBe('2026-03-09');
		// Day 0 Mon 9: Tue 10 (1) … Fri 13 (4), Mon 16 (5) … Fri 20 (9), Mon 23 (10).
		expect(deadlines.responseClockFrom).toBe('acknowledgement-due');
		expect(deadlines.responseClockStartsOn).toBe('2026-03-09');
		expect(deadlines.responseDue).toBe('2026-03-23');
		// Until the end of Mon 9 March it could still be acknowledged on time.
		expect(acknowledgedOnTime(record, deadlines, at('2026-03-09T21:00:00Z'))).toBeNull();
		expect(acknowledgedOnTime(record, deadlines, at('2026-03-10T09:00:00Z'))).toBe(false);
		expect(stageStatus(record, deadlines, at('2026-03-10T09:00:00Z'), EW)).toMatchObject({
			status: 'overdue',
			next: 'acknowledgement',
			dueDate: '2026-03-09',
			workingDaysLeft: -1
		});
	});

	test('withdrawn before its acknowledgement was due: neither on time nor late', () => {
		const withdrawn: StageRecord = { receivedAt: received, closedAt: at('2026-03-03T12:00:00Z') };
		const deadlines = stageDeadlines(withdrawn, hos.stage1, EW);
		expect(acknowledgedOnTime(withdrawn, deadlines, at('2026-04-01T09:00:00Z'))).toBeNull();
		// Closed after the due date without an acknowledgement: it was late before it closed.
		const closedLate: StageRecord = { receivedAt: received, closedAt: at('2026-03-10T12:00:00Z') };
		expect(acknowledgedOnTime(closedLate, deadlines, at('2026-04-01T09:00:00Z'))).toBe(false);
	});

	test('a late acknowledgement is late, and the response clock starts from it', () => {
		const record: StageRecord = {
			receivedAt: received,
			acknowledgedAt: at('2026-03-11T09:00:00Z')
		};
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		expect(acknowledgedOnTime(record, deadlines, at('2026-03-11T09:00:00Z'))).toBe(false);
		// Day 0 Wed 11: Thu 12 (1), Fri 13 (2), Mon 16 (3) … Fri 20 (7), Mon 23 (8), Tue 24 (9), Wed 25 (10).
		expect(deadlines.responseDue).toBe('2026-03-25');
	});

	test('a complaint received at 23:30 UTC on a summer evening was received the next London day', () => {
		//      July 2026
		// Mo Tu We Th Fr Sa Su
		// 13 14 15 16 17 18 19
		// 20 21 22 23 24 25 26
		// 23:30 UTC Wed 15 July is 00:30 BST Thu 16 July: day 0 Thu 16,
		// Fri 17 (1), Mon 20 (2), Tue 21 (3), Wed 22 (4), Thu 23 (5).
		const deadlines = stageDeadlines({ receivedAt: at('2026-07-15T23:30:00Z') }, hos.stage1, EW);
		expect(deadlines.receivedOn).toBe('2026-07-16');
		expect(deadlines.acknowledgementDue).toBe('2026-07-23');
	});
});

describe('Christmas and New Year', () => {
	//    December 2026           January 2027
	// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
	// 21 22 23 24 25 26 27                 1  2  3
	// 28 29 30 31              4  5  6  7  8  9 10
	//                         11 12 13 14 15 16 17
	const record: StageRecord = {
		receivedAt: at('2026-12-21T09:00:00Z'),
		acknowledgedAt: at('2026-12-23T11:00:00Z')
	};

	test('England and Wales', () => {
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		// Day 0 Mon 21: Tue 22 (1), Wed 23 (2), Thu 24 (3), [Fri 25, Mon 28 BH], Tue 29 (4), Wed 30 (5).
		expect(deadlines.acknowledgementDue).toBe('2026-12-30');
		// Day 0 Wed 23: Thu 24 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4), [Fri 1 BH],
		// Mon 4 (5), Tue 5 (6), Wed 6 (7), Thu 7 (8), Fri 8 (9), Mon 11 (10).
		expect(deadlines.responseDue).toBe('2027-01-11');
	});

	test("Scotland loses Monday 4 January (2 January's substitute) as well", () => {
		const deadlines = stageDeadlines(record, hos.stage1, SCO);
		expect(deadlines.acknowledgementDue).toBe('2026-12-30');
		// … Thu 31 (4), [Fri 1, Mon 4 BH], Tue 5 (5), Wed 6 (6), Thu 7 (7), Fri 8 (8), Mon 11 (9), Tue 12 (10).
		expect(deadlines.responseDue).toBe('2027-01-12');
	});
});

describe('stage 2 escalation over the spring bank holiday', () => {
	test('acknowledge within 5 working days of the escalation request', () => {
		//       May 2026
		// Mo Tu We Th Fr Sa Su
		// 18 19 20 21 22 23 24
		// 25 26 27 28 29 30 31
		// Day 0 Wed 20 May: Thu 21 (1), Fri 22 (2), [Mon 25 BH], Tue 26 (3), Wed 27 (4), Thu 28 (5).
		const deadlines = stageDeadlines({ receivedAt: at('2026-05-20T08:00:00Z') }, hos.stage2, EW);
		expect(deadlines.acknowledgementDue).toBe('2026-05-28');
	});
});

describe('extensions', () => {
	const base: StageRecord = {
		receivedAt: at('2026-03-02T10:00:00Z'),
		acknowledgedAt: at('2026-03-04T14:00:00Z')
	};
	// Original response due: Wed 18 March 2026 (worked above).

	test('within the maximum: added to the original due date, not to the day the customer was told', () => {
		const record: StageRecord = {
			...base,
			extension: {
				workingDays: 10,
				reason: 'Waiting for a surveyor',
				customerToldAt: at('2026-03-16T10:00:00Z')
			}
		};
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		// Day 0 Wed 18: Thu 19 (1), Fri 20 (2), Mon 23 (3) … Fri 27 (7), Mon 30 (8), Tue 31 (9), Wed 1 Apr (10).
		// (Counting from Mon 16, the day the customer was told, would wrongly give Mon 30 March.)
		expect(deadlines.originalResponseDue).toBe('2026-03-18');
		expect(deadlines.responseDue).toBe('2026-04-01');
		expect(deadlines.extension).toEqual({
			workingDays: 10,
			maxWorkingDays: 10,
			dueDate: '2026-04-01',
			accepted: true,
			beyondMaximum: false,
			problem: null
		});
		// A response within the extension is on time: 22:30 UTC on 1 April is 23:30 BST on 1 April.
		expect(respondedOnTime({ ...record, respondedAt: at('2026-04-01T22:30:00Z') }, deadlines)).toBe(
			true
		);
		// 23:30 UTC on 1 April is 00:30 BST on 2 April: late.
		expect(respondedOnTime({ ...record, respondedAt: at('2026-04-01T23:30:00Z') }, deadlines)).toBe(
			false
		);
	});

	test('beyond the maximum with a good reason: accepted and flagged', () => {
		const record: StageRecord = {
			...base,
			extension: { workingDays: 15, reason: 'Specialist damp report needed', customerToldAt: null }
		};
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		// … Wed 1 Apr (10), Thu 2 (11), [Fri 3 Good Friday, Mon 6 Easter Monday],
		// Tue 7 (12), Wed 8 (13), Thu 9 (14), Fri 10 (15).
		expect(deadlines.responseDue).toBe('2026-04-10');
		expect(deadlines.extension).toMatchObject({
			accepted: true,
			beyondMaximum: true,
			problem: null
		});
		expect(respondedOnTime({ ...record, respondedAt: at('2026-04-09T12:00:00Z') }, deadlines)).toBe(
			true
		);
	});

	test('beyond the maximum with no reason: not accepted, so the original due date stands', () => {
		const record: StageRecord = {
			...base,
			extension: { workingDays: 15, reason: '  ', customerToldAt: null }
		};
		const deadlines = stageDeadlines(record, hos.stage1, EW);
		expect(deadlines.extension).toMatchObject({
			accepted: false,
			beyondMaximum: true,
			dueDate: '2026-04-10'
		});
		expect(deadlines.extension?.problem).toMatch(/10-working-day maximum.*good reason/);
		expect(deadlines.responseDue).toBe('2026-03-18');
		expect(respondedOnTime({ ...record, respondedAt: at('2026-04-09T12:00:00Z') }, deadlines)).toBe(
			false
		);
	});

	test('an extension of no days is not an extension', () => {
		const deadlines = stageDeadlines(
			{ ...base, extension: { workingDays: 0, reason: 'x' } },
			hos.stage1,
			EW
		);
		expect(deadlines.extension).toMatchObject({ accepted: false, dueDate: null });
		expect(deadlines.responseDue).toBe('2026-03-18');
	});
});

describe('the SPSO model', () => {
	test('stage 1 runs 5 working days from receipt, and Easter Monday is a working day in Scotland', () => {
		// Received Thu 2 April 2026. Scotland: [Fri 3 BH], Mon 6 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
		const record: StageRecord = { receivedAt: at('2026-04-02T09:00:00Z') };
		const deadlines = stageDeadlines(record, spso.stage1, SCO);
		expect(deadlines.acknowledgementDue).toBeNull();
		expect(deadlines.responseClockFrom).toBe('receipt');
		expect(deadlines.responseDue).toBe('2026-04-10');
		expect(acknowledgedOnTime(record, deadlines, at('2026-05-01T09:00:00Z'))).toBeNull();
		// The same preset on an England and Wales calendar also skips Easter Monday:
		// Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5).
		expect(stageDeadlines(record, spso.stage1, EW).responseDue).toBe('2026-04-13');
	});

	test('stage 2: acknowledge in 3, respond in 20 from the acknowledgement; extensions must be agreed', () => {
		//      June 2026             July 2026
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		//  1  2  3  4  5  6  7           1  2  3  4  5
		//  8  9 10 11 12 13 14     6  7  8  9 10 11 12
		// 15 16 17 18 19 20 21
		// 22 23 24 25 26 27 28
		// 29 30
		const record: StageRecord = {
			receivedAt: at('2026-06-01T09:00:00Z'),
			acknowledgedAt: at('2026-06-02T09:00:00Z')
		};
		const deadlines = stageDeadlines(record, spso.stage2, SCO);
		// Day 0 Mon 1: Tue 2 (1), Wed 3 (2), Thu 4 (3).
		expect(deadlines.acknowledgementDue).toBe('2026-06-04');
		// Day 0 Tue 2: Wed 3–Fri 5 (3), 8–12 (8), 15–19 (13), 22–26 (18), Mon 29 (19), Tue 30 (20).
		expect(deadlines.responseDue).toBe('2026-06-30');

		// No fixed maximum: any length is accepted once agreed with a recorded reason, and not flagged.
		const agreed = stageDeadlines(
			{ ...record, extension: { workingDays: 5, reason: 'Agreed with the customer' } },
			spso.stage2,
			SCO
		);
		// Day 0 Tue 30 June: Wed 1 (1), Thu 2 (2), Fri 3 (3), Mon 6 (4), Tue 7 (5).
		expect(agreed.responseDue).toBe('2026-07-07');
		expect(agreed.extension).toMatchObject({ accepted: true, beyondMaximum: false });

		const unexplained = stageDeadlines(
			{ ...record, extension: { workingDays: 5, reason: '' } },
			spso.stage2,
			SCO
		);
		expect(unexplained.extension?.accepted).toBe(false);
		expect(unexplained.extension?.problem).toMatch(/agreed with the customer/);
		expect(unexplained.responseDue).toBe('2026-06-30');
	});
});

describe('status for lists', () => {
	const record: StageRecord = {
		receivedAt: at('2026-03-02T10:00:00Z'),
		acknowledgedAt: at('2026-03-04T14:00:00Z')
	};
	const deadlines = stageDeadlines(record, hos.stage1, EW);
	// Response due Wed 18 March 2026.

	test('due while more than the warning window remains', () => {
		// From Fri 13: Mon 16, Tue 17, Wed 18 = 3 working days left.
		expect(stageStatus(record, deadlines, at('2026-03-13T10:00:00Z'), EW)).toEqual({
			status: 'due',
			next: 'response',
			dueDate: '2026-03-18',
			workingDaysLeft: 3,
			warnings: []
		});
	});

	test('due soon within the window (2 working days by default, adjustable)', () => {
		expect(stageStatus(record, deadlines, at('2026-03-13T10:00:00Z'), EW, 3).status).toBe(
			'due-soon'
		);
		// From Mon 16: Tue 17, Wed 18 = 2.
		expect(stageStatus(record, deadlines, at('2026-03-16T10:00:00Z'), EW).status).toBe('due-soon');
		// On the day itself, until midnight London time.
		expect(stageStatus(record, deadlines, at('2026-03-18T23:59:00Z'), EW)).toMatchObject({
			status: 'due-soon',
			workingDaysLeft: 0
		});
	});

	test('overdue from the next London day', () => {
		expect(stageStatus(record, deadlines, at('2026-03-19T00:00:00Z'), EW)).toMatchObject({
			status: 'overdue',
			workingDaysLeft: -1
		});
	});

	test('done once responded or closed', () => {
		const responded = { ...record, respondedAt: at('2026-03-20T10:00:00Z') };
		expect(stageStatus(responded, deadlines, at('2026-03-25T10:00:00Z'), EW).status).toBe('done');
		const closed = { ...record, closedAt: at('2026-03-10T10:00:00Z') };
		expect(stageStatus(closed, deadlines, at('2026-03-25T10:00:00Z'), EW).status).toBe('done');
	});

	test('awaiting acknowledgement: its due date comes first', () => {
		const unacknowledged: StageRecord = { receivedAt: at('2026-03-02T10:00:00Z') };
		const d = stageDeadlines(unacknowledged, hos.stage1, EW);
		// From Wed 4: Thu 5, Fri 6, Mon 9 = 3 working days to the acknowledgement due date.
		expect(stageStatus(unacknowledged, d, at('2026-03-04T10:00:00Z'), EW)).toMatchObject({
			status: 'due',
			next: 'acknowledgement',
			dueDate: '2026-03-09',
			workingDaysLeft: 3
		});
	});
});

describe('beyond the shipped bank holidays', () => {
	test('a stage running into 2028 is computed and warned about', () => {
		//    December 2027           January 2028
		// Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
		// 20 21 22 23 24 25 26                    1  2
		// 27 28 29 30 31           3  4  5  6  7  8  9
		//                         10 11 12 13 14 15 16
		const record: StageRecord = { receivedAt: at('2027-12-20T10:00:00Z') };
		const assessment = assessStage(record, hos.stage1, EW, at('2027-12-21T10:00:00Z'));
		// Day 0 Mon 20: Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4), [Mon 27, Tue 28 BH], Wed 29 (5).
		expect(assessment.deadlines.acknowledgementDue).toBe('2027-12-29');
		// Day 0 Wed 29: Thu 30 (1), Fri 31 (2), [Mon 3 Jan 2028 BH, calculated], Tue 4 (3) … Fri 7 (6),
		// Mon 10 (7), Tue 11 (8), Wed 12 (9), Thu 13 (10).
		expect(assessment.deadlines.responseDue).toBe('2028-01-13');
		expect(assessment.warnings).toHaveLength(1);
		expect(assessment.warnings[0]).toMatchObject({ year: 2028, division: 'england-and-wales' });
		expect(assessment.warnings[0]?.message).toMatch(/not in the shipped list/);
	});
});

describe('validateComplaintSequence', () => {
	const receivedAt = at('2026-03-02T10:00:00Z');

	test('a possible timeline has no problems', () => {
		expect(
			validateComplaintSequence({
				receivedAt,
				stage1: {
					acknowledgedAt: at('2026-03-03T10:00:00Z'),
					respondedAt: at('2026-03-10T10:00:00Z'),
					outcome: 'not-upheld'
				},
				stage2: {
					escalatedAt: at('2026-03-12T10:00:00Z'),
					acknowledgedAt: at('2026-03-13T10:00:00Z'),
					respondedAt: null,
					outcome: null
				}
			})
		).toEqual([]);
	});

	test('an acknowledgement or response before receipt', () => {
		const problems = validateComplaintSequence({
			receivedAt,
			stage1: {
				acknowledgedAt: at('2026-03-01T10:00:00Z'),
				respondedAt: at('2026-03-02T09:59:59Z'),
				outcome: 'upheld'
			}
		});
		expect(problems).toEqual([
			{
				field: 'stage1.acknowledgedAt',
				message: 'The stage 1 acknowledgement cannot be before the complaint was received.'
			},
			{
				field: 'stage1.respondedAt',
				message: 'The stage 1 response cannot be before the complaint was received.'
			}
		]);
	});

	test('an acknowledgement after the response would restart a stopped clock', () => {
		// Received Mon 2 March; unacknowledged, the response was due Mon 23 March and came on Mon 30.
		// Acknowledging on Tue 31 would move the due date to 14 April and make it on time.
		expect(
			validateComplaintSequence({
				receivedAt,
				stage1: {
					acknowledgedAt: at('2026-03-31T10:00:00Z'),
					respondedAt: at('2026-03-30T10:00:00Z'),
					outcome: 'upheld'
				}
			})
		).toEqual([
			{
				field: 'stage1.acknowledgedAt',
				message:
					'The stage 1 acknowledgement cannot be after the stage 1 response. Enter the date it was acknowledged, or leave it unrecorded if the response was the first reply.'
			}
		]);
	});

	test('an outcome without a response (a withdrawal needs none)', () => {
		expect(validateComplaintSequence({ receivedAt, stage1: { outcome: 'partly-upheld' } })).toEqual(
			[
				{
					field: 'stage1.outcome',
					message: 'Record the date of the stage 1 response before its outcome.'
				}
			]
		);
		expect(validateComplaintSequence({ receivedAt, stage1: { outcome: 'withdrawn' } })).toEqual([]);
	});

	test('stage 2 escalation before the stage 1 response', () => {
		expect(
			validateComplaintSequence({
				receivedAt,
				stage1: { respondedAt: at('2026-03-10T10:00:00Z'), outcome: 'not-upheld' },
				stage2: { escalatedAt: at('2026-03-09T10:00:00Z') }
			})
		).toEqual([
			{
				field: 'stage2.escalatedAt',
				message: 'The escalation to stage 2 cannot be before the stage 1 response.'
			}
		]);
		expect(
			validateComplaintSequence({
				receivedAt,
				stage1: {},
				stage2: { escalatedAt: at('2026-03-09T10:00:00Z') }
			})
		).toEqual([
			{
				field: 'stage2.escalatedAt',
				message: 'A complaint can only be escalated to stage 2 after the stage 1 response.'
			}
		]);
	});

	test('stage 2 events before the escalation request, and an extension told before receipt', () => {
		const problems = validateComplaintSequence({
			receivedAt,
			stage1: {
				respondedAt: at('2026-03-10T10:00:00Z'),
				outcome: 'not-upheld',
				extension: { workingDays: 5, reason: 'x', customerToldAt: at('2026-02-27T10:00:00Z') }
			},
			stage2: {
				escalatedAt: at('2026-03-12T10:00:00Z'),
				acknowledgedAt: at('2026-03-11T10:00:00Z'),
				outcome: 'upheld'
			}
		});
		expect(problems.map((p) => p.field)).toEqual([
			'stage1.extension.customerToldAt',
			'stage2.acknowledgedAt',
			'stage2.outcome'
		]);
		expect(problems[1]?.message).toBe(
			'The stage 2 acknowledgement cannot be before the escalation request.'
		);
	});
});
