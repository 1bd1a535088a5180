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

class HttpError extends Error {
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
 */
function request(method, url, { headers = {}, body, timeoutMs } = {}) {
	return new Promise((resolve, reject) => {
		const h = { ...headers };
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
					resolve({ status: res.statusCode, headers: res.headers, text, body: parsed });
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

/** Public API call (`/api/v1` + path, API key). Throws HttpError on non-2xx unless `raw`. */
async function api(handle, method, apiPath, body, { raw = false } = {}) {
	if (!handle.apiKey) throw new Error('api(): no API key yet, call setupOwner(handle) first');
	const url = `${handle.baseUrl}/api/v1${apiPath}`;
	const res = await request(method, url, { headers: { 'X-N8N-API-KEY': handle.apiKey }, body });
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body;
}

/** Internal REST call (`/rest` + path, owner's cookie); returns the `data` n8n wraps answers in. */
async function rest(handle, method, restPath, body, { raw = false } = {}) {
	const url = `${handle.baseUrl}/rest${restPath}`;
	const headers = { 'browser-id': BROWSER_ID, ...(handle.cookie ? { cookie: handle.cookie } : {}) };
	const res = await request(method, url, { headers, body });
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body && typeof res.body === 'object' && 'data' in res.body ? res.body.data : res.body;
}

function authCookie(res) {
	return []
		.concat(res.headers['set-cookie'] || [])
		.map((cookie) => cookie.split(';')[0])
		.find((cookie) => cookie.startsWith('n8n-auth='));
}

/** Logs in as an existing user and keeps the auth cookie on the handle. */
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
		}).catch((error) => ({ status: 0, text: error.message }));
		progress(`${r.status} ${String(r.text).slice(0, 100)}`);
		return r.status === 0 || /Cannot POST|starting up/i.test(r.text) ? undefined : r;
	});
	if (res.status === 200) handle.cookie = authCookie(res);
	else await login(handle, { email, password }); // a reused user folder (`npm run dev`)
	if (!handle.cookie) throw new Error('owner setup returned no n8n-auth cookie');

	const scopes = await rest(handle, 'GET', '/api-keys/scopes');
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

module.exports = { BROWSER_ID, HttpError, request, api, rest, login, setupOwner };
