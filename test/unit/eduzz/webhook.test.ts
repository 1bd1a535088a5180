/**
 * The exact requests of the Eduzz node's webhook operations, against the fake Eduzz, which keeps
 * the configurations it is given: the configuration operations run one after the other on one
 * configuration, delivered to a loopback receiver.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEduzzApi, AUTH } from '../../support/eduzzNode';
import { startReceiver, type Receiver } from '../../support/httpReceiver';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const SUBSCRIPTION = '/webhook/v1/subscription';
const auth = AUTH;

describe('Eduzz node: webhook', () => {
	let api: Api;
	let receiver: Receiver;
	let answer = 200;
	beforeAll(async () => {
		api = await startEduzzApi();
		receiver = await startReceiver(async () => ({
			status: answer,
			body: { message: 'Workflow was started' },
		}));
	});
	afterAll(async () => {
		await receiver.close();
		await api.close();
	});

	it('secret get', async () => {
		const { items, requests } = await api.run({ resource: 'webhookSecret', operation: 'get' });
		expect(requests).toEqual([{ method: 'GET', path: '/webhook/v1/secret', query: {}, auth }]);
		expect(items).toEqual([
			expect.objectContaining({
				id: api.fake.appSecret.id,
				secret: api.fake.appSecret.secret,
				default: false,
			}),
		]);
	});

	it.each([
		[
			'origin getAll',
			{ resource: 'webhookOrigin', operation: 'getAll' },
			[{ method: 'GET', path: '/webhook/v1/origin', query: {}, auth }],
			2,
		],
		[
			'origin getEventSample',
			{ resource: 'webhookOrigin', operation: 'getEventSample', event: 'nutror.lesson_watched' },
			[{ method: 'GET', path: '/webhook/v1/origin/sample/nutror.lesson_watched', query: {}, auth }],
			[
				expect.objectContaining({
					id: 'hus5jx72ktelexgvl79iojuoe',
					event: 'nutror.lesson_watched',
					sentDate: '2024-04-22T18:51:09.246Z',
				}),
			],
		],
		[
			'origin getEventSample of an event given by expression',
			{ resource: 'webhookOrigin', operation: 'getEventSample', event: '={{ "a b/c" }}' },
			[{ method: 'GET', path: '/webhook/v1/origin/sample/a%20b%2Fc', query: {}, auth }],
			1,
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	describe('configuration, one operation after the other', () => {
		/** The id of the configuration `create` made, which the later operations use. */
		let id: string;

		it('create with filters and the app secret', async () => {
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'create',
				name: 'Faturas pagas',
				url: receiver.url,
				events: ['myeduzz.invoice_paid', 'nutror.lesson_watched'],
				additionalFields: {
					filters: { filter: [{ metadata: 'productId', values: '123456, 654321,' }] },
					signingKeyId: api.fake.appSecret.id,
				},
			});
			expect(requests).toEqual([
				{
					method: 'POST',
					path: SUBSCRIPTION,
					query: {},
					body: {
						name: 'Faturas pagas',
						url: receiver.url,
						events: [{ name: 'myeduzz.invoice_paid' }, { name: 'nutror.lesson_watched' }],
						filters: [{ metadata: 'productId', values: ['123456', '654321'] }],
						secretId: api.fake.appSecret.id,
					},
					auth,
				},
			]);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				name: 'Faturas pagas',
				url: receiver.url,
				status: 'disabled',
				secretId: api.fake.appSecret.id,
			});
			// The node's output item is the configuration the stand-in made; its id is a string.
			id = (items[0] as IDataObject).id as string;
			expect(api.fake.state.subscriptions.has(id)).toBe(true);
		});

		it('getAll', async () => {
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'getAll',
			});
			expect(requests).toEqual([{ method: 'GET', path: SUBSCRIPTION, query: {}, auth }]);
			expect(items).toEqual([
				{
					id,
					secretId: api.fake.appSecret.id,
					name: 'Faturas pagas',
					status: 'disabled',
					url: receiver.url,
					events: ['myeduzz.invoice_paid', 'nutror.lesson_watched'],
				},
			]);
		});

		it('update with events given as comma-separated text', async () => {
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'update',
				configurationId: id,
				name: 'Aulas assistidas',
				url: receiver.url,
				events: '={{ "nutror.lesson_watched, myeduzz.invoice_paid" }}',
			});
			expect(requests).toEqual([
				{
					method: 'PUT',
					path: `${SUBSCRIPTION}/${id}`,
					query: {},
					body: {
						name: 'Aulas assistidas',
						url: receiver.url,
						events: [{ name: 'nutror.lesson_watched' }, { name: 'myeduzz.invoice_paid' }],
					},
					auth,
				},
			]);
			expect(items).toEqual([
				expect.objectContaining({ id, name: 'Aulas assistidas', status: 'disabled' }),
			]);
		});

		it('setStatus active: Eduzz pings the URL first', async () => {
			const before = receiver.received.length;
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'setStatus',
				configurationId: id,
				status: 'active',
			});
			expect(requests).toEqual([
				{
					method: 'POST',
					path: `${SUBSCRIPTION}/${id}/status`,
					query: {},
					body: { status: 'active' },
					auth,
				},
			]);
			expect(items).toEqual([expect.objectContaining({ id, status: 'active' })]);
			expect(receiver.received).toHaveLength(before + 1);
			expect(JSON.parse(receiver.received[before].rawBody.toString('utf8'))).toMatchObject({
				event: 'test.event_one',
			});
		});

		it('sendTest relays the answer of the URL', async () => {
			const before = receiver.received.length;
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'sendTest',
				configurationId: id,
				event: 'myeduzz.invoice_paid',
			});
			expect(requests).toEqual([
				{
					method: 'POST',
					path: `${SUBSCRIPTION}/sample`,
					query: {},
					body: { subscriptionId: id, event: 'myeduzz.invoice_paid' },
					auth,
				},
			]);
			expect(items).toEqual([
				{
					statusCode: 200,
					body: JSON.stringify({ message: 'Workflow was started' }),
					timeTaken: expect.any(Number),
				},
			]);
			expect(JSON.parse(receiver.received[before].rawBody.toString('utf8'))).toMatchObject({
				event: 'myeduzz.invoice_paid',
			});
		});

		it('setStatus disabled', async () => {
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'setStatus',
				configurationId: id,
				status: 'disabled',
			});
			expect(requests).toEqual([
				{
					method: 'POST',
					path: `${SUBSCRIPTION}/${id}/status`,
					query: {},
					body: { status: 'disabled' },
					auth,
				},
			]);
			expect(items).toEqual([expect.objectContaining({ id, status: 'disabled' })]);
		});

		it('setStatus active fails with Eduzz’s reason when the URL does not answer 2xx', async () => {
			answer = 500;
			try {
				await expect(
					api.run({
						resource: 'webhookConfiguration',
						operation: 'setStatus',
						configurationId: id,
						status: 'active',
					}),
				).rejects.toMatchObject({
					message: expect.stringMatching(/\(400\).*must answer 2xx/),
				});
			} finally {
				answer = 200;
			}
			expect(api.fake.state.subscriptions.get(id)?.status).toBe('disabled');
		});

		it('delete: Eduzz answers 204, the node outputs success', async () => {
			const { items, requests } = await api.run({
				resource: 'webhookConfiguration',
				operation: 'delete',
				configurationId: id,
			});
			expect(requests).toEqual([
				{ method: 'DELETE', path: `${SUBSCRIPTION}/${id}`, query: {}, auth },
			]);
			expect(items).toEqual([{ success: true }]);
			expect(api.fake.state.subscriptions.size).toBe(0);
		});
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['webhook_read'] });
		try {
			const parameters = {
				resource: 'webhookConfiguration',
				operation: 'create',
				name: 'n',
				url: receiver.url,
				events: ['myeduzz.invoice_paid'],
			};
			await expect(limited.run(parameters)).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('webhook_write'),
			});
			expect(limited.fake.state.subscriptions.size).toBe(0);
		} finally {
			await limited.close();
		}
	});
});
