'use strict';
/**
 * A stand-in for n8n-core's `httpRequestWithAuthentication` for unit tests: real HTTP over
 * loopback, the credential's generic `authenticate` block applied as n8n applies it (here the
 * Bearer header), JSON bodies, and failures thrown as n8n throws them: a NodeApiError built from an
 * AxiosError-shaped error (status in `httpCode`, the API's JSON body in `context.data`).
 */
const { NodeApiError } = require('n8n-workflow');

class AxiosError extends Error {
	constructor(message, response) {
		super(message);
		this.response = response;
		this.isAxiosError = true;
	}
}

function makeHttpRequestWithAuthentication({ getCredentials, node }) {
	return async function httpRequestWithAuthentication(_credentialType, options) {
		const credentials = await getCredentials();
		const headers = { accept: 'application/json', ...(options.headers || {}) };
		headers.Authorization = `Bearer ${credentials.accessToken ?? ''}`;
		let body;
		if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(options.body);
		}
		const response = await fetch(options.url, { method: options.method || 'GET', headers, body });
		const text = await response.text();
		let data;
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
			throw new NodeApiError(node, error);
		}
		if (options.returnFullResponse) {
			return {
				body: data,
				headers: Object.fromEntries(response.headers),
				statusCode: response.status,
			};
		}
		return data;
	};
}

module.exports = { makeHttpRequestWithAuthentication };
