/**
 * The fake Eduzz (tooling/fakeEduzz.js) is what the registration tests trust, so it has tests of
 * its own: the API's shapes and auth, and deliveries a receiver can verify byte for byte.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as crypto from 'node:crypto';
import * as zlib from 'node:zlib';

import { EVENTS } from '../../nodes/shared/events';
import { startFakeEduzz, type ErrorBody, type FakeEduzz } from '../../tooling/fakeEduzz';
import { request } from '../../tooling/n8n/client';
import { startReceiver, type Receiver, type ReceiverAnswer } from '../support/httpReceiver';

/** A subscription as the fake answers create, update and status changes. */
interface SubscriptionAnswer {
	id: string;
	name: string;
	url: string;
	secretId: string;
	events: Array<{ name: string; conditions: unknown[] }>;
	status: string;
}

const TOKEN = 'token-rw';
const READ_ONLY = 'token-read';
const APP_SECRET = { id: 'o01re8ty3kanab3ufi5ref0s3', secret: 'edzwgd_test_secret_ção' };
const MODULE_UNFINISHED = 'alpaclass.student_module_unfinished';

const hmac = (secret: string, bytes: Buffer) =>
	crypto.createHmac('sha256', secret).update(bytes).digest('hex');
const errorShape = {
	message: expect.any(String),
	code: expect.any(String),
	link: expect.any(String),
	debug: expect.any(Object),
};

describe('fake Eduzz', () => {
	let fake: FakeEduzz;
	let receiver: Receiver;
	let reply: ReceiverAnswer | Promise<ReceiverAnswer>; // a pending promise never answers

	/** A call to the fake; `T` is the answer expected (an ErrorBody for refusals). */
	const api = <T = unknown>(
		method: string,
		path: string,
		{ token = TOKEN, body }: { token?: string | null; body?: unknown } = {},
	) =>
		request<T>(method, `${fake.baseUrl}${path}`, {
			headers: token ? { authorization: `Bearer ${token}` } : {},
			body,
		});
	const create = <T = SubscriptionAnswer>(overrides: Record<string, unknown> = {}) =>
		api<T>('POST', '/webhook/v1/subscription', {
			body: {
				name: 'n8n: Module unfinished',
				url: receiver.url,
				events: [{ name: MODULE_UNFINISHED }],
				...overrides,
			},
		});
	const activate = <T = SubscriptionAnswer>(id: string, status = 'active') =>
		api<T>('POST', `/webhook/v1/subscription/${id}/status`, { body: { status } });

	beforeEach(async () => {
		reply = { status: 200, body: { message: 'Workflow was started' } };
		receiver = await startReceiver(() => reply);
		fake = await startFakeEduzz({
			events: EVENTS,
			tokens: { [TOKEN]: ['webhook_read', 'webhook_write'], [READ_ONLY]: ['webhook_read'] },
			appSecret: APP_SECRET,
		});
	});

	afterEach(async () => {
		await fake.close();
		await receiver.close();
	});

	it('refuses to start without the event names of the node', async () => {
		// @ts-expect-error: JavaScript callers may leave `events` out; that is the check under test.
		await expect(startFakeEduzz({})).rejects.toThrow(/events/);
	});

	describe('auth', () => {
		it("answers 401 with Eduzz's error body without a token, with a wrong one or a revoked one", async () => {
			for (const token of [null, 'nope']) {
				const res = await api('GET', '/webhook/v1/subscription', { token });
				expect(res.status).toBe(401);
				expect(res.body).toEqual(errorShape);
			}
			expect((await api('GET', '/webhook/v1/secret')).status).toBe(200);
			fake.revokeToken(TOKEN);
			expect(await api('GET', '/webhook/v1/secret')).toMatchObject({
				status: 401,
				body: { message: 'Invalid or revoked access token' },
			});
		});

		it('answers 403 naming the missing scope, following scope changes', async () => {
			const res = await api<ErrorBody>('POST', '/webhook/v1/subscription', {
				token: READ_ONLY,
				body: {},
			});
			expect(res.status).toBe(403);
			expect(res.body).toEqual({
				...errorShape,
				message: expect.stringContaining('webhook_write'),
			});
			fake.setScopes(READ_ONLY, []);
			const secret = await api<ErrorBody>('GET', '/webhook/v1/secret', { token: READ_ONLY });
			expect(secret.status).toBe(403);
			expect(secret.body.message).toContain('webhook_read');
		});

		it('serves /accounts/v1/me to any valid token and logs every call with the token redacted', async () => {
			fake.setScopes(READ_ONLY, []);
			const me = await api<object>('GET', '/accounts/v1/me', { token: READ_ONLY });
			expect(me.status).toBe(200);
			expect(Object.keys(me.body).sort()).toEqual(['email', 'id', 'name']);
			await create();
			expect(fake.requests[1]).toMatchObject({
				method: 'POST',
				path: '/webhook/v1/subscription',
				status: 200,
				body: { url: receiver.url },
			});
			expect(fake.requests[1].headers.authorization).toBe('Bearer ***');
			expect(JSON.stringify(fake.requests)).not.toContain(TOKEN);
		});
	});

	it('returns the app secret', async () => {
		const res = await api('GET', '/webhook/v1/secret');
		expect(res.body).toEqual({
			id: APP_SECRET.id,
			name: expect.stringMatching(/^APP: /),
			appId: expect.any(String),
			secret: APP_SECRET.secret,
			default: false,
		});
	});

	describe('subscriptions', () => {
		it('creates disabled, signed with the app secret, without pinging; lists events as strings', async () => {
			const { status, body: created } = await create();
			expect(status).toBe(200);
			expect(created).toEqual({
				name: 'n8n: Module unfinished',
				url: receiver.url,
				secretId: APP_SECRET.id,
				events: [{ name: MODULE_UNFINISHED, conditions: [] }],
				status: 'disabled',
				id: expect.stringMatching(/^[a-z0-9]{25}$/),
			});
			expect(receiver.received).toHaveLength(0);
			expect((await api('GET', '/webhook/v1/subscription')).body).toEqual([
				{
					id: created.id,
					secretId: APP_SECRET.id,
					name: created.name,
					status: 'disabled',
					url: receiver.url,
					events: [MODULE_UNFINISHED],
				},
			]);
		});

		it('refuses invalid bodies with field errors, and events the node does not define', async () => {
			const res = await create<ErrorBody>({
				name: '',
				url: 'ftp://example.com/hook',
				events: [{ name: 'alpaclass.student_module_unfinishd' }, MODULE_UNFINISHED],
				secretId: 'not-a-secret',
			});
			expect(res.status).toBe(400);
			expect(res.body).toMatchObject(errorShape);
			expect(res.body.errors?.map((error) => error.field)).toEqual([
				'name',
				'url',
				'events[0].name',
				'events[1].name',
				'secretId',
			]);
			expect(res.body.errors?.[0]).toEqual({
				field: 'name',
				message: expect.any(String),
				data: '',
			});
			expect((await create({ events: [] })).status).toBe(400);
			expect((await api('POST', '/webhook/v1/subscription', { body: 'not json' })).status).toBe(
				400,
			);
			expect(fake.state.subscriptions.size).toBe(0);
		});

		it('activation sends the signed test event and activates on 2xx', async () => {
			const { body: created } = await create();
			const res = await activate(created.id);
			expect(res).toMatchObject({ status: 200, body: { id: created.id, status: 'active' } });
			expect(receiver.received).toHaveLength(1);
			const [{ headers, rawBody }] = receiver.received;
			expect(headers).toMatchObject({
				'content-type': 'application/json',
				'user-agent': 'Eduzz Webhook',
				'x-subscription': `${created.id}:test.event_one`,
				'x-delivery-attempt': '1',
				'x-signature': hmac(APP_SECRET.secret, rawBody),
			});
			const body = JSON.parse(rawBody.toString('utf8'));
			expect(Object.keys(body)).toEqual(['id', 'event', 'sentDate', 'data']);
			expect(body).toMatchObject({ event: 'test.event_one', data: {} });
			expect(fake.deliveries).toEqual([
				expect.objectContaining({
					subscriptionId: created.id,
					event: 'test.event_one',
					status: 200,
				}),
			]);
		});

		it("activation fails with 400 and the URL's answer when the test event is not answered 2xx", async () => {
			const { body: created } = await create();
			reply = { status: 500, body: { message: 'boom' } };
			const res = await activate<ErrorBody>(created.id);
			expect(res.status).toBe(400);
			expect(res.body.message).toContain('500');
			expect(res.body.message).toContain(receiver.url);
			expect(res.body.debug).toMatchObject({ statusCode: 500, body: '{"message":"boom"}' });
			expect(fake.state.subscriptions.get(created.id)?.status).toBe('disabled');
		});

		it('disables without a test event; validates the status and the id', async () => {
			const { body: created } = await create();
			expect((await activate(created.id)).status).toBe(200);
			expect((await activate(created.id, 'disabled')).body.status).toBe('disabled');
			expect(receiver.received).toHaveLength(1);
			expect((await activate(created.id, 'on')).status).toBe(400);
			expect((await activate('nope')).status).toBe(404);
		});

		it('PUT replaces the configuration and disables it; DELETE answers 204, then 404', async () => {
			const { body: created } = await create();
			await activate(created.id);
			const events = [{ name: MODULE_UNFINISHED }, { name: 'alpaclass.student_module_finished' }];
			const res = await api('PUT', `/webhook/v1/subscription/${created.id}`, {
				body: { name: 'renamed', url: receiver.url, events },
			});
			expect(res.body).toEqual({
				...created,
				name: 'renamed',
				events: events.map(({ name }) => ({ name, conditions: [] })),
				status: 'disabled',
			});
			expect(
				(
					await api('PUT', '/webhook/v1/subscription/nope', {
						body: { name: 'x', url: receiver.url, events },
					})
				).status,
			).toBe(404);

			const deleted = await api('DELETE', `/webhook/v1/subscription/${created.id}`);
			expect(deleted).toMatchObject({ status: 204, text: '' });
			expect(await api('DELETE', `/webhook/v1/subscription/${created.id}`)).toMatchObject({
				status: 404,
				body: errorShape,
			});
		});
	});

	describe('sample', () => {
		it("delivers Eduzz's example of the event, signed, and relays the answer", async () => {
			const { body: created } = await create();
			const res = await api('POST', '/webhook/v1/subscription/sample', {
				token: READ_ONLY,
				body: { subscriptionId: created.id, event: MODULE_UNFINISHED },
			});
			expect(res.body).toEqual({
				statusCode: 200,
				body: '{"message":"Workflow was started"}',
				timeTaken: expect.any(Number),
			});
			const [{ headers, rawBody }] = receiver.received;
			expect(headers['x-subscription']).toBe(`${created.id}:${MODULE_UNFINISHED}`);
			// "Módulo 1": the HMAC covers the UTF-8 bytes as sent.
			expect(rawBody.toString('utf8')).toContain('Módulo 1');
			expect(headers['x-signature']).toBe(hmac(APP_SECRET.secret, rawBody));
		});

		it('relays a failing answer and validates the request', async () => {
			const { body: created } = await create();
			reply = { status: 404, body: { success: false } };
			const relayed = await api('POST', '/webhook/v1/subscription/sample', {
				body: { subscriptionId: created.id, event: 'test.event_one' },
			});
			expect(relayed).toMatchObject({
				status: 404,
				body: { statusCode: 404, body: '{"success":false}' },
			});
			const unknown = await api<ErrorBody>('POST', '/webhook/v1/subscription/sample', {
				body: { subscriptionId: created.id, event: 'nope.nope' },
			});
			expect(unknown.body.errors?.[0].field).toBe('event');
			expect(
				(
					await api('POST', '/webhook/v1/subscription/sample', {
						body: { subscriptionId: 'nope', event: 'test.event_one' },
					})
				).status,
			).toBe(404);
			expect(receiver.received).toHaveLength(1);
		});
	});

	describe('deliver()', () => {
		let subscriptionId: string;
		beforeEach(async () => {
			subscriptionId = (await create()).body.id;
		});

		it('sends exactly the signed bytes it reports, with its options', async () => {
			const result = await fake.deliver(subscriptionId, MODULE_UNFINISHED, undefined, {
				attempt: 3,
				id: 'fixedid',
			});
			expect(result).toMatchObject({
				status: 200,
				body: '{"message":"Workflow was started"}',
				id: 'fixedid',
			});
			const [{ headers, rawBody }] = receiver.received;
			expect(rawBody.equals(result.request.body)).toBe(true);
			expect(headers['x-delivery-attempt']).toBe('3');
			expect(headers['x-signature']).toBe(hmac(APP_SECRET.secret, rawBody));
			expect(JSON.parse(rawBody.toString('utf8'))).toMatchObject({
				id: 'fixedid',
				event: MODULE_UNFINISHED,
				data: { module: { name: 'Módulo 1' } },
			});
		});

		it('gzips the signed bytes, or signs with another secret', async () => {
			await fake.deliver(subscriptionId, MODULE_UNFINISHED, undefined, { gzip: true });
			await fake.deliver(subscriptionId, 'test.event_one', {}, { secret: 'forged' });
			const [gzipped, forged] = receiver.received;
			expect(gzipped.headers['content-encoding']).toBe('gzip');
			expect(gzipped.headers['x-signature']).toBe(
				hmac(APP_SECRET.secret, zlib.gunzipSync(gzipped.rawBody)),
			);
			expect(forged.headers['x-signature']).toBe(hmac('forged', forged.rawBody));
		});

		it('close() ends a delivery still waiting for its answer', async () => {
			reply = new Promise<ReceiverAnswer>(() => {});
			const pending = fake.deliver(subscriptionId, 'test.event_one', {});
			while (receiver.received.length === 0)
				await new Promise((resolve) => setTimeout(resolve, 10));
			await fake.close();
			expect(await pending).toMatchObject({ status: 0, error: expect.any(String) });
		});
	});

	it("answers 404 with Eduzz's error body for anything else", async () => {
		expect(await api('GET', '/webhook/v2/subscription')).toMatchObject({
			status: 404,
			body: errorShape,
		});
		expect((await api('PATCH', '/webhook/v1/subscription')).status).toBe(404);
	});
});
