/**
 * The only JavaScript a respondent downloads: survey pages are complete without it. Bundled on its
 * own (see scripts/respondent-script.js), so it must import nothing but pure domain code.
 *
 * - focuses the error summary, as the GOV.UK pattern asks;
 * - counts characters left in long answers;
 * - shows and hides questions that depend on answers on the same page, with the same functions
 *   the server decides with (src/lib/domain/survey/conditions.ts);
 * - stops a second tap sending a page twice.
 */
import { questionsShownNow } from '$lib/domain/survey/conditions';
import { rawFromFormData } from '$lib/domain/survey/form-fields';
import { revealAnnouncement } from '$lib/domain/survey/messages';
import type { Answers, Question } from '$lib/domain/survey/types';

const summary = document.querySelector<HTMLElement>('.govuk-error-summary');
if (summary) summary.focus();

document.querySelectorAll<HTMLTextAreaElement>('textarea[data-maxlength]').forEach((area) => {
	const limit = Number(area.getAttribute('data-maxlength'));
	const message = document.getElementById(`${area.id}-info`);
	if (!message) return;
	area.addEventListener('input', () => {
		const left = limit - Array.from(area.value.replace(/\r\n?/g, '\n')).length;
		const unit = Math.abs(left) === 1 ? 'character' : 'characters';
		message.textContent =
			left >= 0 ? `You have ${left} ${unit} remaining` : `You have ${-left} ${unit} too many`;
	});
});

document.querySelectorAll<HTMLFormElement>('form[data-live]').forEach((form) => {
	const live = JSON.parse(form.getAttribute('data-live') ?? '') as {
		questions: Question[];
		earlier: Answers;
	};
	const status = form.querySelector('[data-live-status]');
	let before: Set<string> | null = null;
	const update = () => {
		const values = rawFromFormData(new FormData(form));
		const shown = questionsShownNow(live.questions, values, live.earlier);
		form.querySelectorAll<HTMLElement>('[data-question-id]').forEach((wrapper) => {
			wrapper.hidden = !shown.has(wrapper.getAttribute('data-question-id') ?? '');
			// The server's mark hid it until now; from here `hidden` decides.
			wrapper.removeAttribute('data-initially-hidden');
		});
		const message = before ? revealAnnouncement(before, shown) : '';
		if (status && message) status.textContent = message;
		before = shown;
	};
	form.addEventListener('input', update);
	form.addEventListener('change', update);
	update();
});

// A second tap while the first is on its way would be refused anyway; this spares the wait.
document.querySelectorAll<HTMLFormElement>('form[method="post"]').forEach((form) => {
	form.addEventListener('submit', (event) => {
		if (form.hasAttribute('data-sending')) event.preventDefault();
		else form.setAttribute('data-sending', 'true');
	});
});
// A page restored from the back/forward cache would keep the mark and ignore its first tap.
addEventListener('pageshow', (event) => {
	if (event.persisted)
		document
			.querySelectorAll('form[data-sending]')
			.forEach((form) => form.removeAttribute('data-sending'));
});
