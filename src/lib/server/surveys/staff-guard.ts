import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import { findResponse } from './responding';
import { currentVersion, getSurvey } from './surveys';

/** The survey a staff page is about, or 404. */
export function surveyOr404(db: Db, idParam: string) {
	const id = Number(idParam);
	const found = Number.isSafeInteger(id) && id > 0 ? getSurvey(db, id) : undefined;
	const version = found && currentVersion(db, found.id);
	if (!found || !version) error(404, 'Page not found');
	return { survey: found, version };
}

/** A response a member of staff is entering for this survey, still unfinished, or 404. */
export function staffResponseOr404(db: Db, surveyIdParam: string, responseIdParam: string) {
	const context = findResponse(db, Number(responseIdParam));
	if (
		!context ||
		String(context.survey.id) !== surveyIdParam ||
		context.response.enteredBy === null
	)
		error(404, 'Page not found');
	return context;
}
