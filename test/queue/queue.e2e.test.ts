/**
 * The Eduzz Trigger in n8n's queue mode: PostgreSQL + Redis, one main (`n8n start` with production
 * webhooks disabled), two `n8n webhook` processes and one `n8n worker`, the packed package installed
 * in each (tooling/queueStack.js).
 *
 * (a) activation from main, with automatic registration against the fake Eduzz: the subscription
 *     points at a webhook process and Eduzz's activation ping (served by that process) gets 200;
 * (b) 500 signed deliveries, round-robin over both webhook processes, 20 at a time → 500 × 200 and
 *     exactly 500 executions carrying exactly the 500 event ids;
 * (c) forged / unsigned deliveries to both processes → 401, no execution;
 * (d) Remove Duplicates after the trigger: events delivered at once to A and B, then redelivered
 *     at once to the other process, reach the trigger's output twice and the action once. The
 *     worker runs with N8N_CONCURRENCY_PRODUCTION_LIMIT=1 (one execution at a time), the setting the
 *     README gives for an exact Remove Duplicates (docs/n8n-remove-duplicates-race.md).
 *
 * Run: npm run test:queue (or see docs/scaling.md). Needs root (apt-get) or PostgreSQL + Redis
 * already installed from Debian's packages.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n Cloud's rules are for the package's nodes; throw-away secrets */
import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import type { TriggerStaticData } from '../../nodes/EduzzTrigger/registration';
import { envelope, deliver, mapLimit, moduleUnfinishedData } from '../../tooling/deliveries';
import type { FakeEduzz, FakeSubscription } from '../../tooling/fakeEduzz';
import { VERSIONS } from '../../tooling/n8n/provision';
import { setupOwner } from '../../tooling/n8n/client';
import {
	eduzzCredentialData,
	NO_OP_NAME,
	TRIGGER_NAME,
	client,
	eduzzWorkflow,
	itemsOf,
	webhookIdOf,
	type Client,
	type Execution,
	type Workflow,
} from '../../tooling/n8n/workflows';
import { startQueueStack, type QueueStack } from '../../tooling/queueStack';
import { sleep, waitFor } from '../../tooling/wait';
import { startFakeEduzz } from '../e2e/harness';

// The last resort: every wait below gives up only when nothing moves any more.
jest.setTimeout(30 * 60 * 1000);

const VERSION = process.env.QUEUE_N8N_VERSION || VERSIONS.v2;
const TOKEN = 'queue-e2e-eduzz-token';
const SECRET = 'queue-e2e-3c9f1a7b5d2e4f60718293a4b5c6d7e8f9a0b1c2d3e4f5061728394a5b6c7d8e';
const DELIVERIES = Number(process.env.QUEUE_DELIVERIES || 500);
const CONCURRENCY = 20; // Eduzz's documented maximum of simultaneous deliveries

const log = (msg: string) => process.stderr.write(`[queue.e2e] ${msg}\n`);

/** What a delivery got: n8n's answer, or status 0 and the `error` when none came. */
interface Sent {
	status: number;
	text: string;
	error?: string;
}

/** `deliver` that never rejects: a transport error becomes `{ status: 0, error }`. */
const send = (...args: Parameters<typeof deliver>): Promise<Sent> =>
	deliver(...args).then(
		(answer): Sent => answer,
		(error: Error): Sent => ({ status: 0, text: '', error: error.message }),
	);

describe(`Eduzz Trigger in n8n ${VERSION} queue mode (main + 2 webhook processes + 1 worker)`, () => {
	let stack: QueueStack | undefined;
	let fake: FakeEduzz | undefined;
	let c: Client;
	let auto: Workflow; // workflow with automatic registration
	let urls: string[]; // its production URL on each webhook process [A, B]
	let subscription: FakeSubscription;

	/** The started stack and fake (beforeAll failed if they are missing). */
	const started = () => {
		if (!stack || !fake) throw new Error('the queue stack or the fake Eduzz did not start');
		return { stack, fake };
	};
	const idOf = (execution: Execution) => itemsOf<EduzzEventItem>(execution, TRIGGER_NAME)[0]?.id;

	beforeAll(async () => {
		const t0 = Date.now();
		fake = await startFakeEduzz({ tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] } });
		// The worker takes the limit as its concurrency (n8n 2.41.1 dist/commands/worker.js 130–131).
		const queue = await startQueueStack({
			version: VERSION,
			log,
			env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' },
		});
		stack = queue;
		await setupOwner(queue.main);
		c = client(queue.main);
		log(`stack + owner ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});

	afterAll(async () => {
		await stack?.stop();
		await fake?.close();
	});

	it('(a) publishing from main registers the subscription for a webhook-process URL; the ping gets 200', async () => {
		const { stack, fake } = started();
		const credential = await c.createCredential(
			'eduzzApi',
			'Eduzz (queue, automatic)',
			// a local base URL lifts the node's public-HTTPS check
			eduzzCredentialData({ accessToken: TOKEN, baseUrl: fake.baseUrl }),
		);
		auto = await c.createWorkflow(
			eduzzWorkflow({
				name: 'Eduzz queue: automatic',
				credential,
				parameters: { registration: 'automatic' },
			}),
		);
		const webhookId = webhookIdOf(auto);
		urls = stack.webhookUrls(webhookId, 'webhook');

		const t0 = Date.now();
		const activation = await c.activate(auto.id);
		expect(activation).toMatchObject({ status: 'published' });
		subscription = await waitFor('an active subscription at the fake Eduzz', async (progress) => {
			progress(fake.requests.length);
			return [...fake.state.subscriptions.values()].find((s) => s.status === 'active');
		});
		log(`published + subscription active in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

		expect(fake.state.subscriptions.size).toBe(1);
		expect(subscription.url).toBe(urls[0]); // N8N_WEBHOOK_URL of main = webhook process A
		expect(stack.webhookUrls(webhookId, 'webhook')).toContain(subscription.url);
		expect(subscription.url.startsWith(stack.main.baseUrl)).toBe(false);
		// The activation ping went to webhook process A while main's create() was still running.
		const ping = fake.deliveries.find((d) => d.event === 'test.event_one');
		expect(ping).toMatchObject({ url: urls[0], status: 200 });

		// Main's create() could only save the registration once the ping had been answered, so webhook
		// process A verified the ping with the app secret it fetched from Eduzz itself: one
		// GET /webhook/v1/secret from main, at least one from A.
		const secretCalls = fake.requests.filter(
			(r) => r.method === 'GET' && r.path === '/webhook/v1/secret',
		);
		expect(secretCalls.length).toBeGreaterThanOrEqual(2);
		// Main saved the registration (subscription id + app secret) where every process reads it.
		const stored = await waitFor('the registration in the static data', async (progress) => {
			const raw = stack.services
				.sql(`select "staticData" from workflow_entity where id = '${auto.id}'`)
				.trim();
			progress(raw);
			const staticData = raw ? (JSON.parse(raw) as Record<string, TriggerStaticData>) : undefined;
			return staticData?.[`node:${TRIGGER_NAME}`]?.registrations?.[urls[0]] || undefined;
		});
		expect(stored).toMatchObject({ subscriptionId: subscription.id, secretId: fake.appSecret.id });

		// Both webhook processes serve the production URL; main does not (production disabled there).
		for (const url of urls) await c.waitForWebhook(url);
		const onMain = await send(`${stack.main.baseUrl}/webhook/${webhookId}/webhook`, envelope(), {
			secret: fake.appSecret.secret,
			subscriptionId: subscription.id,
		});
		log(
			`signed delivery to main's own /webhook URL answered ${onMain.status} ${String(onMain.text).slice(0, 120)}`,
		);
		expect(onMain.status).toBe(404);

		// A delivery as Eduzz sends it (signed with the app secret the node stored) starts one execution.
		const delivered = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished');
		expect(delivered.status).toBe(200);
		const [execution] = await c.waitForExecutions(auto.id, 1);
		expect(idOf(execution)).toBe(delivered.id);
		expect((await c.listExecutions(auto.id)).length).toBe(1); // main's refusal above started nothing
	});

	it(`(b) ${DELIVERIES} signed deliveries round-robin over both webhook processes → exactly ${DELIVERIES} executions`, async () => {
		const { fake } = started();
		expect(subscription).toBeDefined();
		const before = (await c.listExecutions(auto.id)).length;
		const events = Array.from({ length: DELIVERIES }, () => envelope());
		const t0 = Date.now();
		const responses = await mapLimit(events, CONCURRENCY, (event, i) =>
			send(urls[i % urls.length], event, {
				secret: fake.appSecret.secret,
				subscriptionId: subscription.id,
			}),
		);
		const sendSecs = (Date.now() - t0) / 1000;
		const byProcess = urls.map((url, p) => ({
			url,
			sent: responses.filter((_, i) => i % urls.length === p).length,
			ok: responses.filter((r, i) => i % urls.length === p && r.status === 200).length,
		}));
		const bad = responses
			.map((r, i) => ({ i, status: r.status, text: String(r.text || r.error).slice(0, 200) }))
			.filter((r) => r.status !== 200);
		log(
			`${DELIVERIES} deliveries answered in ${sendSecs.toFixed(1)} s (${(DELIVERIES / sendSecs).toFixed(1)}/s): ${JSON.stringify(byProcess)}`,
		);
		expect(bad).toEqual([]);
		expect(byProcess.every((p) => p.ok === p.sent && p.sent > 0)).toBe(true);

		const all = await c.waitForExecutions(auto.id, before + DELIVERIES);
		log(
			`${DELIVERIES} executions finished ${((Date.now() - t0) / 1000).toFixed(1)} s after the first delivery`,
		);
		// A grace period for a late doubled execution to show up; it cannot fail a correct run.
		await sleep(5000);
		expect((await c.listExecutions(auto.id)).length).toBe(before + DELIVERIES);

		const sent = new Set(events.map((e) => e.id));
		const mine = all.filter((e) => sent.has(idOf(e) ?? ''));
		const received = mine.map(idOf);
		expect(received).toHaveLength(DELIVERIES);
		expect(new Set(received).size).toBe(DELIVERIES);
		expect([...sent].filter((id) => !received.includes(id))).toEqual([]);
		expect(
			mine.filter((e) => e.status !== 'success').map((e) => ({ id: e.id, status: e.status })),
		).toEqual([]);
		const byId = new Map(events.map((e) => [e.id, e]));
		for (const execution of mine) {
			const items = itemsOf<EduzzEventItem>(execution, TRIGGER_NAME);
			expect(items).toHaveLength(1);
			const sentEvent = byId.get(items[0].id ?? '');
			expect(items[0]).toMatchObject({
				event: 'alpaclass.student_module_unfinished',
				sentDate: sentEvent?.sentDate,
				data: moduleUnfinishedData,
				delivery: { subscriptionId: subscription.id, attempt: 1, schemaValid: true },
			});
			expect(itemsOf(execution, 'No Operation')).toHaveLength(1);
		}
	});

	it('(c) forged and unsigned deliveries to both webhook processes get 401 and start nothing', async () => {
		const { fake } = started();
		expect(subscription).toBeDefined();
		const before = (await c.listExecutions(auto.id)).length;
		const forged = await Promise.all(
			urls.flatMap((url) => [
				send(url, envelope(), { secret: 'not-the-secret', subscriptionId: subscription.id }),
				send(url, envelope(), { signature: null, subscriptionId: subscription.id }),
				send(url, envelope(), { signature: 'deadbeef', subscriptionId: subscription.id }),
				send(url, envelope(), { signature: 'a'.repeat(64), subscriptionId: subscription.id }),
			]),
		);
		expect(forged.map((r) => r.status)).toEqual(Array(4 * urls.length).fill(401));
		expect(forged.every((r) => !r.text.includes(fake.appSecret.secret))).toBe(true);
		// One valid marker per process afterwards: once both ran, anything the forgeries started would show.
		const markers = urls.map(() => envelope());
		const markerResponses = await Promise.all(
			urls.map((url, i) =>
				send(url, markers[i], { secret: fake.appSecret.secret, subscriptionId: subscription.id }),
			),
		);
		expect(markerResponses.map((r) => r.status)).toEqual(urls.map(() => 200));
		const all = await c.waitForExecutions(auto.id, before + urls.length);
		await sleep(3000); // grace period, as above
		expect((await c.listExecutions(auto.id)).length).toBe(before + urls.length);
		expect(all.map(idOf)).toEqual(expect.arrayContaining(markers.map((m) => m.id)));
	});
	it('(d) Remove Duplicates after the trigger: an event received by one webhook process and redelivered to the other reaches the action once', async () => {
		const { stack } = started();
		const credential = await c.createCredential(
			'eduzzApi',
			'Eduzz (queue, manual)',
			eduzzCredentialData({ webhookSecret: SECRET }),
		);
		const wf = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz queue: Remove Duplicates', credential, removeDuplicates: true }),
		);
		expect(await c.activate(wf.id)).toMatchObject({ status: 'published' });
		const [a, b] = stack.webhookUrls(webhookIdOf(wf), 'webhook');
		await Promise.all([c.waitForWebhook(a), c.waitForWebhook(b)]);

		// All at once, alternating processes, then all redelivered at once to the other process: every
		// delivery is acknowledged and executed by the worker; n8n's database-backed Remove Duplicates
		// lets each event id through to the action once, whichever process received it. Without the
		// worker's limit of one execution at a time, executions that run together drop each other's
		// ids (README, Redeliveries).
		const events = Array.from({ length: 10 }, () => envelope());
		const burst = (attempt: number) =>
			Promise.all(
				events.map((event, i) =>
					send((i + attempt) % 2 ? b : a, event, { secret: SECRET, attempt }),
				),
			);
		const answers: Sent[] = [...(await burst(1)), ...(await burst(2))];
		expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));

		const executions = await c.waitForExecutions(wf.id, events.length * 2);
		const ids = (nodeName: string) =>
			executions.flatMap((e) => itemsOf<EduzzEventItem>(e, nodeName).map((item) => item.id)).sort();
		const sent = events.map((e) => e.id);
		expect(ids(TRIGGER_NAME)).toEqual([...sent, ...sent].sort());
		expect(ids(NO_OP_NAME)).toEqual([...sent].sort());
	});
});
