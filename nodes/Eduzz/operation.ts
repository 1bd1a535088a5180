import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { eduzzApiError, type SentId } from '../shared/apiError';
import { EDUZZ_CREDENTIAL_TYPE, itemsOf } from '../shared/transport';

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
 * The operations that list things, by path: a 404 names the one that finds each id of the path
 * (`/teams/:teamId/students/:studentId` → the lists at `/teams` and `/teams/:teamId/students`).
 * operationOption fills it as the resources build their pickers.
 */
const listsByPath = new Map<string, EduzzOperation>();

/**
 * The path as it was sent, each `:param` filled in as `urlExpression` fills it (resource locators
 * by their value), and the ids in it; a parameter that cannot be read stays `:param`.
 */
function sentPath(
	context: IExecuteSingleFunctions,
	operation: EduzzOperation,
): { path: string; ids: SentId[] } {
	const ids: SentId[] = [];
	const path = operation.path.replace(/:(\w+)/g, (placeholder, param: string, offset: number) => {
		const name = operation.pathParameters?.[param] ?? param;
		let value: unknown;
		try {
			value = context.getNodeParameter(name, undefined, { extractValue: true });
		} catch {
			return placeholder;
		}
		if (typeof value !== 'string' && typeof value !== 'number') return placeholder;
		const findWith = listsByPath.get(operation.path.slice(0, Math.max(0, offset - 1)))?.action;
		ids.push({ name, value: String(value), ...(findWith ? { findWith } : {}) });
		return encodeURIComponent(value);
	});
	return { path, ids };
}

/** Eduzz's `Retry-After` in seconds, when it sends one. */
function retryAfterOf(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const value = Number(headers?.['retry-after']);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Eduzz's answer as n8n items. Requests are sent with `ignoreHttpStatusErrors`, so every answer
 * outside 2xx arrives here and becomes one error naming the call as it was sent (the ids in its
 * path), Eduzz's message and what to do: the message alone is what an AI Agent's model sees.
 */
function outputFor(operation: EduzzOperation) {
	return async function eduzzOutput(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode >= 300) {
			const credentials = await this.getCredentials(EDUZZ_CREDENTIAL_TYPE).catch(() => undefined);
			const token = credentials?.accessToken;
			throw eduzzApiError(
				this.getNode(),
				{
					method: operation.method,
					...sentPath(this, operation),
					scopes: operation.scopes,
					retryAfter: retryAfterOf(response.headers),
					secrets: typeof token === 'string' ? [token] : [],
				},
				response.statusCode,
				response.body,
			);
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
	if (operation.method === 'GET' && operation.output === 'items')
		listsByPath.set(operation.path, operation);
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
