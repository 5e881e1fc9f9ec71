/** Plain-text and accessible HTML bodies from one source, every value escaped. */
export function renderMail(parts: {
	greeting: string;
	paragraphs: string[];
	link?: { text: string; url: string };
	footer?: string;
}) {
	const text = [
		parts.greeting,
		'',
		...parts.paragraphs.flatMap((p) => [p, '']),
		...(parts.link ? [`${parts.link.text}:`, parts.link.url, ''] : []),
		...(parts.footer ? [parts.footer] : [])
	].join('\n');
	const html = `<!doctype html><html lang="en-GB"><body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;">
<p>${escapeHtml(parts.greeting)}</p>
${parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${parts.link ? `<p><a href="${escapeHtml(parts.link.url)}" style="color: #1d70b8;">${escapeHtml(parts.link.text)}</a></p>` : ''}
${parts.footer ? `<p style="color: #505a5f; font-size: 14px;">${escapeHtml(parts.footer)}</p>` : ''}
</body></html>`;
	return { text, html };
}

export function escapeHtml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
