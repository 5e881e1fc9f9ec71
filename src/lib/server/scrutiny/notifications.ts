import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { user, type Role } from '../db/schema';
import { resolveOrigin, type LazyOrigin } from '../http/origin';
import { queueMail } from '../mail';
import { renderMail } from '../mail/templates';
import { getOrganisation } from '../settings';

function activeOf(db: Db, role: Role) {
	return db
		.select({ email: user.email, name: user.name })
		.from(user)
		.where(and(eq(user.role, role), eq(user.active, true)))
		.all();
}

function tell(
	db: Db,
	people: { email: string; name: string }[],
	mail: { subject: string; paragraphs: string[]; link: { text: string; path: string } },
	origin: LazyOrigin,
	category: string
) {
	if (people.length === 0) return;
	const url = `${resolveOrigin(origin)}${mail.link.path}`;
	const organisation = getOrganisation(db).name;
	for (const person of people)
		queueMail(db, {
			to: person.email,
			subject: `${mail.subject} — ${organisation}`,
			...renderMail({
				greeting: `Hello ${person.name},`,
				paragraphs: mail.paragraphs,
				link: { text: mail.link.text, url }
			}),
			category
		});
}

/**
 * The panel has sent a review: every active admin (who answers for the organisation) is told, in
 * the transaction that sends it.
 */
export function tellReviewSent(
	db: Db,
	review: { id: number; title: string },
	recommendations: number,
	origin: LazyOrigin
) {
	tell(
		db,
		activeOf(db, 'admin'),
		{
			subject: `The scrutiny panel has sent a review: ${review.title}`,
			paragraphs: [
				`The tenant scrutiny panel has sent its review "${review.title}", with ${recommendations === 1 ? '1 recommendation' : `${recommendations} recommendations`}.`,
				'Each recommendation needs the organisation’s response: accepted, partly accepted or rejected, with reasons.'
			],
			link: { text: 'Open the review', path: `/admin/scrutiny/reviews/${review.id}` }
		},
		origin,
		'scrutiny.sent'
	);
}

/** The organisation has answered the last recommendation: every active panel member is told, once. */
export function tellReviewAnswered(
	db: Db,
	review: { id: number; title: string },
	origin: LazyOrigin
) {
	tell(
		db,
		activeOf(db, 'panel'),
		{
			subject: `The organisation has responded to your review: ${review.title}`,
			paragraphs: [
				`Every recommendation of the panel’s review "${review.title}" now has the organisation’s response.`,
				'You can follow the actions that come from it on the review’s page.'
			],
			link: { text: 'Read the responses', path: `/panel/reviews/${review.id}` }
		},
		origin,
		'scrutiny.answered'
	);
}
