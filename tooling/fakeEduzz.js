// @ts-check
'use strict';
/**
 * A fake api.eduzz.com serving what the Eduzz Trigger and its credential call, with the shapes of
 * Eduzz's API reference (https://developers.eduzz.com/reference/api/post-webhook-v1-subscription
 * and the pages beside it):
 *
 *   GET    /accounts/v1/me                        any valid token (the credential's Test button)
 *   GET    /webhook/v1/secret                     webhook_read   the app's signing secret
 *   GET    /webhook/v1/subscription               webhook_read
 *   POST   /webhook/v1/subscription               webhook_write  created disabled
 *   PUT    /webhook/v1/subscription/:id           webhook_write  back to disabled
 *   DELETE /webhook/v1/subscription/:id           webhook_write
 *   POST   /webhook/v1/subscription/:id/status    webhook_write  `active` first sends the signed
 *                                                  test event `test.event_one` to the URL and
 *                                                  fails unless it answers 2xx
 *   POST   /webhook/v1/subscription/sample        webhook_read   delivers a sample, relays the answer
 *   GET    /webhook/v1/origin                     any valid token: per product, its events and the
 *                                                  metadata keys a configuration can filter them on
 *                                                  (with `metadata`; else Eduzz's own example)
 *
 * A configuration's `filters` (`[{ metadata, values }]`) are kept and applied as Eduzz documents
 * them: an event (a sample too) is delivered only if, for every filter whose metadata the event
 * has, the event's value is among `values` (for several values, as invoice items: any of them).
 * Which metadata an event has, and its values, come from `metadata` (pass
 * `nodes/shared/events/filters`: the table the node filters with); the documented keys of a few
 * events (DOCUMENTED_METADATA) are listed too. Filtered deliveries are recorded in `filtered`.
 *
 * Every other operation of Eduzz's API, for the Eduzz node: tooling/eduzzPublicApi.js.
 *
 * Deliveries are signed as Eduzz signs them (tooling/deliveries.js). `events` are the event names
 * the node itself defines: pass them from `dist/nodes/shared/events` (after `npm run build`)
 * or, under jest, from `nodes/shared/events`.
 *
 *   const fake = await startFakeEduzz({ events: EVENTS, tokens: { t: ['webhook_read', 'webhook_write'] } });
 */
const crypto = require('node:crypto');
const http = require('node:http');

const { EXAMPLES, deliver, eventId } = require('./deliveries');
const { waitFor } = require('./wait');
const publicApi = require('./eduzzPublicApi');

const READ = 'webhook_read';
const WRITE = 'webhook_write';
const PING_EVENT = 'test.event_one';

/**
 * The metadata keys Eduzz's own `GET /webhook/v1/origin` example lists (its only published ones).
 *
 * @type {Record<string, string[]>}
 */
const DOCUMENTED_METADATA = {
	'nutror.lesson_rated': ['producerId', 'learnerEmail', 'lessonId', 'courseId'],
	'nutror.lesson_watched': ['producerId', 'learnerEmail', 'lessonId', 'courseId'],
	'blinket.attendance_added': ['eventId', 'email', 'name', 'batchId'],
	'blinket.attendance_assigned': ['eventId', 'name', 'email'],
};
/**
 * Origin names by event prefix, as Eduzz names its products.
 *
 * @type {Record<string, string>}
 */
const ORIGIN_NAMES = {
	alpaclass: 'AlpaClass',
	myeduzz: 'MyEduzz',
	nutror: 'Nutror',
	blinket: 'Blinket',
	safevideo: 'SafeVideo',
	sun: 'Sun',
};

/**
 * Where the fake finds an event's metadata: `nodes/shared/events/filters` fits.
 *
 * @typedef {object} FakeMetadata
 * @property {(event: string) => string[]} metadataKeysOf the keys an event has
 * @property {(event: string, data: unknown) => Record<string, string[]>} metadataOf its values
 */

/** @typedef {{ metadata: string, values: string[] }} FakeFilter */

/**
 * One thing wrong with a request, as Eduzz lists them.
 *
 * @typedef {{ field: string, message: string, data: unknown }} FieldError
 */

/**
 * Eduzz's error body.
 *
 * @typedef {object} ErrorBody
 * @property {string} message
 * @property {string} code
 * @property {string} link
 * @property {Record<string, unknown>} debug
 * @property {FieldError[]} [errors]
 */

/**
 * A webhook configuration the fake keeps.
 *
 * @typedef {object} FakeSubscription
 * @property {string} id
 * @property {string} name
 * @property {string} url
 * @property {string[]} events
 * @property {string} secretId
 * @property {'active' | 'disabled'} status
 * @property {FakeFilter[]} filters `[]`: every event is delivered
 */

/**
 * The app's signing secret, as `GET /webhook/v1/secret` answers it.
 *
 * @typedef {{ id: string, name: string, appId: string, secret: string, default: boolean }} AppSecret
 */

/**
 * A request the fake received: `status` and `response` once it answered.
 *
 * @typedef {object} RecordedRequest
 * @property {string | undefined} method
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {import('node:http').IncomingHttpHeaders} headers authorization redacted
 * @property {unknown} body the parsed JSON (the text when it is not JSON)
 * @property {number | undefined} status
 * @property {unknown} [response]
 */

/**
 * A delivery the fake sent.
 *
 * @typedef {object} RecordedDelivery
 * @property {string} subscriptionId
 * @property {string} event
 * @property {string} url
 * @property {string} id
 * @property {number} attempt
 * @property {number} status 0: no answer
 * @property {string} [error]
 */

/**
 * How a delivery went: the URL's answer (status 0 and `error` when none came), and the exact
 * request.
 *
 * @typedef {object} DeliveryResult
 * @property {number} status
 * @property {string} body
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} [error]
 * @property {number} timeTaken ms
 * @property {string} id the event id
 * @property {{ url: string, body: Buffer }} request
 * @property {boolean} [filtered] not sent: the configuration's filters leave the event out (status 0)
 */

/**
 * How to send a delivery; `secret` signs it (default: the app's secret).
 *
 * @typedef {{ id?: string, attempt?: number, sentDate?: string, gzip?: boolean, secret?: string }} DeliverOptions
 */

/**
 * A running fake (startFakeEduzz).
 *
 * @typedef {object} FakeEduzz
 * @property {string} baseUrl
 * @property {{ subscriptions: Map<string, FakeSubscription> }} state
 * @property {RecordedRequest[]} requests every request, in order
 * @property {RecordedDelivery[]} deliveries every delivery, in order
 * @property {{ subscriptionId: string, event: string, id: string }[]} filtered events the filters kept back
 * @property {{ id: string, secret: string }} appSecret
 * @property {(subscriptionId: string, event: string, data?: unknown, opts?: DeliverOptions) => Promise<DeliveryResult>} deliver
 *   delivers `event` to a subscription; `data` defaults to the event's sample
 * @property {(token: string) => boolean} revokeToken
 * @property {(n: number) => void} setStrayRequests each later activation pings amid `n` unsigned requests
 * @property {number[]} strayResults the statuses the stray requests got
 * @property {(token: string, scopes: string[]) => void} setScopes
 * @property {() => Promise<void>} close
 */

/**
 * What a route's handler gets: the path's `:name` parameters and the parsed body.
 *
 * @typedef {{ params: Record<string, string>, body: unknown }} RouteRequest
 */

/** @typedef {[number, unknown?]} RouteAnswer [status, body (none: an empty answer)] */

/**
 * What startFakeEduzz takes (see there).
 *
 * @typedef {object} FakeEduzzOptions
 * @property {ReadonlyArray<string | { name: string }>} events
 * @property {Record<string, unknown>} [samples]
 * @property {Record<string, string[]>} [tokens]
 * @property {{ id?: string, secret?: string }} [appSecret]
 * @property {number} [pagedTotal]
 * @property {FakeMetadata} [metadata] where events carry their metadata (default: none known)
 * @property {number} [port]
 * @property {string} [host]
 * @property {(message: string) => void} [log]
 */

/** An error answered with Eduzz's error body `{ message, code, link, debug }` (+ `errors`). */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {string} code
	 * @param {{ debug?: Record<string, unknown>, errors?: FieldError[] }} [details]
	 */
	constructor(status, message, code, { debug = {}, errors } = {}) {
		super(message);
		this.status = status;
		/** @type {ErrorBody} */
		this.body = {
			message,
			code,
			link: 'https://developers.eduzz.com/docs/webhook',
			debug,
			...(errors ? { errors } : {}),
		};
	}
}
/**
 * `errors: [{ field, message, data }]`, as Eduzz lists what is wrong with a request.
 *
 * @param {FieldError[]} errors
 */
const invalid = (errors) => new ApiError(400, 'Validation failed', 'VALIDATION_ERROR', { errors });

/**
 * @param {unknown} body
 * @returns {Record<string, unknown>} the body, if it is a JSON object
 */
function object(body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new ApiError(400, 'The request body must be a JSON object', 'BAD_REQUEST');
	}
	return /** @type {Record<string, unknown>} */ (body);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>} the parsed JSON body, its text when it is not JSON, or undefined
 */
async function readJson(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text; // handlers refuse it as "not an object"; the log shows what arrived
	}
}

/** @type {(headers: import('node:http').IncomingHttpHeaders) => import('node:http').IncomingHttpHeaders} */
const redact = (headers) =>
	headers.authorization ? { ...headers, authorization: 'Bearer ***' } : { ...headers };

/**
 * Starts the fake on `port` (0: any free one). `tokens`: token → scopes. `samples`: event → the
 * `data` of its samples (default: Eduzz's examples). `appSecret`: `{ id, secret }` of the app.
 * `pagedTotal`: how many items the paginated answers of the rest of the API hold (eduzzPublicApi.js).
 * Resolves `{ baseUrl, state: { subscriptions }, requests, deliveries, appSecret, deliver(),
 * revokeToken(), setScopes(), close() }`; `requests` and `deliveries` record every call and delivery.
 *
 * @param {FakeEduzzOptions} options
 * @returns {Promise<FakeEduzz>}
 */
async function startFakeEduzz({
	events,
	samples = EXAMPLES,
	tokens = {},
	appSecret = {},
	pagedTotal,
	metadata,
	port = 0,
	host = '127.0.0.1',
	log = () => {},
}) {
	if (!Array.isArray(events) || events.length === 0) {
		throw new Error(
			'startFakeEduzz: pass `events`, the event definitions (or names) of nodes/shared/events',
		);
	}
	const known = new Set(events.map((event) => (typeof event === 'string' ? event : event.name)));
	/** @type {(name: unknown) => name is string} */
	const isKnown = (name) =>
		typeof name === 'string' && (known.has(name) || /^test\.[a-z0-9_]+$/.test(name));
	const scopes = new Map(Object.entries(tokens).map(([token, list]) => [token, new Set(list)]));
	const appId = crypto.randomUUID();
	/** @type {AppSecret} */
	const secret = {
		id: appSecret.id ?? eventId(),
		name: `APP: ${appId}`,
		appId,
		secret: appSecret.secret ?? `edzwgd_${crypto.randomBytes(36).toString('base64url')}`,
		default: false,
	};
	/** @type {FakeEduzz['state']} */
	const state = { subscriptions: new Map() };
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {RecordedDelivery[]} */
	const deliveries = [];
	let strays = 0;
	/** @type {Promise<void> | undefined} */
	let secretHeld;
	/** @type {number[]} */
	const strayResults = [];
	/** @type {Set<AbortController>} */
	const inFlight = new Set(); // AbortControllers of running deliveries, for close()
	/** @type {FakeEduzz['filtered']} */
	const filtered = [];

	/** @param {string} event the metadata keys `GET /webhook/v1/origin` lists for it */
	const metadataKeys = (event) => [
		...new Set([...(DOCUMENTED_METADATA[event] ?? []), ...(metadata?.metadataKeysOf(event) ?? [])]),
	];
	/** Eduzz's origin list: per product (event prefix), its events with their metadata keys. */
	function origins() {
		/** @type {Map<string, { id: string, name: string, prefix: string, events: { name: string, metadata: string[], description: string }[] }>} */
		const byPrefix = new Map();
		for (const event of events) {
			const name = typeof event === 'string' ? event : event.name;
			const prefix = name.slice(0, name.indexOf('.'));
			const origin = byPrefix.get(prefix) ?? {
				id: crypto.createHash('sha1').update(prefix).digest('hex').slice(0, 25),
				name: ORIGIN_NAMES[prefix] ?? prefix,
				prefix,
				events: [],
			};
			const description =
				typeof event !== 'string' && 'description' in event && typeof event.description === 'string'
					? event.description
					: name;
			origin.events.push({ name, metadata: metadataKeys(name), description });
			byPrefix.set(prefix, origin);
		}
		return [...byPrefix.values()];
	}
	/**
	 * Whether `sub`'s filters let `event` through: every filter whose metadata the event has must
	 * find one of the event's values in its `values`.
	 *
	 * @param {FakeSubscription} sub
	 * @param {string} event
	 * @param {unknown} data
	 */
	function passesFilters(sub, event, data) {
		if (!sub.filters?.length) return true;
		const keys = metadataKeys(event);
		const values = metadata?.metadataOf(event, data) ?? {};
		return sub.filters.every(
			(filter) =>
				!keys.includes(filter.metadata) ||
				!values[filter.metadata]?.length ||
				values[filter.metadata].some((value) => filter.values.includes(value)),
		);
	}

	/**
	 * Signs and sends one delivery as Eduzz does; never rejects (status 0: no answer).
	 *
	 * @param {FakeSubscription} sub
	 * @param {string} event
	 * @param {unknown} data
	 * @param {DeliverOptions} [options]
	 * @returns {Promise<DeliveryResult>}
	 */
	async function deliverTo(
		sub,
		event,
		data,
		{
			id = eventId(),
			attempt = 1,
			sentDate = new Date().toISOString(),
			gzip = false,
			secret: key = secret.secret,
		} = {},
	) {
		// Key order and compact JSON of Eduzz's examples; the signature covers these exact bytes.
		const bytes = Buffer.from(JSON.stringify({ id, event, sentDate, data }));
		if (!passesFilters(sub, event, data)) {
			filtered.push({ subscriptionId: sub.id, event, id });
			log(`delivery ${event} → ${sub.url}: not sent, the configuration's filters leave it out`);
			return {
				status: 0,
				body: '',
				headers: {},
				timeTaken: 0,
				id,
				request: { url: sub.url, body: bytes },
				filtered: true,
			};
		}
		const abort = new AbortController();
		inFlight.add(abort);
		const started = Date.now();
		/** @type {{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders, error?: string }} */
		let result;
		try {
			const res = await deliver(sub.url, bytes, {
				secret: key,
				subscriptionId: sub.id,
				event,
				attempt,
				gzip,
				signal: abort.signal,
			});
			result = { status: res.status, body: res.text, headers: res.headers };
		} catch (error) {
			result = { status: 0, body: '', headers: {}, error: error.message };
		} finally {
			inFlight.delete(abort);
		}
		const timeTaken = Date.now() - started;
		deliveries.push({
			subscriptionId: sub.id,
			event,
			url: sub.url,
			id,
			attempt,
			status: result.status,
			error: result.error,
		});
		log(`delivery ${event} → ${sub.url}: ${result.status || result.error} (${timeTaken} ms)`);
		return { ...result, timeTaken, id, request: { url: sub.url, body: bytes } };
	}

	/** @param {string} id a subscription's; 404 when there is none */
	function find(id) {
		const sub = state.subscriptions.get(id);
		if (!sub) throw new ApiError(404, `Subscription ${id} not found`, 'NOT_FOUND');
		return sub;
	}

	/**
	 * A create/update body; PUT replaces the whole configuration.
	 *
	 * @param {unknown} body
	 * @returns {Omit<FakeSubscription, 'id' | 'status'>}
	 */
	function validated(body) {
		const { name, url, events: wanted, secretId, filters = [] } = object(body);
		/** @type {FieldError[]} */
		const errors = [];
		if (typeof name !== 'string' || name.trim() === '')
			errors.push({ field: 'name', message: 'name is required', data: name });
		if (!/^https?:\/\/[^/]/.test(String(url)))
			errors.push({ field: 'url', message: 'url must be an http or https URL', data: url });
		if (!Array.isArray(wanted) || wanted.length === 0) {
			errors.push({
				field: 'events',
				message: 'events must be a non-empty array of { name }',
				data: wanted,
			});
		} else {
			// Eduzz's examples send `{ name }` objects: refusing bare strings keeps the node honest.
			wanted.forEach(
				(event, i) =>
					isKnown(event?.name) ||
					errors.push({ field: `events[${i}].name`, message: 'unknown event', data: event }),
			);
		}
		if (secretId !== undefined && secretId !== secret.id)
			errors.push({ field: 'secretId', message: 'secret not found', data: secretId });
		// Filters: `[{ metadata, values[] }]`; with `metadata`, each on a key the origin list gives one
		// of the events.
		const listed = new Set(
			(Array.isArray(wanted) ? wanted : []).flatMap((event) =>
				typeof event?.name === 'string' ? metadataKeys(event.name) : [],
			),
		);
		if (!Array.isArray(filters))
			errors.push({ field: 'filters', message: 'filters must be an array', data: filters });
		else
			filters.forEach((filter, i) => {
				if (
					typeof filter?.metadata !== 'string' ||
					!Array.isArray(filter.values) ||
					!filter.values.every((/** @type {unknown} */ value) => typeof value === 'string')
				)
					errors.push({
						field: `filters[${i}]`,
						message: 'a filter is { metadata: string, values: string[] }',
						data: filter,
					});
				else if (metadata && !listed.has(filter.metadata))
					errors.push({
						field: `filters[${i}].metadata`,
						message: 'no event of the configuration has this metadata',
						data: filter.metadata,
					});
			});
		// (The type checks again what `errors` already says.)
		if (
			errors.length > 0 ||
			typeof name !== 'string' ||
			typeof url !== 'string' ||
			!Array.isArray(wanted)
		)
			throw invalid(errors);
		/** @type {{ name: string }[]} each has a known name (checked above) */
		const named = wanted;
		return {
			name,
			url,
			events: [...new Set(named.map((event) => event.name))],
			secretId: secret.id,
			filters: /** @type {FakeFilter[]} */ (Array.isArray(filters) ? filters : []).map(
				(filter) => ({ metadata: filter.metadata, values: [...filter.values] }),
			),
		};
	}

	/** @param {FakeSubscription} sub */
	const view = (sub) => ({
		name: sub.name,
		url: sub.url,
		secretId: sub.secretId,
		events: sub.events.map((name) => ({ name, conditions: [] })),
		status: sub.status,
		id: sub.id,
	});
	/** @param {FakeSubscription} sub */
	const listView = (sub) => ({
		id: sub.id,
		secretId: sub.secretId,
		name: sub.name,
		status: sub.status,
		url: sub.url,
		events: [...sub.events],
	});

	/**
	 * Fault injection for `setStrayRequests(n)`: the activation ping reaches the URL while n unsigned
	 * requests that arrived just before it are still waiting for the app secret (GET
	 * /webhook/v1/secret answers only once the ping was sent, and 500 ms later or once the ping
	 * was answered, whichever comes first).
	 *
	 * @param {FakeSubscription} sub
	 */
	async function pingAmidStrays(sub) {
		/** @type {() => void} */
		let release = () => {};
		secretHeld = new Promise((resolve) => (release = resolve));
		const strayAnswers = Array.from({ length: strays }, () =>
			deliver(sub.url, Buffer.from('{"event":"stray"}'), { signature: null }).catch(
				(/** @type {Error} */ error) => ({ status: 0, text: error.message }),
			),
		);
		await waitFor('a GET /webhook/v1/secret while stray requests are in flight', async () =>
			requests.some((r) => r.path === '/webhook/v1/secret' && r.status === undefined)
				? true
				: undefined,
		);
		const ping = deliverTo(sub, PING_EVENT, {});
		await Promise.race([ping, new Promise((resolve) => setTimeout(resolve, 500))]);
		secretHeld = undefined;
		release();
		strayResults.push(...(await Promise.all(strayAnswers)).map((answer) => answer.status));
		return await ping;
	}

	/**
	 * @param {RouteRequest} request
	 * @returns {Promise<RouteAnswer>}
	 */
	async function changeStatus({ params, body }) {
		const sub = find(params.id);
		const { status } = object(body);
		if (status !== 'active' && status !== 'disabled') {
			throw invalid([
				{ field: 'status', message: "status must be 'active' or 'disabled'", data: status },
			]);
		}
		if (status === 'active') {
			const ping = await (strays > 0 ? pingAmidStrays(sub) : deliverTo(sub, PING_EVENT, {}));
			if (ping.status < 200 || ping.status > 299) {
				const answer = ping.status
					? `answered HTTP ${ping.status}`
					: `did not answer (${ping.error})`;
				throw new ApiError(
					400,
					`Webhook URL ${sub.url} ${answer} to the test event; it must answer 2xx to be activated`,
					'WEBHOOK_URL_VERIFICATION_FAILED',
					{
						debug: { url: sub.url, statusCode: ping.status, body: ping.body.slice(0, 500) },
					},
				);
			}
		}
		sub.status = status;
		return [200, view(sub)];
	}

	/**
	 * @param {RouteRequest} request
	 * @returns {Promise<RouteAnswer>}
	 */
	async function sample({ body }) {
		const { subscriptionId, event } = object(body);
		/** @type {FieldError[]} */
		const errors = [];
		if (typeof subscriptionId !== 'string' || subscriptionId === '')
			errors.push({
				field: 'subscriptionId',
				message: 'subscriptionId is required',
				data: subscriptionId,
			});
		if (!isKnown(event)) errors.push({ field: 'event', message: 'unknown event', data: event });
		// (The type checks again what `errors` already says.)
		if (errors.length > 0 || typeof subscriptionId !== 'string' || !isKnown(event))
			throw invalid(errors);
		const result = await deliverTo(
			find(subscriptionId),
			event,
			structuredClone(samples[event] ?? {}),
		);
		// The configuration's filters leave the sample out: nothing was sent, nothing to relay.
		if (result.filtered) return [200, { statusCode: null, body: null, timeTaken: 0 }];
		// Eduzz relays the URL's answer: 200 after a 2xx, the URL's own 4xx/5xx, 400 for no answer.
		const status =
			result.status >= 200 && result.status < 300
				? 200
				: result.status >= 400
					? result.status
					: 400;
		return [status, { statusCode: result.status, body: result.body, timeTaken: result.timeTaken }];
	}

	/**
	 * [method, path (`:name` = a parameter), scope (null: any valid token), handler → [status, body]]
	 *
	 * @type {[string, string, string | null, (request: RouteRequest) => RouteAnswer | Promise<RouteAnswer>][]}
	 */
	const table = [
		[
			'GET',
			'/accounts/v1/me',
			null,
			() => [
				200,
				{
					id: 'dcc44cb7-30c8-46ef-b35b-ffacf8cc61d1',
					name: 'Fulano da Silva',
					email: 'fulano.silva@example.com',
				},
			],
		],
		[
			'GET',
			'/webhook/v1/secret',
			READ,
			async () => {
				await secretHeld;
				return [200, { ...secret }];
			},
		],
		[
			'GET',
			'/webhook/v1/subscription',
			READ,
			() => [200, [...state.subscriptions.values()].map(listView)],
		],
		[
			'POST',
			'/webhook/v1/subscription',
			WRITE,
			({ body }) => {
				/** @type {FakeSubscription} */
				const sub = { id: eventId(), ...validated(body), status: 'disabled' };
				state.subscriptions.set(sub.id, sub);
				return [200, view(sub)];
			},
		],
		['POST', '/webhook/v1/subscription/sample', READ, sample],
		[
			'PUT',
			'/webhook/v1/subscription/:id',
			WRITE,
			({ params, body }) => {
				const sub = find(params.id);
				return [200, view(Object.assign(sub, validated(body), { status: 'disabled' }))];
			},
		],
		[
			'DELETE',
			'/webhook/v1/subscription/:id',
			WRITE,
			({ params }) => {
				state.subscriptions.delete(find(params.id).id);
				return [204];
			},
		],
		['POST', '/webhook/v1/subscription/:id/status', WRITE, changeStatus],
	];
	// Without `metadata`, Eduzz's own example answers it (tooling/eduzzPublicApi.js).
	if (metadata) table.push(['GET', '/webhook/v1/origin', null, () => [200, origins()]]);
	const routes = table.map(([method, pattern, scope, handler]) => ({
		method,
		scope,
		handler,
		regex: new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
	}));

	/**
	 * The token's scopes; 401 without a valid token, 403 without `scope`.
	 *
	 * @param {string | undefined} authorization
	 * @param {string | null | undefined} scope
	 */
	function authorize(authorization, scope) {
		const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
		if (!token) throw new ApiError(401, 'Missing access token', 'UNAUTHORIZED');
		const granted = scopes.get(token);
		if (!granted) throw new ApiError(401, 'Invalid or revoked access token', 'UNAUTHORIZED');
		if (scope && !granted.has(scope)) {
			throw new ApiError(403, `The access token lacks the required scope: ${scope}`, 'FORBIDDEN', {
				debug: { requiredScope: scope },
			});
		}
		return granted;
	}

	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {string} code
	 * @param {FieldError[]} [errors]
	 * @param {Record<string, unknown>} [debug]
	 */
	const fail = (status, message, code, errors, debug) =>
		new ApiError(status, message, code, { errors, debug });

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		const { pathname } = url;
		const query = Object.fromEntries(url.searchParams);
		/** @type {RecordedRequest} */
		const entry = {
			method: req.method,
			path: pathname,
			query,
			headers: redact(req.headers),
			body: undefined,
			status: undefined,
		};
		requests.push(entry);
		/** @type {number} */
		let status;
		/** @type {unknown} */
		let body;
		try {
			entry.body = await readJson(req);
			/** @type {RegExpExecArray | null} */
			let match = null;
			const route = routes.find((r) => r.method === req.method && (match = r.regex.exec(pathname)));
			// The rest of Eduzz's API, for the Eduzz node (tooling/eduzzPublicApi.js).
			const operation = route ? undefined : publicApi.findOperation(req.method ?? '', pathname);
			// Unknown paths answer 404 before any auth, so a wrong base URL is obvious.
			if (!route && !operation)
				throw new ApiError(404, `Cannot ${req.method} ${pathname}`, 'NOT_FOUND');
			const granted = authorize(req.headers.authorization, route?.scope);
			if (route) {
				const params = /** @type {RegExpExecArray | null} */ (match)?.groups ?? {};
				[status, body] = await route.handler({ params, body: entry.body });
			} else
				// No route: the 404 above left an operation.
				({ status, body } = publicApi.answerOperation(
					/** @type {import('./eduzzPublicApi').FoundOperation} */ (operation),
					{
						query,
						body: entry.body,
						scopes: granted,
						fail,
						pagedTotal,
					},
				));
		} catch (/** @type {unknown} */ error) {
			[status, body] =
				error instanceof ApiError
					? [error.status, error.body]
					: [
							500,
							new ApiError(500, String(/** @type {Error} */ (error).message), 'INTERNAL_ERROR')
								.body,
						];
		}
		Object.assign(entry, { status, response: body });
		log(`${req.method} ${pathname} → ${status}`);
		if (res.destroyed) return;
		if (body === undefined) res.writeHead(status).end();
		else
			res
				.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
				.end(JSON.stringify(body));
	});
	await /** @type {Promise<void>} */ (
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, resolve);
		})
	);

	/** @type {Promise<void> | undefined} */
	let closing;
	return {
		baseUrl: `http://${host}:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
		state,
		requests,
		deliveries,
		filtered,
		appSecret: { id: secret.id, secret: secret.secret },
		deliver(subscriptionId, event, data, opts) {
			const sub = state.subscriptions.get(subscriptionId);
			if (!sub)
				return Promise.reject(new Error(`fake Eduzz: unknown subscription ${subscriptionId}`));
			return deliverTo(
				sub,
				event,
				data === undefined ? structuredClone(samples[event] ?? {}) : data,
				opts,
			);
		},
		revokeToken: (token) => scopes.delete(token),
		// Each later activation pings amid `n` unsigned requests (see pingAmidStrays); their
		// statuses land in `strayResults`.
		setStrayRequests(n) {
			strays = n;
		},
		strayResults,
		setScopes: (token, list) => scopes.set(token, new Set(list)),
		// Stops listening, aborts running deliveries and drops every connection.
		close() {
			closing ??= new Promise((resolve) => {
				server.close(() => resolve());
				for (const abort of inFlight) abort.abort();
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

/**
 * `startFakeEduzz` with `events` given, for test files that start one fake per test.
 *
 * @param {FakeEduzzOptions['events']} events
 * @returns {(options?: Omit<FakeEduzzOptions, 'events'>) => Promise<FakeEduzz>}
 */
const withEvents = (events) => (options) => startFakeEduzz({ events, ...options });

module.exports = { startFakeEduzz, withEvents };
