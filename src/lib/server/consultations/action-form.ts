import type { Db } from '../db';
import { listHandlers } from '../contacts';
import { listServices } from '../settings';
import { listFindings } from '.';

/** The choices the action form offers. */
export function actionFormData(db: Db, consultationId: number) {
	return {
		owners: listHandlers(db).map((u) => ({ value: u.id, label: u.name })),
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name })),
		findings: listFindings(db, consultationId).map((f) => ({ id: f.id, statement: f.statement }))
	};
}
