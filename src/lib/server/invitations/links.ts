import { and, eq } from 'drizzle-orm';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db';
import { invitation, invitationLink } from '../db/schema';

const TOKEN = /^[a-z2-7]{20,64}$/;

/**
 * The invitation a link leads to: the one in its latest email, or one sent before a reminder
 * replaced it. Undefined for a link that was never sent.
 */
export function invitationByLink(db: Db, token: string, purpose: 'answer' | 'unsubscribe') {
	if (!TOKEN.test(token)) return undefined;
	const hash = hashToken(token);
	const latest = db
		.select()
		.from(invitation)
		.where(eq(purpose === 'answer' ? invitation.tokenHash : invitation.unsubscribeHash, hash))
		.get();
	if (latest) return latest;
	return (
		db
			.select({ invitation })
			.from(invitationLink)
			.innerJoin(invitation, eq(invitation.id, invitationLink.invitationId))
			.where(and(eq(invitationLink.tokenHash, hash), eq(invitationLink.purpose, purpose)))
			.get()?.invitation ?? undefined
	);
}

/** Keeps the links of the email before, as a reminder replaces them with its own. */
export function keepEarlierLinks(
	db: Db,
	sent: { id: number; tokenHash: string; unsubscribeHash: string | null; mailId: number | null }
) {
	db.insert(invitationLink)
		.values({
			tokenHash: sent.tokenHash,
			invitationId: sent.id,
			purpose: 'answer',
			mailId: sent.mailId
		})
		.onConflictDoNothing()
		.run();
	if (sent.unsubscribeHash)
		db.insert(invitationLink)
			.values({
				tokenHash: sent.unsubscribeHash,
				invitationId: sent.id,
				purpose: 'unsubscribe',
				mailId: sent.mailId
			})
			.onConflictDoNothing()
			.run();
}
