'use strict';
/**
 * The fake Eduzz is what every trigger test trusts, so it gets its own tests: API shapes, auth, and
 * above all deliveries that a real receiver can verify byte for byte.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const zlib = require('node:zlib');

const { startFakeEduzz, EVENTS } = require('../support/fakeEduzz');

const TOKEN = 'token-rw';
const READ_ONLY = 'token-read';
const APP_SECRET = {
	id: 'o01re8ty3kanab3ufi5ref0s3',
	secret: 'edzwgd_test_secret_ção',
	appId: 'app-1',
};

const hmac = (secret, bytes) => crypto.createHmac('sha256', secret).update(bytes).digest('hex');

/** A receiver standing in for the n8n webhook: records raw bytes, answers what `reply` says. */
async function startReceiver() {
	const receiver = {
		received: [],
		reply: { status: 200, body: '{"message":"Workflow was started"}' },
		hang: false,
	};
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			receiver.received.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				raw: Buffer.concat(chunks),
			});
			if (receiver.hang) return; // never answers: exercises the fake's delivery timeout
			res.writeHead(receiver.reply.status, { 'content-type': 'application/json' });
			res.end(receiver.reply.body);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${server.address().port}/webhook/eduzz`;
	receiver.close = () =>
		new Promise((resolve) => {
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
	return receiver;
}

/** Minimal client with its own timeout; `json` is the parsed answer (undefined when empty). */
function call(baseUrl, method, path, { token = TOKEN, body, rawBody } = {}) {
	const payload =
		rawBody !== undefined
			? Buffer.from(rawBody)
			: body !== undefined
				? Buffer.from(JSON.stringify(body))
				: null;
	const headers = { accept: 'application/json' };
	if (token) headers.authorization = `Bearer ${token}`;
	if (payload) {
		headers['content-type'] = 'application/json';
		headers['content-length'] = payload.length;
	}
	return new Promise((resolve, reject) => {
		const req = http.request(new URL(path, baseUrl), {
			method,
			headers,
			agent: false,
			timeout: 5000,
		});
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({
					status: res.statusCode,
					headers: res.headers,
					text,
					json: text ? JSON.parse(text) : undefined,
				});
			});
		});
		req.end(payload || undefined);
	});
}

function expectErrorShape(json) {
	expect(json).toEqual(
		expect.objectContaining({
			message: expect.any(String),
			code: expect.any(String),
			link: expect.any(String),
			debug: expect.any(Object),
		}),
	);
}

describe('fake Eduzz', () => {
	let fake;
	let receiver;
	const api = (method, path, options) => call(fake.baseUrl, method, path, options);
	const create = (overrides = {}) =>
		api('POST', '/webhook/v1/subscription', {
			body: {
				name: 'n8n: Module unfinished',
				url: receiver.url,
				events: [{ name: 'alpaclass.student_module_unfinished' }],
				...overrides,
			},
		});

	beforeEach(async () => {
		receiver = await startReceiver();
		fake = await startFakeEduzz({
			tokens: { [TOKEN]: ['webhook_read', 'webhook_write'], [READ_ONLY]: ['webhook_read'] },
			appSecret: APP_SECRET,
			deliveryTimeoutMs: 2000,
		});
	});

	afterEach(async () => {
		await fake.close();
		await receiver.close();
	});

	describe('auth', () => {
		it('answers 401 with the generic error body without a token or with a wrong one', async () => {
			const missing = await api('GET', '/webhook/v1/subscription', { token: null });
			expect(missing.status).toBe(401);
			expectErrorShape(missing.json);

			const wrong = await api('GET', '/webhook/v1/subscription', { token: 'nope' });
			expect(wrong.status).toBe(401);
			expectErrorShape(wrong.json);
		});

		it('answers 403 naming the missing scope', async () => {
			const res = await api('POST', '/webhook/v1/subscription', {
				token: READ_ONLY,
				body: {
					name: 'x',
					url: receiver.url,
					events: [{ name: 'alpaclass.student_module_unfinished' }],
				},
			});
			expect(res.status).toBe(403);
			expectErrorShape(res.json);
			expect(res.json.message).toContain('webhook_write');
			expect(fake.state.subscriptions.size).toBe(0);
		});

		it('serves /accounts/v1/me to any valid token', async () => {
			const res = await api('GET', '/accounts/v1/me', { token: READ_ONLY });
			expect(res.status).toBe(200);
			expect(Object.keys(res.json).sort()).toEqual(['email', 'id', 'name']);
		});

		it('refuses a revoked token and follows scope changes', async () => {
			expect((await api('GET', '/webhook/v1/secret')).status).toBe(200);
			fake.revokeToken(TOKEN);
			const revoked = await api('GET', '/webhook/v1/secret');
			expect(revoked.status).toBe(401);
			expectErrorShape(revoked.json);

			fake.setScopes(READ_ONLY, []);
			const res = await api('GET', '/webhook/v1/secret', { token: READ_ONLY });
			expect(res.status).toBe(403);
			expect(res.json.message).toContain('webhook_read');
		});

		it('logs every call with the authorization redacted', async () => {
			await create();
			const entry = fake.requests.find((item) => item.method === 'POST');
			expect(entry).toMatchObject({
				method: 'POST',
				path: '/webhook/v1/subscription',
				status: 200,
				body: { name: 'n8n: Module unfinished', url: receiver.url },
			});
			expect(entry.headers.authorization).toBe('Bearer ***');
			expect(JSON.stringify(fake.requests)).not.toContain(TOKEN);
		});
	});

	it('returns the app secret', async () => {
		const res = await api('GET', '/webhook/v1/secret');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			id: APP_SECRET.id,
			name: `APP: ${APP_SECRET.appId}`,
			appId: APP_SECRET.appId,
			secret: APP_SECRET.secret,
			default: false,
		});
	});

	describe('subscriptions', () => {
		it('creates disabled, signed with the app secret, events as objects', async () => {
			const res = await create();
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				name: 'n8n: Module unfinished',
				url: receiver.url,
				secretId: APP_SECRET.id,
				events: [{ name: 'alpaclass.student_module_unfinished', conditions: [] }],
				status: 'disabled',
				id: expect.stringMatching(/^[a-z0-9]{25}$/),
			});
			expect(receiver.received).toHaveLength(0); // creating does not ping
		});

		it('refuses invalid bodies with field errors', async () => {
			const res = await create({
				name: '',
				url: 'ftp://example.com/hook',
				events: [{ name: 'alpaclass.student_module_unfinishd' }, 'alpaclass.student_created'],
				secretId: 'not-a-secret',
			});
			expect(res.status).toBe(400);
			expectErrorShape(res.json);
			expect(res.json.errors.map((error) => error.field)).toEqual([
				'name',
				'url',
				'events[0].name',
				'events[1].name',
				'secretId',
			]);
			expect(res.json.errors[0]).toEqual(expect.objectContaining({ message: expect.any(String) }));
			expect((await create({ events: [] })).status).toBe(400);
			expect((await api('POST', '/webhook/v1/subscription', { rawBody: 'not json' })).status).toBe(
				400,
			);
			expect(fake.state.subscriptions.size).toBe(0);
		});

		it('lists as a bare array with events as strings', async () => {
			const { json: created } = await create();
			const res = await api('GET', '/webhook/v1/subscription');
			expect(res.status).toBe(200);
			expect(res.json).toEqual([
				{
					id: created.id,
					secretId: APP_SECRET.id,
					name: 'n8n: Module unfinished',
					status: 'disabled',
					url: receiver.url,
					events: ['alpaclass.student_module_unfinished'],
				},
			]);
		});

		it('activation pings the URL with a signed Eduzz delivery and activates on 2xx', async () => {
			const { json: created } = await create();
			const res = await api('POST', `/webhook/v1/subscription/${created.id}/status`, {
				body: { status: 'active' },
			});
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({ id: created.id, status: 'active' });
			expect(res.json.events).toEqual([
				{ name: 'alpaclass.student_module_unfinished', conditions: [] },
			]);

			expect(receiver.received).toHaveLength(1);
			const [ping] = receiver.received;
			expect(ping.method).toBe('POST');
			expect(ping.url).toBe('/webhook/eduzz');
			expect(ping.headers).toMatchObject({
				'content-type': 'application/json',
				'user-agent': 'Eduzz Webhook',
				'x-subscription': `${created.id}:test.event_one`,
				'x-delivery-attempt': '1',
			});
			expect(ping.headers['x-signature']).toBe(hmac(APP_SECRET.secret, ping.raw));
			expect(ping.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
			expect(Number(ping.headers['content-length'])).toBe(ping.raw.length);
			const body = JSON.parse(ping.raw.toString('utf8'));
			expect(Object.keys(body)).toEqual(['id', 'event', 'sentDate', 'data']);
			expect(body).toEqual({
				id: expect.stringMatching(/^[a-z0-9]{25}$/),
				event: 'test.event_one',
				sentDate: expect.any(String),
				data: {},
			});
			expect(new Date(body.sentDate).toISOString()).toBe(body.sentDate);

			const list = await api('GET', '/webhook/v1/subscription');
			expect(list.json[0].status).toBe('active');
		});

		it('activation fails with 400 showing the URL status when the ping gets a 500', async () => {
			const { json: created } = await create();
			receiver.reply = { status: 500, body: '{"message":"boom"}' };
			const res = await api('POST', `/webhook/v1/subscription/${created.id}/status`, {
				body: { status: 'active' },
			});
			expect(res.status).toBe(400);
			expectErrorShape(res.json);
			expect(res.json.message).toContain('500');
			expect(res.json.message).toContain(receiver.url);
			expect(res.json.debug).toMatchObject({ statusCode: 500, body: '{"message":"boom"}' });
			expect(fake.state.subscriptions.get(created.id).status).toBe('disabled');
			expect((await api('GET', '/webhook/v1/subscription')).json[0].status).toBe('disabled');
		});

		it('activation fails (bounded) when the URL never answers or is down', async () => {
			const { json: created } = await create();
			receiver.hang = true;
			const started = Date.now();
			const hung = await api('POST', `/webhook/v1/subscription/${created.id}/status`, {
				body: { status: 'active' },
			});
			expect(hung.status).toBe(400);
			expect(hung.json.message).toMatch(/did not answer/);
			expect(Date.now() - started).toBeLessThan(4000);

			await api('PUT', `/webhook/v1/subscription/${created.id}`, {
				body: {
					name: 'x',
					url: 'http://127.0.0.1:1/nothing',
					events: [{ name: 'test.event_one' }],
				},
			});
			const down = await api('POST', `/webhook/v1/subscription/${created.id}/status`, {
				body: { status: 'active' },
			});
			expect(down.status).toBe(400);
			expect(fake.state.subscriptions.get(created.id).status).toBe('disabled');
		});

		it('disables without pinging and validates the status value', async () => {
			const { json: created } = await create();
			const path = `/webhook/v1/subscription/${created.id}/status`;
			expect((await api('POST', path, { body: { status: 'active' } })).status).toBe(200);
			const res = await api('POST', path, { body: { status: 'disabled' } });
			expect(res.json.status).toBe('disabled');
			expect(receiver.received).toHaveLength(1);
			expect((await api('POST', path, { body: { status: 'on' } })).status).toBe(400);
			expect(
				(await api('POST', '/webhook/v1/subscription/nope/status', { body: { status: 'active' } }))
					.status,
			).toBe(404);
		});

		it('PUT updates and resets the status to disabled', async () => {
			const { json: created } = await create();
			await api('POST', `/webhook/v1/subscription/${created.id}/status`, {
				body: { status: 'active' },
			});
			const res = await api('PUT', `/webhook/v1/subscription/${created.id}`, {
				body: {
					name: 'renamed',
					url: receiver.url,
					events: [
						{ name: 'alpaclass.student_module_unfinished' },
						{ name: 'alpaclass.student_module_finished' },
					],
					filters: [{ metadata: 'teamId', values: ['t1'] }],
				},
			});
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				name: 'renamed',
				url: receiver.url,
				secretId: APP_SECRET.id,
				events: [
					{ name: 'alpaclass.student_module_unfinished', conditions: [] },
					{ name: 'alpaclass.student_module_finished', conditions: [] },
				],
				status: 'disabled',
				id: created.id,
			});
			expect(fake.state.subscriptions.get(created.id).filters).toEqual([
				{ metadata: 'teamId', values: ['t1'] },
			]);
			const missing = await api('PUT', '/webhook/v1/subscription/nope', {
				body: { name: 'x', url: receiver.url, events: [{ name: 'test.event_one' }] },
			});
			expect(missing.status).toBe(404);
			expectErrorShape(missing.json);
		});

		it('deletes by id (204, then 404) and by URL (query or body)', async () => {
			const { json: first } = await create();
			const del = await api('DELETE', `/webhook/v1/subscription/${first.id}`);
			expect(del.status).toBe(204);
			expect(del.text).toBe('');
			const again = await api('DELETE', `/webhook/v1/subscription/${first.id}`);
			expect(again.status).toBe(404);
			expectErrorShape(again.json);

			await create();
			const byQuery = await api(
				'DELETE',
				`/webhook/v1/subscription?url=${encodeURIComponent(receiver.url)}`,
			);
			expect(byQuery.status).toBe(204);
			expect(fake.state.subscriptions.size).toBe(0);

			await create();
			const byBody = await api('DELETE', '/webhook/v1/subscription', {
				body: { url: receiver.url },
			});
			expect(byBody.status).toBe(204);
			expect(fake.state.subscriptions.size).toBe(0);
			expect(
				(await api('DELETE', '/webhook/v1/subscription', { body: { url: receiver.url } })).status,
			).toBe(404);
		});
	});

	describe('sample', () => {
		it('delivers a signed sample and relays the target answer', async () => {
			const { json: created } = await create();
			const res = await api('POST', '/webhook/v1/subscription/sample', {
				token: READ_ONLY,
				body: { subscriptionId: created.id, event: 'alpaclass.student_module_unfinished' },
			});
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				statusCode: 200,
				body: '{"message":"Workflow was started"}',
				timeTaken: expect.any(Number),
			});
			const [delivery] = receiver.received;
			expect(delivery.headers['x-subscription']).toBe(
				`${created.id}:alpaclass.student_module_unfinished`,
			);
			// The sample holds "Módulo 1": the HMAC must cover the UTF-8 bytes as sent.
			expect(delivery.raw.toString('utf8')).toContain('Módulo 1');
			expect(delivery.headers['x-signature']).toBe(hmac(APP_SECRET.secret, delivery.raw));
			expect(JSON.parse(delivery.raw.toString('utf8')).data.student.email).toBe(
				'fulano.s@gmail.com',
			);
		});

		it('relays a failing target status and body', async () => {
			const { json: created } = await create();
			receiver.reply = { status: 404, body: '{"success":false}' };
			const res = await api('POST', '/webhook/v1/subscription/sample', {
				body: { subscriptionId: created.id, event: 'test.event_one' },
			});
			expect(res.status).toBe(404);
			expect(res.json).toEqual({
				statusCode: 404,
				body: '{"success":false}',
				timeTaken: expect.any(Number),
			});
			expect(JSON.parse(receiver.received[0].raw.toString('utf8')).data).toEqual({});
		});

		it('validates the request', async () => {
			const { json: created } = await create();
			const unknownEvent = await api('POST', '/webhook/v1/subscription/sample', {
				body: { subscriptionId: created.id, event: 'nope.nope' },
			});
			expect(unknownEvent.status).toBe(400);
			expect(unknownEvent.json.errors[0].field).toBe('event');
			const unknownSub = await api('POST', '/webhook/v1/subscription/sample', {
				body: { subscriptionId: 'nope', event: 'test.event_one' },
			});
			expect(unknownSub.status).toBe(404);
			expect(receiver.received).toHaveLength(0);
		});
	});

	describe('deliver()', () => {
		it('sends exactly what Eduzz sends, with options', async () => {
			const { json: created } = await create();
			const result = await fake.deliver(
				created.id,
				'alpaclass.student_module_unfinished',
				undefined,
				{
					attempt: 3,
					id: 'fixedid',
				},
			);
			expect(result).toMatchObject({
				status: 200,
				body: '{"message":"Workflow was started"}',
				id: 'fixedid',
			});
			expect(result.timeTaken).toEqual(expect.any(Number));
			const [delivery] = receiver.received;
			expect(delivery.headers['x-delivery-attempt']).toBe('3');
			expect(delivery.raw.equals(result.request.body)).toBe(true);
			expect(delivery.headers['x-signature']).toBe(hmac(APP_SECRET.secret, delivery.raw));
			expect(JSON.parse(delivery.raw.toString('utf8')).id).toBe('fixedid');
		});

		it('gzips the signed bytes when asked', async () => {
			const { json: created } = await create();
			const result = await fake.deliver(
				created.id,
				'alpaclass.student_module_unfinished',
				undefined,
				{ gzip: true },
			);
			expect(result.status).toBe(200);
			const [delivery] = receiver.received;
			expect(delivery.headers['content-encoding']).toBe('gzip');
			const plain = zlib.gunzipSync(delivery.raw);
			expect(delivery.headers['x-signature']).toBe(hmac(APP_SECRET.secret, plain));
			expect(delivery.headers['x-signature']).not.toBe(hmac(APP_SECRET.secret, delivery.raw));
			expect(JSON.parse(plain.toString('utf8')).event).toBe('alpaclass.student_module_unfinished');
		});

		it('signs with another secret, takes a forced signature or raw body', async () => {
			const { json: created } = await create();
			await fake.deliver(created.id, 'test.event_one', {}, { secret: 'other' });
			await fake.deliver(created.id, 'test.event_one', {}, { signature: 'f'.repeat(64) });
			await fake.deliver(created.id, 'test.event_one', undefined, { rawBody: '{"event":"x"}' });
			const [other, forced, raw] = receiver.received;
			expect(other.headers['x-signature']).toBe(hmac('other', other.raw));
			expect(forced.headers['x-signature']).toBe('f'.repeat(64));
			expect(raw.raw.toString()).toBe('{"event":"x"}');
			expect(raw.headers['x-signature']).toBe(hmac(APP_SECRET.secret, raw.raw));
		});

		it('deliverRaw posts bytes and headers untouched', async () => {
			const result = await fake.deliverRaw(receiver.url, Buffer.from('{"a":1}'), {
				'X-Signature': 'abc',
			});
			expect(result.status).toBe(200);
			expect(receiver.received[0].raw.toString()).toBe('{"a":1}');
			expect(receiver.received[0].headers['x-signature']).toBe('abc');
			expect(receiver.received[0].headers['user-agent']).toBeUndefined();
		});

		it('close() ends a pending delivery and frees every socket', async () => {
			const { json: created } = await create();
			receiver.hang = true;
			const pending = fake.deliver(created.id, 'test.event_one', {});
			await new Promise((resolve) => {
				const poll = () => (receiver.received.length > 0 ? resolve() : setTimeout(poll, 10));
				poll();
			});
			await fake.close();
			const result = await pending;
			expect(result.status).toBe(0);
			expect(result.error).toEqual(expect.any(String));
		});
	});

	describe('origins', () => {
		it('lists the 63 events grouped by prefix', async () => {
			const res = await api('GET', '/webhook/v1/origin');
			expect(res.status).toBe(200);
			expect(res.json.map((origin) => origin.prefix)).toEqual([
				'alpaclass',
				'blinket',
				'myeduzz',
				'nutror',
				'safevideo',
				'sun',
			]);
			const events = res.json.flatMap((origin) => origin.events);
			expect(events).toHaveLength(63);
			expect(events.map((event) => event.name)).toEqual(EVENTS.map(([name]) => name));
			for (const origin of res.json) {
				expect(origin).toEqual({
					id: expect.stringMatching(/^[a-z0-9]{25}$/),
					name: expect.any(String),
					prefix: origin.prefix,
					events: expect.any(Array),
				});
				for (const event of origin.events) {
					expect(event.name.startsWith(`${origin.prefix}.`)).toBe(true);
					expect(event).toEqual({
						name: event.name,
						metadata: expect.any(Array),
						description: expect.any(String),
					});
				}
			}
		});

		it('serves a sample envelope per event', async () => {
			const res = await api('GET', '/webhook/v1/origin/sample/alpaclass.student_module_unfinished');
			expect(res.status).toBe(200);
			expect(Object.keys(res.json)).toEqual(['id', 'event', 'data', 'sentDate']);
			expect(res.json.data.module).toEqual({
				id: '22884db148f0ffb0d830ba431102b0b5',
				name: 'Módulo 1',
			});
			expect((await api('GET', '/webhook/v1/origin/sample/nope.nope')).status).toBe(404);
		});
	});

	it('answers 404 JSON for anything else', async () => {
		const res = await api('GET', '/webhook/v2/subscription');
		expect(res.status).toBe(404);
		expectErrorShape(res.json);
		expect((await api('PATCH', '/webhook/v1/subscription')).status).toBe(404);
	});
});
