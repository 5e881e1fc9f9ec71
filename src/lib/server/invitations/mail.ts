import { renderMail } from '../mail/templates';

export type InvitationMailParts = {
	organisation: string;
	surveyTitle: string;
	purpose: string;
	customerName: string;
	origin: string;
	token: string;
	unsubscribeToken: string;
	reminder: boolean;
};

/** One invitation or reminder: names who is asking and why, holds the link and the way out. */
export function invitationMail(parts: InvitationMailParts) {
	const unsubscribeUrl = `${parts.origin}/unsubscribe/${parts.unsubscribeToken}`;
	const body = renderMail({
		greeting: `Dear ${parts.customerName},`,
		paragraphs: [
			parts.reminder
				? `${parts.organisation} asked you recently to answer "${parts.surveyTitle}". If you have a few minutes, we would still like to hear from you.`
				: `${parts.organisation} would like to hear what you think in "${parts.surveyTitle}".`,
			parts.purpose || 'Your answers help us improve our services.',
			'The link below is for you alone and works once. Earlier links we sent you no longer work.'
		],
		link: { text: 'Answer the survey', url: `${parts.origin}/i/${parts.token}` },
		footer: `To stop receiving survey emails from ${parts.organisation}, open this link: ${unsubscribeUrl}`
	});
	return {
		subject: parts.reminder
			? `Reminder: ${parts.surveyTitle} — ${parts.organisation}`
			: `${parts.surveyTitle} — ${parts.organisation}`,
		...body,
		headers: {
			'List-Unsubscribe': `<${unsubscribeUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}
