'use strict';
/**
 * Automatic registration inside a real n8n (each pinned version) against the fake Eduzz: publish
 * creates and enables the subscription (Eduzz's ping is answered while create() runs), deliveries
 * the fake signs arrive as executions, restart makes no duplicate, unpublish deletes, a revoked
 * token fails with a clear error.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../support/n8nRuntime');
const { startFakeEduzz } = require('../support/fakeEduzz');
const { TRIGGER_NAME, eduzzWorkflow } = require('../support/eduzzWorkflows');

const TOKEN = 'e2e-eduzz-token';
const EVENTS = ['alpaclass.student_module_unfinished', 'alpaclass.student_course_finished'];
const versions = (process.env.E2E_N8N_VERSIONS || `${runtime.VERSIONS.v2},${runtime.VERSIONS.v1}`).split(',');

describe.each(versions)('Eduzz Trigger in n8n %s (automatic registration)', (version) => {
	let n8n;
	let c;
	let fake;
	let credential;
	let workflow;
	let url;

	const subscriptions = () => [...fake.state.subscriptions.values()];
	const executionFor = (eventId) =>
		runtime.pollUntil(
			async () => (await c.listExecutions(workflow.id, { includeData: true })).find((e) => runtime.itemsOf(e, TRIGGER_NAME)[0]?.id === eventId),
			{ timeoutMs: 60000, what: `the execution of event ${eventId}` },
		);

	beforeAll(async () => {
		fake = await startFakeEduzz({ tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] } });
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-e2e-auto-${version}-`));
		runtime.packAndInstall(userFolder);
		n8n = await runtime.startN8n({ version, userFolder });
		await runtime.setupOwner(n8n);
		c = runtime.client(n8n);
		credential = await c.createCredential('eduzzWebhookApi', 'Eduzz (e2e, automatic)', {
			webhookSecret: '',
			previousWebhookSecret: '',
			accessToken: TOKEN,
			baseUrl: fake.baseUrl,
		});
		workflow = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz: automatic registration', credential, parameters: { registration: 'automatic', events: EVENTS } }),
		);
		url = n8n.webhookUrl(workflow.nodes[0].webhookId, 'webhook');
	});

	afterAll(async () => {
		await n8n?.stop();
		await fake?.close();
	});

	const testCredential = () =>
		c.rest('POST', '/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: 'eduzzWebhookApi',
				data: { webhookSecret: '', previousWebhookSecret: '', accessToken: TOKEN, baseUrl: fake.baseUrl },
			},
		});

	it('the credential\'s Test button asks Eduzz who the token belongs to', async () => {
		expect(await testCredential()).toMatchObject({ status: 'OK' });
		expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/accounts/v1/me')).toBe(true);
	});

	it('publishing creates and enables one subscription for the production URL; the ping is answered 2xx', async () => {
		const activation = await c.activate(workflow.id);
		expect(activation).toMatchObject({ status: 'published' });
		await runtime.pollUntil(async () => subscriptions().find((s) => s.status === 'active'), { timeoutMs: 60000, what: 'an active subscription' });
		expect(subscriptions()).toHaveLength(1);
		const [subscription] = subscriptions();
		expect(subscription).toMatchObject({ url, status: 'active', name: 'n8n: Eduzz: automatic registration', secretId: fake.appSecret.id });
		expect([...subscription.events].sort()).toEqual([...EVENTS].sort());
		const ping = fake.deliveries.find((delivery) => delivery.event === 'test.event_one');
		expect(ping).toMatchObject({ status: 200 });
	});

	it('stores the subscription and the app secret in the workflow static data', async () => {
		const stored = await runtime.pollUntil(
			async () => {
				const saved = await c.api('GET', `/workflows/${workflow.id}`);
				const node = saved.staticData && saved.staticData[`node:${TRIGGER_NAME}`];
				return node && node.registrations && node.registrations[url];
			},
			{ timeoutMs: 30000, what: 'the registration in the static data' },
		);
		expect(stored).toMatchObject({ subscriptionId: subscriptions()[0].id, secretId: fake.appSecret.id });
	});

	it('events the fake delivers arrive as executions; forged and test events do not', async () => {
		await c.waitForWebhook(url);
		const [subscription] = subscriptions();
		const delivered = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished');
		expect(delivered.status).toBe(200);
		const execution = await executionFor(delivered.id);
		expect(runtime.itemsOf(execution, TRIGGER_NAME)[0]).toMatchObject({
			event: 'alpaclass.student_module_unfinished',
			delivery: { subscriptionId: subscription.id, attempt: 1, schemaValid: true },
		});
		expect((await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished', undefined, { secret: 'forged' })).status).toBe(401);
		expect((await fake.deliver(subscription.id, 'test.event_one', {})).status).toBe(200);
	});

	it('"Listen for test event" registers the test URL separately and Eduzz sends a sample at once', async () => {
		const testUrl = n8n.webhookUrl(workflow.nodes[0].webhookId, 'webhook', { test: true });
		const before = (await c.listExecutions(workflow.id)).length;
		await c.listenForTestEvent(workflow.id, TRIGGER_NAME);
		const all = await c.waitForExecutions(workflow.id, before + 1);
		const execution = all.find((e) => e.mode === 'manual');
		expect(runtime.itemsOf(execution, TRIGGER_NAME)[0]).toMatchObject({ event: EVENTS[0], delivery: { schemaValid: true } });
		expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/webhook/v1/subscription/sample')).toBe(true);
		// The test subscription is removed when listening ends; the production one is untouched.
		await runtime.pollUntil(async () => (subscriptions().length === 1 ? true : undefined), { timeoutMs: 60000, what: 'the test subscription to be deleted' });
		expect(subscriptions()[0]).toMatchObject({ url, status: 'active' });
		expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/webhook/v1/subscription' && r.body.url === testUrl)).toBe(true);
	});

	it('after a restart there is still one subscription and deliveries still arrive', async () => {
		await n8n.restart();
		await c.waitForWebhook(url);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0].status).toBe('active');
		const delivered = await fake.deliver(subscriptions()[0].id, 'alpaclass.student_course_finished');
		expect(delivered.status).toBe(200);
		await executionFor(delivered.id);
		const created = fake.requests.filter((r) => r.method === 'POST' && r.path === '/webhook/v1/subscription');
		expect(created.filter((r) => r.body.url === url)).toHaveLength(1);
	});

	it('unpublishing deletes the subscription at Eduzz', async () => {
		await c.deactivate(workflow.id);
		await runtime.pollUntil(async () => (subscriptions().length === 0 ? true : undefined), { timeoutMs: 60000, what: 'the subscription to be deleted' });
		expect(fake.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/webhook/v1/subscription/'))).toBe(true);
	});

	it('a revoked token makes publishing fail with an error that says to check the token', async () => {
		fake.revokeToken(TOKEN);
		const activation = await c.activate(workflow.id, { timeoutMs: 120000 });
		expect(activation.status).toBe('failed');
		expect(activation.errorMessage).toMatch(/token/i);
		expect(subscriptions()).toHaveLength(0);
		// And the credential's Test button says what to do.
		const tested = await testCredential();
		expect(tested).toMatchObject({ status: 'Error' });
		// n8n 2.x applies the credential's 401 rule; 1.x answers with its own generic text.
		expect(tested.message).toMatch(version.startsWith('1.') ? /Authorization failed/ : /refused the access token/);
	});
});
