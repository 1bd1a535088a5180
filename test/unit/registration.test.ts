import { mock } from 'jest-mock-extended';
import {
	sleep,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import {
	SAMPLE_DELAY_MS,
	isLocalHost,
	unreachableUrlReason,
} from '../../nodes/EduzzTrigger/registration';
import { EVENTS } from '../../nodes/shared/events';
import { withEvents, type FakeEduzz } from '../../tooling/fakeEduzz';
import { makeHttpRequestWithAuthentication, recordingLogger } from '../support/contextParts';
import type { Receiver } from '../support/httpReceiver';
import { hooksFor } from '../support/mockHookContext';
import { startTriggerReceiver } from '../support/mockWebhookContext';

const startFakeEduzz = withEvents(EVENTS);

const TOKEN = 'unit-token';

/** n8n's plain `httpRequest` helper for what the node sends with it: JSON, the full response, any status. */
async function plainHttpRequest(options: IHttpRequestOptions) {
	const response = await fetch(options.url, {
		method: options.method ?? 'GET',
		headers: {
			'content-type': 'application/json',
			...((options.headers ?? {}) as Record<string, string>),
		},
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.text();
	const body = text ? JSON.parse(text) : undefined;
	if (!options.returnFullResponse || !options.ignoreHttpStatusErrors)
		throw new Error('the node sends the sample with returnFullResponse and ignoreHttpStatusErrors');
	return { statusCode: response.status, headers: {}, body };
}

describe('automatic registration against a fake Eduzz', () => {
	let fake: FakeEduzz;
	let receiver: Receiver;
	let staticData: IDataObject;
	let credentials: IDataObject;
	let parameters: IDataObject;
	let receiverStatus: number | undefined;

	const subscriptions = () => [...fake.state.subscriptions.values()];
	const apiCalls = (method: string, prefix: string) =>
		fake.requests.filter((request) => request.method === method && request.path.startsWith(prefix));

	beforeEach(async () => {
		fake = await startFakeEduzz({ tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] } });
		credentials = { accessToken: TOKEN, baseUrl: fake.baseUrl, webhookSecret: '' };
		staticData = {};
		parameters = {
			events: ['alpaclass.student_module_unfinished', 'alpaclass.student_course_finished'],
			registration: 'automatic',
			options: {},
		};
		receiverStatus = undefined;
		// The URL Eduzz delivers to runs the node's real webhook(), sharing the node's static data.
		receiver = await startTriggerReceiver(() => ({ credentials, parameters, staticData }), {
			override: () => (receiverStatus ? { status: receiverStatus } : undefined),
		});
	});

	afterEach(async () => {
		await receiver.close();
		await fake.close();
	});

	const hooks = (extra: Partial<Parameters<typeof hooksFor>[0]> = {}) =>
		hooksFor({ webhookUrl: receiver.url, credentials, parameters, staticData, ...extra });

	/**
	 * The hook methods as "Listen for test event" runs them (mode 'manual'), on a context that
	 * expires when create() returns, as n8n 2.x releases its expression isolate then: getCredentials,
	 * getNodeParameter, getNodeWebhookUrl and httpRequestWithAuthentication throw n8n's "No bridge
	 * acquired" afterwards (recorded in `lateCalls`). n8n's plain httpRequest helper, which evaluates
	 * no expression, keeps working.
	 */
	function listeningHooks() {
		const { logs, logger } = recordingLogger();
		const lateCalls: string[] = [];
		let expired = false;
		const live =
			<A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
			(...args: A): R => {
				if (expired) {
					lateCalls.push(name);
					throw new Error('No bridge acquired for this context. Call acquire() first.');
				}
				return fn(...args);
			};
		const node = mock<INode>({ name: 'Eduzz Trigger', typeVersion: 1 });
		const getCredentials = async () => credentials;
		const context = mock<IHookFunctions>({
			getNode: () => node,
			getMode: () => 'manual',
			getNodeWebhookUrl: live('getNodeWebhookUrl', () => receiver.url),
			getWorkflow: () => ({ id: 'wf1', name: 'Eduzz: student unmarked a module', active: false }),
			getWorkflowStaticData: () => staticData,
			getNodeParameter: live(
				'getNodeParameter',
				(name: string, fallback?: unknown) => parameters[name] ?? fallback,
			) as never,
			getCredentials: live('getCredentials', getCredentials) as never,
			logger: logger as never,
			helpers: {
				httpRequestWithAuthentication: live(
					'httpRequestWithAuthentication',
					makeHttpRequestWithAuthentication({ getCredentials, node }),
				),
				httpRequest: plainHttpRequest,
			} as never,
		});
		const methods = new EduzzTrigger().webhookMethods.default;
		return {
			logs,
			lateCalls,
			create: async () => {
				try {
					return await methods.create.call(context);
				} finally {
					expired = true;
				}
			},
		};
	}

	it('create() registers the URL with the selected events, signs with the app secret, stores it and enables it', async () => {
		const lifecycle = hooks();
		expect(await lifecycle.checkExists()).toBe(false);
		expect(fake.requests).toHaveLength(0);
		expect(await lifecycle.create()).toBe(true);

		const [subscription] = subscriptions();
		expect(subscriptions()).toHaveLength(1);
		expect(subscription).toMatchObject({
			url: receiver.url,
			status: 'active',
			name: 'n8n: Eduzz: student unmarked a module',
			secretId: fake.appSecret.id,
		});
		expect([...subscription.events].sort()).toEqual([...(parameters.events as string[])].sort());
		expect(staticData.registrations).toEqual({
			[receiver.url]: expect.objectContaining({
				subscriptionId: subscription.id,
				secret: fake.appSecret.secret,
				secretId: fake.appSecret.id,
			}),
		});
		// Eduzz's activation ping reached the node's webhook() while create() ran, and was answered 200.
		const ping = fake.deliveries.find((delivery) => delivery.event === 'test.event_one');
		expect(ping).toMatchObject({ status: 200 });
		expect(await lifecycle.checkExists()).toBe(true);
	});

	it('events the fake delivers are verified with the stored secret and emitted', async () => {
		await hooks().create();
		const [subscription] = subscriptions();
		const delivered = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished');
		expect(delivered.status).toBe(200);
		const forged = await fake.deliver(
			subscription.id,
			'alpaclass.student_module_unfinished',
			undefined,
			{ secret: 'forged' },
		);
		expect(forged.status).toBe(401);
	});

	it('create() adopts a subscription that already points at this URL instead of creating a twin', async () => {
		await hooks().create();
		const [first] = subscriptions();
		const fresh = hooks({ staticData: (staticData = {}) });
		expect(await fresh.checkExists()).toBe(false);
		expect(await fresh.create()).toBe(true);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0]).toMatchObject({ id: first.id, status: 'active' });
		expect(apiCalls('PUT', '/webhook/v1/subscription/')).toHaveLength(1);
	});

	it('checkExists() is false when the events changed; create() then updates the same subscription', async () => {
		await hooks().create();
		parameters.events = ['alpaclass.student_comment_created'];
		const lifecycle = hooks();
		expect(await lifecycle.checkExists()).toBe(false);
		await lifecycle.create();
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0].events).toEqual(['alpaclass.student_comment_created']);
		expect(await lifecycle.checkExists()).toBe(true);
	});

	it('checkExists() is false when the subscription was disabled at Eduzz, and create() re-enables it', async () => {
		await hooks().create();
		subscriptions()[0].status = 'disabled';
		expect(await hooks().checkExists()).toBe(false);
		await hooks().create();
		expect(subscriptions()[0].status).toBe('active');
	});

	it('checkExists() forgets a subscription deleted in the console', async () => {
		await hooks().create();
		fake.state.subscriptions.clear();
		expect(await hooks().checkExists()).toBe(false);
		expect(staticData.registrations).toEqual({});
	});

	it('delete() removes the subscription and the stored data; a 404 counts as already gone', async () => {
		await hooks().create();
		expect(await hooks().delete()).toBe(true);
		expect(subscriptions()).toHaveLength(0);
		expect(staticData.registrations).toEqual({});

		await hooks().create();
		fake.state.subscriptions.clear();
		expect(await hooks().delete()).toBe(true);
		expect(staticData.registrations).toEqual({});
	});

	it('delete() finds the subscription by URL when nothing is stored (n8n 2.x ends a test listen with an older copy)', async () => {
		await hooks().create();
		const stale = hooksFor({ webhookUrl: receiver.url, credentials, parameters, staticData: {} });
		expect(await stale.delete()).toBe(true);
		expect(subscriptions()).toHaveLength(0);
	});

	it('delete() keeps the stored data and says so when Eduzz fails', async () => {
		await hooks().create();
		fake.revokeToken(TOKEN);
		const lifecycle = hooks();
		expect(await lifecycle.delete()).toBe(false);
		expect(Object.keys(staticData.registrations as object)).toEqual([receiver.url]);
		expect(lifecycle.logs.join('\n')).toMatch(/could not delete/);
	});

	it('rolls back when the URL does not answer the activation ping: no orphan subscription', async () => {
		receiverStatus = 500;
		await expect(hooks().create()).rejects.toThrow(/status.*400|500/);
		expect(subscriptions()).toHaveLength(0);
		expect(staticData.registrations).toEqual({});
	});

	it('a revoked token fails with a clear message and hint', async () => {
		fake.revokeToken(TOKEN);
		await expect(hooks().create()).rejects.toMatchObject({
			httpCode: '401',
			message: expect.stringContaining('(401)'),
			description: expect.stringContaining('access token'),
		});
	});

	it('a token without webhook_write fails with a scope hint', async () => {
		fake.setScopes(TOKEN, ['webhook_read']);
		await expect(hooks().create()).rejects.toMatchObject({
			httpCode: '403',
			description: expect.stringContaining('webhook_write'),
		});
		expect(subscriptions()).toHaveLength(0);
	});

	/** Polls until `check()` holds (a sample is requested SAMPLE_DELAY_MS after create() returns). */
	async function until(what: string, check: () => boolean) {
		const started = Date.now();
		while (!check()) {
			if (Date.now() - started > SAMPLE_DELAY_MS + 10_000) throw new Error(`no ${what}`);
			await sleep(20);
		}
	}
	const sampleCalls = () => apiCalls('POST', '/webhook/v1/subscription/sample');
	const receivedSamples = () =>
		receiver.received.filter(
			(request) => JSON.parse(request.rawBody.toString()).event !== 'test.event_one',
		);

	it('"Listen for test event": create() returns first, and the sample of the first selected event is requested SAMPLE_DELAY_MS later, through an expired context', async () => {
		const lifecycle = listeningHooks();
		expect(await lifecycle.create()).toBe(true);
		const returnedAt = Date.now();
		// n8n answers the editor's run request now; nothing has been asked of Eduzz yet.
		expect(sampleCalls()).toHaveLength(0);
		expect(subscriptions()[0].status).toBe('active');

		// The fake records a call when it arrives and its status once it has answered.
		await until('sample answered', () => sampleCalls()[0]?.status !== undefined);
		expect(sampleCalls()).toHaveLength(1);
		expect(Date.now() - returnedAt).toBeGreaterThanOrEqual(SAMPLE_DELAY_MS - 20);
		expect(sampleCalls()[0]).toMatchObject({
			status: 200,
			body: { subscriptionId: subscriptions()[0].id, event: 'alpaclass.student_module_unfinished' },
			// The Bearer header the credential's `authenticate` block sends (the fake redacts it).
			headers: { authorization: 'Bearer ***' },
		});
		const [sample] = receivedSamples();
		expect(JSON.parse(sample.rawBody.toString()).event).toBe('alpaclass.student_module_unfinished');
		// The context had expired: any use of it after create() would have thrown.
		expect(lifecycle.lateCalls).toEqual([]);
		await until('log line', () => lifecycle.logs.some((line) => line.startsWith('info:')));
		expect(lifecycle.logs).toEqual([
			'info: Eduzz Trigger asked Eduzz for a sample of alpaclass.student_module_unfinished; the webhook answered 200',
		]);
	});

	it('a sample Eduzz refuses is logged; the configuration stays active and a real event still arrives', async () => {
		const lifecycle = listeningHooks();
		expect(await lifecycle.create()).toBe(true);
		fake.revokeToken(TOKEN);
		await until('sample request', () => sampleCalls().length === 1);
		await until('warning', () => lifecycle.logs.some((line) => line.startsWith('warn:')));
		expect(sampleCalls()[0].status).toBe(401);
		expect(lifecycle.logs.join('\n')).toMatch(
			/warn: Eduzz Trigger could not request a sample of alpaclass\.student_module_unfinished: .*\(401\)/,
		);
		expect(lifecycle.logs.join('\n')).not.toContain(TOKEN);
		expect(receivedSamples()).toHaveLength(0);

		const [subscription] = subscriptions();
		expect(subscription.status).toBe('active');
		const real = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished');
		expect(real.status).toBe(200);
	});

	it('Stop Listening before the sample is sent: delete() removes the configuration, the late sample request fails quietly', async () => {
		const lifecycle = listeningHooks();
		await lifecycle.create();
		expect(await hooks({ mode: 'manual' }).delete()).toBe(true);
		expect(subscriptions()).toHaveLength(0);
		await until('sample request', () => sampleCalls().length === 1);
		await until('warning', () => lifecycle.logs.some((line) => line.startsWith('warn:')));
		expect(sampleCalls()[0].status).toBe(404);
		expect(receivedSamples()).toHaveLength(0);
	});

	it('does not ask for a sample when the option is off, nor outside "Listen for test event"', async () => {
		parameters.options = { requestSampleOnTest: false };
		await listeningHooks().create();
		parameters.options = {};
		await hooks({ mode: 'trigger' }).create();
		await sleep(SAMPLE_DELAY_MS + 200);
		expect(sampleCalls()).toHaveLength(0);
	});

	it('manual registration never calls Eduzz', async () => {
		parameters.registration = 'manual';
		const lifecycle = hooks();
		expect(await lifecycle.checkExists()).toBe(true);
		expect(await lifecycle.create()).toBe(true);
		expect(await lifecycle.delete()).toBe(true);
		expect(fake.requests).toHaveLength(0);
	});

	it('a ping that arrives before n8n saved the static data is verified with the app secret fetched by webhook()', async () => {
		// As in n8n: webhook() reads the static data saved in the database, which has no registration yet.
		const [savedStaticData, liveStaticData] = [{}, {}];
		receiver.close();
		receiver = await startTriggerReceiver(() => ({
			credentials,
			parameters,
			staticData: savedStaticData,
		}));
		await hooksFor({
			webhookUrl: receiver.url,
			credentials,
			parameters,
			staticData: liveStaticData,
		}).create();
		expect(subscriptions()[0].status).toBe('active');
		expect(apiCalls('GET', '/webhook/v1/secret').length).toBe(2);

		// Forged traffic in that window is still refused, and does not turn into API calls.
		const before = apiCalls('GET', '/webhook/v1/secret').length;
		for (let i = 0; i < 5; i++) {
			expect(
				(
					await fake.deliver(
						subscriptions()[0].id,
						'alpaclass.student_module_unfinished',
						undefined,
						{ secret: 'forged' },
					)
				).status,
			).toBe(401);
		}
		expect(apiCalls('GET', '/webhook/v1/secret').length).toBe(before);
	});
});

describe('reachability of the webhook URL', () => {
	it.each([
		'localhost',
		'127.0.0.1',
		'127.1.2.3',
		'10.0.0.5',
		'172.16.0.1',
		'172.31.255.255',
		'192.168.1.10',
		'169.254.1.1',
		'[::1]',
		'n8n.local',
		'fd00::1',
	])('%s is local', (host) => expect(isLocalHost(host)).toBe(true));
	it.each(['n8n.example.com', '172.32.0.1', '8.8.8.8', '11.0.0.1', 'fdexample.com'])(
		'%s is public',
		(host) => expect(isLocalHost(host)).toBe(false),
	);

	it('refuses local and plain-http URLs naming the variables to set, unless the API itself is local', () => {
		expect(
			unreachableUrlReason('http://localhost:5678/webhook/x/webhook', 'https://api.eduzz.com'),
		).toMatch(/local address/);
		expect(
			unreachableUrlReason('http://n8n.example.com/webhook/x/webhook', 'https://api.eduzz.com'),
		).toMatch(/HTTPS/);
		expect(
			unreachableUrlReason('https://n8n.example.com/webhook/x/webhook', 'https://api.eduzz.com'),
		).toBeUndefined();
		expect(
			unreachableUrlReason('http://127.0.0.1:5678/webhook/x/webhook', 'http://127.0.0.1:5680'),
		).toBeUndefined();
	});

	it('create() stops with an error naming N8N_WEBHOOK_URL and WEBHOOK_URL', async () => {
		const lifecycle = hooksFor({
			webhookUrl: 'http://localhost:5678/webhook/x/webhook',
			credentials: { accessToken: 't', baseUrl: 'https://api.eduzz.com' },
		});
		await expect(lifecycle.create()).rejects.toMatchObject({
			message: expect.stringContaining('public HTTPS'),
			description: expect.stringMatching(/N8N_WEBHOOK_URL.*WEBHOOK_URL/),
		});
	});
});
