/**
 * Automatic registration inside a real n8n (each pinned version) against the fake Eduzz: publish
 * creates and enables the subscription (Eduzz's test event is answered while create() runs),
 * deliveries the fake signs arrive as executions, restart makes no duplicate, unpublish deletes, a
 * revoked token fails with a clear error.
 */
import type { INodeCredentialTestResult } from 'n8n-workflow';

import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import type { TriggerStaticData } from '../../nodes/EduzzTrigger/registration';
import type { SubscriptionInput } from '../../nodes/EduzzTrigger/webhookApi';
import type { FakeEduzz, RecordedRequest } from '../../tooling/fakeEduzz';
import type { N8nHandle } from '../../tooling/n8n/server';
import {
	eduzzCredentialData,
	TRIGGER_NAME,
	eduzzWorkflow,
	itemsOf,
	webhookIdOf,
	type Client,
	type Credential,
	type Workflow,
} from '../../tooling/n8n/workflows';
import { waitFor } from '../../tooling/wait';
import { versions, startTestN8n, startFakeEduzz } from './harness';

const TOKEN = 'e2e-eduzz-token';
const EVENTS = ['alpaclass.student_module_unfinished', 'alpaclass.student_course_finished'];

/** The webhook URL a subscription request to the fake Eduzz carried. */
const urlSent = (request: RecordedRequest) =>
	(request.body as Partial<SubscriptionInput> | undefined)?.url;

describe.each(versions)('Eduzz Trigger in n8n %s (automatic registration)', (version) => {
	let n8n: N8nHandle;
	let c: Client;
	let stop: (() => Promise<void>) | undefined;
	let fake: FakeEduzz;
	let credential: Credential;
	let workflow: Workflow;
	let url: string;

	const subscriptions = () => [...fake.state.subscriptions.values()];
	/** Waits until `condition()` holds; the node calling the fake Eduzz is progress. */
	const waitForEduzz = (what: string, condition: () => unknown) =>
		waitFor(what, async (progress) => {
			progress([fake.requests.length, subscriptions().map((s) => s.status)]);
			return (await condition()) || undefined;
		});

	beforeAll(async () => {
		fake = await startFakeEduzz({ tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] } });
		({ n8n, c, stop } = await startTestN8n(version, { label: 'e2e-auto' }));
		credential = await c.createCredential(
			'eduzzApi',
			'Eduzz (e2e, automatic)',
			eduzzCredentialData({ accessToken: TOKEN, baseUrl: fake.baseUrl }),
		);
		workflow = await c.createWorkflow(
			eduzzWorkflow({
				name: 'Eduzz: automatic registration',
				credential,
				parameters: { registration: 'automatic', events: EVENTS },
			}),
		);
		url = n8n.webhookUrl(webhookIdOf(workflow), 'webhook');
	});

	afterAll(async () => {
		await stop?.();
		await fake?.close();
	});

	const testCredential = () =>
		c.rest<INodeCredentialTestResult>('POST', '/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: 'eduzzApi',
				data: eduzzCredentialData({ accessToken: TOKEN, baseUrl: fake.baseUrl }),
			},
		});

	it('a trigger-only credential (a webhook secret, no token) passes the Test button', async () => {
		const tested = await c.rest<INodeCredentialTestResult>('POST', '/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: 'eduzzApi',
				data: eduzzCredentialData({ webhookSecret: 'only-a-secret', baseUrl: fake.baseUrl }),
			},
		});
		expect(tested).toMatchObject({ status: 'OK' });
	});

	it("the credential's Test button asks Eduzz who the token belongs to", async () => {
		expect(await testCredential()).toMatchObject({ status: 'OK' });
		expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/accounts/v1/me')).toBe(
			true,
		);
	});

	it('publishing creates and enables one subscription for the production URL; the test event is answered 2xx', async () => {
		expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
		await waitForEduzz('an active subscription', () =>
			subscriptions().find((s) => s.status === 'active'),
		);
		expect(subscriptions()).toHaveLength(1);
		const [subscription] = subscriptions();
		expect(subscription).toMatchObject({
			url,
			status: 'active',
			name: 'n8n: Eduzz: automatic registration',
			secretId: fake.appSecret.id,
		});
		expect([...subscription.events].sort()).toEqual([...EVENTS].sort());
		expect(fake.deliveries.find((delivery) => delivery.event === 'test.event_one')).toMatchObject({
			status: 200,
		});
	});

	it('stores the subscription and the app secret in the workflow static data', async () => {
		const stored = await waitFor('the registration in the static data', async (progress) => {
			const { staticData } = await c.api<Workflow>('GET', `/workflows/${workflow.id}`);
			progress(staticData);
			const nodeData =
				staticData && typeof staticData === 'object'
					? (staticData[`node:${TRIGGER_NAME}`] as TriggerStaticData | undefined)
					: undefined;
			return nodeData?.registrations?.[url];
		});
		expect(stored).toMatchObject({
			subscriptionId: subscriptions()[0].id,
			secretId: fake.appSecret.id,
		});
	});

	it('events the fake delivers arrive as executions; forged and test events do not', async () => {
		await c.waitForWebhook(url);
		const [subscription] = subscriptions();
		const delivered = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished');
		expect(delivered.status).toBe(200);
		const execution = await c.waitForEvent(workflow.id, delivered.id);
		expect(itemsOf<EduzzEventItem>(execution, TRIGGER_NAME)[0]).toMatchObject({
			event: 'alpaclass.student_module_unfinished',
			delivery: { subscriptionId: subscription.id, attempt: 1, schemaValid: true },
		});
		expect(
			(
				await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished', undefined, {
					secret: 'forged',
				})
			).status,
		).toBe(401);
		expect((await fake.deliver(subscription.id, 'test.event_one', {})).status).toBe(200);
	});

	it('"Listen for test event" registers the test URL separately and Eduzz sends a sample at once', async () => {
		const testUrl = n8n.webhookUrl(webhookIdOf(workflow), 'webhook', { test: true });
		const before = (await c.listExecutions(workflow.id)).length;
		await c.listenForTestEvent(workflow.id, TRIGGER_NAME);
		const all = await c.waitForExecutions(workflow.id, before + 1);
		const execution = all.find((e) => e.mode === 'manual');
		expect(itemsOf<EduzzEventItem>(execution, TRIGGER_NAME)[0]).toMatchObject({
			event: EVENTS[0],
			delivery: { schemaValid: true },
		});
		expect(
			fake.requests.some(
				(r) => r.method === 'POST' && r.path === '/webhook/v1/subscription/sample',
			),
		).toBe(true);
		// The test subscription is removed when listening ends; the production one is untouched.
		await waitForEduzz('the test subscription to be deleted', () => subscriptions().length === 1);
		expect(subscriptions()[0]).toMatchObject({ url, status: 'active' });
		expect(
			fake.requests.some(
				(r) =>
					r.method === 'POST' && r.path === '/webhook/v1/subscription' && urlSent(r) === testUrl,
			),
		).toBe(true);
	});

	it('after a restart there is still one subscription and deliveries still arrive', async () => {
		await n8n.restart();
		await c.waitForWebhook(url);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0].status).toBe('active');
		const delivered = await fake.deliver(
			subscriptions()[0].id,
			'alpaclass.student_course_finished',
		);
		expect(delivered.status).toBe(200);
		await c.waitForEvent(workflow.id, delivered.id);
		const created = fake.requests.filter(
			(r) => r.method === 'POST' && r.path === '/webhook/v1/subscription',
		);
		expect(created.filter((r) => urlSent(r) === url)).toHaveLength(1);
	});

	it('unpublishing deletes the subscription at Eduzz', async () => {
		await c.deactivate(workflow.id);
		await waitForEduzz('the subscription to be deleted', () => subscriptions().length === 0);
		expect(
			fake.requests.some(
				(r) => r.method === 'DELETE' && r.path.startsWith('/webhook/v1/subscription/'),
			),
		).toBe(true);
	});

	it('a revoked token makes publishing fail with an error that says to check the token', async () => {
		fake.revokeToken(TOKEN);
		const activation = await c.activate(workflow.id);
		expect(activation.status).toBe('failed');
		expect(activation.errorMessage).toMatch(/token/i);
		expect(subscriptions()).toHaveLength(0);
		// And the credential's Test button says what to do.
		const tested = await testCredential();
		expect(tested).toMatchObject({ status: 'Error' });
		// n8n 2.x applies the credential's 401 rule; 1.x answers with its own generic text.
		expect(tested.message).toMatch(
			version.startsWith('1.') ? /Authorization failed/ : /refused the access token/,
		);
	});

	it('activation succeeds every time although other requests reach the URL while the app secret is fetched (10 of 10)', async () => {
		// Each run has its own token, so the app secret is not cached from the run before.
		fake.setStrayRequests(3);
		for (let run = 1; run <= 10; run++) {
			const token = `${TOKEN}-stray-${run}`;
			fake.setScopes(token, ['webhook_read', 'webhook_write']);
			const own = await c.createCredential(
				'eduzzApi',
				`Eduzz (stray run ${run})`,
				eduzzCredentialData({ accessToken: token, baseUrl: fake.baseUrl }),
			);
			const wf = await c.createWorkflow(
				eduzzWorkflow({
					name: `Eduzz: activation amid strays ${run}`,
					credential: own,
					parameters: { registration: 'automatic', events: EVENTS },
				}),
			);
			const pings = fake.deliveries.length;
			expect(await c.activate(wf.id)).toMatchObject({ status: 'published' });
			const ping = fake.deliveries
				.slice(pings)
				.find((delivery) => delivery.event === 'test.event_one');
			expect(ping).toMatchObject({ status: 200 });
			await c.deactivate(wf.id);
		}
		fake.setStrayRequests(0);
		// The strays themselves were refused, each of them.
		expect(fake.strayResults).toEqual(Array(30).fill(401));
	});
});
