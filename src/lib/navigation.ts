import type { Role } from '$lib/roles';

export type NavItem = { href: string; label: string };

/** What each role sees in its menu. Admin-only pages are listed only for admins. */
export function staffNavigation(role: Role): NavItem[] {
	const items: NavItem[] = [
		{ href: '/admin', label: 'Overview' },
		{ href: '/admin/surveys', label: 'Surveys' },
		{ href: '/admin/consultations', label: 'Consultations' },
		{ href: '/admin/customers', label: 'Customers' },
		{ href: '/admin/mystery-shopping', label: 'Mystery shopping' },
		{ href: '/admin/contacts', label: 'Contacts' },
		{ href: '/admin/complaints', label: 'Complaints' },
		{ href: '/admin/scrutiny', label: 'Scrutiny' },
		{ href: '/admin/scorecard', label: 'Scorecard' },
		{ href: '/admin/standards', label: 'Standards' },
		{ href: '/admin/themes', label: 'Themes' }
	];
	if (role === 'admin')
		items.push(
			{ href: '/admin/complaint-settings', label: 'Complaint settings' },
			{ href: '/admin/users', label: 'Users' },
			{ href: '/admin/services', label: 'Services' },
			{ href: '/admin/settings', label: 'Settings' },
			{ href: '/admin/retention', label: 'Retention' },
			{ href: '/admin/audit', label: 'Audit log' },
			{ href: '/admin/outbox', label: 'Mail' }
		);
	return items;
}

export const panelNavigation: NavItem[] = [
	{ href: '/panel', label: 'Panel home' },
	{ href: '/panel/complaints', label: 'Complaint handling' },
	{ href: '/panel/surveys', label: 'Survey results' },
	{ href: '/panel/reviews', label: 'Reviews' },
	{ href: '/panel/scorecard', label: 'Scorecard' }
];
export const shopperNavigation: NavItem[] = [{ href: '/shopper', label: 'My assignments' }];

export function navigationFor(role: Role): { area: string; items: NavItem[] } {
	if (role === 'panel') return { area: 'Scrutiny panel', items: panelNavigation };
	if (role === 'shopper') return { area: 'Mystery shopping', items: shopperNavigation };
	return { area: 'Staff workspace', items: staffNavigation(role) };
}
