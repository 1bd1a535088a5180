/**
 * "Only For" inside a real n8n (each pinned version), the packed package installed: deliveries for
 * two AlpaClass schools start executions only for the chosen one, in both registration modes; with
 * automatic registration the stand-in Eduzz gets the school as the configuration's filter, keeps
 * the other school's events back, and republishing with another choice updates the filter. The
 * trigger's school picker answers through n8n's own resource-locator endpoint.
 */
/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: a throw-away webhook secret */
import type { EduzzEventItem } from '../../nodes/EduzzTrigger/delivery';
import * as filterTable from '../../nodes/shared/events/filters';
import { envelope, deliver, moduleUnfinishedData } from '../../tooling/deliveries';
import type { N8nHandle } from '../../tooling/n8n/server';
import {
	eduzzCredentialData,
	TRIGGER_NAME,
	TRIGGER_TYPE,
	eduzzWorkflow,
	itemsOf,
	webhookIdOf,
	type Client,
	type Credential,
	type Workflow,
} from '../../tooling/n8n/workflows';
import { waitFor } from '../../tooling/wait';
import { versions, startTestN8n, startFakeEduzz } from './harness';

const SECRET = 'e2e-filters-0d1c2b3a495867768594a3b2c1d0e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091';
const TOKEN = 'e2e-filters-token';
const EVENT = 'alpaclass.student_module_unfinished';
/** The AlpaClass examples' school, and another one. */
const SCHOOL_A = '16943848cc6495142a8e3011d0173252';
const SCHOOL_B = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';

const dataOf = (school: string) => {
	const data = structuredClone(moduleUnfinishedData);
	data.team = { id: school, name: school === SCHOOL_A ? 'Escola de Beltrano' : 'Escola B' };
	return data;
};
/** "Only For" as the editor saves it: schools picked from the list. */
const onlyForSchools = (...schools: string[]) => ({
	alpaclassSchools: {
		values: schools.map((school) => ({
			id: { __rl: true, mode: 'list', value: school, cachedResultName: school },
		})),
	},
});

describe.each(versions)('Only For in n8n %s', (version) => {
	let n8n: N8nHandle;
	let c: Client;
	let stop: (() => Promise<void>) | undefined;
	let fake: Awaited<ReturnType<typeof startFakeEduzz>>;

	const teamsOf = async (workflowId: string) =>
		(await c.listExecutions(workflowId, { includeData: true }))
			.flatMap((execution) =>
				itemsOf<EduzzEventItem<typeof moduleUnfinishedData>>(execution, TRIGGER_NAME),
			)
			.map((item) => item.data.team?.id);

	beforeAll(async () => {
		fake = await startFakeEduzz({
			tokens: { [TOKEN]: ['webhook_read', 'webhook_write', 'alpaclass_team_read'] },
			metadata: filterTable,
		});
		({ n8n, c, stop } = await startTestN8n(version, { label: 'e2e-filters' }));
	});

	afterAll(async () => {
		await stop?.();
		await fake?.close();
	});

	describe('manual registration', () => {
		let workflow: Workflow;
		let url: string;

		beforeAll(async () => {
			const credential = await c.createCredential(
				'eduzzApi',
				'Eduzz (e2e, filters)',
				eduzzCredentialData({ webhookSecret: SECRET }),
			);
			workflow = await c.createWorkflow(
				eduzzWorkflow({
					name: 'Eduzz: one school only',
					credential,
					parameters: { events: [EVENT], onlyFor: onlyForSchools(SCHOOL_A) },
				}),
			);
			expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
			url = n8n.webhookUrl(webhookIdOf(workflow), 'webhook');
			await c.waitForWebhook(url);
		});

		it('deliveries for two schools: executions only for the chosen one; the other is answered filtered_out', async () => {
			const fromA = [envelope(EVENT, dataOf(SCHOOL_A)), envelope(EVENT, dataOf(SCHOOL_A))];
			const fromB = [envelope(EVENT, dataOf(SCHOOL_B)), envelope(EVENT, dataOf(SCHOOL_B))];
			// B first: by the time A's executions are listed, any of B's would be there too.
			const answersB = await Promise.all(
				fromB.map((event) => deliver(url, event, { secret: SECRET })),
			);
			for (const answer of answersB) {
				expect(answer.status).toBe(200);
				expect(answer.json).toEqual({
					received: true,
					executed: false,
					reason: 'filtered_out',
					event: EVENT,
					filter: 'AlpaClass Schools',
					field: 'data.team.id',
				});
			}
			for (const event of fromA) {
				expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
				await c.waitForEvent(workflow.id, event.id);
			}
			expect(await teamsOf(workflow.id)).toEqual([SCHOOL_A, SCHOOL_A]);
		});
	});

	describe('automatic registration', () => {
		let credential: Credential;
		let workflow: Workflow;
		let url: string;
		const subscriptions = () =>
			[...fake.state.subscriptions.values()].filter((subscription) => subscription.url === url);

		beforeAll(async () => {
			credential = await c.createCredential(
				'eduzzApi',
				'Eduzz (e2e, filters, automatic)',
				eduzzCredentialData({ accessToken: TOKEN, baseUrl: fake.baseUrl }),
			);
			workflow = await c.createWorkflow(
				eduzzWorkflow({
					name: 'Eduzz: one school, filtered at Eduzz',
					credential,
					parameters: {
						registration: 'automatic',
						events: [EVENT, 'alpaclass.student_course_finished'],
						onlyFor: onlyForSchools(SCHOOL_A),
						options: { requestSampleOnTest: false },
					},
				}),
			);
			url = n8n.webhookUrl(webhookIdOf(workflow), 'webhook');
		});

		it('the trigger’s school picker lists the schools Eduzz gives, through n8n', async () => {
			const answer = await c.rest<{ results: Array<{ name: string; value: string }> }>(
				'POST',
				'/dynamic-node-parameters/resource-locator-results',
				{
					nodeTypeAndVersion: { name: TRIGGER_TYPE, version: 1.1 },
					methodName: 'searchSchools',
					path: 'onlyFor.alpaclassSchools.values[0].id',
					currentNodeParameters: workflow.nodes[0].parameters,
					credentials: { eduzzApi: { id: credential.id, name: credential.name } },
					filter: '',
				},
			);
			expect(answer.results).toContainEqual({ name: 'Escola de Beltrano', value: SCHOOL_A });
		});

		it('publishing registers the school as the configuration’s filter, read from Eduzz’s origin list', async () => {
			expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
			await waitFor('an active subscription', async () =>
				subscriptions().find((s) => s.status === 'active'),
			);
			expect(subscriptions()).toHaveLength(1);
			expect(subscriptions()[0].filters).toEqual([{ metadata: 'teamId', values: [SCHOOL_A] }]);
			expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/webhook/v1/origin')).toBe(
				true,
			);
		});

		it('Eduzz keeps the other school’s events back; what reaches the node anyway is filtered out', async () => {
			await c.waitForWebhook(url);
			const [subscription] = subscriptions();
			const kept = await fake.deliver(subscription.id, EVENT, dataOf(SCHOOL_B));
			expect(kept).toMatchObject({ filtered: true });
			// Had Eduzz sent it (its filter is best effort), the node answers as for an unselected event.
			const direct = await deliver(url, envelope(EVENT, dataOf(SCHOOL_B)), {
				secret: fake.appSecret.secret,
			});
			expect(direct.status).toBe(200);
			expect(direct.json).toMatchObject({ executed: false, reason: 'filtered_out' });
			const sent = await fake.deliver(subscription.id, EVENT, dataOf(SCHOOL_A));
			expect(sent.status).toBe(200);
			await c.waitForEvent(workflow.id, sent.id);
			expect(await teamsOf(workflow.id)).toEqual([SCHOOL_A]);
		});

		it('republishing with both schools updates the filter; the other school now arrives', async () => {
			const before = fake.requests.length;
			const [original] = subscriptions();
			const current = await c.api<Workflow>('GET', `/workflows/${workflow.id}`);
			current.nodes[0].parameters.onlyFor = onlyForSchools(SCHOOL_A, SCHOOL_B);
			await c.api('PUT', `/workflows/${workflow.id}`, {
				name: current.name,
				nodes: current.nodes,
				connections: current.connections,
				settings: { executionOrder: 'v1' },
			});
			expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
			type Subscription = ReturnType<typeof subscriptions>[number];
			const updated = await waitFor<Promise<Subscription | undefined>>(
				'the configuration with both schools',
				async (progress) => {
					progress(subscriptions().map((s) => [s.status, s.filters]));
					const [only, ...others] = subscriptions();
					return only &&
						others.length === 0 &&
						only.status === 'active' &&
						only.filters[0]?.values.length === 2
						? only
						: undefined;
				},
			);
			expect(updated.filters).toEqual([
				{ metadata: 'teamId', values: [SCHOOL_A, SCHOOL_B].sort() },
			]);
			// n8n 1.123 and 2.41 both take the old version down first (delete() removes its
			// configuration), so create() makes a new one; a configuration that survived would be
			// updated in place (test/unit/filters.test.ts). Either way Eduzz was sent both schools.
			const written = fake.requests
				.slice(before)
				.filter(
					(r) =>
						(r.method === 'POST' && r.path === '/webhook/v1/subscription') ||
						(r.method === 'PUT' && r.path === `/webhook/v1/subscription/${original.id}`),
				);
			expect((written.at(-1)?.body as { filters?: unknown })?.filters).toEqual(updated.filters);
			await c.waitForWebhook(url);
			const sent = await fake.deliver(updated.id, EVENT, dataOf(SCHOOL_B));
			expect(sent.status).toBe(200);
			await c.waitForEvent(workflow.id, sent.id);
			expect((await teamsOf(workflow.id)).sort()).toEqual([SCHOOL_A, SCHOOL_B].sort());
		});

		it('unpublishing deletes the configuration', async () => {
			await c.deactivate(workflow.id);
			await waitFor(
				'the subscription to be deleted',
				async () => subscriptions().length === 0 || undefined,
			);
		});
	});
});
