'use strict';
/**
 * Workflows and deliveries for the end-to-end tests and `npm run dev`: an Eduzz Trigger wired to a
 * No Op node, and HTTP deliveries signed exactly as Eduzz signs them.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const zlib = require('node:zlib');

const { PACKAGE_NAME } = require('./n8nRuntime');

const TRIGGER_TYPE = `${PACKAGE_NAME}.eduzzTrigger`;
const TRIGGER_NAME = 'Eduzz Trigger';

/** `typeVersion`: 1.1 is what the editor adds today; 1 is a node saved before 1.1 existed. */
function eduzzWorkflow({ name, credential, parameters = {}, webhookId = crypto.randomUUID(), typeVersion = 1.1 }) {
	return {
		name,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: TRIGGER_NAME,
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters: {
					events: ['alpaclass.student_module_unfinished'],
					registration: 'manual',
					options: {},
					...parameters,
				},
				credentials: { eduzzWebhookApi: { id: credential.id, name: credential.name } },
			},
			noOpNode(),
		],
		connections: { [TRIGGER_NAME]: { main: [[{ node: NO_OP_NAME, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const NO_OP_NAME = 'No Operation';

/** n8n's No Operation node, placed right of a trigger at [0, 0]. */
function noOpNode() {
	return { id: crypto.randomUUID(), name: NO_OP_NAME, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} };
}

/**
 * A workflow with n8n's built-in Webhook node (v2, POST, answers on receipt) on `path`, optionally
 * wired to a No Operation node. `options` are the Webhook node's options; `settings` the workflow's.
 */
function webhookNodeWorkflow({ name, path, webhookId = crypto.randomUUID(), options = {}, noOp = false, settings = {} }) {
	const webhook = {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options },
	};
	return {
		name,
		nodes: noOp ? [webhook, noOpNode()] : [webhook],
		connections: noOp ? { Webhook: { main: [[{ node: NO_OP_NAME, type: 'main', index: 0 }]] } } : {},
		settings: { executionOrder: 'v1', ...settings },
	};
}

/** A 25-character lowercase alphanumeric id, like Eduzz's event ids. */
function eventId() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(25), (byte) => alphabet[byte % alphabet.length]).join('');
}

const moduleUnfinishedData = {
	student: { id: '457391c9c82bfdcbb4947278c0401e41', name: 'Fulano da Silva', email: 'fulano.s@gmail.com' },
	module: { id: '22884db148f0ffb0d830ba431102b0b5', name: 'Módulo 1' },
	course: { id: '046d47672cf6212d201d6e8b0c191e73', name: 'Princípios da Programação Orientada a Objetos' },
	team: { id: '16943848cc6495142a8e3011d0173252', name: 'Escola de Beltrano' },
};

function envelope(event = 'alpaclass.student_module_unfinished', data = moduleUnfinishedData, id = eventId()) {
	return { id, event, sentDate: new Date().toISOString(), data };
}

const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });

/**
 * POSTs `body` (object → JSON bytes, or exact bytes) to `url` with Eduzz's headers, signed with
 * `secret` over the exact (uncompressed) bytes. `signature: null` sends none; `gzip` compresses.
 */
function deliver(url, body, { secret, signature, attempt = 1, subscriptionId = 'e2esubscription0000000000', gzip = false, contentType = 'application/json', timeoutMs = 60000 } = {}) {
	const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const event = (() => {
		try {
			return JSON.parse(raw.toString('utf8')).event;
		} catch {
			return 'unknown';
		}
	})();
	const headers = {
		'content-type': contentType,
		'user-agent': 'Eduzz Webhook',
		'x-subscription': `${subscriptionId}:${event}`,
		'x-delivery-attempt': String(attempt),
	};
	if (signature !== null) headers['x-signature'] = signature ?? crypto.createHmac('sha256', secret).update(raw).digest('hex');
	const payload = gzip ? zlib.gzipSync(raw) : raw;
	if (gzip) headers['content-encoding'] = 'gzip';
	headers['content-length'] = String(payload.length);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode, text, json });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`delivery to ${url} timed out`)));
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { TRIGGER_TYPE, TRIGGER_NAME, eduzzWorkflow, noOpNode, webhookNodeWorkflow, eventId, envelope, moduleUnfinishedData, deliver };
