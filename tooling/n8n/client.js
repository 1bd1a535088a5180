// @ts-check
'use strict';
/**
 * HTTP to n8n: a minimal client, n8n's public API (API key) and internal REST API (owner's
 * cookie), and the owner + API key set-up every fresh n8n needs.
 */
const crypto = require('node:crypto');
const http = require('node:http');

const { waitFor } = require('../wait');

/** Some 1.x endpoints check this header against the auth cookie's JWT: always send the same. */
const BROWSER_ID = 'n8n-tooling';

/**
 * An n8n to call: startN8n's handle (tooling/n8n/server.js) or anything with its base URL.
 * setupOwner and login keep the owner's cookie and API key on it.
 *
 * @typedef {object} N8nConnection
 * @property {string} baseUrl
 * @property {string} [cookie] the owner's `n8n-auth=…` cookie
 * @property {string} [apiKey] an API key with every scope
 * @property {{ email: string, password: string }} [owner]
 */

/**
 * An HTTP answer. `body` is the parsed JSON (the text when it is not JSON, undefined when empty),
 * of the type the caller expects: nothing here checks it.
 *
 * @template [T=unknown]
 * @typedef {object} HttpResponse
 * @property {number} status
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text
 * @property {T} body
 */

class HttpError extends Error {
	/**
	 * @param {string} method
	 * @param {string} url
	 * @param {HttpResponse} res
	 */
	constructor(method, url, res) {
		super(`${method} ${url} -> ${res.status}: ${String(res.text).slice(0, 500)}`);
		this.status = res.status;
		this.body = res.body;
	}
}

/**
 * One HTTP request without keep-alive (nothing holds jest open) and without a timeout unless
 * `timeoutMs` is given: a busy n8n is slow, not broken. Resolves `{ status, headers, text, body }`
 * for any status; `body` is the parsed JSON when the answer is JSON.
 *
 * @template [T=unknown] what the caller expects the body to be
 * @param {string} method
 * @param {string} url
 * @param {{ headers?: Record<string, string>, body?: unknown, timeoutMs?: number }} [options]
 *   `body`: a string or Buffer is sent as is, anything else as JSON
 * @returns {Promise<HttpResponse<T>>}
 */
function request(method, url, { headers = {}, body, timeoutMs } = {}) {
	return new Promise((resolve, reject) => {
		/** @type {Record<string, string | number>} */
		const h = { ...headers };
		/** @type {string | Buffer | undefined} */
		let payload;
		if (body !== undefined) {
			payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
			if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
				h['content-type'] = 'application/json';
			h['content-length'] = Buffer.byteLength(payload);
		}
		const req = http.request(
			url,
			{ method, headers: h, agent: false, timeout: timeoutMs },
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						parsed = text;
					}
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text,
						body: /** @type {T} */ (parsed),
					});
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** n8n's answer to every request while its database ping (every 2 s, 5 s timeout) fails. */
const DB_NOT_READY = 'Database is not ready!';

/**
 * `request()`, sent again while n8n answers 503 "Database is not ready!": under a burst of
 * executions SQLite can miss n8n's 5 s ping, and n8n then refuses every request, before any
 * route runs, until a ping succeeds. Nothing was done, so sending again is safe.
 *
 * @param {string} method
 * @param {string} url
 * @param {{ headers?: Record<string, string>, body?: unknown }} options
 * @returns {Promise<HttpResponse>}
 */
function requestOnceDbReady(method, url, options) {
	return waitFor(`n8n's database to be ready for ${method} ${url}`, async (progress) => {
		const res = await request(method, url, options);
		if (res.status === 503 && res.text.includes(DB_NOT_READY)) {
			progress(res.status);
			return undefined;
		}
		return res;
	});
}

/**
 * Public API call (`/api/v1` + path, API key): the whole answer with `raw`.
 *
 * @overload
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} apiPath
 * @param {unknown} body
 * @param {{ raw: true }} options
 * @returns {Promise<HttpResponse>}
 */
/**
 * Public API call (`/api/v1` + path, API key): the answer's JSON, which the caller types as `T`.
 * Throws HttpError on non-2xx.
 *
 * @template [T=unknown]
 * @overload
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} apiPath
 * @param {unknown} [body]
 * @param {{ raw?: false }} [options]
 * @returns {Promise<T>}
 */
/**
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} apiPath
 * @param {unknown} [body]
 * @param {{ raw?: boolean }} [options]
 * @returns {Promise<unknown>}
 */
async function api(handle, method, apiPath, body, { raw = false } = {}) {
	if (!handle.apiKey) throw new Error('api(): no API key yet, call setupOwner(handle) first');
	const url = `${handle.baseUrl}/api/v1${apiPath}`;
	const res = await requestOnceDbReady(method, url, {
		headers: { 'X-N8N-API-KEY': handle.apiKey },
		body,
	});
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body;
}

/**
 * Internal REST call (`/rest` + path, owner's cookie): the whole answer with `raw`.
 *
 * @overload
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} restPath
 * @param {unknown} body
 * @param {{ raw: true }} options
 * @returns {Promise<HttpResponse>}
 */
/**
 * Internal REST call (`/rest` + path, owner's cookie): the `data` n8n wraps answers in, which the
 * caller types as `T`. Throws HttpError on non-2xx.
 *
 * @template [T=unknown]
 * @overload
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} restPath
 * @param {unknown} [body]
 * @param {{ raw?: false }} [options]
 * @returns {Promise<T>}
 */
/**
 * @param {N8nConnection} handle
 * @param {string} method
 * @param {string} restPath
 * @param {unknown} [body]
 * @param {{ raw?: boolean }} [options]
 * @returns {Promise<unknown>}
 */
async function rest(handle, method, restPath, body, { raw = false } = {}) {
	const url = `${handle.baseUrl}/rest${restPath}`;
	const headers = { 'browser-id': BROWSER_ID, ...(handle.cookie ? { cookie: handle.cookie } : {}) };
	const res = await requestOnceDbReady(method, url, { headers, body });
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body && typeof res.body === 'object' && 'data' in res.body ? res.body.data : res.body;
}

/**
 * Stands in for the answer to a request that got none (status 0, the error's message as text),
 * so a poll can report it and try again: `await request(…).catch(noAnswer)`.
 *
 * @param {Error} error
 * @returns {HttpResponse<undefined>}
 */
const noAnswer = (error) => ({ status: 0, headers: {}, text: error.message, body: undefined });

/** @param {HttpResponse} res the `n8n-auth=…` cookie it sets, if any */
function authCookie(res) {
	return [res.headers['set-cookie'] ?? []]
		.flat()
		.map((cookie) => cookie.split(';')[0])
		.find((cookie) => cookie.startsWith('n8n-auth='));
}

/**
 * Logs in as an existing user and keeps the auth cookie on the handle.
 *
 * @param {N8nConnection} handle
 * @param {{ email: string, password: string }} user
 */
async function login(handle, { email, password }) {
	const res = await request('POST', `${handle.baseUrl}/rest/login`, {
		headers: { 'browser-id': BROWSER_ID },
		body: { emailOrLdapLoginId: email, email, password },
	});
	if (res.status !== 200) throw new HttpError('POST', `${handle.baseUrl}/rest/login`, res);
	handle.cookie = authCookie(res);
	if (!handle.cookie) throw new Error('login returned no n8n-auth cookie');
}

/**
 * Creates the instance owner (or logs in when the user folder already has one) and an API key
 * with every scope; keeps `cookie`, `apiKey` and `owner` on the handle.
 *
 * @param {N8nConnection} handle
 * @param {{ email?: string, password?: string, log?: (message: string) => void }} [options]
 * @returns {Promise<{ email: string, password: string, apiKey: string }>}
 */
async function setupOwner(
	handle,
	{ email = 'owner@example.com', password = 'Passw0rd-E2e', log = () => {} } = {},
) {
	// Right after start-up the route may not be mounted yet ("Cannot POST", "starting up").
	const res = await waitFor('POST /rest/owner/setup to be routed', async (progress) => {
		const r = await request('POST', `${handle.baseUrl}/rest/owner/setup`, {
			headers: { 'browser-id': BROWSER_ID },
			body: { email, password, firstName: 'Test', lastName: 'Owner' },
		}).catch(noAnswer);
		progress(`${r.status} ${String(r.text).slice(0, 100)}`);
		return r.status === 0 || /Cannot POST|starting up/i.test(r.text) ? undefined : r;
	});
	if (res.status === 200) handle.cookie = authCookie(res);
	else await login(handle, { email, password }); // a reused user folder (`npm run dev`)
	if (!handle.cookie) throw new Error('owner setup returned no n8n-auth cookie');

	/** @type {string[]} */
	const scopes = await rest(handle, 'GET', '/api-keys/scopes');
	/** @type {{ rawApiKey?: string }} */
	const key = await rest(handle, 'POST', '/api-keys', {
		label: `tooling-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`, // labels are unique per user
		scopes,
		expiresAt: null,
	});
	if (!key.rawApiKey) throw new Error(`no rawApiKey in ${JSON.stringify(key)}`);
	handle.apiKey = key.rawApiKey;
	handle.owner = { email, password };
	log(`owner ${email} and an API key (${scopes.length} scopes) on ${handle.baseUrl}`);
	return { email, password, apiKey: handle.apiKey };
}

module.exports = { BROWSER_ID, HttpError, request, noAnswer, api, rest, login, setupOwner };
