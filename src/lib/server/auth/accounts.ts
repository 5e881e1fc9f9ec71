import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { organisation, passwordToken, roles, user, type Role, type User } from '../db/schema';
import { emailField, requiredText } from '../forms/parse';
import { queueMail } from '../mail';
import { renderMail } from '../mail/templates';
import { getOrganisation } from '../settings';
import {
	checkPasswordStrength,
	hashPassword,
	verifyAgainstDummy,
	verifyPassword
} from './password';
import { createSession, invalidateUserSessions } from './sessions';
import { clearSignInFailures, recordSignInFailure, signInWaitMs } from './throttle';
import { generateToken, hashToken } from './tokens';

const HOUR = 3600_000;
export const RESET_TOKEN_MS = HOUR;
/**
 * While a reset link sent this recently still works, asking again sends nothing: repeated requests
 * cannot flood someone's inbox, nor keep cancelling the link they are about to use.
 */
export const RESET_RESEND_AFTER_MS = 5 * 60 * 1000;
export const INVITE_TOKEN_MS = 7 * 24 * HOUR;

export const roleLabels: Record<Role, string> = {
	admin: 'Admin',
	staff: 'Staff',
	panel: 'Scrutiny panel member',
	shopper: 'Mystery shopper'
};

export class AccountError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

export const newPasswordField = z
	.string({ error: 'Enter a password' })
	.min(1, 'Enter a password')
	.superRefine((value, ctx) => {
		const problem = checkPasswordStrength(value);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});

export function isFirstRun(db: Db): boolean {
	return !db.select({ id: user.id }).from(user).limit(1).get();
}

export function actorOf(u: Pick<User, 'id' | 'name' | 'email'>): Actor & { id: number } {
	return { id: u.id, name: u.name, email: u.email };
}

export const firstRunSchema = z
	.object({
		organisationName: requiredText('the organisation’s name', 120),
		name: requiredText('your name', 120),
		email: emailField,
		password: newPasswordField,
		confirmPassword: z.string().default('')
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The passwords do not match'
	});

/** Creates the first admin. Refused once anyone exists, even if two people race for it. */
export async function createFirstAdmin(db: Db, input: z.output<typeof firstRunSchema>) {
	const passwordHash = await hashPassword(input.password);
	return writeTransaction(db, (tx) => {
		if (!isFirstRun(tx)) throw new AccountError('This installation has already been set up');
		tx.insert(organisation)
			.values({ id: 1, name: input.organisationName, updatedAt: new Date() })
			.onConflictDoUpdate({ target: organisation.id, set: { name: input.organisationName } })
			.run();
		const created = tx
			.insert(user)
			.values({ email: input.email, name: input.name, role: 'admin', passwordHash })
			.returning()
			.get();
		recordAudit(tx, actorOf(created), {
			action: 'user.create-first-admin',
			entity: 'user',
			entityId: created.id,
			after: { email: created.email, name: created.name, role: created.role }
		});
		return created;
	});
}

export type SignInResult =
	{ ok: true; user: User; token: string; expiresAt: Date } | { ok: false; waitMs: number };

export async function signIn(
	db: Db,
	input: { email: string; password: string; address: string }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const waitMs = signInWaitMs(db, email, input.address);
	if (waitMs > 0) return { ok: false, waitMs };
	const found = db.select().from(user).where(eq(user.email, email)).get();
	const valid =
		found?.passwordHash && found.active
			? await verifyPassword(found.passwordHash, input.password)
			: await verifyAgainstDummy(input.password);
	if (!valid || !found) {
		recordSignInFailure(db, email, input.address);
		return { ok: false, waitMs: 0 };
	}
	clearSignInFailures(db, email, input.address);
	const { token, session } = createSession(db, found.id);
	return { ok: true, user: found, token, expiresAt: session.expiresAt };
}

function issuePasswordToken(db: Db, userId: number, purpose: 'reset' | 'invite', ttlMs: number) {
	// Only the newest link works: earlier unused ones die with it.
	db.update(passwordToken)
		.set({ usedAt: new Date() })
		.where(and(eq(passwordToken.userId, userId), isNull(passwordToken.usedAt)))
		.run();
	const token = generateToken();
	db.insert(passwordToken)
		.values({ id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + ttlMs) })
		.run();
	return token;
}

export const inviteSchema = z.object({
	name: requiredText('their name', 120),
	email: emailField,
	role: z.enum(roles, { error: 'Select a role' })
});

export function inviteUser(
	db: Db,
	actor: Actor,
	input: z.output<typeof inviteSchema>,
	origin: string
) {
	return writeTransaction(db, (tx) => {
		if (tx.select({ id: user.id }).from(user).where(eq(user.email, input.email)).get())
			throw new AccountError('There is already an account with this email address', 'email');
		const created = tx
			.insert(user)
			.values({ ...input, passwordHash: null })
			.returning()
			.get();
		const token = issuePasswordToken(tx, created.id, 'invite', INVITE_TOKEN_MS);
		const org = getOrganisation(tx).name;
		queueMail(tx, {
			to: created.email,
			subject: `You have been invited to ${org}’s Said & Done`,
			category: 'user-invitation',
			...renderMail({
				greeting: `Hello ${created.name},`,
				paragraphs: [
					`${org} has given you an account on Said & Done as: ${roleLabels[created.role]}.`,
					'Choose your password with the link below. It works once and expires in 7 days.'
				],
				link: { text: 'Choose your password', url: `${origin}/set-password/${token}` },
				footer: 'If you were not expecting this, you can ignore this email.'
			})
		});
		recordAudit(tx, actor, {
			action: 'user.invite',
			entity: 'user',
			entityId: created.id,
			after: input
		});
		return created;
	});
}

function activeAdminCount(db: Db, exceptId: number) {
	return (
		db
			.select({ count: sql<number>`count(*)` })
			.from(user)
			.where(and(eq(user.role, 'admin'), eq(user.active, true), ne(user.id, exceptId)))
			.get()?.count ?? 0
	);
}

export function changeRole(db: Db, actor: Actor, userId: number, role: Role) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!before) throw new AccountError('That account no longer exists');
		if (before.role === role) return;
		if (before.role === 'admin' && activeAdminCount(tx, userId) === 0)
			throw new AccountError('There must always be at least one active admin', 'role');
		tx.update(user).set({ role }).where(eq(user.id, userId)).run();
		// A changed role must not keep the powers of the old one in open sessions.
		invalidateUserSessions(tx, userId);
		recordAudit(tx, actor, {
			action: 'user.change-role',
			entity: 'user',
			entityId: userId,
			before: { role: before.role },
			after: { role }
		});
	});
}

export function setUserActive(db: Db, actor: Actor, userId: number, active: boolean) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!before) throw new AccountError('That account no longer exists');
		if (before.active === active) return;
		if (!active && before.role === 'admin' && activeAdminCount(tx, userId) === 0)
			throw new AccountError('There must always be at least one active admin');
		tx.update(user).set({ active }).where(eq(user.id, userId)).run();
		if (!active) invalidateUserSessions(tx, userId);
		recordAudit(tx, actor, {
			action: active ? 'user.reactivate' : 'user.deactivate',
			entity: 'user',
			entityId: userId,
			before: { active: before.active },
			after: { active }
		});
	});
}

export function listUsers(db: Db) {
	return db
		.select({
			id: user.id,
			name: user.name,
			email: user.email,
			role: user.role,
			active: user.active,
			hasPassword: sql<boolean>`${user.passwordHash} is not null`,
			createdAt: user.createdAt
		})
		.from(user)
		.orderBy(asc(sql`lower(${user.name})`))
		.all();
}

export function getUser(db: Db, id: number) {
	return db.select().from(user).where(eq(user.id, id)).get();
}

/** Always looks the same to the person asking, whether or not the address has an account. */
export function requestPasswordReset(db: Db, email: string, origin: string): void {
	writeTransaction(db, (tx) => {
		const found = tx.select().from(user).where(eq(user.email, email)).get();
		if (!found || !found.active) return;
		const now = new Date();
		const recent = tx
			.select({ id: passwordToken.id })
			.from(passwordToken)
			.where(
				and(
					eq(passwordToken.userId, found.id),
					eq(passwordToken.purpose, 'reset'),
					isNull(passwordToken.usedAt),
					gt(passwordToken.expiresAt, now),
					gt(passwordToken.createdAt, new Date(now.getTime() - RESET_RESEND_AFTER_MS))
				)
			)
			.get();
		if (recent) return;
		const token = issuePasswordToken(tx, found.id, 'reset', RESET_TOKEN_MS);
		queueMail(tx, {
			to: found.email,
			subject: 'Reset your Said & Done password',
			category: 'password-reset',
			...renderMail({
				greeting: `Hello ${found.name},`,
				paragraphs: [
					'Someone asked to reset the password for your account. If it was you, use the link below. It works once and expires in 1 hour.'
				],
				link: { text: 'Reset your password', url: `${origin}/set-password/${token}` },
				footer: 'If you did not ask for this, ignore this email: your password has not changed.'
			})
		});
		recordAudit(tx, 'public', { action: 'user.request-reset', entity: 'user', entityId: found.id });
	});
}

/** The token's account if the link is still good, else undefined. */
export function findPasswordToken(db: Db, token: string) {
	return db
		.select({ tokenId: passwordToken.id, purpose: passwordToken.purpose, user })
		.from(passwordToken)
		.innerJoin(user, eq(user.id, passwordToken.userId))
		.where(
			and(
				eq(passwordToken.id, hashToken(token)),
				isNull(passwordToken.usedAt),
				gt(passwordToken.expiresAt, new Date()),
				eq(user.active, true)
			)
		)
		.get();
}

export async function setPasswordWithToken(db: Db, token: string, password: string) {
	const passwordHash = await hashPassword(password);
	return writeTransaction(db, (tx) => {
		// Looked up again inside the transaction so two uses of one link cannot both succeed.
		const found = findPasswordToken(tx, token);
		if (!found) throw new AccountError('This link has expired or has already been used');
		tx.update(passwordToken)
			.set({ usedAt: new Date() })
			.where(eq(passwordToken.id, found.tokenId))
			.run();
		tx.update(user).set({ passwordHash }).where(eq(user.id, found.user.id)).run();
		invalidateUserSessions(tx, found.user.id);
		recordAudit(tx, actorOf(found.user), {
			action: found.purpose === 'invite' ? 'user.accept-invitation' : 'user.reset-password',
			entity: 'user',
			entityId: found.user.id
		});
		return { ...createSession(tx, found.user.id), role: found.user.role };
	});
}

export async function changePassword(
	db: Db,
	userId: number,
	input: { currentPassword: string; newPassword: string },
	currentSessionId: string
) {
	const found = getUser(db, userId);
	if (!found?.passwordHash || !(await verifyPassword(found.passwordHash, input.currentPassword)))
		throw new AccountError('Your current password is not right', 'currentPassword');
	const passwordHash = await hashPassword(input.newPassword);
	writeTransaction(db, (tx) => {
		tx.update(user).set({ passwordHash }).where(eq(user.id, userId)).run();
		invalidateUserSessions(tx, userId, currentSessionId);
		recordAudit(tx, actorOf(found), {
			action: 'user.change-password',
			entity: 'user',
			entityId: userId
		});
	});
}
