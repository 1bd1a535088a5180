import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { eduzzApiError } from './apiError';

/*
 * The one way both nodes reach Eduzz's API by hand (the pickers, automatic registration); the Eduzz
 * node's operations go through n8n's declarative routing with the same base URL rule and the same
 * list and error handling (nodes/Eduzz/operation.ts).
 */

/** The credential type of both nodes (credentials/EduzzApi.credentials.ts). */
export const EDUZZ_CREDENTIAL_TYPE = 'eduzzApi';

/** Eduzz's public API. */
export const DEFAULT_BASE_URL = 'https://api.eduzz.com';

/**
 * The credential's Base URL (Eduzz's when empty) without trailing slashes, as an n8n expression:
 * the Eduzz node's `requestDefaults` and the credential test use it; `baseUrlOf` is its twin for
 * code, and a unit test holds the two to the same answers.
 */
export const BASE_URL_EXPRESSION = `={{ ($credentials.baseUrl || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * The objects of an Eduzz list answer: a bare array, the `items` of `{ items }` / `{ pages, items }`,
 * or (as some of Eduzz's own examples show) one object on its own.
 */
export function itemsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body === null || typeof body !== 'object') return [];
	const { items } = body as { items?: unknown };
	if (Array.isArray(items)) return items as IDataObject[];
	return Object.keys(body).length > 0 ? [body as IDataObject] : [];
}

type EduzzContext = IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export interface EduzzRequest {
	method: IHttpRequestMethods;
	/** Eduzz's path, e.g. `/webhook/v1/subscription`. */
	path: string;
	/** The scopes the call needs: a 403 names them. */
	scopes: readonly string[];
	qs?: IDataObject;
	body?: object;
	/** Answer `undefined` for a 404 instead of throwing. */
	notFoundOk?: boolean;
}

/** The request as n8n's helpers take it, and what an error needs to name. */
function requestOptions(
	credentials: ICredentialDataDecryptedObject,
	{ method, path, qs, body }: EduzzRequest,
): IHttpRequestOptions {
	return {
		method,
		url: `${baseUrlOf(credentials)}${path}`,
		qs,
		body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
}

function answerOf<T>(
	node: INode,
	request: EduzzRequest,
	credentials: ICredentialDataDecryptedObject,
	response: IN8nHttpFullResponse,
): T {
	const { statusCode } = response;
	if (statusCode < 300 || (request.notFoundOk && statusCode === 404)) return response.body as T;
	const { method, path, scopes } = request;
	const secrets = [String(credentials.accessToken ?? '')];
	throw eduzzApiError(node, { method, path, scopes, secrets }, statusCode, response.body);
}

/**
 * One call with the credential's Bearer token. Any answer outside 2xx becomes the same error the
 * Eduzz node's operations throw: Eduzz's message, the values sent and what to do.
 */
export async function eduzzRequest<T = unknown>(
	context: EduzzContext,
	request: EduzzRequest,
): Promise<T> {
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		EDUZZ_CREDENTIAL_TYPE,
		requestOptions(credentials, request),
	)) as IN8nHttpFullResponse;
	return answerOf<T>(context.getNode(), request, credentials, response);
}

/**
 * The same call, prepared while `context` is live and sent later by the returned function, which
 * may run after n8n has released the context: n8n 2.x frees a hook context's expression isolate
 * when create() returns, and `httpRequestWithAuthentication` needs it for the credential's
 * `Bearer {{$credentials.accessToken}}` ("No bridge acquired for this context"). So the token is
 * read now and set as credentials/EduzzApi.credentials.ts `authenticate` sets it, and the request
 * goes through n8n's plain `httpRequest`, which evaluates no expression.
 */
export async function prepareEduzzRequest<T = unknown>(
	context: IHookFunctions,
	request: EduzzRequest,
): Promise<() => Promise<T>> {
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	const { helpers } = context;
	const node = context.getNode();
	const options = requestOptions(credentials, request);
	options.headers = { Authorization: `Bearer ${String(credentials.accessToken ?? '')}` };
	return async () =>
		answerOf<T>(
			node,
			request,
			credentials,
			(await helpers.httpRequest(options)) as IN8nHttpFullResponse,
		);
}
