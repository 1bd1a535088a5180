/**
 * Faults in a real n8n: Eduzz redelivering events (across a restart) to a workflow with the README's
 * Remove Duplicates step, a restart in the middle of a burst, and a delivery that failed with a 5xx
 * and is retried. The guarantee under test: a delivery the node answered 2xx was executed; any
 * other answer is non-2xx, so Eduzz retries it, and the retry is executed.
 *
 * No wait here has a wall-clock budget: each keeps going while executions keep finishing.
 */
/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code, never shipped: a throw-away secret, and figures the test reports */
import { CREDENTIAL_TTL_MS } from '../../nodes/EduzzTrigger/credentialCache';
import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import { envelope, deliver, mapLimit } from '../../tooling/deliveries';
import type { N8nHandle } from '../../tooling/n8n/server';
import {
	eduzzCredentialData,
	NO_OP_NAME,
	TRIGGER_NAME,
	eduzzWorkflow,
	itemsOf,
	webhookIdOf,
	type Client,
	type Credential,
	type Workflow,
} from '../../tooling/n8n/workflows';
import { sleep, waitFor } from '../../tooling/wait';
import { versions, startTestN8n } from './harness';

type Envelope = ReturnType<typeof envelope>;
/** What a delivery got: n8n's answer, or status 0 when none came. */
type Answer = Awaited<ReturnType<typeof deliver>> | { status: number; text: string };

const SECRET = 'e2e-faults-secret-0123456789abcdef';
/** n8n itself answers 200 with this text while its database migrations run, before any node code. */
const N8N_STARTING_UP = 'n8n is starting up';
/** Listing hundreds of executions is database work for n8n too: poll it once a second. */
const POLL = { intervalMs: 1000 };

describe.each(versions)('faults in n8n %s', (version) => {
	let n8n: N8nHandle;
	let c: Client;
	let stop: (() => Promise<void>) | undefined;
	let credential: Credential;
	let workflow: Workflow;
	let url: string;
	let deduplicated: Workflow;
	let deduplicatedUrl: string;

	const credentialData = eduzzCredentialData({ webhookSecret: SECRET });

	/** Event id → number of finished executions that emitted it (crashed ones included). */
	async function executedIds() {
		const counts = new Map<string, number>();
		for (const { eventId } of await c.executions(workflow.id))
			if (eventId) counts.set(eventId, (counts.get(eventId) || 0) + 1);
		return counts;
	}

	/**
	 * Waits until every event of `events` has an execution; finishing executions are progress.
	 * `describe(event)` tells about the first events still missing when it gives up.
	 */
	const waitForExecutionsOf = (
		events: Envelope[],
		what: string,
		describe = (e: Envelope): string => e.id,
	) =>
		waitFor(
			what,
			async (progress) => {
				const ids = await executedIds();
				const missing = events.filter((e) => !ids.has(e.id));
				progress(
					`${missing.length} of ${events.length} without an execution: ${missing.slice(0, 3).map(describe).join('; ')}`,
				);
				return missing.length === 0 ? ids : undefined;
			},
			POLL,
		);

	beforeAll(async () => {
		// Saving progress keeps the trigger's item of an execution that a shutdown interrupts, so it
		// shows up as "crashed" with its event and can be retried from n8n (README, Redeliveries).
		({ n8n, c, stop } = await startTestN8n(version, {
			label: 'e2e-faults',
			env: { EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true' },
		}));
		credential = await c.createCredential('eduzzApi', 'Eduzz (faults)', credentialData);
		workflow = await c.createWorkflow(eduzzWorkflow({ name: 'Eduzz: faults', credential }));
		deduplicated = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz: Remove Duplicates', credential, removeDuplicates: true }),
		);
		for (const wf of [workflow, deduplicated])
			expect(await c.activate(wf.id)).toMatchObject({ status: 'published' });
		url = n8n.webhookUrl(webhookIdOf(workflow), 'webhook');
		deduplicatedUrl = n8n.webhookUrl(webhookIdOf(deduplicated), 'webhook');
		await Promise.all([c.waitForWebhook(url), c.waitForWebhook(deduplicatedUrl)]);
	});

	afterAll(async () => {
		await stop?.();
	});

	it("Remove Duplicates after the trigger: a redelivered event id reaches the trigger's output but not the action, also after a restart", async () => {
		// One at a time, as Eduzz retries. Every delivery is acknowledged and executed; n8n's
		// Remove Duplicates (in its database) lets each event id through to the action once.
		const events = [envelope(), envelope(), envelope()];
		const send = async (event: Envelope, attempt: number) =>
			expect((await deliver(deduplicatedUrl, event, { secret: SECRET, attempt })).status).toBe(200);
		// Each execution finishes before the next event: Remove Duplicates keeps its ids without a lock
		// (README, Redeliveries).
		for (const [i, event] of events.entries()) {
			await send(event, 1);
			await c.waitForExecutions(deduplicated.id, i + 1);
		}
		for (const event of events) await send(event, 2);
		await n8n.restart();
		await c.waitForWebhook(deduplicatedUrl);
		for (const event of events) await send(event, 3);
		const fresh = envelope();
		await send(fresh, 1);

		const executions = await c.waitForExecutions(deduplicated.id, events.length * 3 + 1);
		expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
		/** How often each event id appears in `ids`. */
		const count = (ids: unknown[]) =>
			Object.fromEntries(
				[...events, fresh].map((e) => [e.id, ids.filter((id) => id === e.id).length]),
			);
		const reached = (nodeName: string) =>
			count(executions.flatMap((e) => itemsOf<EduzzEventItem>(e, nodeName).map((item) => item.id)));
		expect(reached(TRIGGER_NAME)).toEqual(
			count([...events, ...events, ...events, fresh].map((e) => e.id)),
		);
		expect(reached(NO_OP_NAME)).toEqual(count([...events, fresh].map((e) => e.id)));
	});

	it('restart in the middle of a burst: every 2xx was executed; the others succeed when Eduzz retries them', async () => {
		// Deliveries keep coming (4 at a time, like a throttled Eduzz configuration) while n8n runs,
		// stops and starts again. Conditions, not a clock, bound the burst: the restart begins once the
		// node has acknowledged ACKS deliveries, and the burst ends once the restarted n8n has
		// acknowledged ACKS more, so the stop and the start fall inside it however fast n8n answers.
		const ACKS = 40;
		const events: Envelope[] = [];
		const answers = new Map<string, Answer & { answeredAt: number }>();
		const nodeAcknowledged = (answer: Answer) =>
			answer.status === 200 && !answer.text.includes(N8N_STARTING_UP);
		let restartAt = Infinity;
		let backAt = Infinity;
		let acksBefore = 0;
		let acksAfter = 0;
		let done = false;
		const worker = async () => {
			while (!done) {
				const event = envelope();
				events.push(event);
				const answer: Answer = await deliver(url, event, { secret: SECRET }).catch(
					(error: Error) => ({ status: 0, text: error.message }),
				);
				const answeredAt = Date.now();
				answers.set(event.id, { ...answer, answeredAt });
				if (nodeAcknowledged(answer) && answeredAt < restartAt) acksBefore++;
				if (nodeAcknowledged(answer) && answeredAt >= backAt) acksAfter++;
				if (acksAfter >= ACKS) done = true;
				if (answer.status === 0) await sleep(1000); // n8n is down: do not spin
			}
		};
		const restarting = (async () => {
			await waitFor('deliveries acknowledged before the restart', (progress) => {
				progress(acksBefore);
				return acksBefore >= ACKS ? true : undefined;
			});
			restartAt = Date.now(); // n8n.restart() sends SIGTERM right away
			await n8n.restart();
			backAt = Date.now();
		})().catch((error) => {
			done = true; // the workers stop; the failure is the test's
			throw error;
		});
		await Promise.all([restarting, ...Array.from({ length: 4 }, worker)]);
		await c.waitForWebhook(url);

		// n8n's start-up page answers 200 before any node code runs (README, Security model): those
		// deliveries are counted apart; everything the node itself acknowledged must have run.
		const answerOf = (e: Envelope) => {
			const answer = answers.get(e.id);
			if (!answer) throw new Error(`no answer recorded for ${e.id}`);
			return answer;
		};
		const startupAcks = events.filter((e) => answerOf(e).text.includes(N8N_STARTING_UP));
		const acknowledged = events.filter((e) => nodeAcknowledged(answerOf(e)));
		const refused = events.filter((e) => answerOf(e).status !== 200);
		console.log(
			`burst during restart on n8n ${version}: ${acknowledged.length} acknowledged, ${refused.length} refused/failed, ${startupAcks.length} answered by n8n's start-up page`,
		);
		expect(acknowledged.length).toBeGreaterThan(0);
		expect(refused.length).toBeGreaterThan(0); // the restart really hit the burst

		// Every delivery acknowledged before the restart began was executed: a graceful restart loses
		// nothing. Deliveries n8n still answered while shutting down are counted and reported: n8n
		// itself may acknowledge one and then crash or drop its execution (README, Redeliveries).
		const settled = await waitFor(
			'the executions to settle',
			async (progress) => {
				const all = await c.executions(workflow.id);
				const running = all.filter((e) => !e.finished).length;
				progress(`${all.length - running} finished, ${running} running`);
				return running === 0 ? all : undefined;
			},
			POLL,
		);
		const statusOf = new Map(settled.map((e) => [e.eventId, e.status]));
		const before = acknowledged.filter((e) => answerOf(e).answeredAt < restartAt);
		const during = acknowledged.filter((e) => answerOf(e).answeredAt >= restartAt);
		expect(before.length).toBeGreaterThan(0);
		expect(
			before
				.filter((e) => statusOf.get(e.id) !== 'success')
				.map((e) => [e.id, statusOf.get(e.id) ?? 'none']),
		).toEqual([]);
		const lostInShutdown = during.filter((e) => statusOf.get(e.id) !== 'success');
		console.log(
			`n8n ${version} shutdown window: ${during.length} acknowledged after SIGTERM, ${lostInShutdown.length} of them not executed (${settled.filter((e) => e.status === 'crashed').length} executions marked crashed)`,
		);

		// Eduzz retries whatever did not get a 2xx, 4 at a time like the burst, up to 3 times: every
		// retry is acknowledged and executed. A refused delivery may also have an execution of its
		// own that n8n created before the answer failed: that is the duplicate the README's Remove
		// Duplicates step absorbs (tested above).
		const retried = [...refused, ...startupAcks];
		const retries = await mapLimit(retried, 4, async (event) => {
			let answer: Answer = { status: 0, text: '' };
			for (let attempt = 2; attempt <= 4 && answer.status !== 200; attempt++)
				answer = await deliver(url, event, { secret: SECRET, attempt });
			return answer;
		});
		expect(retries.map((r) => r.status)).toEqual(retried.map(() => 200));
		const retryOf = new Map(retried.map((e, i) => [e, retries[i]]));
		const describe = (e: Envelope) =>
			`${e.id} answered ${answerOf(e).status} ${answerOf(e).text.slice(0, 80)}, then ${retryOf.get(e)?.text.slice(0, 120)}`;
		const final = await waitForExecutionsOf(
			retried,
			'an execution for every retried event',
			describe,
		);
		expect(acknowledged.filter((e) => (final.get(e.id) ?? 0) > 1)).toEqual([]);
	});

	it('a delivery that got a 5xx is executed once when Eduzz retries it', async () => {
		// Break the workflow's credential: n8n cannot start the node and answers 5xx.
		await c.api('DELETE', `/credentials/${credential.id}`);
		// Not a wait for the machine: production deliveries reuse a decrypted credential for a
		// fixed CREDENTIAL_TTL_MS (10 s), however fast n8n is.
		await sleep(CREDENTIAL_TTL_MS + 500);
		const event = envelope();
		const failed = await deliver(url, event, { secret: SECRET });
		expect(failed.status).toBeGreaterThanOrEqual(500);

		// The user fixes the credential; Eduzz retries a minute later.
		const fixed = await c.createCredential('eduzzApi', 'Eduzz (faults, fixed)', credentialData);
		const current = await c.api<Workflow>('GET', `/workflows/${workflow.id}`);
		current.nodes[0].credentials = {
			eduzzApi: { id: fixed.id, name: fixed.name },
		};
		await c.api('PUT', `/workflows/${workflow.id}`, {
			name: current.name,
			nodes: current.nodes,
			connections: current.connections,
			settings: { executionOrder: 'v1' },
		});
		expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
		await c.waitForWebhook(url);

		const retried = await deliver(url, event, { secret: SECRET, attempt: 2 });
		expect(retried.status).toBe(200);
		const ids = await waitForExecutionsOf([event], 'the retried execution');
		expect(ids.get(event.id)).toBe(1);
	});
});
