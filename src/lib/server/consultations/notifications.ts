import { and, count, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import {
	ACTION_STATUS_LABELS,
	eventsOwed,
	type NotificationEventKey
} from '$lib/domain/consultations';
import { writeTransaction, type Db } from '../db';
import {
	actionNotification,
	consultation,
	mailMessage,
	consultationAction,
	subscriber,
	subscriberToken
} from '../db/schema';
import { UNCONFIRMED_SIGN_UP_DAYS } from '../housekeeping';
import { generateToken, hashToken } from '../auth/tokens';
import { cancelQueuedMail, queueMail } from '../mail';
import { renderMail } from '../mail/templates';
import { getOrganisation } from '../settings';
import { resolveOrigin, type LazyOrigin } from '../http/origin';

const RESEND_AFTER_MS = 10 * 60_000;

function newToken(db: Db, subscriberId: number, purpose: 'confirm' | 'unsubscribe') {
	const token = generateToken();
	db.insert(subscriberToken)
		.values({ tokenHash: hashToken(token), subscriberId, purpose })
		.run();
	return token;
}

function unsubscribeHeaders(url: string) {
	return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * Asks to hear about a consultation. The address is told nothing until it confirms from the link
 * we send. Whether or not the address was already subscribed, the visitor sees the same thing.
 */
export function requestSubscription(
	db: Db,
	consultationId: number,
	email: string,
	origin: string,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const topic = tx.select().from(consultation).where(eq(consultation.id, consultationId)).get();
		if (!topic?.publishedAt) return;
		const existing = tx
			.select()
			.from(subscriber)
			.where(and(eq(subscriber.consultationId, consultationId), eq(subscriber.email, email)))
			.get();
		if (existing?.confirmedAt && !existing.unsubscribedAt) return;
		// Asking again within a few minutes sends no second email, so nobody can use this form to
		// flood someone else's inbox.
		if (existing && !existing.unsubscribedAt) {
			const recent = tx
				.select({ n: count() })
				.from(subscriberToken)
				.where(
					and(
						eq(subscriberToken.subscriberId, existing.id),
						eq(subscriberToken.purpose, 'confirm'),
						gte(subscriberToken.createdAt, new Date(now.getTime() - RESEND_AFTER_MS))
					)
				)
				.get();
			if (recent && recent.n > 0) return;
		}
		const row =
			existing ?? tx.insert(subscriber).values({ consultationId, email }).returning().get();
		if (existing)
			tx.update(subscriber)
				.set({ confirmedAt: null, unsubscribedAt: null })
				.where(eq(subscriber.id, row.id))
				.run();
		// One confirmation link at a time: an earlier unused one stops working.
		tx.delete(subscriberToken)
			.where(and(eq(subscriberToken.subscriberId, row.id), eq(subscriberToken.purpose, 'confirm')))
			.run();
		const token = newToken(tx, row.id, 'confirm');
		const organisation = getOrganisation(tx).name;
		const body = renderMail({
			greeting: 'Hello,',
			paragraphs: [
				`You asked ${organisation} to tell you what happens after "${topic.title}".`,
				`Please confirm by opening the link below within ${UNCONFIRMED_SIGN_UP_DAYS} days. If you did not ask, ignore this email: you will hear nothing more, and we will delete your address.`
			],
			link: { text: 'Confirm you want updates', url: `${origin}/you-said-we-did/confirm/${token}` }
		});
		queueMail(tx, {
			to: email,
			subject: `Confirm updates about ${topic.title} — ${organisation}`,
			...body,
			category: 'consultation.confirm'
		});
	});
}

/** The subscriber a link belongs to; a confirmation link works for UNCONFIRMED_SIGN_UP_DAYS. */
function subscriberForToken(
	db: Db,
	token: string,
	purpose: 'confirm' | 'unsubscribe',
	now = Date.now()
) {
	const found = db
		.select({ subscriber, issuedAt: subscriberToken.createdAt })
		.from(subscriberToken)
		.innerJoin(subscriber, eq(subscriber.id, subscriberToken.subscriberId))
		.where(
			and(eq(subscriberToken.tokenHash, hashToken(token)), eq(subscriberToken.purpose, purpose))
		)
		.get();
	const stale =
		purpose === 'confirm' &&
		found !== undefined &&
		now - found.issuedAt.getTime() > UNCONFIRMED_SIGN_UP_DAYS * 24 * 3600_000;
	return stale ? undefined : found?.subscriber;
}

export function knownSubscriberToken(db: Db, token: string, purpose: 'confirm' | 'unsubscribe') {
	const found = subscriberForToken(db, token, purpose);
	if (!found) return null;
	const topic = db
		.select({ title: consultation.title, slug: consultation.slug })
		.from(consultation)
		.where(eq(consultation.id, found.consultationId))
		.get();
	return topic ? { ...topic, confirmed: !!found.confirmedAt && !found.unsubscribedAt } : null;
}

/**
 * Confirms a subscription from its link. The link keeps working until it expires, so a second
 * click finds the person signed up; once they have unsubscribed (and their address is gone) it
 * is no longer valid. An unknown or expired link is false.
 */
export function confirmSubscription(db: Db, token: string, now = new Date()): boolean {
	return writeTransaction(db, (tx) => {
		const found = subscriberForToken(tx, token, 'confirm', now.getTime());
		if (!found || found.unsubscribedAt || !found.email) return false;
		if (!found.confirmedAt)
			tx.update(subscriber).set({ confirmedAt: now }).where(eq(subscriber.id, found.id)).run();
		return true;
	});
}

/** Stops every later update to this subscriber; the link keeps working, so a second click is fine. */
export function unsubscribeSubscriber(db: Db, token: string, now = new Date()): boolean {
	return writeTransaction(db, (tx) => {
		const found = subscriberForToken(tx, token, 'unsubscribe');
		if (!found) return false;
		if (found.unsubscribedAt) return true;
		tx.update(subscriber)
			.set({ unsubscribedAt: now, email: null })
			.where(eq(subscriber.id, found.id))
			.run();
		// The confirmation emails sent to them forget the address too.
		if (found.email)
			tx.update(mailMessage)
				.set({ to: '', text: '', html: null })
				.where(
					and(
						eq(mailMessage.category, 'consultation.confirm'),
						eq(mailMessage.to, found.email),
						inArray(mailMessage.status, ['sent', 'failed', 'outbox'])
					)
				)
				.run();
		// Updates not yet sent are not sent, and no message keeps the address.
		const mailIds = tx
			.select({ id: actionNotification.mailId })
			.from(actionNotification)
			.where(
				and(eq(actionNotification.subscriberId, found.id), isNotNull(actionNotification.mailId))
			)
			.all()
			.map((r) => r.id as number);
		if (mailIds.length) {
			cancelQueuedMail(tx, mailIds, 'Not sent: they unsubscribed first');
			tx.update(mailMessage)
				.set({ to: '', text: '', html: null })
				.where(inArray(mailMessage.id, mailIds))
				.run();
		}
		return true;
	});
}

function updateMail(
	organisation: string,
	topic: { title: string; slug: string },
	action: { title: string; status: keyof typeof ACTION_STATUS_LABELS; outcome: string },
	events: NotificationEventKey[],
	origin: string,
	unsubscribeToken: string
) {
	const done = events.includes('done');
	const unsubscribeUrl = `${origin}/you-said-we-did/unsubscribe/${unsubscribeToken}`;
	const body = renderMail({
		greeting: 'Hello,',
		paragraphs: [
			done
				? `${organisation} has done something you told us about in "${topic.title}": ${action.title}.`
				: `${organisation} has said what it will do after "${topic.title}": ${action.title}.`,
			`Status: ${ACTION_STATUS_LABELS[action.status]}.`,
			...(done && action.outcome ? [action.outcome] : [])
		],
		link: { text: 'Read what we did', url: `${origin}/you-said-we-did/${topic.slug}` },
		footer: `You asked for updates about this consultation. To stop them, open this link: ${unsubscribeUrl}`
	});
	return {
		subject: done
			? `Done: ${action.title} — ${organisation}`
			: `You said, we did: ${action.title} — ${organisation}`,
		...body,
		headers: unsubscribeHeaders(unsubscribeUrl)
	};
}

/**
 * Queues the emails that subscribers of the action's consultation are owed (see `eventsOwed`):
 * at most one email per subscriber per call, and never a second about the same event. Runs inside
 * the caller's transaction, so the change and its emails are written together or not at all.
 */
export function notifySubscribers(tx: Db, actionId: number, origin: LazyOrigin, now = new Date()) {
	const row = tx
		.select({ action: consultationAction, topic: consultation })
		.from(consultationAction)
		.innerJoin(consultation, eq(consultation.id, consultationAction.consultationId))
		.where(eq(consultationAction.id, actionId))
		.get();
	if (!row || !row.topic.publishedAt || !row.action.publishedAt) return 0;
	const { action, topic } = row;
	const visibility = {
		actionPublishedAt: action.publishedAt,
		consultationPublishedAt: topic.publishedAt,
		actionFirstPublishedAt: action.firstPublishedAt,
		consultationFirstPublishedAt: topic.firstPublishedAt,
		status: action.status,
		doneAt: action.doneAt
	};
	const listeners = tx
		.select()
		.from(subscriber)
		.where(
			and(
				eq(subscriber.consultationId, topic.id),
				isNotNull(subscriber.confirmedAt),
				isNull(subscriber.unsubscribedAt)
			)
		)
		.all();
	const told = tx
		.select({ subscriberId: actionNotification.subscriberId, event: actionNotification.event })
		.from(actionNotification)
		.where(eq(actionNotification.actionId, actionId))
		.all();
	const organisation = getOrganisation(tx).name;
	let sent = 0;
	for (const listener of listeners) {
		if (!listener.email) continue;
		const already = new Set(told.filter((t) => t.subscriberId === listener.id).map((t) => t.event));
		const owed = eventsOwed(visibility, listener.confirmedAt ?? now, already);
		if (owed.length === 0) continue;
		// News that it is done also tells that it was published: one email, counted as both.
		const wanted: NotificationEventKey[] = owed.includes('done') ? ['published', 'done'] : owed;
		// Claim the events first: only a row this call inserted may be told, so two writers racing
		// (several app instances on one database) cannot both send the same news.
		const events = wanted.filter(
			(event) =>
				tx
					.insert(actionNotification)
					.values({ actionId, event, subscriberId: listener.id })
					.onConflictDoNothing()
					.run().changes > 0
		);
		if (events.length === 0) continue;
		const unsubscribeToken = newToken(tx, listener.id, 'unsubscribe');
		const mail = updateMail(
			organisation,
			topic,
			action,
			events,
			resolveOrigin(origin),
			unsubscribeToken
		);
		const mailId = queueMail(tx, {
			to: listener.email,
			...mail,
			category: 'consultation.update'
		});
		tx.update(actionNotification)
			.set({ mailId })
			.where(
				and(
					eq(actionNotification.actionId, actionId),
					eq(actionNotification.subscriberId, listener.id),
					inArray(actionNotification.event, events)
				)
			)
			.run();
		sent++;
	}
	return sent;
}

/** How many different people were emailed about the action. */
export function countTold(db: Db, actionId: number): number {
	return (
		db
			.select({ n: count() })
			.from(actionNotification)
			.where(
				and(eq(actionNotification.actionId, actionId), eq(actionNotification.event, 'published'))
			)
			.get()?.n ?? 0
	);
}
