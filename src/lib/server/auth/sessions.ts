import { eq, and, ne } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { session, user, type Session, type User } from '../db/schema';
import { generateToken, hashToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * DAY;
export const SESSION_ABSOLUTE_MS = 90 * DAY;
export const SESSION_COOKIE = 'session';

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role'>;

export function createSession(db: Db, userId: number, now = Date.now()) {
	const token = generateToken();
	const row = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now + SESSION_IDLE_MS),
		absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_MS)
	};
	db.insert(session).values(row).run();
	return { token, session: row };
}

/**
 * Looks a token up, ends it if it has expired (idle or absolute), and slides the idle expiry
 * forward once half of it has been used.
 */
export function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): { session: Session; user: SessionUser } | null {
	const id = hashToken(token);
	const row = db
		.select({
			session,
			user: {
				id: user.id,
				email: user.email,
				name: user.name,
				role: user.role,
				active: user.active
			}
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(eq(session.id, id))
		.get();
	if (!row) return null;
	const expired =
		now >= row.session.expiresAt.getTime() ||
		now >= row.session.absoluteExpiresAt.getTime() ||
		!row.user.active;
	if (expired) {
		db.delete(session).where(eq(session.id, id)).run();
		return null;
	}
	if (row.session.expiresAt.getTime() - now < SESSION_IDLE_MS / 2) {
		const slid = new Date(Math.min(now + SESSION_IDLE_MS, row.session.absoluteExpiresAt.getTime()));
		db.update(session).set({ expiresAt: slid }).where(eq(session.id, id)).run();
		row.session.expiresAt = slid;
	}
	const { active: _active, ...sessionUser } = row.user;
	return { session: row.session, user: sessionUser };
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number, exceptSessionId?: string): void {
	db.delete(session)
		.where(
			exceptSessionId
				? and(eq(session.userId, userId), ne(session.id, exceptSessionId))
				: eq(session.userId, userId)
		)
		.run();
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
