import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { timescalePresets } from '$lib/domain/calendar/complaint-deadlines';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { runFormAction } from '$lib/server/forms/form-action';
import {
	addClosureDay,
	closureDaySchema,
	getTimescalePreset,
	listClosureDays,
	listSelfAssessment,
	presetSchema,
	removeClosureDay,
	saveSelfAssessment,
	selfAssessmentSchema,
	setTimescalePreset
} from '$lib/server/complaints/settings';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const db = getDb();
	return {
		presetId: getTimescalePreset(db).id,
		presets: timescalePresets,
		closureDays: listClosureDays(db),
		selfAssessment: listSelfAssessment(db)
	};
};

const back = (saved: string) => redirect(303, `/admin/complaint-settings?saved=${saved}`);

export const actions: Actions = {
	preset: async (event) => {
		const admin = requireAdmin(event);
		const failure = await runFormAction(
			event.request,
			presetSchema,
			(data) => setTimescalePreset(getDb(), actorOf(admin), data.presetId),
			'preset'
		);
		return failure ?? back('preset');
	},
	addClosure: async (event) => {
		const admin = requireAdmin(event);
		const failure = await runFormAction(
			event.request,
			closureDaySchema,
			(data) => addClosureDay(getDb(), actorOf(admin), data),
			'closure'
		);
		return failure ?? back('closure');
	},
	removeClosure: async (event) => {
		const admin = requireAdmin(event);
		const failure = await runFormAction(
			event.request,
			z.object({ date: z.string() }),
			(data) => removeClosureDay(getDb(), actorOf(admin), data.date),
			'closure'
		);
		return failure ?? back('closure');
	},
	selfAssessment: async (event) => {
		const admin = requireAdmin(event);
		const failure = await runFormAction(
			event.request,
			selfAssessmentSchema,
			(data) => saveSelfAssessment(getDb(), actorOf(admin), data),
			'self-assessment'
		);
		return failure ?? back('self-assessment');
	}
};
