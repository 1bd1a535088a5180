// @ts-check
'use strict';
/**
 * Eduzz webhook deliveries as Eduzz sends them (https://developers.eduzz.com/docs/webhook): a JSON
 * envelope `{ id, event, sentDate, data }` POSTed with `x-signature` = hex HMAC-SHA256 of the exact
 * body bytes under the configuration's secret, `x-subscription: <subscription id>:<event>` and
 * `x-delivery-attempt`. Example data comes from Eduzz's published examples
 * (test/fixtures/eduzz-events.json).
 */
const crypto = require('node:crypto');
const http = require('node:http');
const zlib = require('node:zlib');

/**
 * The `data` of Eduzz's example of `alpaclass.student_module_unfinished`.
 *
 * @typedef {object} ModuleUnfinishedData
 * @property {{ id: string, name: string, email: string }} student
 * @property {{ id: string, name: string }} module
 * @property {{ id: string, name: string }} course
 * @property {{ id: string, name: string }} team
 */

/**
 * An Eduzz webhook envelope.
 *
 * @template [T=unknown]
 * @typedef {{ id: string, event: string, sentDate: string, data: T }} Envelope
 */

/**
 * What a delivery got back: `json` is the parsed body when it is JSON.
 *
 * @typedef {object} DeliveryAnswer
 * @property {number} status
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text
 * @property {unknown} json
 */

/**
 * How deliver() sends: `secret` signs, `signature` replaces the HMAC (`null`: none).
 *
 * @typedef {object} DeliverOptions
 * @property {string} [secret]
 * @property {string | null} [signature]
 * @property {string} [event]
 * @property {number} [attempt]
 * @property {string} [subscriptionId]
 * @property {boolean} [gzip]
 * @property {string} [contentType]
 * @property {AbortSignal} [signal]
 */

/** @type {Array<{ name: string, envelope: { data: unknown } }>} */
const eventFixtures = require('../test/fixtures/eduzz-events.json');
/** @type {Record<string, unknown>} Eduzz's example `data` of every event, by event name. */
const EXAMPLES = Object.fromEntries(
	eventFixtures.map(({ name, envelope }) => [name, envelope.data]),
);
const moduleUnfinishedData = /** @type {ModuleUnfinishedData} */ (
	EXAMPLES['alpaclass.student_module_unfinished']
);

/** A 25-character lowercase alphanumeric id, like Eduzz's ids. */
function eventId() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(25), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * An envelope of `event`; `data` defaults to Eduzz's example of that event.
 *
 * @param {string} [event]
 * @param {unknown} [data]
 * @param {string} [id]
 * @returns {Envelope}
 */
function envelope(
	event = 'alpaclass.student_module_unfinished',
	data = structuredClone(EXAMPLES[event] ?? {}),
	id = eventId(),
) {
	return { id, event, sentDate: new Date().toISOString(), data };
}

/** @type {(bytes: Buffer | string, secret: string) => string} */
const sign = (bytes, secret) => crypto.createHmac('sha256', secret).update(bytes).digest('hex');

/**
 * POSTs `body` (an object is sent as JSON, a string or Buffer as these exact bytes) to `url` with
 * Eduzz's headers, signed with `secret` over the uncompressed bytes; `signature` replaces the HMAC,
 * `signature: null` sends none, `gzip` compresses the body. No timeout: a busy n8n answers late.
 * Resolves `{ status, headers, text, json }`; rejects when no answer arrives (or `signal` aborts).
 *
 * @param {string} url
 * @param {unknown} body
 * @param {DeliverOptions} [options]
 * @returns {Promise<DeliveryAnswer>}
 */
function deliver(
	url,
	body,
	{
		secret,
		signature,
		event,
		attempt = 1,
		subscriptionId = 'e2esubscription0000000000',
		gzip = false,
		contentType = 'application/json',
		signal,
	} = {},
) {
	const bytes = Buffer.isBuffer(body)
		? body
		: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	if (event === undefined) {
		try {
			event = JSON.parse(bytes.toString('utf8')).event;
		} catch {
			event = 'unknown';
		}
	}
	/** @type {Record<string, string>} */
	const headers = {
		'content-type': contentType,
		'user-agent': 'Eduzz Webhook',
		'x-subscription': `${subscriptionId}:${event}`,
		'x-delivery-attempt': String(attempt),
	};
	// Without `secret` (or `signature`), sign() throws, as createHmac() does with no key.
	if (signature !== null)
		headers['x-signature'] = signature ?? sign(bytes, /** @type {string} */ (secret));
	const payload = gzip ? zlib.gzipSync(bytes) : bytes;
	if (gzip) headers['content-encoding'] = 'gzip';
	headers['content-length'] = String(payload.length);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers, agent: false, signal }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('error', reject);
			res.on(
				'close',
				() => res.complete || reject(new Error(`${url} closed the connection during its answer`)),
			);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolve({
					status: /** @type {number} */ (res.statusCode),
					headers: res.headers,
					text,
					json,
				});
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * Runs `fn` over `items` with at most `limit` in flight, as Eduzz throttles a configuration's
 * deliveries; the results in input order.
 *
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
async function mapLimit(items, limit, fn) {
	/** @type {R[]} */
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

module.exports = { EXAMPLES, moduleUnfinishedData, eventId, envelope, sign, deliver, mapLimit };
