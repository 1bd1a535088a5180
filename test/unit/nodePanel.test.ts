import type { INodePropertyOptions } from 'n8n-workflow';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import { EVENTS, PRODUCT_NAMES } from '../../nodes/shared/events';
import {
	EVENT_OPTIONS,
	EVENTS_SUBTITLE,
	splitDescription,
} from '../../nodes/shared/events/options';
import eduzzCodex from '../../nodes/Eduzz/Eduzz.node.json';
import { evaluateForNode } from '../support/editorExpressions';

/*
 * What n8n 2.41.1's editor does with the nodes' words (read in its bundle,
 * node_modules/n8n-editor-ui/dist/assets):
 * - The node panel makes one entry, "Eduzz", of the node and its trigger, with the node's codex and
 *   the trigger's description (`generateMergedNodesAndActions`, workflows.store-*.js: for a trigger
 *   named like a node plus "Trigger", `description = trigger.description`).
 * - Its search (`sublimeSearch`, same file) keeps an entry when the typed text is, letter by letter
 *   and in order, inside its display name or one of its codex aliases (the check below), then ranks
 *   them. It searches the nodes only: an action's words find the entry when the action is an alias.
 *   Opened, an installed community node's entry is "Node details" (NodeCreator-*.js: the
 *   `communityNodeDetails` view, `hasSearch: false`): its description, then its actions by
 *   resource, named by the operation's `action` (and the triggers by the event option's `action`),
 *   with no search box.
 * - A multi-options parameter (the Events picker) filters its options with element-plus's ElOption
 *   (select-*.js): `new RegExp(escaped text, 'i').test(option label)`, the label being the option's
 *   name; the description shown under it is not searched.
 */

/** sublimeSearch's first test: every character of `query`, in order, in `text` (any case). */
function inOrder(query: string, text: string): boolean {
	let found = 0;
	for (let i = 0; found < query.length && i < text.length; i++) {
		if (query.charAt(found).toLowerCase() === text.charAt(i).toLowerCase()) found++;
	}
	return query.length > 0 && text.length > 0 && found === query.length;
}

/** ElOption's filter. */
function pickerFinds(query: string, label: string): boolean {
	return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(label);
}

const eduzz = new Eduzz().description;
const trigger = new EduzzTrigger().description;
const actions = eduzz.properties
	.filter((property) => property.name === 'operation')
	.flatMap((picker) => (picker.options as INodePropertyOptions[]).map((option) => option.action!));
const panelActions = [...actions, ...EVENT_OPTIONS.map((option) => option.action!)];
const entryWords = [eduzz.displayName, ...eduzzCodex.alias];

describe('the node panel’s Eduzz entry', () => {
	it('describes both nodes: the trigger’s description, which the entry shows, names the events and the API', () => {
		expect(trigger.description).toMatch(/webhook events/);
		expect(trigger.description).toMatch(/Eduzz's API/);
	});

	it.each(panelActions)('is found by the words of "%s"', (action) => {
		expect(eduzzCodex.alias).toContain(action);
		const words = action.split(' ');
		for (const query of [action, words.slice(-2).join(' '), words.slice(1, 3).join(' ')]) {
			expect(entryWords.some((text) => inOrder(query, text))).toBe(true);
		}
	});

	it.each([
		['alpaclass enrollments', "Get an AlpaClass student's enrollments in a school"],
		['nutror enrollments', "Get a Nutror student's enrollments"],
		['student enrollments', "Get an AlpaClass student's enrollments in a school"],
		['myeduzz customer e-mail', 'Get a MyEduzz customer by e-mail'],
		['heycamp post comments', 'Get a HeyCamp post with its comments'],
		['sun cart', 'Create a Sun checkout cart'],
		['finished module alpaclass', 'Student Finished a Module (AlpaClass)'],
		// In order: the actions say the product before the object ("an AlpaClass student's
		// enrollments"), so "alpaclass enrollments" finds it; "enrollments alpaclass" does not.
	])('"%s" finds the entry by the action "%s"', (query, action) => {
		expect(panelActions.filter((text) => inOrder(query, text))).toContain(action);
		expect(entryWords.some((text) => inOrder(query, text))).toBe(true);
	});

	it('lists no two actions alike', () => {
		expect(panelActions.filter((action, i) => panelActions.indexOf(action) !== i)).toEqual([]);
	});
});

describe('the Events picker', () => {
	it.each(EVENTS.map((event) => [event.name, event]))(
		'%s is found by its product, its name and its Portuguese label',
		(_, event) => {
			const option = EVENT_OPTIONS.find((o) => o.value === event.name)!;
			const { label } = splitDescription(event.description);
			expect(label.length).toBeGreaterThan(3);
			for (const query of [PRODUCT_NAMES[event.product], event.displayName, label]) {
				expect(pickerFinds(query, option.name)).toBe(true);
			}
			expect(option.name.startsWith(`${PRODUCT_NAMES[event.product]}: ${event.displayName}`)).toBe(
				true,
			);
			// The Portuguese label is in the name, once: the description is the English sentence.
			expect(event.description).toBe(`${option.description!.replace(/\.$/, '')} (${label}).`);
		},
	);

	it.each(['módulo', 'matrícula', 'fatura', 'Aula Finalizada', 'ingresso', 'carrinho'])(
		'finds "%s"',
		(query) => {
			expect(EVENT_OPTIONS.filter((o) => pickerFinds(query, o.name)).length).toBeGreaterThan(0);
		},
	);

	it('finds the module events by "módulo"', () => {
		expect(EVENT_OPTIONS.filter((o) => pickerFinds('módulo', o.name)).map((o) => o.value)).toEqual([
			'alpaclass.student_module_finished',
			'alpaclass.student_module_unfinished',
			'nutror.module_completed',
		]);
	});
});

/** The trigger's canvas subtitle, worked out as n8n's editor does (getNodeSubtitle → getSimpleParameterValue). */
function subtitleFor(events: string[]): unknown {
	const node = { type: 'n8n-nodes-eduzz.eduzzTrigger', typeVersion: 1.1, parameters: { events } };
	return evaluateForNode(new EduzzTrigger(), node, trigger.subtitle);
}

describe('the trigger on the canvas', () => {
	it('is computed from the event catalog, no line over 1,000 characters', () => {
		expect(trigger.subtitle).toBe(EVENTS_SUBTITLE);
		for (const line of EVENTS_SUBTITLE.split('\n')) expect(line.length).toBeLessThan(1000);
	});

	it.each(EVENTS.map((event) => [event.name, event]))(
		'%s is subtitled with the event’s own name',
		(name, event) => {
			expect(subtitleFor([name])).toBe(event.displayName);
		},
	);

	it('counts several events', () => {
		expect(subtitleFor(['myeduzz.invoice_paid', 'nutror.lesson_finished'])).toBe('2 events');
	});
});
