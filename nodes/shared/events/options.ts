import type { INodePropertyOptions } from 'n8n-workflow';

import { EVENTS, PRODUCT_NAMES } from './index';

/**
 * Picker entries, grouped by product (AlpaClass first) through the "Product: " prefix. `action` is
 * the event's name in n8n's node panel, where each event is an action of the trigger.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = EVENTS.map((event) => ({
	name: `${PRODUCT_NAMES[event.product]}: ${event.displayName}`,
	value: event.name,
	action: `${event.displayName} (${PRODUCT_NAMES[event.product]})`,
	description: event.description,
}));
