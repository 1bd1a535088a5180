'use strict';
/**
 * A fake api.eduzz.com: a real HTTP server for tests and local development, because the real API
 * cannot be reached from here (and should not be hammered by test runs anyway).
 *
 * It implements the webhook-management API of Eduzz's webhook API reference (developers.eduzz.com/reference/api) with the response shapes of Eduzz's
 * OpenAPI examples, and it delivers events exactly as Eduzz does: POST, Eduzz's headers,
 * `x-signature` = lowercase hex HMAC-SHA256 of the exact body bytes. Activating a subscription pings
 * its URL first, like Eduzz, so a trigger under test has to answer that ping.
 *
 * Where Eduzz's material says nothing (error codes, how the ping looks, how delete-by-URL takes the
 * URL) the choice is marked "assumed" below.
 *
 * Library use:  const { startFakeEduzz } = require('./fakeEduzz');
 * CLI use:      node test/support/fakeEduzz.js --port 5680 --token dev-token   (see usage())
 *
 * Only Node built-ins (http/https for both directions, crypto for ids and HMAC, zlib for gzip).
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const zlib = require('node:zlib');

/** The 63 event names of Eduzz's OpenAPI `webhooks` section with their console labels. */
const EVENTS = [
	['alpaclass.student_certificate_accessed', 'Aluno acessou o certificado'],
	['alpaclass.student_comment_created', 'Aluno comentou em uma aula'],
	['alpaclass.student_lesson_unmarked_as_favorite', 'Aluno desfavoritou a aula'],
	['alpaclass.student_lesson_unfinished', 'Aluno desmarcou a aula como concluída'],
	['alpaclass.student_course_unfinished', 'Aluno desmarcou a finalização do curso'],
	['alpaclass.student_module_unfinished', 'Aluno desmarcou um módulo como finalizado'],
	['alpaclass.student_lesson_marked_as_favorite', 'Aluno favoritou a aula'],
	['alpaclass.student_course_finished', 'Aluno finalizou o curso'],
	['alpaclass.student_module_finished', 'Aluno finalizou um módulo'],
	['alpaclass.student_created', 'Aluno foi cadastrado na escola'],
	['alpaclass.student_lesson_finished', 'Aluno marcou a aula como concluída'],
	['alpaclass.student_lesson_last_seen', 'Último acesso do aluno na aula'],
	['alpaclass.student_course_last_seen', 'Último acesso do aluno no curso'],
	['blinket.ticket_edited', 'Ingresso editado'],
	['blinket.attendance_checkin', 'Check-in'],
	['blinket.attendance_canceled', 'Ingresso Cancelado'],
	['blinket.attendances_printed', 'Ingresso impresso'],
	['blinket.attendance_tag_changed', 'Marcador Alterado'],
	['blinket.attendance_added', 'Participante Adicionado'],
	['blinket.attendance_assigned', 'Participante Atribuído'],
	['blinket.attendance_edited', 'Participante Editado'],
	['myeduzz.contract_updated', 'Contrato Atualizado'],
	['myeduzz.contract_created', 'Contrato Criado'],
	['myeduzz.contract_bankslip_attempted', 'Tentativa de cobrança via Boleto Bancário'],
	['myeduzz.contract_card_attempted', 'Tentativa de cobrança via Cartão (Débito ou Crédito)'],
	['myeduzz.contract_pix_attempted', 'Tentativa de cobrança via Pix'],
	['myeduzz.contract_eduzz_balance_attempted', 'Tentativa de cobrança via Saldo Eduzz'],
	['myeduzz.commission_processed', 'Comissão Processada'],
	['myeduzz.invoice_opened', 'Aberta'],
	['myeduzz.invoice_scheduled', 'Agendada'],
	['myeduzz.invoice_waiting_payment', 'Aguardando pagamento'],
	['myeduzz.invoice_waiting_refund', 'Aguardando reembolso'],
	['myeduzz.invoice_canceled', 'Cancelada'],
	['myeduzz.invoice_chargeback', 'Chargeback'],
	['myeduzz.invoice_recovering', 'Em recuperação'],
	['myeduzz.invoice_expired', 'Expirada'],
	['myeduzz.invoice_negotiated', 'Negociada'],
	['myeduzz.invoice_paid', 'Paga'],
	['myeduzz.invoice_refunded', 'Reembolsada'],
	['nutror.inactive_student', 'Aluno Inativo'],
	['nutror.notation_created', 'Anotação Criada'],
	['nutror.file_downloaded', 'Arquivo Baixado'],
	['nutror.enrollment_created', 'Matrícula Criada'],
	['nutror.lesson_rated', 'Aula Avaliada'],
	['nutror.lesson_watched', 'Aula Finalizada'],
	['nutror.lesson_started', 'Aula Iniciada'],
	['nutror.lesson_saved', 'Aula Salva'],
	['nutror.comment_created', 'Comentário Criado'],
	['nutror.comment_deleted', 'Comentário Excluído'],
	['nutror.comment_replied', 'Comentário Respondido'],
	['nutror.module_completed', 'Módulo Finalizado'],
	['nutror.learner_help', 'Aluno Solicitou Ajuda'],
	['nutror.certificate_viewed', 'Certificado Visualizado'],
	['nutror.community_viewed', 'Comunidade Visualizada'],
	['safevideo.encoder_error', 'Processamento com erro'],
	['safevideo.encoder_waiting', 'Processamento esperando início'],
	['safevideo.encoder_finished', 'Processamento finalizado'],
	['safevideo.encoder_started', 'Processamento iniciado'],
	['safevideo.upload_error', 'Erro no upload'],
	['safevideo.upload_canceled', 'Upload cancelado'],
	['safevideo.upload_finished', 'Upload finalizado'],
	['safevideo.upload_started', 'Upload iniciado'],
	['sun.cart_abandonment', 'Carrinho Abandonado'],
];
const EVENT_NAMES = new Set(EVENTS.map(([name]) => name));

/** Origin display names by prefix. */
const ORIGIN_NAMES = {
	alpaclass: 'AlpaClass',
	blinket: 'Blinket',
	myeduzz: 'MyEduzz',
	nutror: 'Nutror',
	safevideo: 'SafeVideo',
	sun: 'Sun',
};
/** Ids Eduzz's `GET /webhook/v1/origin` example shows; the others are derived from the prefix. */
const ORIGIN_IDS = { nutror: 'guab3fmaixba8twqr7mrezg6u', blinket: 'p3lxcu1yfbtzh7qsa8bbwrn9q' };
/** Filter metadata keys Eduzz documents (same example); unknown for every other event, so `[]`. */
const EVENT_METADATA = {
	'nutror.lesson_rated': ['producerId', 'learnerEmail', 'lessonId', 'courseId'],
	'nutror.lesson_watched': ['producerId', 'learnerEmail', 'lessonId', 'courseId'],
	'blinket.attendance_added': ['eventId', 'email', 'name', 'batchId'],
	'blinket.attendance_assigned': ['eventId', 'name', 'email'],
};

/** Built-in sample `data`: the focus event and the origin-sample example. */
const BUILTIN_SAMPLES = {
	'alpaclass.student_module_unfinished': {
		student: {
			id: '457391c9c82bfdcbb4947278c0401e41',
			name: 'Fulano da Silva',
			email: 'fulano.s@gmail.com',
		},
		module: { id: '22884db148f0ffb0d830ba431102b0b5', name: 'Módulo 1' },
		course: {
			id: '046d47672cf6212d201d6e8b0c191e73',
			name: 'Princípios da Programação Orientada a Objetos',
		},
		team: { id: '16943848cc6495142a8e3011d0173252', name: 'Escola de Beltrano' },
	},
	'nutror.lesson_watched': {
		producer: { email: 'fulano@eduzz.com', name: 'Fulano da Silva' },
		learner: { email: 'learner@eduzz.com', name: 'Ciclano da Silva' },
		createdAt: '2023-09-25T19:18:29Z',
		course: { hash: '4bba1d18c02755a13ee97521ae61958c3cf9e665', title: 'Título do Curso' },
		lesson: { id: '3866', title: 'Título da Aula' },
	},
};

const SCOPE_READ = 'webhook_read';
const SCOPE_WRITE = 'webhook_write';
/** Assumed: Eduzz's generic error body has a `link`; its value for these errors is not documented. */
const ERROR_LINK = 'https://developers.eduzz.com/docs/api/response';
/** Largest API request body the fake reads; the API bodies are a few hundred bytes. */
const MAX_REQUEST_BYTES = 1024 * 1024;
/** Largest target answer kept from a delivery (Eduzz shows the answer in its history UI). */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** The part of a failed ping's answer quoted in the activation error. */
const ERROR_BODY_EXCERPT = 500;

/** Eduzz ids look like `yaeung4oaxt25pi0bzzycoezf`: 25 lowercase alphanumerics. */
function newId(length = 25) {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	let id = '';
	for (let i = 0; i < length; i++) id += alphabet[crypto.randomInt(alphabet.length)];
	return id;
}

/** What Eduzz puts in `x-signature`: hex HMAC-SHA256 of the exact bytes, secret used as UTF-8 key. */
function signBody(body, secret) {
	return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

/** App secrets look like `edzwgd_T9fKNbk0MG6jNRFUcyIcjknSCd6K0M7Z4xbojWnoj8xPQeWKuX`. */
function newAppSecretValue() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let value = 'edzwgd_';
	for (let i = 0; i < 50; i++) value += alphabet[crypto.randomInt(alphabet.length)];
	return value;
}

function originId(prefix) {
	if (ORIGIN_IDS[prefix]) return ORIGIN_IDS[prefix];
	// Stable across runs so a dev tool can keep an origin id; base36 of a hash, 25 chars like Eduzz's.
	const digits = BigInt('0x' + crypto.createHash('sha256').update(prefix).digest('hex'));
	return digits.toString(36).slice(0, 25);
}

function buildOrigins() {
	const byPrefix = new Map();
	for (const [name, description] of EVENTS) {
		const prefix = name.slice(0, name.indexOf('.'));
		if (!byPrefix.has(prefix)) {
			byPrefix.set(prefix, {
				id: originId(prefix),
				name: ORIGIN_NAMES[prefix] || prefix,
				prefix,
				events: [],
			});
		}
		byPrefix.get(prefix).events.push({
			name,
			metadata: [...(EVENT_METADATA[name] || [])],
			description,
		});
	}
	return [...byPrefix.values()];
}

function errorBody(message, code, debug = {}, errors) {
	const body = { message, code, link: ERROR_LINK, debug };
	if (errors) body.errors = errors;
	return body;
}

/** Thrown inside handlers to answer with Eduzz's error shape. */
class ApiError extends Error {
	constructor(status, message, code, { debug, errors } = {}) {
		super(message);
		this.status = status;
		this.body = errorBody(message, code, debug || {}, errors);
	}
}

function validationError(message, errors) {
	// Create answers 400 on bad input; Eduzz adds `errors: [{ field, message, data }]` for validation errors.
	return new ApiError(400, message, 'VALIDATION_ERROR', { errors });
}

function redactHeaders(headers) {
	const copy = { ...headers };
	if (copy.authorization !== undefined) {
		copy.authorization = /^bearer\s/i.test(String(copy.authorization)) ? 'Bearer ***' : '***';
	}
	return copy;
}

function readBody(stream, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		// Past the limit the rest is drained and dropped, so a 413 can still be answered.
		stream.on('data', (chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		stream.on('end', () => {
			if (size > limit) {
				reject(new ApiError(413, `Request body larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE'));
			} else {
				resolve(Buffer.concat(chunks));
			}
		});
		stream.on('error', reject);
	});
}

function decodeResponse(buffer, encoding) {
	try {
		switch (String(encoding || '').toLowerCase()) {
			case 'gzip':
			case 'x-gzip':
				return zlib.gunzipSync(buffer);
			case 'deflate':
				return zlib.inflateSync(buffer);
			case 'br':
				return zlib.brotliDecompressSync(buffer);
			default:
				return buffer;
		}
	} catch {
		return buffer; // Eduzz would show garbage too; keep what arrived.
	}
}

/** Subscription as create/update/status answer it: `events` as `{ name, conditions }`. */
function subscriptionView(sub) {
	return {
		name: sub.name,
		url: sub.url,
		secretId: sub.secretId,
		events: sub.events.map((name) => ({ name, conditions: [] })),
		status: sub.status,
		id: sub.id,
	};
}

/** Subscription as the list answers it: `events` as strings. */
function subscriptionListView(sub) {
	return {
		id: sub.id,
		secretId: sub.secretId,
		name: sub.name,
		status: sub.status,
		url: sub.url,
		events: [...sub.events],
	};
}

/**
 * Starts the fake. Resolves once it listens.
 *
 * @param {object} [options]
 * @param {number} [options.port=0] 0 = any free port.
 * @param {string} [options.host='127.0.0.1']
 * @param {Record<string, string[]>} [options.tokens] bearer token → scopes. Default: one random
 *   token with both webhook scopes (read it from `handle.tokens`).
 * @param {{ id?: string, secret?: string, appId?: string }} [options.appSecret] the app's signing
 *   secret (`GET /webhook/v1/secret`); missing parts are generated.
 * @param {{ id?: string, name?: string, email?: string }} [options.account] `GET /accounts/v1/me`.
 * @param {Record<string, object>} [options.samples] event name → sample `data`, merged over the
 *   built-in ones; their names also count as known events.
 * @param {string} [options.pingEvent='test.event_one'] event of the activation ping (assumed).
 * @param {number} [options.deliveryTimeoutMs=10000] bound on every outgoing delivery.
 * @param {200|201} [options.createStatus=200] OpenAPI says 200, the reference page 201.
 * @param {boolean} [options.controlApi=false] enables `/__fake/*` (dev tooling, not Eduzz's API).
 * @param {(message: string) => void} [options.log]
 */
async function startFakeEduzz(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		pingEvent = 'test.event_one',
		deliveryTimeoutMs = 10000,
		createStatus = 200,
		controlApi = false,
		log = () => {},
	} = options;

	const tokens = new Map();
	const initialTokens = options.tokens || { [`fake-${newId(20)}`]: [SCOPE_READ, SCOPE_WRITE] };
	for (const [token, scopes] of Object.entries(initialTokens)) tokens.set(token, new Set(scopes));

	const appId = (options.appSecret && options.appSecret.appId) || crypto.randomUUID();
	const appSecret = {
		id: (options.appSecret && options.appSecret.id) || newId(),
		name: `APP: ${appId}`,
		appId,
		secret: (options.appSecret && options.appSecret.secret) || newAppSecretValue(),
		default: false,
	};

	const samples = { ...BUILTIN_SAMPLES, ...(options.samples || {}) };
	const origins = buildOrigins();

	/**
	 * Mutable on purpose: tests may seed subscriptions made "in the console" (any secretId present in
	 * `secrets`) or add secrets. Subscriptions are stored with `events` as plain names.
	 */
	const state = {
		subscriptions: new Map(),
		secrets: new Map([[appSecret.id, appSecret.secret]]),
		appSecret,
		account: {
			id: 'dcc44cb7-30c8-46ef-b35b-ffacf8cc61d1',
			name: 'Fulano da Silva',
			email: 'fulano.silva@example.com',
			...(options.account || {}),
		},
	};
	/** Every API call, in arrival order; `status`/`response` are filled when the answer is sent. */
	const requests = [];
	/** Every delivery sent (API-triggered or via `deliver`), for tests that count pings. */
	const deliveries = [];

	const sockets = new Set(); // inbound API connections, destroyed by close()
	const outgoing = new Set(); // in-flight deliveries, aborted by close()
	let closing = null;

	function isKnownEvent(name) {
		return EVENT_NAMES.has(name) || Object.hasOwn(samples, name) || /^test\.[a-z0-9_]+$/.test(name);
	}

	function sampleData(event) {
		return Object.hasOwn(samples, event) ? structuredClone(samples[event]) : {};
	}

	function secretFor(sub) {
		const secret = state.secrets.get(sub.secretId);
		if (secret === undefined) {
			throw new Error(`fake Eduzz: no secret with id ${sub.secretId} (add it to state.secrets)`);
		}
		return secret;
	}

	/**
	 * POSTs exact bytes and collects the answer. Never rejects: a connection error or timeout gives
	 * status 0, which is how Eduzz's history shows "0 - Status Desconhecido".
	 */
	function post(url, body, headers) {
		const started = Date.now();
		return new Promise((resolve) => {
			let target;
			try {
				target = new URL(url);
			} catch {
				resolve({ status: 0, body: '', headers: {}, timeTaken: 0, error: `invalid URL ${url}` });
				return;
			}
			const transport = target.protocol === 'https:' ? https : http;
			let settled = false;
			let req;
			const finish = (result) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				outgoing.delete(req);
				resolve({ ...result, timeTaken: Date.now() - started });
			};
			const fail = (error) => {
				if (settled) return;
				if (req) req.destroy();
				finish({ status: 0, body: '', headers: {}, error });
			};
			// One deadline for connect + answer + body, so a stalled receiver cannot hang a test.
			const timer = setTimeout(
				() => fail(`no answer within ${deliveryTimeoutMs} ms`),
				deliveryTimeoutMs,
			);
			try {
				req = transport.request(target, {
					method: 'POST',
					headers: { 'content-length': String(body.length), ...headers },
					agent: false, // no keep-alive pool: nothing outlives the delivery
				});
			} catch (error) {
				fail(String(error && error.message));
				return;
			}
			outgoing.add(req);
			req.on('error', (error) => fail(error.code || error.message));
			let answered = false;
			// close() destroys the request without an error; this settles it as "no answer". Once a
			// response exists its own events decide: its 'end' may come after the request's 'close'.
			req.on('close', () => {
				if (!answered) fail('connection closed before an answer');
			});
			req.on('response', (res) => {
				answered = true;
				res.on('close', () => fail('connection closed during the answer'));
				const chunks = [];
				let size = 0;
				res.on('data', (chunk) => {
					size += chunk.length;
					if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
				});
				res.on('error', (error) => fail(error.code || error.message));
				res.on('end', () => {
					const raw = decodeResponse(Buffer.concat(chunks), res.headers['content-encoding']);
					finish({ status: res.statusCode, body: raw.toString('utf8'), headers: res.headers });
					req.destroy();
				});
			});
			req.end(body);
		});
	}

	/** Builds, signs and sends one delivery to `sub.url` the way Eduzz does. */
	async function deliverTo(sub, event, data, opts = {}) {
		const id = opts.id || newId();
		const attempt = opts.attempt === undefined ? 1 : opts.attempt;
		let bytes;
		if (opts.rawBody !== undefined) {
			bytes = Buffer.isBuffer(opts.rawBody)
				? opts.rawBody
				: Buffer.from(String(opts.rawBody), 'utf8');
		} else {
			// Key order and compact JSON as in Eduzz's examples; the signature covers these exact bytes.
			const sentDate = opts.sentDate || new Date().toISOString();
			bytes = Buffer.from(JSON.stringify({ id, event, sentDate, data }), 'utf8');
		}
		const signature =
			opts.signature !== undefined
				? opts.signature
				: signBody(bytes, opts.secret ?? secretFor(sub));

		// Header set of a real delivery; the sec-fetch/accept-language pair comes from the
		// fetch client Eduzz apparently uses.
		const headers = {
			connection: 'close',
			'accept-encoding': 'br, gzip, deflate',
			'sec-fetch-mode': 'cors',
			'accept-language': '*',
			accept: '*/*',
			'user-agent': 'Eduzz Webhook',
			'x-subscription': `${sub.id}:${event}`,
			'x-delivery-attempt': String(attempt),
			'x-signature': signature,
			'content-type': 'application/json',
		};
		let wire = bytes;
		if (opts.gzip) {
			wire = zlib.gzipSync(bytes);
			headers['content-encoding'] = 'gzip';
		}
		for (const [name, value] of Object.entries(opts.headers || {})) {
			if (value === null || value === undefined) delete headers[name.toLowerCase()];
			else headers[name.toLowerCase()] = String(value);
		}

		const result = await post(sub.url, wire, headers);
		deliveries.push({
			subscriptionId: sub.id,
			event,
			url: sub.url,
			id,
			attempt,
			status: result.status,
			timeTaken: result.timeTaken,
			error: result.error,
		});
		log(
			`delivery ${event} → ${sub.url}: ${result.status || result.error} (${result.timeTaken} ms)`,
		);
		return { ...result, id, request: { url: sub.url, headers, body: bytes } };
	}

	function findSubscription(id) {
		const sub = state.subscriptions.get(id);
		if (!sub) throw new ApiError(404, `Subscription ${id} not found`, 'NOT_FOUND');
		return sub;
	}

	function requireObject(body) {
		if (body === null || typeof body !== 'object' || Array.isArray(body)) {
			throw new ApiError(400, 'The request body must be a JSON object', 'BAD_REQUEST');
		}
		return body;
	}

	/** Validates a create/update body. PUT is treated as a full replacement (assumed). */
	function validateSubscriptionBody(body) {
		requireObject(body);
		const errors = [];
		const { name, url, events, secretId, filters } = body;
		if (typeof name !== 'string' || name.trim() === '') {
			errors.push({ field: 'name', message: 'name is required', data: name });
		}
		let parsedUrl = null;
		try {
			parsedUrl = typeof url === 'string' ? new URL(url) : null;
		} catch {
			parsedUrl = null;
		}
		if (!parsedUrl || (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:')) {
			errors.push({ field: 'url', message: 'url must be an http or https URL', data: url });
		}
		const eventNames = [];
		if (!Array.isArray(events) || events.length === 0) {
			errors.push({
				field: 'events',
				message: 'events must be a non-empty array of { name }',
				data: events,
			});
		} else {
			events.forEach((event, index) => {
				// Every Eduzz example sends objects; plain strings are refused so the node cannot rely on
				// the reference page's "array of string".
				const eventName = event && typeof event === 'object' ? event.name : undefined;
				if (typeof eventName !== 'string' || !isKnownEvent(eventName)) {
					errors.push({ field: `events[${index}].name`, message: 'unknown event', data: event });
				} else if (!eventNames.includes(eventName)) {
					eventNames.push(eventName);
				}
			});
		}
		if (secretId !== undefined && !state.secrets.has(secretId)) {
			errors.push({ field: 'secretId', message: 'secret not found', data: secretId });
		}
		if (filters !== undefined) {
			const valid =
				Array.isArray(filters) &&
				filters.every(
					(filter) =>
						filter &&
						typeof filter.metadata === 'string' &&
						Array.isArray(filter.values) &&
						filter.values.every((value) => typeof value === 'string'),
				);
			if (!valid) {
				errors.push({
					field: 'filters',
					message: 'filters must be [{ metadata, values: [string] }]',
					data: filters,
				});
			}
		}
		if (errors.length > 0) throw validationError('Validation failed', errors);
		return { name, url, events: eventNames, secretId, filters: filters || [] };
	}

	// ---- route handlers: (ctx) → { status, body } ------------------------------------------------

	function getMe() {
		return { status: 200, body: { ...state.account } };
	}

	function getSecret() {
		return { status: 200, body: { ...appSecret } };
	}

	function listSubscriptions() {
		// The two unnamed query params of the spec are accepted and ignored.
		return { status: 200, body: [...state.subscriptions.values()].map(subscriptionListView) };
	}

	function createSubscription({ body }) {
		const fields = validateSubscriptionBody(body);
		let id;
		do id = newId();
		while (state.subscriptions.has(id));
		const sub = {
			id,
			name: fields.name,
			url: fields.url,
			// Subscriptions created by an app are signed with the app secret.
			secretId: fields.secretId || appSecret.id,
			events: fields.events,
			filters: fields.filters,
			status: 'disabled', // Eduzz creates configurations disabled, must be activated
		};
		state.subscriptions.set(id, sub);
		return { status: createStatus, body: subscriptionView(sub) };
	}

	function updateSubscription({ params, body }) {
		const sub = findSubscription(params.id);
		const fields = validateSubscriptionBody(body);
		Object.assign(sub, {
			name: fields.name,
			url: fields.url,
			secretId: fields.secretId || sub.secretId,
			events: fields.events,
			filters: fields.filters,
			status: 'disabled', // Eduzz's PUT example answers "disabled"
		});
		return { status: 200, body: subscriptionView(sub) };
	}

	function deleteSubscription({ params }) {
		findSubscription(params.id);
		state.subscriptions.delete(params.id);
		return { status: 204 };
	}

	function deleteSubscriptionsByUrl({ query, body }) {
		// How Eduzz takes the URL is undocumented: accept `?url=` and `{ "url" }`.
		const url = query.url || (body && typeof body === 'object' ? body.url : undefined);
		if (typeof url !== 'string' || url === '') {
			throw validationError('url is required', [
				{ field: 'url', message: 'url is required', data: url },
			]);
		}
		const matches = [...state.subscriptions.values()].filter((sub) => sub.url === url);
		if (matches.length === 0) {
			throw new ApiError(404, `No subscription with url ${url}`, 'NOT_FOUND');
		}
		for (const sub of matches) state.subscriptions.delete(sub.id);
		return { status: 204 };
	}

	async function changeStatus({ params, body }) {
		const sub = findSubscription(params.id);
		requireObject(body);
		const { status } = body;
		if (status !== 'active' && status !== 'disabled') {
			throw validationError('Validation failed', [
				{ field: 'status', message: "status must be 'active' or 'disabled'", data: status },
			]);
		}
		if (status === 'active') {
			// Activation pings the URL and needs a 2xx; the ping's exact shape is
			// unpublished, so it is a normal signed envelope of `pingEvent` with empty data (assumed).
			const ping = await deliverTo(sub, pingEvent, {});
			if (ping.status < 200 || ping.status > 299) {
				const answer = ping.status
					? `answered HTTP ${ping.status}`
					: `did not answer (0 - Status Desconhecido: ${ping.error})`;
				throw new ApiError(
					400,
					`Webhook URL ${sub.url} ${answer} to the verification event; it must answer 2xx to be activated`,
					'WEBHOOK_URL_VERIFICATION_FAILED',
					{
						debug: {
							url: sub.url,
							statusCode: ping.status,
							body: ping.body.slice(0, ERROR_BODY_EXCERPT),
							timeTaken: ping.timeTaken,
						},
					},
				);
			}
		}
		sub.status = status;
		return { status: 200, body: subscriptionView(sub) };
	}

	async function requestSample({ body }) {
		requireObject(body);
		const { subscriptionId, event } = body;
		const errors = [];
		if (typeof subscriptionId !== 'string' || subscriptionId === '') {
			errors.push({
				field: 'subscriptionId',
				message: 'subscriptionId is required',
				data: subscriptionId,
			});
		}
		if (typeof event !== 'string' || !isKnownEvent(event)) {
			errors.push({ field: 'event', message: 'unknown event', data: event });
		}
		if (errors.length > 0) throw validationError('Validation failed', errors);
		const sub = findSubscription(subscriptionId);
		const result = await deliverTo(sub, event, sampleData(event));
		// Eduzz relays the target's answer, with Eduzz's own status following it (200, or 404 when the
		// target said 404). Assumed for the rest: other 4xx/5xx mirrored, no answer/1xx/3xx → 400.
		let status = 400;
		if (result.status >= 200 && result.status <= 299) status = 200;
		else if (result.status >= 400 && result.status <= 599) status = result.status;
		return {
			status,
			body: { statusCode: result.status, body: result.body, timeTaken: result.timeTaken },
		};
	}

	function listOrigins() {
		return { status: 200, body: structuredClone(origins) };
	}

	function originSample({ params }) {
		if (!isKnownEvent(params.event)) {
			throw new ApiError(404, `Event ${params.event} not found`, 'NOT_FOUND');
		}
		// Key order of Eduzz's example.
		const body = {
			id: newId(),
			event: params.event,
			data: sampleData(params.event),
			sentDate: new Date().toISOString(),
		};
		return { status: 200, body };
	}

	/** `scope`: null = any valid token (spec lists `none` or nothing), else the scope required. */
	const routes = [
		['GET', /^\/accounts\/v1\/me$/, null, getMe],
		['GET', /^\/webhook\/v1\/secret$/, SCOPE_READ, getSecret],
		['GET', /^\/webhook\/v1\/subscription$/, SCOPE_READ, listSubscriptions],
		['POST', /^\/webhook\/v1\/subscription$/, SCOPE_WRITE, createSubscription],
		['DELETE', /^\/webhook\/v1\/subscription$/, SCOPE_WRITE, deleteSubscriptionsByUrl],
		['POST', /^\/webhook\/v1\/subscription\/sample$/, SCOPE_READ, requestSample],
		['PUT', /^\/webhook\/v1\/subscription\/(?<id>[^/]+)$/, SCOPE_WRITE, updateSubscription],
		['DELETE', /^\/webhook\/v1\/subscription\/(?<id>[^/]+)$/, SCOPE_WRITE, deleteSubscription],
		['POST', /^\/webhook\/v1\/subscription\/(?<id>[^/]+)\/status$/, SCOPE_WRITE, changeStatus],
		['GET', /^\/webhook\/v1\/origin$/, null, listOrigins],
		['GET', /^\/webhook\/v1\/origin\/sample\/(?<event>[^/]+)$/, null, originSample],
	];

	function authorize(headers, scope) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
		if (!match) throw new ApiError(401, 'Missing access token', 'UNAUTHORIZED');
		const scopes = tokens.get(match[1]);
		if (!scopes) throw new ApiError(401, 'Invalid or revoked access token', 'UNAUTHORIZED');
		if (scope && !scopes.has(scope)) {
			throw new ApiError(403, `The access token lacks the required scope: ${scope}`, 'FORBIDDEN', {
				debug: { requiredScope: scope },
			});
		}
	}

	function parseJson(raw) {
		if (raw.length === 0) return undefined;
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return raw.toString('utf8');
		}
	}

	function respond(res, status, body, entry) {
		if (entry) {
			entry.status = status;
			entry.response = body;
		}
		if (res.headersSent || res.destroyed) return;
		if (status === 204 || body === undefined) {
			res.writeHead(status);
			res.end();
			return;
		}
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': Buffer.byteLength(text),
		});
		res.end(text);
	}

	async function handleControl(req, res, url) {
		// Dev-only helpers for the CLI (`--deliver` from another shell); never part of Eduzz's API.
		const raw = await readBody(req, MAX_REQUEST_BYTES);
		const body = parseJson(raw);
		if (req.method === 'GET' && url.pathname === '/__fake/state') {
			respond(res, 200, {
				subscriptions: [...state.subscriptions.values()],
				appSecretId: appSecret.id,
				requests: requests.length,
				deliveries,
			});
			return;
		}
		if (req.method === 'POST' && url.pathname === '/__fake/deliver') {
			const { subscriptionId, event, data, ...opts } = requireObject(body);
			const sub = findSubscription(subscriptionId);
			const result = await deliverTo(
				sub,
				event,
				data === undefined ? sampleData(event) : data,
				opts,
			);
			const { request, ...rest } = result;
			respond(res, 200, { ...rest, request: { ...request, body: request.body.toString('utf8') } });
			return;
		}
		respond(res, 404, errorBody(`Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND'));
	}

	async function handle(req, res, url, entry) {
		const raw = await readBody(req, MAX_REQUEST_BYTES);
		// A body that is not JSON stays a string in the log; handlers refuse it as "not an object".
		entry.body = parseJson(raw);

		let route = null;
		let match = null;
		for (const candidate of routes) {
			if (candidate[0] !== req.method) continue;
			match = candidate[1].exec(url.pathname);
			if (match) {
				route = candidate;
				break;
			}
		}
		if (!route) {
			// Unknown paths answer 404 before auth so a wrong base URL is obvious in a test failure.
			throw new ApiError(404, `Cannot ${req.method} ${url.pathname}`, 'NOT_FOUND');
		}
		authorize(req.headers, route[2]);
		const params = {};
		for (const [key, value] of Object.entries(match.groups || {})) {
			params[key] = decodeURIComponent(value);
		}
		const result = await route[3]({ params, query: entry.query, body: entry.body });
		respond(res, result.status, result.body, entry);
		log(`${req.method} ${url.pathname} → ${result.status}`);
	}

	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://fake.invalid');
		let entry;
		let work;
		if (controlApi && url.pathname.startsWith('/__fake/')) {
			work = handleControl(req, res, url); // not logged in `requests`: tests assert the node's calls
		} else {
			entry = {
				method: req.method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: redactHeaders(req.headers),
				body: undefined,
				status: undefined,
			};
			requests.push(entry);
			work = handle(req, res, url, entry);
		}
		work.catch((error) => {
			if (error instanceof ApiError) {
				respond(res, error.status, error.body, entry);
				log(`${req.method} ${url.pathname} → ${error.status} ${error.message}`);
			} else {
				respond(res, 500, errorBody(String(error && error.message), 'INTERNAL_ERROR'), entry);
				log(`${req.method} ${url.pathname} → 500 ${error && error.stack}`);
			}
		});
	});
	// Bounded inbound timeouts. The idle timeout must outlast an activation, which waits for the ping.
	server.headersTimeout = 5000;
	server.requestTimeout = 10000;
	server.keepAliveTimeout = 1000;
	server.setTimeout(deliveryTimeoutMs + 10000);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const urlHost =
		address.family === 'IPv6' || address.family === 6 ? `[${address.address}]` : address.address;
	const baseUrl = `http://${urlHost}:${address.port}`;

	return {
		baseUrl,
		port: address.port,
		state,
		requests,
		deliveries,
		/** token → scopes as arrays (read-only snapshot). */
		get tokens() {
			return Object.fromEntries([...tokens].map(([token, scopes]) => [token, [...scopes]]));
		},
		/** The app secret (`GET /webhook/v1/secret`), so tests can sign or verify without a call. */
		appSecret: { ...appSecret },
		/**
		 * Delivers `event` to a subscription as Eduzz does. `data` defaults to the event's sample.
		 * opts: { id, attempt, sentDate, gzip, secret, signature, rawBody, headers }.
		 * Resolves { status, body, headers, timeTaken, id, request: { url, headers, body: Buffer },
		 * error? }; status 0 = no HTTP answer.
		 */
		deliver(subscriptionId, event, data, opts = {}) {
			const sub = state.subscriptions.get(subscriptionId);
			if (!sub)
				return Promise.reject(new Error(`fake Eduzz: unknown subscription ${subscriptionId}`));
			return deliverTo(sub, event, data === undefined ? sampleData(event) : data, opts);
		},
		/** POSTs exactly these bytes and headers (content-length added unless given); same result shape. */
		deliverRaw(url, body, headers = {}) {
			const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
			const lower = Object.fromEntries(
				Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
			);
			return post(url, bytes, lower);
		},
		sign: signBody,
		revokeToken(token) {
			tokens.delete(token);
		},
		/** Replaces a token's scopes; also adds a new token. */
		setScopes(token, scopes) {
			tokens.set(token, new Set(scopes));
		},
		/** Stops listening, aborts in-flight deliveries and destroys every socket. Idempotent. */
		close() {
			if (!closing) {
				closing = new Promise((resolve) => {
					server.close(() => resolve());
					for (const req of outgoing) req.destroy();
					for (const socket of sockets) socket.destroy();
					server.closeAllConnections();
				});
			}
			return closing;
		},
	};
}

// ---- CLI ------------------------------------------------------------------------------------

function usage() {
	return [
		'Usage:',
		'  node test/support/fakeEduzz.js [--port 5680] [--host 127.0.0.1] [--token T ...]',
		'         [--secret-id ID] [--secret S] [--app-id UUID] [--ping-event test.event_one]',
		'         [--delivery-timeout 10000] [--quiet]',
		'      Starts the fake API (with the dev control API) until Ctrl+C.',
		'  node test/support/fakeEduzz.js --deliver <subscriptionId> <event> [--data JSON]',
		'         [--attempt N] [--gzip] [--url http://127.0.0.1:5680]',
		'      Asks a running fake to deliver an event (default data: the event sample).',
	].join('\n');
}

function parseArgs(argv) {
	const args = { tokens: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const next = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		switch (arg) {
			case '--port':
				args.port = Number(next());
				break;
			case '--host':
				args.host = next();
				break;
			case '--token':
				args.tokens.push(next());
				break;
			case '--secret-id':
				args.secretId = next();
				break;
			case '--secret':
				args.secret = next();
				break;
			case '--app-id':
				args.appId = next();
				break;
			case '--ping-event':
				args.pingEvent = next();
				break;
			case '--delivery-timeout':
				args.deliveryTimeoutMs = Number(next());
				break;
			case '--quiet':
				args.quiet = true;
				break;
			case '--deliver':
				args.deliver = { subscriptionId: next(), event: next() };
				break;
			case '--data':
				args.data = JSON.parse(next());
				break;
			case '--attempt':
				args.attempt = Number(next());
				break;
			case '--gzip':
				args.gzip = true;
				break;
			case '--url':
				args.url = next();
				break;
			case '--help':
			case '-h':
				args.help = true;
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return args;
}

function cliDeliver(args) {
	const base = args.url || `http://${args.host || '127.0.0.1'}:${args.port || 5680}`;
	const payload = Buffer.from(
		JSON.stringify({ ...args.deliver, data: args.data, attempt: args.attempt, gzip: args.gzip }),
	);
	return new Promise((resolve, reject) => {
		const req = http.request(new URL('/__fake/deliver', base), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': payload.length },
			agent: false,
			timeout: 60000,
		});
		req.on('timeout', () => req.destroy(new Error('timeout waiting for the fake')));
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
			);
		});
		req.end(payload);
	});
}

async function main(argv) {
	const args = parseArgs(argv);
	if (args.help) {
		console.log(usage());
		return;
	}
	if (args.deliver) {
		const { status, body } = await cliDeliver(args);
		console.log(body);
		process.exitCode = status === 200 ? 0 : 1;
		return;
	}
	const tokenList = args.tokens.length > 0 ? args.tokens : [`fake-${newId(20)}`];
	const fake = await startFakeEduzz({
		port: args.port === undefined ? 5680 : args.port,
		host: args.host,
		tokens: Object.fromEntries(tokenList.map((token) => [token, [SCOPE_READ, SCOPE_WRITE]])),
		appSecret: { id: args.secretId, secret: args.secret, appId: args.appId },
		pingEvent: args.pingEvent,
		deliveryTimeoutMs: args.deliveryTimeoutMs,
		controlApi: true,
		log: args.quiet ? () => {} : (message) => console.log(`[fake-eduzz] ${message}`),
	});
	// The secret itself is never printed: the node under test reads it from GET /webhook/v1/secret.
	console.log(`Fake Eduzz API listening on ${fake.baseUrl}`);
	for (const token of tokenList)
		console.log(`  token: ${token}  (scopes: ${SCOPE_READ}, ${SCOPE_WRITE})`);
	console.log(`  app secret id: ${fake.appSecret.id}`);
	console.log(
		`  deliver from another shell: node test/support/fakeEduzz.js --deliver <subscriptionId> <event> --url ${fake.baseUrl}`,
	);
	console.log('Ctrl+C to stop.');

	const stop = () => {
		fake.close().then(() => process.exit(0));
		// Bounded: exit anyway if a socket refuses to die.
		setTimeout(() => process.exit(0), 3000).unref();
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

module.exports = { startFakeEduzz, signBody, newId, EVENTS, EVENT_NAMES, BUILTIN_SAMPLES };

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		console.error(`fake Eduzz: ${error.message}\n\n${usage()}`);
		process.exit(1);
	});
}
