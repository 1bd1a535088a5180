import type { INodePropertyOptions } from 'n8n-workflow';

import { EVENTS, PRODUCT_NAMES } from './events';

/** Picker entries, grouped by product (AlpaClass first) through the "Product: " prefix. */
export const EVENT_OPTIONS: INodePropertyOptions[] = EVENTS.map((event) => ({
	name: `${PRODUCT_NAMES[event.product]}: ${event.displayName}`,
	value: event.name,
	description: event.description,
}));
