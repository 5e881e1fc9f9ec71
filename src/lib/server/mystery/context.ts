import { env } from '../env';
import { EvidenceStore } from './evidence-store';

let store: EvidenceStore | undefined;

export function evidenceStore(): EvidenceStore {
	store ??= new EvidenceStore(env().EVIDENCE_PATH);
	return store;
}

export function evidenceMaxBytes(): number {
	return env().EVIDENCE_MAX_BYTES;
}
