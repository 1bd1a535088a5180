import type { IDataObject, IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import {
	FILTERS,
	FILTERS_BY_NAME,
	appliesTo,
	eduzzFilters,
	type ActiveFilter,
	type EduzzFilter,
	type FilterDefinition,
	type FilterName,
} from '../shared/events/filters';
import * as eduzz from './webhookApi';

/*
 * The trigger's "Only For" option: the schools, courses, products and Blinket events whose events
 * start the workflow. The table of where each event carries which id is nodes/shared/events/filters.ts.
 */

const MISSING_FIELD_RULE =
	'An event that does not carry the field (another kind of event, or a payload without it) is not filtered by it and starts the workflow.';

function filterOption(filter: FilterDefinition): INodeProperties {
	return {
		displayName: filter.displayName,
		name: filter.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${filter.valueName}`,
		default: {},
		displayOptions: { show: { '/events': Object.keys(filter.paths) } },
		description: `Only events of the chosen ${filter.displayName} start the workflow (${[...new Set(Object.values(filter.paths))].map((path) => `data.${path}`).join(', ')}). Applies to ${appliesTo(filter)}. ${MISSING_FIELD_RULE}`,
		options: [
			{
				name: 'values',
				displayName: filter.valueName,
				values: [
					{
						displayName: filter.valueName,
						name: 'id',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description:
							'Pick from the list Eduzz gives, or give the ID (an expression may give several, as an array or separated by commas)',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: filter.searchListMethod, searchable: true },
							},
							{
								displayName: 'By ID',
								name: 'id',
								type: 'string',
								placeholder: filter.placeholder,
							},
						],
					},
				],
			},
		],
	};
}

/** The "Only For" collection, one field per filter, each shown for the selected events that carry it. */
export const onlyForProperty: INodeProperties = {
	displayName: 'Only For',
	name: 'onlyFor',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'Start the workflow only for events of these schools, courses, products or Blinket events. Other signed events are answered with 200 (executed: false, reason filtered_out) and start nothing. With automatic registration Eduzz is asked to filter too, where it offers the field.',
	options: FILTERS.map(filterOption),
};

/** The ids in what n8n gives for one value: a resource locator, an ID, an array, comma-separated text. */
function idsIn(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(idsIn);
	if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
	if (typeof value === 'string')
		return value
			.split(',')
			.map((id) => id.trim())
			.filter((id) => id !== '');
	if (value !== null && typeof value === 'object' && '__rl' in value)
		return idsIn((value as { value?: unknown }).value);
	return [];
}

/**
 * The filters the user chose in "Only For", each with its ids. A field with no id (an empty entry,
 * an expression that gives nothing) filters nothing.
 */
export function readOnlyFor(
	context: Pick<IWebhookFunctions | IHookFunctions, 'getNodeParameter'>,
): ActiveFilter[] {
	const onlyFor = context.getNodeParameter('onlyFor', {}) as IDataObject;
	if (!onlyFor || typeof onlyFor !== 'object') return [];
	const active: ActiveFilter[] = [];
	for (const [name, value] of Object.entries(onlyFor)) {
		const filter = FILTERS_BY_NAME.get(name as FilterName);
		if (!filter) continue;
		const entries = (value as { values?: unknown } | undefined)?.values;
		const ids = (Array.isArray(entries) ? entries : []).flatMap((entry) =>
			idsIn((entry as { id?: unknown } | null)?.id),
		);
		if (ids.length > 0) active.push({ filter, ids: new Set(ids) });
	}
	return active;
}

/**
 * The `filters` automatic registration sends to Eduzz for these events: the chosen ids, for the
 * metadata keys Eduzz lists for the events (asked only when something is chosen); none when the
 * option "Ask Eduzz to Filter Too" is off.
 */
export async function eduzzFiltersFor(
	context: IHookFunctions,
	events: readonly string[],
): Promise<EduzzFilter[]> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	if (options?.filterAtEduzz === false) return [];
	const chosen = readOnlyFor(context);
	if (chosen.length === 0) return [];
	const listed = await eduzz.listEventMetadata(context);
	return eduzzFilters(chosen, events, (event) => listed.get(event) ?? []);
}
