/**
 * The README's Redeliveries advice under a burst, in a real n8n: Eduzz Trigger → Remove Duplicates
 * → action, on an n8n started with `N8N_CONCURRENCY_PRODUCTION_LIMIT=1`. n8n's Remove Duplicates
 * reads, extends and writes its list of ids without a lock (docs/n8n-remove-duplicates-race.md):
 * executions that run at once drop each other's ids, and the first ones of a workflow can fail on
 * the row's primary key. With the limit, n8n runs production executions one at a time, so events
 * delivered all at once and then redelivered all at once reach the action once each.
 */
import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import { envelope, deliver } from '../../tooling/deliveries';
import {
	eduzzCredentialData,
	NO_OP_NAME,
	TRIGGER_NAME,
	eduzzWorkflow,
	itemsOf,
	webhookIdOf,
} from '../../tooling/n8n/workflows';
import { versions, startTestN8n, type TestN8n } from './harness';

// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: a throw-away secret
const SECRET = 'e2e-dedupe-secret-0123456789abcdef';
/** Deliveries in flight at once: enough that unlimited executions overlap (docs/…-race.md: 20). */
const BURST = 20;

describe.each(versions)('Remove Duplicates under a burst in n8n %s', (version) => {
	let test: TestN8n;

	beforeAll(async () => {
		test = await startTestN8n(version, {
			label: 'e2e-dedupe',
			env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' },
		});
	});

	afterAll(async () => {
		await test?.stop();
	});

	it('with N8N_CONCURRENCY_PRODUCTION_LIMIT=1, events delivered and redelivered all at once reach the action once each', async () => {
		const { n8n, c } = test;
		const credential = await c.createCredential(
			'eduzzApi',
			'Eduzz (dedupe)',
			eduzzCredentialData({ webhookSecret: SECRET }),
		);
		const wf = await c.createWorkflow(
			eduzzWorkflow({
				name: 'Eduzz: burst + Remove Duplicates',
				credential,
				removeDuplicates: true,
			}),
		);
		expect(await c.activate(wf.id)).toMatchObject({ status: 'published' });
		const url = n8n.webhookUrl(webhookIdOf(wf), 'webhook');
		await c.waitForWebhook(url);

		const events = Array.from({ length: BURST }, () => envelope());
		const burst = (attempt: number) =>
			Promise.all(events.map((event) => deliver(url, event, { secret: SECRET, attempt })));
		const first = await burst(1);
		const again = await burst(2);
		expect([...first, ...again].map((r) => r.status)).toEqual([...first, ...again].map(() => 200));

		const executions = await c.waitForExecutions(wf.id, BURST * 2);
		expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
		const reached = (nodeName: string) =>
			executions.flatMap((e) => itemsOf<EduzzEventItem>(e, nodeName).map((item) => item.id)).sort();
		const ids = events.map((e) => e.id);
		expect(reached(TRIGGER_NAME)).toEqual([...ids, ...ids].sort());
		expect(reached(NO_OP_NAME)).toEqual([...ids].sort());
	});
});
