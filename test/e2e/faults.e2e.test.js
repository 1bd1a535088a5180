'use strict';
/**
 * Faults in a real n8n: a restart in the middle of a burst, and a delivery that failed with a 5xx
 * and is retried. The guarantee under test: a delivery the node answered 2xx was executed; any
 * other answer is non-2xx, so Eduzz retries it, and the retry is executed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../support/n8nRuntime');
const { TRIGGER_NAME, eduzzWorkflow, envelope, deliver } = require('../support/eduzzWorkflows');

const SECRET = 'e2e-faults-secret-0123456789abcdef';
const versions = (process.env.E2E_N8N_VERSIONS || `${runtime.VERSIONS.v2},${runtime.VERSIONS.v1}`).split(',');
/** n8n itself answers 200 with this text while its database migrations run, before any node code. */
const N8N_STARTING_UP = 'n8n is starting up';

describe.each(versions)('faults in n8n %s', (version) => {
	let n8n;
	let c;
	let workflow;
	let url;

	const credentialData = { webhookSecret: SECRET, previousWebhookSecret: '', accessToken: '', baseUrl: 'https://api.eduzz.com' };

	/** event id → number of executions that emitted it (finished, or interrupted by the restart). */
	async function executedIds() {
		const counts = new Map();
		for (const execution of await c.listExecutions(workflow.id, { includeData: true })) {
			const id = runtime.itemsOf(execution, TRIGGER_NAME)[0]?.id;
			if (id) counts.set(id, (counts.get(id) || 0) + 1);
		}
		return counts;
	}

	beforeAll(async () => {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-e2e-faults-${version}-`));
		runtime.packAndInstall(userFolder);
		// Saving progress keeps the trigger's item of an execution that a shutdown interrupts, so it
		// shows up as "crashed" with its event and can be retried from n8n (README, Redeliveries).
		n8n = await runtime.startN8n({ version, userFolder, env: { EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true' } });
		await runtime.setupOwner(n8n);
		c = runtime.client(n8n);
		const credential = await c.createCredential('eduzzWebhookApi', 'Eduzz (faults)', credentialData);
		workflow = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz: faults', credential, parameters: { options: { skipRedeliveries: true } } }),
		);
		expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
		url = n8n.webhookUrl(workflow.nodes[0].webhookId, 'webhook');
		await c.waitForWebhook(url);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('"Skip Redeliveries": every new event id is saved; redeliveries get 200 and start nothing, also after a restart', async () => {
		// One at a time, as Eduzz retries: each id must reach the database (n8n 2.x used to keep
		// only the first one, see staticDataPersistence.ts).
		const events = [envelope(), envelope(), envelope(), envelope()];
		for (const event of events) expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
		const counted = async () => {
			const ids = await executedIds();
			return events.every((e) => ids.has(e.id)) ? ids : undefined;
		};
		await runtime.pollUntil(counted, { timeoutMs: 60000, what: 'an execution per event' });

		const redeliver = async (attempt) => {
			const answers = [];
			for (const event of events) answers.push(await deliver(url, event, { secret: SECRET, attempt }));
			return answers;
		};
		const expectSkipped = (answers) => {
			expect(answers.map((a) => a.status)).toEqual(events.map(() => 200));
			expect(answers.map((a) => a.json && a.json.reason)).toEqual(events.map(() => 'already_received'));
		};
		expectSkipped(await redeliver(2));
		await n8n.restart();
		await c.waitForWebhook(url);
		expectSkipped(await redeliver(3));

		// A new event still runs, and nothing above ran twice.
		const fresh = envelope();
		expect((await deliver(url, fresh, { secret: SECRET })).status).toBe(200);
		const ids = await runtime.pollUntil(async () => ((await executedIds()).has(fresh.id) ? executedIds() : undefined), {
			timeoutMs: 60000,
			what: 'the new event\'s execution',
		});
		expect(events.map((e) => ids.get(e.id))).toEqual(events.map(() => 1));
	});

	it('restart in the middle of a burst: every 2xx was executed; the others succeed when Eduzz retries them', async () => {
		// Deliveries keep coming (4 at a time, like a throttled Eduzz configuration) from before the
		// restart until a few seconds after n8n is back, so some hit the stop and the start.
		const events = [];
		const answers = new Map();
		let restarted = false;
		let stopAt = Infinity;
		let restartAt = Infinity;
		const restarting = runtime.sleep(3000).then(() => {
			restartAt = Date.now(); // n8n.restart() sends SIGTERM right away
			return n8n.restart();
		}).then(() => {
			restarted = true;
			stopAt = Date.now() + 3000;
		});
		const worker = async () => {
			while (Date.now() < stopAt && events.length < 600) {
				const event = envelope();
				events.push(event);
				const answer = await deliver(url, event, { secret: SECRET, timeoutMs: 20000 }).catch((error) => ({ status: 0, text: error.message }));
				answers.set(event.id, { ...answer, answeredAt: Date.now() });
				if (answer.status === 0) await runtime.sleep(1000); // n8n is down: do not spin
			}
		};
		await Promise.all(Array.from({ length: 4 }, worker));
		await restarting;
		expect(restarted).toBe(true);
		await c.waitForWebhook(url);

		// n8n's start-up page answers 200 before any node code runs (README, Security model): those
		// deliveries are counted apart; everything the node itself acknowledged must have run.
		const acknowledged = events.filter((e) => answers.get(e.id).status === 200 && !answers.get(e.id).text.includes(N8N_STARTING_UP));
		const startupAcks = events.filter((e) => answers.get(e.id).text.includes(N8N_STARTING_UP));
		const refused = events.filter((e) => answers.get(e.id).status !== 200);
		console.log(`burst during restart on n8n ${version}: ${acknowledged.length} acknowledged, ${refused.length} refused/failed, ${startupAcks.length} answered by n8n's start-up page`);
		expect(acknowledged.length).toBeGreaterThan(0);
		expect(refused.length).toBeGreaterThan(0); // the restart really hit the burst

		// Every delivery acknowledged before the restart began was executed: a graceful restart loses
		// nothing. Deliveries n8n still answered while shutting down are counted and reported: n8n
		// itself may acknowledge one and then crash or drop its execution (README, Redeliveries).
		const settled = await runtime.pollUntil(
			async () => {
				const all = await c.listExecutions(workflow.id, { includeData: true });
				return all.every((e) => !['new', 'running'].includes(e.status)) ? all : undefined;
			},
			{ timeoutMs: 120000, what: 'the executions to settle' },
		);
		const statusOf = new Map(settled.map((e) => [runtime.itemsOf(e, TRIGGER_NAME)[0]?.id, e.status]));
		const before = acknowledged.filter((e) => answers.get(e.id).answeredAt < restartAt);
		const during = acknowledged.filter((e) => answers.get(e.id).answeredAt >= restartAt);
		expect(before.length).toBeGreaterThan(0);
		expect(before.filter((e) => statusOf.get(e.id) !== 'success').map((e) => [e.id, statusOf.get(e.id) ?? 'none'])).toEqual([]);
		const lostInShutdown = during.filter((e) => statusOf.get(e.id) !== 'success');
		console.log(`n8n ${version} shutdown window: ${during.length} acknowledged after SIGTERM, ${lostInShutdown.length} of them not executed (${settled.filter((e) => e.status === 'crashed').length} executions marked crashed)`);

		// Eduzz retries whatever did not get a 2xx (attempt 2): all are executed, none twice.
		const retried = [...refused, ...startupAcks];
		const retries = await Promise.all(retried.map((event) => deliver(url, event, { secret: SECRET, attempt: 2 })));
		expect(retries.map((r) => r.status)).toEqual(retried.map(() => 200));
		const final = await runtime.pollUntil(
			async () => {
				const ids = await executedIds();
				return retried.every((e) => ids.has(e.id)) ? ids : undefined;
			},
			{ timeoutMs: 120000, what: 'an execution for every retried event' },
		);
		expect(retried.filter((e) => !final.has(e.id))).toEqual([]);
		expect(acknowledged.filter((e) => final.get(e.id) > 1)).toEqual([]);
	});

	it('a delivery that got a 5xx is executed once when Eduzz retries it', async () => {
		// Break the workflow's credential: n8n cannot start the node and answers 5xx.
		const credentialId = workflow.nodes[0].credentials.eduzzWebhookApi.id;
		await c.api('DELETE', `/credentials/${credentialId}`);
		// Production deliveries reuse the decrypted credential for up to CREDENTIAL_TTL_MS (10 s).
		await runtime.sleep(10500);
		const event = envelope();
		const failed = await deliver(url, event, { secret: SECRET });
		expect(failed.status).toBeGreaterThanOrEqual(500);

		// The user fixes the credential; Eduzz retries a minute later.
		const credential = await c.createCredential('eduzzWebhookApi', 'Eduzz (faults, fixed)', credentialData);
		const current = await c.api('GET', `/workflows/${workflow.id}`);
		current.nodes[0].credentials = { eduzzWebhookApi: { id: credential.id, name: credential.name } };
		await c.api('PUT', `/workflows/${workflow.id}`, { name: current.name, nodes: current.nodes, connections: current.connections, settings: { executionOrder: 'v1' } });
		expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
		await c.waitForWebhook(url);

		const retried = await deliver(url, event, { secret: SECRET, attempt: 2 });
		expect(retried.status).toBe(200);
		const ids = await runtime.pollUntil(async () => {
			const counts = await executedIds();
			return counts.has(event.id) ? counts : undefined;
		}, { timeoutMs: 60000, what: 'the retried execution' });
		expect(ids.get(event.id)).toBe(1);
	});
});
