import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { eduzzApiError } from '../shared/apiError';
import { itemsOf } from '../shared/transport';

/** What an operation returns: one object, Eduzz's `{ items }` / `{ pages, items }` or a bare array as one item each. */
export type OutputShape = 'object' | 'items';

export interface EduzzOperation {
	/** In the operation picker, e.g. 'Get Many'. */
	name: string;
	value: string;
	/** n8n's action text (node panel, AI tools), e.g. 'Get many students of a school'. */
	action: string;
	/** One sentence on what it does; the scopes are appended. */
	description: string;
	method: IHttpRequestMethods;
	/** Eduzz's path with `:param` segments, e.g. `/alpaclass/v1/producer/teams/:teamId/students`. */
	path: string;
	/** Node parameter behind each `:param` whose name differs from it. */
	pathParameters?: Record<string, string>;
	/** The scopes the Eduzz app needs for it. */
	scopes: string[];
	output: OutputShape;
	/** Reshapes a successful answer before it becomes items, where Eduzz's shape needs it. */
	answer?: (body: unknown) => unknown;
	/** Turns one answer object into its simplified form when the node's "Simplify" is on. */
	simplify?: (item: IDataObject) => IDataObject;
}

/** No content, or an empty object (Eduzz's 202 answers): n8n's usual `{ success: true }`. */
function isEmpty(body: unknown): boolean {
	return (
		body === undefined ||
		body === null ||
		body === '' ||
		(typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)
	);
}

/** The URL expression: each `:param` replaced by its node parameter, URL-encoded. */
export function urlExpression(path: string, rename: Record<string, string> = {}): string {
	return `=${path.replace(/:(\w+)/g, (_, param: string) => `{{ encodeURIComponent($parameter["${rename[param] ?? param}"]) }}`)}`;
}

/**
 * Eduzz's answer as n8n items. Requests are sent with `ignoreHttpStatusErrors`, so every answer
 * outside 2xx arrives here and becomes one error with Eduzz's message and what to do.
 */
function outputFor(operation: EduzzOperation) {
	return async function eduzzOutput(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode >= 300) {
			throw eduzzApiError(this.getNode(), operation, response.statusCode, response.body);
		}
		const body = operation.answer ? operation.answer(response.body) : (response.body as unknown);
		let answers: IDataObject[];
		if (operation.output === 'items') answers = itemsOf(body);
		else if (isEmpty(body)) answers = [{ success: true }];
		else answers = [body as IDataObject];
		if (operation.simplify && this.getNodeParameter('simplify', true) === true) {
			answers = answers.map(operation.simplify);
		}
		return answers.map((json) => ({ json }));
	};
}

/** The operation's entry in its resource's operation picker, with the request and the answer handling. */
export function operationOption(operation: EduzzOperation): INodePropertyOptions {
	const scopes = operation.scopes.length > 0 ? ` Scope: ${operation.scopes.join(', ')}.` : '';
	return {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: `${operation.description}${scopes}`,
		routing: {
			request: {
				method: operation.method,
				url: urlExpression(operation.path, operation.pathParameters),
				ignoreHttpStatusErrors: true,
			},
			output: { postReceive: [outputFor(operation)] },
		},
	};
}

/** Eduzz's largest page; the pages of "Return All" have this size. */
export const PAGE_SIZE = 100;

/**
 * "Return All" and "Limit" for an operation whose answer is Eduzz's paginated
 * `{ pages, page, itemsPerPage, totalItems, items }`: all pages are followed one after the other.
 */
export function paginationProperties(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			routing: {
				send: { paginate: '={{ $value }}' },
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
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: { show: { resource: [resource], operation: operations } },
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}
