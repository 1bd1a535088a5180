/**
 * The Eduzz Trigger inside a real n8n (each pinned version), installed as users install it: the
 * `npm pack` tarball unpacked into the user folder's .n8n/nodes/node_modules, zod from n8n.
 * Deliveries go over HTTP exactly as Eduzz sends them; outcomes are read from n8n's executions API.
 */
/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: a throw-away webhook secret */
import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import { envelope, deliver } from '../../tooling/deliveries';
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
import { versions, startTestN8n } from './harness';

const SECRET = 'e2e-5f8a77f6480f2253c1d0e3b2a9f8e7d6c5b4a3928170f6e5d4c3b2a1908070';

describe.each(versions)('Eduzz Trigger in n8n %s (manual registration)', (version) => {
	let n8n: N8nHandle;
	let c: Client;
	let stop: (() => Promise<void>) | undefined;
	let credential: Credential;
	let workflow: Workflow;
	let url: string;

	/**
	 * Sends the given deliveries, then one valid marker, and counts the executions created
	 * meanwhile: an execution the others started would be there once the marker's is.
	 */
	async function executionsCausedBy<T>(
		workflowId: string,
		markerUrl: string,
		send: () => Promise<T>,
	) {
		const before = (await c.listExecutions(workflowId)).length;
		const responses = await send();
		const marker = envelope();
		expect((await deliver(markerUrl, marker, { secret: SECRET })).status).toBe(200);
		await c.waitForEvent(workflowId, marker.id);
		return { responses, added: (await c.listExecutions(workflowId)).length - before - 1 };
	}

	beforeAll(async () => {
		({ n8n, c, stop } = await startTestN8n(version, { label: 'e2e-trigger' }));
		credential = await c.createCredential(
			'eduzzApi',
			'Eduzz (e2e)',
			eduzzCredentialData({ webhookSecret: SECRET }),
		);
		workflow = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz: student unmarked a module', credential }),
		);
		expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
		url = n8n.webhookUrl(webhookIdOf(workflow), 'webhook');
		await c.waitForWebhook(url);
	});

	afterAll(async () => {
		await stop?.();
	});

	it('a valid signed module_unfinished starts one execution whose item matches', async () => {
		const event = envelope();
		const response = await deliver(url, event, {
			secret: SECRET,
			attempt: 2,
			subscriptionId: 'subAbc',
		});
		expect(response.status).toBe(200);
		const execution = await c.waitForEvent(workflow.id, event.id);
		const items = itemsOf<EduzzEventItem>(execution, TRIGGER_NAME);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			id: event.id,
			event: 'alpaclass.student_module_unfinished',
			sentDate: event.sentDate,
			data: event.data,
			delivery: { subscriptionId: 'subAbc', attempt: 2, schemaValid: true },
		});
		expect(itemsOf(execution, 'No Operation')).toHaveLength(1);
	});

	it('forged and unsigned deliveries get 401 and start nothing', async () => {
		const { responses, added } = await executionsCausedBy(workflow.id, url, () =>
			Promise.all([
				deliver(url, envelope(), { secret: 'not-the-secret' }),
				deliver(url, envelope(), { signature: null }),
				deliver(url, envelope(), { signature: 'deadbeef' }),
			]),
		);
		expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
		expect(responses[0].text).not.toContain(SECRET);
		expect(added).toBe(0);
	});

	it('unselected events and Eduzz test events get 200, non-JSON gets 400, none starts an execution', async () => {
		const { responses, added } = await executionsCausedBy(workflow.id, url, () =>
			Promise.all([
				deliver(url, envelope('alpaclass.student_course_finished'), { secret: SECRET }),
				deliver(url, envelope('test.event_one', {}), { secret: SECRET }),
				deliver(url, 'this is not json', { secret: SECRET, contentType: 'text/plain' }),
				deliver(url, '{"event": broken', { secret: SECRET }),
			]),
		);
		// Malformed JSON sent as application/json never reaches the node: n8n's own body parser
		// answers 422. Any other non-JSON body is answered 400 by the node. Neither starts anything.
		expect(responses.map((r) => r.status)).toEqual([200, 200, 400, 422]);
		expect(responses[0].json).toMatchObject({ executed: false, reason: 'not_selected' });
		expect(responses[1].json).toMatchObject({ executed: false, reason: 'test_event' });
		expect(added).toBe(0);
	});

	it('a node saved as version 1 (before 1.1) verifies, emits and refuses exactly like 1.1', async () => {
		const v1 = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz: version 1 node', credential, typeVersion: 1 }),
		);
		expect(await c.activate(v1.id)).toMatchObject({ status: 'published' });
		const v1Url = n8n.webhookUrl(webhookIdOf(v1), 'webhook');
		await c.waitForWebhook(v1Url);

		const event = envelope();
		const { responses, added } = await executionsCausedBy(v1.id, v1Url, () =>
			Promise.all([
				deliver(v1Url, event, { secret: SECRET }),
				deliver(v1Url, envelope(), { secret: 'not-the-secret' }),
				deliver(v1Url, 'this is not json', { secret: SECRET, contentType: 'text/plain' }),
			]),
		);
		expect(responses.map((r) => r.status)).toEqual([200, 401, 400]);
		expect(added).toBe(1);
		const execution = await c.waitForEvent(v1.id, event.id);
		expect(itemsOf<EduzzEventItem>(execution, TRIGGER_NAME)).toEqual([
			expect.objectContaining({ id: event.id, data: event.data }),
		]);
		await c.deactivate(v1.id);
	});

	it('a gzip-encoded body signed over its decoded bytes is accepted', async () => {
		const event = envelope();
		expect((await deliver(url, event, { secret: SECRET, gzip: true })).status).toBe(200);
		await c.waitForEvent(workflow.id, event.id);
	});

	it('100 concurrent valid deliveries give exactly 100 executions, none lost, none doubled', async () => {
		const before = (await c.listExecutions(workflow.id)).length;
		const events = Array.from({ length: 100 }, () => envelope());
		const responses = await Promise.all(
			events.map((event) => deliver(url, event, { secret: SECRET })),
		);
		expect(responses.filter((r) => r.status === 200)).toHaveLength(100);
		const all = await c.waitForExecutions(workflow.id, before + 100);
		const sent = new Set(events.map((event) => event.id));
		const received = all
			.map((e) => itemsOf<EduzzEventItem>(e, TRIGGER_NAME)[0]?.id)
			.filter((id) => id != null && sent.has(id));
		expect(received).toHaveLength(100);
		expect(new Set(received).size).toBe(100);
		expect(all.length - before).toBe(100);
	});

	it('"Listen for test event" receives a delivery on the test URL as a manual execution', async () => {
		await c.listenForTestEvent(workflow.id, TRIGGER_NAME);
		const testUrl = n8n.webhookUrl(webhookIdOf(workflow), 'webhook', { test: true });
		await c.waitForWebhook(testUrl);
		// Eduzz's console test and refused deliveries do not end the listening; the real event does.
		expect(
			(await deliver(testUrl, envelope('test.event_one', {}), { secret: SECRET })).status,
		).toBe(200);
		expect((await deliver(testUrl, envelope(), { secret: 'forged' })).status).toBe(401);
		const event = envelope();
		expect((await deliver(testUrl, event, { secret: SECRET })).status).toBe(200);
		const execution = await c.waitForEvent(workflow.id, event.id);
		expect(execution.mode).toBe('manual');
		expect(itemsOf<EduzzEventItem>(execution, TRIGGER_NAME)[0]).toMatchObject({
			event: 'alpaclass.student_module_unfinished',
			data: event.data,
		});
	});

	it('still receives after n8n restarts with the workflow active', async () => {
		await n8n.restart();
		await c.waitForWebhook(url);
		const event = envelope();
		expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
		await c.waitForEvent(workflow.id, event.id);
	});
});
