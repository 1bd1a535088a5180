import {
	sleep,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type NodeParameterValue,
} from 'n8n-workflow';

import { EDUZZ_CREDENTIAL_TYPE } from './transport';

/*
 * The parameter builders of the Eduzz node's resource files. Every shape the resources share is
 * built here once, so a resource file says only what differs: names, texts, where a value goes.
 */

// ---- Where a parameter shows -------------------------------------------------------------------

/** Shows a parameter for the given operations of a resource. */
export function shownFor(
	parameter: INodeProperties,
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		...parameter,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/** A parameter the given operations of a resource require. */
export function required(
	parameter: INodeProperties,
	resource: string,
	operations: string[],
): INodeProperties {
	return shownFor({ ...parameter, required: true }, resource, operations);
}

/** The operation picker of a resource. */
export function operationPicker(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

// ---- Fields ------------------------------------------------------------------------------------

type FieldType = 'string' | 'number' | 'boolean' | 'dateTime';

const EMPTY: Record<FieldType, NodeParameterValue> = {
	string: '',
	number: 0,
	boolean: false,
	dateTime: '',
};

/** A field, empty by default; `extra` adds or overrides anything (placeholder, typeOptions…). */
export function field(
	displayName: string,
	name: string,
	type: FieldType,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type, default: EMPTY[type], description, ...extra };
}

/** A required text parameter (an id, an e-mail) shown for the given operations of a resource. */
export function textParameter(
	displayName: string,
	name: string,
	resource: string,
	operations: string[],
	description: string,
	placeholder?: string,
): INodeProperties {
	const extra: Partial<INodeProperties> = placeholder ? { placeholder } : {};
	return required(field(displayName, name, 'string', description, extra), resource, operations);
}

/** A pick from a fixed list, `defaultValue` picked at first. */
export function choice(
	displayName: string,
	name: string,
	description: string,
	defaultValue: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return { displayName, name, type: 'options', options, default: defaultValue, description };
}

// ---- What a parameter sends --------------------------------------------------------------------

function sent(
	type: 'query' | 'body',
	parameter: INodeProperties,
	property: string,
	value: string | undefined,
): INodeProperties {
	return { ...parameter, routing: { send: { type, property, ...(value ? { value } : {}) } } };
}

/**
 * Sends the parameter as the query parameter `property` (its own name unless given); `value`, an
 * expression, turns what the user typed into what Eduzz takes.
 */
export function inQuery(
	parameter: INodeProperties,
	property = parameter.name,
	value?: string,
): INodeProperties {
	return sent('query', parameter, property, value);
}

/** Sends the parameter as the body field `property`; dots nest it (`customer.address.street`). */
export function inBody(
	parameter: INodeProperties,
	property = parameter.name,
	value?: string,
): INodeProperties {
	return sent('body', parameter, property, value);
}

/**
 * JavaScript for an expression: `text`, values separated by commas, as an array of the trimmed,
 * non-empty values. `String()` because an expression may give a number or an array.
 */
export function commaSplit(text: string): string {
	return `String(${text}).split(",").map((item) => item.trim()).filter((item) => item !== "")`;
}

/** The `value` sending a comma-separated parameter as an array; `then` goes on: `.join(",")`. */
export function commaList(then = ''): string {
	return `={{ ${commaSplit('$value')}${then} }}`;
}

/** A field sent as the query parameter of its name. */
export function queryField(...args: Parameters<typeof field>): INodeProperties {
	return inQuery(field(...args));
}

/** A field sent as the body field of its name. */
export function bodyField(...args: Parameters<typeof field>): INodeProperties {
	return inBody(field(...args));
}

const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add option' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
};

/**
 * A collection of optional fields shown for one operation of a resource, or several. The fields
 * are put in alphabetical order, as n8n's guidelines want, whatever order a resource lists them in.
 */
export function collection(
	name: keyof typeof COLLECTIONS,
	resource: string,
	operations: string | string[],
	options: INodeProperties[],
): INodeProperties {
	const sorted = [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return shownFor(
		{ ...COLLECTIONS[name], name, type: 'collection', default: {}, options: sorted },
		resource,
		typeof operations === 'string' ? [operations] : operations,
	);
}

/** A list's period, the query's `startDate` and `endDate`: "Only sales from this date on"… */
export function dateRange(what: string, names = ['Start Date', 'End Date']): INodeProperties[] {
	return [
		queryField(names[0], 'startDate', 'dateTime', `Only ${what} from this date on`),
		queryField(names[1], 'endDate', 'dateTime', `Only ${what} up to this date`),
	];
}

// ---- Lists -------------------------------------------------------------------------------------

/** Eduzz's largest page; the pages of "Return All" have this size. */
const PAGE_SIZE = 100;

/** How a RequestWindow tells the time and waits; a test swaps in its own to observe the waits. */
export interface WindowClock {
	now: () => number;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A rate limit of Eduzz's, e.g. Blinket's "30 requests/minute": at most `limit` requests in any
 * `perMs` milliseconds, for each Eduzz credential. A request takes the next free slot (now, or when
 * the request `limit` places before it leaves the window) and waits for it rather than failing.
 * Slots are taken before any await: n8n runs an execution's items at the same time, and every item
 * (of every execution in this process) that uses the credential shares its window.
 */
export class RequestWindow {
	clock: WindowClock = { now: () => Date.now(), sleep };

	/** The start times of the last `limit` requests, oldest first, per credential. */
	private readonly starts = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly perMs: number,
	) {}

	/** Takes the next slot under `key` and returns how long (ms) to wait for it. */
	take(key: string): number {
		const now = this.clock.now();
		const starts = this.starts.get(key) ?? [];
		const start =
			starts.length < this.limit
				? now
				: Math.max(now, starts[starts.length - this.limit] + this.perMs);
		this.starts.set(key, [...starts, start].slice(-this.limit));
		return start - now;
	}

	/** Waits for the next slot of the credential the node runs with. */
	async wait(context: IExecuteSingleFunctions): Promise<void> {
		const credential = context.getNode().credentials?.[EDUZZ_CREDENTIAL_TYPE];
		const ms = this.take(credential?.id ?? credential?.name ?? '');
		if (ms > 0) await this.clock.sleep(ms, context.getExecutionCancelSignal());
	}

	/** Forgets every request taken (tests start from an empty window). */
	reset(): void {
		this.starts.clear();
	}
}

/**
 * The steps that pace "Return All" under `rateLimit`, in n8n's declarative routing: RoutingNode
 * (n8n-core, execution-engine/routing-node.js) runs a parameter's `preSend` before an item's first
 * request and its `postReceive` on every page its generic pagination receives, so the first page
 * waits in preSend and each next page waits in the postReceive of the page before it.
 */
function pacing(rateLimit: RequestWindow) {
	const returnAll = (context: IExecuteSingleFunctions) =>
		context.getNodeParameter('returnAll', false) === true;
	return {
		preSend: [
			async function firstPage(
				this: IExecuteSingleFunctions,
				requestOptions: IHttpRequestOptions,
			): Promise<IHttpRequestOptions> {
				if (returnAll(this)) await rateLimit.wait(this);
				return requestOptions;
			},
		],
		postReceive: [
			async function nextPage(
				this: IExecuteSingleFunctions,
				items: INodeExecutionData[],
				response: IN8nHttpFullResponse,
			): Promise<INodeExecutionData[]> {
				const { page, pages } = (response.body ?? {}) as { page?: unknown; pages?: unknown };
				// The same test as the pagination's `continue`: another page follows.
				if (returnAll(this) && Number(page) < Number(pages)) await rateLimit.wait(this);
				return items;
			},
		],
	};
}

/**
 * "Return All" and "Limit" for an operation whose answer is Eduzz's paginated
 * `{ pages, page, itemsPerPage, totalItems, items }`: all pages are followed one after the other,
 * within `rateLimit` when the product has one (only the requests of "Return All" take slots).
 */
export function paginationProperties(
	resource: string,
	operation: string,
	rateLimit?: RequestWindow,
): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	const paced = rateLimit ? pacing(rateLimit) : undefined;
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			routing: {
				send: { paginate: '={{ $value }}', ...(paced ? { preSend: paced.preSend } : {}) },
				...(paced ? { output: { postReceive: paced.postReceive } } : {}),
				operations: {
					pagination: {
						type: 'generic',
						properties: {
							continue: '={{ $response.body.page < $response.body.pages }}',
							// One expression for the whole query: n8n replaces `qs` rather than merging it,
							// and the filters of the first request must stay on every page.
							request: {
								qs: `={{ Object.assign({}, $request.qs, { page: ($response.body?.page ?? 0) + 1, itemsPerPage: ${PAGE_SIZE} }) }}` as unknown as IDataObject,
							},
						},
					},
				},
			},
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1, maxValue: PAGE_SIZE },
			default: 50,
			description: 'Max number of results to return',
			routing: {
				send: { type: 'query', property: 'itemsPerPage' },
				output: { maxResults: '={{ $value }}' },
			},
		},
	];
}

/** n8n's usual "Simplify" switch, for operations whose answers are deep. */
export function simplifyProperty(resource: string, operations: string[]): INodeProperties {
	const simplify: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
	return shownFor(simplify, resource, operations);
}

// ---- Pickers -----------------------------------------------------------------------------------

/** A resource locator: pick from a list Eduzz gives, or type/map the id. */
function pickerOrId(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 16943848cc6495142a8e3011d0173252',
			},
		],
	};
}

/** The AlpaClass school (team); in AlpaClass events it is `data.team.id`. */
export const schoolParameter = pickerOrId(
	'School',
	'teamId',
	'searchSchools',
	'The AlpaClass school\'s ID. From an AlpaClass event: {{ $json.data.team.id }}; "Get many AlpaClass schools" lists them.',
);

export const productParameter = pickerOrId(
	'Product',
	'productId',
	'searchProducts',
	'The MyEduzz product\'s ID; "Get many MyEduzz products" lists them',
);

export const courseParameter = pickerOrId(
	'Course',
	'courseId',
	'searchCourses',
	'The Nutror course\'s ID; "Get many Nutror courses" lists them',
);
