import { describe, expect, test } from 'vitest';
import { checkEvidenceFile, detectEvidenceType } from '../../../src/lib/domain/evidence-type';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
	);

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const PDF = bytes('%PDF-1.7\n');

describe('detectEvidenceType', () => {
	test.each([
		['JPEG', JPEG, 'image/jpeg'],
		['PNG', PNG, 'image/png'],
		['GIF87a', bytes('GIF87a', [0]), 'image/gif'],
		['GIF89a', GIF, 'image/gif'],
		['WebP', WEBP, 'image/webp'],
		['PDF', PDF, 'application/pdf']
	])('recognises %s from its first bytes', (_name, content, mime) => {
		expect(detectEvidenceType(content)?.mime).toBe(mime);
	});

	test.each([
		['plain text', bytes('hello there')],
		['HTML', bytes('<html><script>alert(1)</script>')],
		['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
		['a RIFF file that is not WebP (WAV)', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
		['a truncated PNG signature', PNG.slice(0, 4)],
		['nothing', new Uint8Array()]
	])('refuses %s', (_name, content) => {
		expect(detectEvidenceType(content)).toBeNull();
	});
});

describe('checkEvidenceFile', () => {
	test('accepts a file whose content matches its name', () => {
		expect(checkEvidenceFile('Photo.JPEG', JPEG, 1000)).toMatchObject({
			ok: true,
			type: { extension: 'jpg' }
		});
		expect(checkEvidenceFile('receipt.pdf', PDF, 1000)).toMatchObject({ ok: true });
	});

	test('refuses a file that is not what its name says', () => {
		expect(checkEvidenceFile('photo.jpg', PNG, 1000)).toEqual({
			ok: false,
			message:
				'photo.jpg is not what its name says: its content is a PNG image. Rename it or choose another file'
		});
		expect(checkEvidenceFile('notes', PDF, 1000).ok).toBe(false);
	});

	test('refuses content that is not an accepted type, whatever its name', () => {
		expect(checkEvidenceFile('photo.jpg', bytes('MZ executable'), 1000)).toEqual({
			ok: false,
			message: 'photo.jpg must be a JPEG, PNG, GIF or WebP image, or a PDF'
		});
	});

	test('refuses a file over the limit, and accepts one exactly at it', () => {
		const big = new Uint8Array(2048);
		big.set(PNG);
		expect(checkEvidenceFile('a.png', big, 2048).ok).toBe(true);
		expect(checkEvidenceFile('a.png', big, 2047)).toEqual({
			ok: false,
			message: 'a.png must be smaller than 2 KB'
		});
		expect(checkEvidenceFile('a.png', new Uint8Array(), 2047)).toEqual({
			ok: false,
			message: 'a.png is empty'
		});
	});
});
