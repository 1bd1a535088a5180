import { HookContext } from 'n8n-core';
import {
	Expression,
	LoggerProxy,
	NodeApiError,
	Workflow,
	type IAuthenticateGeneric,
	type IDataObject,
} from 'n8n-workflow';

import { EduzzApi } from '../../credentials/EduzzApi.credentials';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import { SAMPLE_DELAY_MS } from '../../nodes/EduzzTrigger/registration';
import { EVENTS as NODE_EVENTS } from '../../nodes/shared/events';
import { withEvents, type FakeEduzz } from '../../tooling/fakeEduzz';
import { waitFor } from '../../tooling/wait';
import {
	DEFAULT_WEBHOOK_ID,
	startN8nCore,
	type N8nCore,
	type N8nCoreOptions,
	type WebhookRun,
} from '../support/n8nCoreContexts';

/*
 * The node inside n8n-core's real HookContext and WebhookContext (see test/support/n8nCoreContexts.ts):
 * n8n's own getNodeParameter, getCredentials, getWorkflowStaticData, getNodeWebhookUrl,
 * httpRequestWithAuthentication (axios over loopback) and NodeApiError wrapping, against the fake
 * Eduzz API. Eduzz's deliveries reach webhook() through a loopback "n8n" webhook server.
 */

const startFakeEduzz = withEvents(NODE_EVENTS);

const TOKEN = 'unit-token';
const EVENTS = ['alpaclass.student_module_unfinished', 'alpaclass.student_course_finished'];

describe("the node in n8n-core's real HookContext and WebhookContext", () => {
	let fake: FakeEduzz;
	let n8n: N8nCore;

	const subscriptions = () => [...fake.state.subscriptions.values()];
	const productionUrl = () => `${n8n.origin}/webhook/${DEFAULT_WEBHOOK_ID}/webhook`;
	const registrations = () =>
		n8n.staticData().registrations as Record<string, IDataObject> | undefined;

	async function start(extra: Partial<N8nCoreOptions> = {}) {
		n8n = await startN8nCore({
			credentials: { accessToken: TOKEN, baseUrl: fake.baseUrl },
			// `options` left out on purpose: n8n fills in the node's defaults.
			parameters: { events: EVENTS, registration: 'automatic' },
			...extra,
		});
	}

	beforeEach(async () => {
		fake = await startFakeEduzz({ tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] } });
	});

	afterEach(async () => {
		await n8n?.close();
		await fake.close();
	});

	it('n8n builds the node from its description: parameter defaults, webhook URL, credentials with defaults', async () => {
		await start({ credentials: { accessToken: TOKEN } });
		expect(n8n.node.parameters).toEqual({
			events: EVENTS,
			onlyFor: {},
			registration: 'automatic',
			automaticNotice: '',
			options: {},
		});
		const context = n8n.hookContext();
		expect(context.getNodeWebhookUrl('default')).toBe(productionUrl());
		expect(n8n.hookContext({ test: true }).getNodeWebhookUrl('default')).toBe(
			`${n8n.origin}/webhook-test/${DEFAULT_WEBHOOK_ID}/webhook`,
		);
		expect(context.getNodeParameter('options')).toEqual({});
		// getDecrypted applies the credential type's defaults, as n8n's CredentialsHelper does.
		expect(await context.getCredentials('eduzzApi')).toEqual({
			accessToken: TOKEN,
			baseUrl: 'https://api.eduzz.com',
			webhookSecret: '',
			previousWebhookSecret: '',
		});
	});

	it("create() registers the n8n webhook URL with the Bearer header from the credential; Eduzz's ping is answered 200 by webhook()", async () => {
		await start();
		expect(await n8n.checkExists()).toBe(false);
		expect(fake.requests).toHaveLength(0);

		expect(await n8n.create()).toBe(true);

		expect(subscriptions()).toHaveLength(1);
		const [subscription] = subscriptions();
		expect(subscription).toMatchObject({
			url: productionUrl(),
			status: 'active',
			name: 'n8n: Eduzz: student unmarked a module',
			secretId: fake.appSecret.id,
		});
		expect([...subscription.events].sort()).toEqual([...EVENTS].sort());

		// Every call went through n8n's httpRequestWithAuthentication, which asked the credentials
		// helper to apply EduzzApi.authenticate: the header is the resolved expression.
		const calls = fake.requests.map((request) => `${request.method} ${request.path}`);
		expect(calls).toEqual([
			'GET /webhook/v1/secret',
			'GET /webhook/v1/subscription',
			'POST /webhook/v1/subscription',
			`POST /webhook/v1/subscription/${subscription.id}/status`,
		]);
		expect(
			n8n.authenticatedRequests.map(
				(request) => `${request.method} ${new URL(request.url).pathname}`,
			),
		).toEqual(calls);
		for (const request of n8n.authenticatedRequests)
			expect(request.headers.Authorization).toBe(`Bearer ${TOKEN}`);
		for (const request of fake.requests) {
			expect(request.headers.authorization).toBe('Bearer ***'); // the fake redacts what it logs
			expect(request.status).toBeLessThan(300);
		}

		// Eduzz pinged the URL while create() enabled the subscription; n8n routed it to webhook() in a
		// WebhookContext that shares the workflow's static data, where create() had stored the secret.
		const ping = fake.deliveries.find((delivery) => delivery.event === 'test.event_one');
		expect(ping).toMatchObject({ status: 200, url: productionUrl() });
		expect(n8n.webhookRuns).toHaveLength(1);
		expect(n8n.webhookRuns[0]).toMatchObject({
			path: new URL(productionUrl()).pathname,
			status: 200,
			body: { received: true, executed: false, reason: 'test_event', event: 'test.event_one' },
			result: { noWebhookResponse: true },
		});
		expect(n8n.webhookRuns[0].context?.getMode()).toBe('webhook');

		expect(registrations()).toEqual({
			[productionUrl()]: {
				subscriptionId: subscription.id,
				secretId: fake.appSecret.id,
				secret: fake.appSecret.secret,
				events: EVENTS,
			},
		});
		// n8n's ObservableObject saw the change: n8n saved the workflow's static data, registration
		// included, when it answered the ping (create() stores it before enabling the subscription).
		expect(n8n.savedStaticData[n8n.savedStaticData.length - 1]).toEqual({
			'node:Eduzz Trigger': n8n.staticData(),
		});

		expect(await n8n.checkExists()).toBe(true);
	});

	it('a delivery from Eduzz runs webhook() in a WebhookContext and emits one item', async () => {
		await start();
		await n8n.create();
		const [subscription] = subscriptions();

		const delivered = await fake.deliver(
			subscription.id,
			'alpaclass.student_module_unfinished',
			undefined,
			{ attempt: 2 },
		);

		expect(delivered.status).toBe(200);
		expect(delivered.body).toBe(''); // responseData 'noData'
		const run = n8n.webhookRuns[n8n.webhookRuns.length - 1];
		expect(run.error).toBeUndefined();
		const workflowData = run.result?.workflowData;
		expect(workflowData).toHaveLength(1);
		expect(workflowData![0]).toHaveLength(1);
		const [{ json: item }] = workflowData![0];
		const sent = JSON.parse(delivered.request.body.toString());
		expect(Object.keys(item).sort()).toEqual(['data', 'delivery', 'event', 'id', 'sentDate']);
		expect(item).toMatchObject({
			id: delivered.id,
			event: 'alpaclass.student_module_unfinished',
			sentDate: sent.sentDate,
			data: sent.data,
			delivery: { subscriptionId: subscription.id, attempt: 2, schemaValid: true },
		});
		expect(Date.parse((item.delivery as IDataObject).receivedAt as string)).not.toBeNaN();
	});

	it('a forged delivery is answered 401 through the response object and starts nothing', async () => {
		await start();
		await n8n.create();
		const [subscription] = subscriptions();

		const forged = await fake.deliver(
			subscription.id,
			'alpaclass.student_module_unfinished',
			undefined,
			{ secret: 'forged' },
		);

		expect(forged.status).toBe(401);
		expect(forged.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(forged.body)).toMatchObject({ error: 'unauthorized' });
		const run = n8n.webhookRuns[n8n.webhookRuns.length - 1];
		expect(run.result).toEqual({ noWebhookResponse: true });
	});

	it('delete() removes the subscription at Eduzz and the stored registration', async () => {
		await start();
		await n8n.create();
		const [subscription] = subscriptions();

		expect(await n8n.delete()).toBe(true);

		expect(subscriptions()).toHaveLength(0);
		expect(fake.requests[fake.requests.length - 1]).toMatchObject({
			method: 'DELETE',
			path: `/webhook/v1/subscription/${subscription.id}`,
			status: 204,
		});
		expect(registrations()).toEqual({});
		expect(await n8n.checkExists()).toBe(false);
	});

	it("a revoked token: n8n's helper throws its NodeApiError, the node surfaces a 401 NodeApiError with the access-token hint", async () => {
		await start();
		fake.revokeToken(TOKEN);

		// What n8n-core itself throws for the 401 (the shape eduzzApi.describeFailure reads).
		const context = n8n.hookContext();
		const raw = await context.helpers.httpRequestWithAuthentication
			.call(context, 'eduzzApi', {
				method: 'GET',
				url: `${fake.baseUrl}/webhook/v1/secret`,
				json: true,
			})
			.catch((error: unknown) => error);
		expect(raw).toBeInstanceOf(NodeApiError);
		expect(raw).toMatchObject({
			httpCode: '401',
			context: { data: { message: 'Invalid or revoked access token' } },
		});

		const error = await n8n.create().catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			httpCode: '401',
			message:
				"Eduzz API GET /webhook/v1/secret failed (401): Invalid or revoked access token. Calling again will not help: a person must copy a fresh access token into n8n's Eduzz credential.",
			description: expect.stringContaining('access token'),
		});
		expect(subscriptions()).toHaveLength(0);
		expect(registrations()).toBeUndefined();
	});

	it("the header is the credential type's authenticate block: another block, another header (and Eduzz refuses it)", async () => {
		const credentialType = new EduzzApi();
		credentialType.authenticate = {
			type: 'generic',
			properties: { headers: { 'X-Api-Key': '={{$credentials.accessToken}}' } },
		} as IAuthenticateGeneric;
		await start({ credentialType });

		await expect(n8n.create()).rejects.toMatchObject({
			httpCode: '401',
			message: expect.stringContaining('Missing access token'),
		});
		expect(n8n.authenticatedRequests[0].headers).toEqual({ 'X-Api-Key': TOKEN });
		expect(fake.requests[0].headers.authorization).toBeUndefined();
	});

	it('"Listen for test event" registers the test URL and the sample Eduzz sends runs webhook() in manual mode', async () => {
		await start();
		expect(await n8n.create({ test: true })).toBe(true);

		const testUrl = `${n8n.origin}/webhook-test/${DEFAULT_WEBHOOK_ID}/webhook`;
		expect(subscriptions()).toEqual([expect.objectContaining({ url: testUrl, status: 'active' })]);
		// The sample is requested SAMPLE_DELAY_MS after create() returned.
		const sample = await sampleRun();
		expect(sample.test).toBe(true);
		expect(sample.context?.getMode()).toBe('manual');
		expect(sample.result!.workflowData![0][0].json).toMatchObject({ event: EVENTS[0] });

		expect(await n8n.delete({ test: true })).toBe(true);
		expect(subscriptions()).toHaveLength(0);
	});

	/** The first webhook() run that emitted an item. */
	const sampleRun = (): Promise<WebhookRun> =>
		waitFor(
			'the sample to reach webhook()',
			() => n8n.webhookRuns.find((run) => run.result?.workflowData !== undefined),
			{ stallMs: SAMPLE_DELAY_MS + 10_000, intervalMs: 20 },
		);

	describe('as n8n 2.x runs create(): in an expression isolate that TestWebhooks.needsWebhook releases when create() returns', () => {
		/*
		 * n8n 2.41's default expression engine ('vm': isolated-vm bridges handed out per caller), as
		 * n8n's start command sets it up with Expression.initExpressionEngine. That method loads
		 * @n8n/expression-runtime with `import()`, which jest refuses without
		 * --experimental-vm-modules, so the same evaluator is built here with require and handed to
		 * Expression where initExpressionEngine puts it (a private static: test code only).
		 */
		beforeAll(async () => {
			/* eslint-disable @typescript-eslint/no-require-imports, @n8n/community-nodes/no-restricted-imports -- test code: n8n-workflow's own expression runtime */
			const runtime =
				require('@n8n/expression-runtime') as typeof import('@n8n/expression-runtime');
			const { expressionSandboxHooks } =
				require('n8n-workflow/expression-sandboxing') as typeof import('n8n-workflow/expression-sandboxing');
			/* eslint-enable @typescript-eslint/no-require-imports, @n8n/community-nodes/no-restricted-imports */
			const evaluator = new runtime.ExpressionEvaluator({
				createBridge: () =>
					new runtime.IsolatedVmBridge({ timeout: 5000, memoryLimit: 64, logger: LoggerProxy }),
				maxCodeCacheSize: 64,
				poolSize: 2,
				hooks: expressionSandboxHooks,
				logger: LoggerProxy,
			});
			await evaluator.initialize();
			Object.assign(Expression, { vmEvaluator: evaluator });
			Expression.setExpressionEngine('vm');
		});
		afterAll(async () => {
			await Expression.disposeExpressionEngine();
			Expression.setExpressionEngine('legacy');
		});

		it('create() returns before the sample is requested; the sample, requested without the released context, arrives in manual mode', async () => {
			await start();
			// n8n's test webhook server acquires an isolate for each request (TestWebhooks.executeWebhook).
			await n8n.workflow.expression.acquireIsolate();
			try {
				// As TestWebhooks.needsWebhook: a Workflow of its own, an isolate acquired, create() in a
				// HookContext in manual mode, the isolate released when create() returns.
				const workflow = new Workflow({
					id: n8n.workflow.id,
					name: n8n.workflow.name,
					nodes: [n8n.node],
					connections: {},
					active: false,
					nodeTypes: n8n.nodeTypes,
					staticData: n8n.workflow.staticData,
				});
				const context = new HookContext(
					workflow,
					workflow.getNode(n8n.node.name)!,
					n8n.additionalData,
					'manual',
					'manual',
					{ ...n8n.webhookData, isTest: true },
				);
				expect(await workflow.expression.acquireIsolate()).toBe(true);
				let created: boolean;
				try {
					created = await new EduzzTrigger().webhookMethods.default.create.call(context);
				} finally {
					await workflow.expression.releaseIsolate();
				}
				expect(created).toBe(true);
				// n8n answers the editor's run request now: Eduzz has not been asked for the sample yet.
				const requested = () =>
					fake.requests.filter((request) => request.path === '/webhook/v1/subscription/sample');
				expect(requested()).toHaveLength(0);
				// What the issue saw: the context's authenticated request fails once the isolate is released.
				await expect(
					context.helpers.httpRequestWithAuthentication.call(context, 'eduzzApi', {
						method: 'GET',
						url: `${fake.baseUrl}/webhook/v1/secret`,
						json: true,
					}),
				).rejects.toThrow(/No bridge acquired/);

				const sample = await sampleRun();
				expect(sample.test).toBe(true);
				expect(sample.context?.getMode()).toBe('manual');
				expect(sample.result!.workflowData![0][0].json).toMatchObject({ event: EVENTS[0] });
				// Logged once Eduzz has answered the sample request, so the fake has its status by then.
				await waitFor('the sample to be logged', () =>
					n8n.logs.find((line) => line.includes('asked Eduzz for a sample')),
				);
				expect(requested()).toEqual([
					expect.objectContaining({
						status: 200,
						body: { subscriptionId: subscriptions()[0].id, event: EVENTS[0] },
					}),
				]);
				expect(n8n.logs.join('\n')).not.toMatch(/could not request a sample/);
			} finally {
				await n8n.workflow.expression.releaseIsolate();
			}
		});
	});
});
