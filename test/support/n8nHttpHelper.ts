/**
 * A stand-in for n8n-core's `httpRequestWithAuthentication` for unit tests: real HTTP over
 * loopback, the credential's generic `authenticate` block applied as n8n applies it (here the
 * Bearer header), JSON bodies, and failures thrown as n8n throws them: a NodeApiError built from an
 * AxiosError-shaped error (status in `httpCode`, the API's JSON body in `context.data`).
 */
import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

class AxiosError extends Error {
	readonly isAxiosError = true;

	constructor(
		message: string,
		readonly response: { status: number; data: unknown },
	) {
		super(message);
	}
}

/** n8n's answer with `returnFullResponse`. */
export interface FullResponse {
	body: unknown;
	headers: Record<string, string>;
	statusCode: number;
}

export function makeHttpRequestWithAuthentication({
	getCredentials,
	node,
}: {
	getCredentials: () => Promise<IDataObject>;
	node: INode;
}) {
	return async function httpRequestWithAuthentication(
		_credentialType: string,
		options: IHttpRequestOptions,
	): Promise<unknown> {
		const credentials = await getCredentials();
		const headers: Record<string, string> = {
			accept: 'application/json',
			...((options.headers ?? {}) as Record<string, string>),
		};
		headers.Authorization = `Bearer ${credentials.accessToken ?? ''}`;
		let body: string | undefined;
		if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(options.body);
		}
		const response = await fetch(options.url, { method: options.method || 'GET', headers, body });
		const text = await response.text();
		let data: unknown;
		try {
			data = text ? JSON.parse(text) : undefined;
		} catch {
			data = text;
		}
		if (response.status >= 400 && !options.ignoreHttpStatusErrors) {
			const error = new AxiosError(`Request failed with status code ${response.status}`, {
				status: response.status,
				data,
			});
			// NodeApiError reads an AxiosError's fields (isAxiosError, response.status/data).
			throw new NodeApiError(node, error as unknown as JsonObject);
		}
		if (options.returnFullResponse) {
			const full: FullResponse = {
				body: data,
				headers: Object.fromEntries(response.headers),
				statusCode: response.status,
			};
			return full;
		}
		return data;
	};
}
