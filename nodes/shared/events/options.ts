import type { INodePropertyOptions } from 'n8n-workflow';

import { EVENTS, PRODUCT_NAMES } from './index';

/**
 * An event's description split into the English sentence and the Eduzz console's pt-BR label it
 * ends with, in parentheses that may hold parentheses: "Eduzz tried to charge … (Tentativa de
 * cobrança … via Cartão (Débito ou Crédito))." → the sentence and "Tentativa de … (Débito ou Crédito)".
 */
export function splitDescription(description: string): { sentence: string; label: string } {
	const text = description.replace(/\.$/, '');
	let depth = 0;
	for (let i = text.length - 1; i >= 0; i--) {
		if (text[i] === ')') depth++;
		else if (text[i] === '(' && --depth === 0) {
			return { sentence: `${text.slice(0, i).trimEnd()}.`, label: text.slice(i + 1, -1) };
		}
	}
	return { sentence: description, label: '' };
}

/**
 * Picker entries, grouped by product (AlpaClass first) through the "Product: " prefix, with the
 * console's Portuguese label after the English name: n8n's multi-options picker searches the
 * entries' names only (element-plus's ElOption tests the typed text against its label), so typing
 * "módulo" finds "AlpaClass: Student Finished a Module (Aluno finalizou um módulo)". A label the
 * name already says ("Chargeback", "Check-in") is not repeated; the description is the English
 * sentence. `action` is the event's name in n8n's node panel, where each event is an action of
 * the trigger.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = EVENTS.map((event) => {
	const { sentence, label } = splitDescription(event.description);
	const named = event.displayName.toLowerCase().includes(label.toLowerCase());
	return {
		name: `${PRODUCT_NAMES[event.product]}: ${event.displayName}${named ? '' : ` (${label})`}`,
		value: event.name,
		action: `${event.displayName} (${PRODUCT_NAMES[event.product]})`,
		description: sentence,
	};
});

/**
 * The trigger's canvas subtitle: the event's name when one is picked ("Student Unmarked a Module
 * as Finished", the words of the picker and the node panel), else how many. The canvas shows its
 * first 25 characters or so: the product is left out, so more of the name shows. n8n evaluates it
 * as an expression, so it carries the names as a table, one event a line.
 */
export const EVENTS_SUBTITLE = ((): string => {
	const names = Object.fromEntries(EVENTS.map((event) => [event.name, event.displayName]));
	const events = '$parameter["events"]';
	return [
		`={{ ${events}.length === 1`,
		`? (${JSON.stringify(names, null, 1)})[${events}[0]] || ${events}[0]`,
		`: ${events}.length + " events" }}`,
	].join('\n');
})();
