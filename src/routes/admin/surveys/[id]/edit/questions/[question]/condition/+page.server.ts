import { conditionRoute } from '$lib/server/surveys/condition-route';
import type { Actions, PageServerLoad } from './$types';

const route = conditionRoute((params) => ({ kind: 'question', id: params.question ?? '' }));

export const load: PageServerLoad = (event) => route.load(event);

export const actions: Actions = {
	set: (event) => route.set(event),
	clear: (event) => route.clear(event)
};
