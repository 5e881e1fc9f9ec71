import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { ScorecardTemplate } from '$lib/domain/scorecard';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import {
	channelLabels,
	editDefinition,
	getTemplate,
	MysteryError,
	newId,
	renameTemplate
} from '$lib/server/mystery';
import {
	itemKindLabels,
	itemSchema,
	passMarkSchema,
	sectionSchema,
	templateSchema,
	toItem
} from '$lib/server/mystery/forms';
import { readinessProblems } from '$lib/domain/mystery/definition-schema';
import type { Actions, PageServerLoad } from './$types';

function templateId(event: Pick<RequestEvent, 'params'>): number {
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const found = getTemplate(getDb(), templateId(event));
	if (!found) error(404, 'Page not found');
	return {
		template: found.template,
		version: found.version.version,
		definition: found.version.definition,
		inUse: found.inUse,
		problems: readinessProblems(found.version.definition),
		channelLabels,
		itemKindLabels
	};
};

const sectionRef = z.object({ sectionId: z.string().min(1) });
const itemRef = z.object({ itemId: z.string().min(1) });
const moveRef = z.object({ direction: z.enum(['up', 'down']) });

function move<T>(list: T[], index: number, direction: 'up' | 'down'): void {
	const to = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || to < 0 || to >= list.length) return;
	[list[index], list[to]] = [list[to]!, list[index]!];
}

async function applyEdit(
	event: RequestEvent,
	edit: (definition: ScorecardTemplate) => ScorecardTemplate,
	anchor = ''
) {
	const staff = requireStaff(event);
	const id = templateId(event);
	try {
		const outcome = editDefinition(getDb(), actorOf(staff), id, edit);
		const query = outcome.newVersion ? `?version=${outcome.newVersion}` : '?saved';
		redirect(303, `/admin/mystery-shopping/templates/${id}${query}${anchor}`);
	} catch (e) {
		if (e instanceof MysteryError) return fail(400, { errors: { form: e.message } as FieldErrors });
		throw e;
	}
}

function findSection(definition: ScorecardTemplate, sectionId: string) {
	const section = definition.sections.find((s) => s.id === sectionId);
	if (!section) throw new MysteryError('That section is no longer on this scorecard');
	return section;
}

function findItem(definition: ScorecardTemplate, itemId: string) {
	for (const section of definition.sections) {
		const index = section.items.findIndex((i) => i.id === itemId);
		if (index >= 0) return { section, index };
	}
	throw new MysteryError('That item is no longer on this scorecard');
}

export const actions: Actions = {
	rename: async (event) => {
		const staff = requireStaff(event);
		const parsed = parseForm(templateSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const id = templateId(event);
		try {
			renameTemplate(getDb(), actorOf(staff), id, parsed.data);
		} catch (e) {
			if (e instanceof MysteryError)
				return fail(400, { errors: { name: e.message } as FieldErrors });
			throw e;
		}
		redirect(303, `/admin/mystery-shopping/templates/${id}?saved`);
	},
	passMark: async (event) => {
		requireStaff(event);
		const parsed = parseForm(passMarkSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		return applyEdit(event, (d) => ({ ...d, passMark: parsed.data.passMark }));
	},
	addSection: async (event) => {
		requireStaff(event);
		const parsed = parseForm(
			sectionSchema,
			unprefix(await readForm(event.request), 'new-section-')
		);
		if (!parsed.ok)
			return fail(400, {
				errors: prefix(parsed.errors, 'new-section-'),
				values: parsed.values,
				target: 'new-section'
			});
		const sectionId = newId('s');
		return applyEdit(
			event,
			(d) => ({ ...d, sections: [...d.sections, { id: sectionId, ...parsed.data, items: [] }] }),
			`#section-${sectionId}`
		);
	},
	editSection: async (event) => {
		requireStaff(event);
		const form = await readForm(event.request);
		const ref = parseForm(sectionRef, form);
		if (!ref.ok) return fail(400, { errors: { form: 'Choose a section' } as FieldErrors });
		const parsed = parseForm(sectionSchema, unprefix(form, `${ref.data.sectionId}-`));
		if (!parsed.ok)
			return fail(400, {
				errors: prefix(parsed.errors, `${ref.data.sectionId}-`),
				values: parsed.values,
				target: ref.data.sectionId
			});
		return applyEdit(
			event,
			(d) => {
				Object.assign(findSection(d, ref.data.sectionId), parsed.data);
				return d;
			},
			`#section-${ref.data.sectionId}`
		);
	},
	removeSection: async (event) => {
		requireStaff(event);
		const ref = parseForm(sectionRef, await readForm(event.request));
		if (!ref.ok) return fail(400, { errors: { form: 'Choose a section' } as FieldErrors });
		return applyEdit(event, (d) => {
			findSection(d, ref.data.sectionId);
			return { ...d, sections: d.sections.filter((s) => s.id !== ref.data.sectionId) };
		});
	},
	moveSection: async (event) => {
		requireStaff(event);
		const form = await readForm(event.request);
		const ref = parseForm(sectionRef, form);
		const dir = parseForm(moveRef, form);
		if (!ref.ok || !dir.ok)
			return fail(400, { errors: { form: 'Choose a section' } as FieldErrors });
		return applyEdit(event, (d) => {
			move(
				d.sections,
				d.sections.findIndex((s) => s.id === ref.data.sectionId),
				dir.data.direction
			);
			return d;
		});
	},
	addItem: async (event) => {
		requireStaff(event);
		const form = await readForm(event.request);
		const ref = parseForm(sectionRef, form);
		if (!ref.ok) return fail(400, { errors: { form: 'Choose a section' } as FieldErrors });
		const parsed = parseForm(itemSchema, form);
		const target = `new-item-${ref.data.sectionId}`;
		if (!parsed.ok)
			return fail(400, {
				errors: prefix(parsed.errors, `${target}-`),
				values: parsed.values,
				target
			});
		const itemId = newId('i');
		return applyEdit(
			event,
			(d) => {
				findSection(d, ref.data.sectionId).items.push(toItem(itemId, parsed.data));
				return d;
			},
			`#item-${itemId}`
		);
	},
	editItem: async (event) => {
		requireStaff(event);
		const form = await readForm(event.request);
		const ref = parseForm(itemRef, form);
		if (!ref.ok) return fail(400, { errors: { form: 'Choose an item' } as FieldErrors });
		const parsed = parseForm(itemSchema, form);
		const target = `item-${ref.data.itemId}`;
		if (!parsed.ok)
			return fail(400, {
				errors: prefix(parsed.errors, `${target}-`),
				values: parsed.values,
				target
			});
		return applyEdit(
			event,
			(d) => {
				const { section, index } = findItem(d, ref.data.itemId);
				section.items[index] = toItem(ref.data.itemId, parsed.data);
				return d;
			},
			`#${target}`
		);
	},
	removeItem: async (event) => {
		requireStaff(event);
		const ref = parseForm(itemRef, await readForm(event.request));
		if (!ref.ok) return fail(400, { errors: { form: 'Choose an item' } as FieldErrors });
		return applyEdit(event, (d) => {
			const { section, index } = findItem(d, ref.data.itemId);
			section.items.splice(index, 1);
			return d;
		});
	},
	moveItem: async (event) => {
		requireStaff(event);
		const form = await readForm(event.request);
		const ref = parseForm(itemRef, form);
		const dir = parseForm(moveRef, form);
		if (!ref.ok || !dir.ok) return fail(400, { errors: { form: 'Choose an item' } as FieldErrors });
		return applyEdit(event, (d) => {
			const { section, index } = findItem(d, ref.data.itemId);
			move(section.items, index, dir.data.direction);
			return d;
		});
	}
};

function prefix(errors: FieldErrors, p: string): FieldErrors {
	return Object.fromEntries(Object.entries(errors).map(([k, v]) => [p + k, v]));
}

function unprefix(form: FormData, p: string): FormData {
	const out = new FormData();
	for (const [key, value] of form.entries())
		if (key.startsWith(p)) out.append(key.slice(p.length), value);
	return out;
}
