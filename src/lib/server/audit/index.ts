import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { containsText } from '../db/text-search';
import type { Db } from '../db';
import { auditLog } from '../db/schema';

export type Actor = { id: number; name: string; email: string } | 'system' | 'public';

export type AuditEntry = {
	action: string;
	entity: string;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
};

/** Every change to a record calls this, inside the same transaction as the change itself. */
export function recordAudit(db: Db, actor: Actor, entry: AuditEntry): void {
	db.insert(auditLog)
		.values({
			userId: typeof actor === 'object' ? actor.id : null,
			actor: typeof actor === 'object' ? `${actor.name} <${actor.email}>` : actor,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId == null ? null : String(entry.entityId),
			before: entry.before ?? null,
			after: entry.after ?? null
		})
		.run();
}

export type AuditFilter = {
	entity?: string;
	action?: string;
	actor?: string;
	from?: Date;
	to?: Date;
	page?: number;
};

export const AUDIT_PAGE_SIZE = 50;

export function listAudit(db: Db, filter: AuditFilter) {
	const conditions: SQL[] = [];
	if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
	if (filter.action) conditions.push(containsText(auditLog.action, filter.action));
	if (filter.actor) conditions.push(containsText(auditLog.actor, filter.actor));
	if (filter.from) conditions.push(gte(auditLog.at, filter.from));
	if (filter.to) conditions.push(lt(auditLog.at, filter.to));
	const page = Math.max(1, filter.page ?? 1);
	const rows = db
		.select()
		.from(auditLog)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all();
	return { entries: rows.slice(0, AUDIT_PAGE_SIZE), page, hasMore: rows.length > AUDIT_PAGE_SIZE };
}

export function listAuditEntities(db: Db): string[] {
	return db
		.selectDistinct({ entity: auditLog.entity })
		.from(auditLog)
		.orderBy(auditLog.entity)
		.all()
		.map((r) => r.entity);
}
