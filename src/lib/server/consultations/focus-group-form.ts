import { listThemes } from '../results/themes';
import type { Db } from '../db';
import { FIXED_PROFILE, type ProfileCount } from './focus-groups';

/** What the focus-group form needs: current themes and the fixed profile categories. */
export function focusGroupFormData(db: Db) {
	return {
		themes: listThemes(db, { activeOnly: true }).map((t) => ({ id: t.id, name: t.name })),
		fixedProfile: (['age', 'tenure'] as const).map((key) => ({
			key,
			label: FIXED_PROFILE[key].label,
			categories: [...FIXED_PROFILE[key].categories]
		}))
	};
}

/** A saved record as the form's values, so editing starts from what is stored. */
export function focusGroupValues(group: {
	heldOn: string;
	place: string;
	online: boolean;
	facilitators: string;
	attendees: number;
	consent: string;
	notes: string;
	themeIds: number[];
	profile: ProfileCount[];
}) {
	const values: Record<string, string | string[]> = {
		heldOn: group.heldOn,
		place: group.place,
		online: group.online ? 'yes' : '',
		facilitators: group.facilitators,
		attendees: String(group.attendees),
		consent: group.consent,
		notes: group.notes,
		themeIds: group.themeIds.map(String)
	};
	for (const key of ['age', 'tenure'] as const)
		FIXED_PROFILE[key].categories.forEach((category, i) => {
			const found = group.profile.find((p) => p.dimension === key && p.category === category);
			if (found) values[`${key}-${i}`] = String(found.count);
		});
	for (const [key, field] of [
		['area', 'areaProfile'],
		['equality', 'equalityProfile']
	] as const)
		values[field] = group.profile
			.filter((p) => p.dimension === key)
			.map((p) => `${p.category}: ${p.count}`)
			.join('\n');
	return values;
}
