/**
 * Mystery-shopping evidence: which files are accepted, judged by their content (magic bytes),
 * never by the name or the type the browser claims.
 */

export type EvidenceType = { mime: string; extension: string; label: string };

export const EVIDENCE_TYPES = {
	jpeg: { mime: 'image/jpeg', extension: 'jpg', label: 'JPEG image' },
	png: { mime: 'image/png', extension: 'png', label: 'PNG image' },
	gif: { mime: 'image/gif', extension: 'gif', label: 'GIF image' },
	webp: { mime: 'image/webp', extension: 'webp', label: 'WebP image' },
	pdf: { mime: 'application/pdf', extension: 'pdf', label: 'PDF' }
} as const satisfies Record<string, EvidenceType>;

/** File-name extensions a shopper may use for each type. */
const EXTENSIONS: Record<string, EvidenceType> = {
	jpg: EVIDENCE_TYPES.jpeg,
	jpeg: EVIDENCE_TYPES.jpeg,
	png: EVIDENCE_TYPES.png,
	gif: EVIDENCE_TYPES.gif,
	webp: EVIDENCE_TYPES.webp,
	pdf: EVIDENCE_TYPES.pdf
};

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The evidence type the content really is, or null for anything else. */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpeg;
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return EVIDENCE_TYPES.png;
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
		return EVIDENCE_TYPES.gif;
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
		return EVIDENCE_TYPES.webp;
	if (startsWith(bytes, ascii('%PDF-'))) return EVIDENCE_TYPES.pdf;
	return null;
}

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

export type EvidenceCheck = { ok: true; type: EvidenceType } | { ok: false; message: string };

/**
 * Accepts a file only if it is non-empty, within the size limit, its content is a JPEG, PNG, GIF,
 * WebP or PDF, and its name's extension says the same type (a PDF named photo.jpg is refused).
 */
export function checkEvidenceFile(
	fileName: string,
	bytes: Uint8Array,
	maxBytes: number
): EvidenceCheck {
	const name = fileName.trim() || 'The file';
	if (bytes.length === 0) return { ok: false, message: `${name} is empty` };
	if (bytes.length > maxBytes) {
		return { ok: false, message: `${name} must be smaller than ${formatBytes(maxBytes)}` };
	}
	const type = detectEvidenceType(bytes);
	if (type === null) {
		return { ok: false, message: `${name} must be a JPEG, PNG, GIF or WebP image, or a PDF` };
	}
	const claimed = EXTENSIONS[extensionOf(fileName)];
	if (claimed === undefined || claimed.mime !== type.mime) {
		return {
			ok: false,
			message: `${name} is not what its name says: its content is a ${type.label}. Rename it or choose another file`
		};
	}
	return { ok: true, type };
}
