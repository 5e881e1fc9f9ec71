import { ACTION_STATUS_LABELS } from '$lib/domain/consultations';
import type { Db } from '../db';
import { escapeHtml } from '../mail/templates';
import { getOrganisation } from '../settings';
import { publishedActions } from './public';

/** Text for XML: escaped, and without the control characters XML 1.0 cannot carry at all. */
const xml = (text: string) =>
	// eslint-disable-next-line no-control-regex
	escapeHtml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

/** Published actions as JSON and as an Atom feed, newest change first. Owners never appear. */
export function actionFeed(db: Db, origin: string) {
	const organisation = getOrganisation(db).name;
	const actions = publishedActions(db).map((a) => ({
		id: a.id,
		url: `${origin}/you-said-we-did/${a.consultationSlug}#action-${a.id}`,
		title: a.title,
		description: a.description,
		status: a.status,
		statusLabel: ACTION_STATUS_LABELS[a.status],
		reason: a.reason || null,
		outcome: a.outcome || null,
		service: a.service,
		dueOn: a.dueOn,
		completedOn: a.completedOn,
		publishedAt: a.publishedAt?.toISOString() ?? null,
		updatedAt: a.updatedAt.toISOString(),
		consultation: {
			title: a.consultationTitle,
			url: `${origin}/you-said-we-did/${a.consultationSlug}`
		}
	}));
	const updated = actions[0]?.updatedAt ?? new Date(0).toISOString();
	const entries = actions.map(
		(a) => `	<entry>
		<id>${xml(a.url)}</id>
		<title>${xml(`${a.title} (${a.statusLabel})`)}</title>
		<link rel="alternate" type="text/html" href="${xml(a.url)}"/>
		<updated>${a.updatedAt}</updated>
		${a.publishedAt ? `<published>${a.publishedAt}</published>` : ''}
		<summary type="text">${xml(
			[
				`After "${a.consultation.title}".`,
				`Status: ${a.statusLabel}.`,
				a.dueOn ? `Due: ${a.dueOn}.` : '',
				a.completedOn ? `Done: ${a.completedOn}.` : '',
				a.description,
				a.outcome ?? '',
				a.reason ? `Why not: ${a.reason}` : ''
			]
				.filter(Boolean)
				.join(' ')
		)}</summary>
	</entry>`
	);
	const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
	<id>${xml(`${origin}/you-said-we-did`)}</id>
	<title>${xml(`${organisation}: you said, we did`)}</title>
	<link rel="self" type="application/atom+xml" href="${xml(`${origin}/you-said-we-did/feed.atom`)}"/>
	<link rel="alternate" type="text/html" href="${xml(`${origin}/you-said-we-did`)}"/>
	<updated>${updated}</updated>
	<author><name>${xml(organisation)}</name></author>
${entries.join('\n')}
</feed>
`;
	return { json: { organisation, actions }, atom };
}
