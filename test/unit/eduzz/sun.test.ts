/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n Cloud's rules are for the package's nodes; the keys are Eduzz's example data */
/** The exact requests of the Eduzz node's Sun operations, against the fake Eduzz. */
import { startEduzzApi, AUTH } from '../../support/eduzzNode';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const auth = AUTH;

/** Eduzz's example answer for a new cart. */
const CART = {
	id: '12345',
	key: '00000000000000000000000000000000',
	orderId: '12345',
	paymentUrl: 'https://sun.eduzz.com/c_00000000000000000000000000000000?contentId=12345',
	postbackUrl: 'https://webhook.site/3559d85c-4c65-4035-854b-e935ef9c1278',
	returnUrl: 'https://mysite.com/thanks-page',
	installments: 1,
	items: [
		{
			productId: '123456',
			description: 'My Product',
			price: { value: 1000, currency: 'BRL' },
			quantity: 1,
		},
	],
	customer: {
		email: 'customer@eduzz.com',
		name: 'Foo Bar',
		cellphone: '11988888888',
		document: '24246858005',
		address: {
			street: 'Av. Sorocaba',
			number: '500',
			neighborhood: 'Fantasia',
			complement: 'AP 00',
			postalCode: '18044390',
			state: 'SP',
		},
	},
};

describe('Eduzz node: Sun', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		[
			'cart create with every field',
			{
				resource: 'sunCart',
				operation: 'create',
				orderId: 'pedido-1',
				postbackUrl: 'https://example.com/postback',
				items: {
					item: [
						{ productId: ' 123456 ', description: 'My Product', quantity: 2, price: 1000 },
						{ productId: '654321', description: 'Bonus', quantity: 1, price: 0 },
					],
				},
				additionalFields: {
					installments: 3,
					returnUrl: 'https://example.com/thanks',
					shippingValue: 10,
				},
				customer: {
					cellphone: '11988888888',
					complement: 'AP 00',
					document: '24246858005',
					email: 'customer@example.com',
					name: 'Foo Bar',
					neighborhood: 'Fantasia',
					number: '500',
					postalCode: '18044390',
					state: 'SP',
					street: 'Av. Sorocaba',
				},
			},
			[
				{
					method: 'POST',
					path: '/sun/v1/cart',
					query: {},
					body: {
						orderId: 'pedido-1',
						postbackUrl: 'https://example.com/postback',
						items: [
							{
								productId: '123456',
								description: 'My Product',
								quantity: 2,
								price: { value: 1000, currency: 'BRL' },
							},
							{ productId: '654321', description: 'Bonus', quantity: 1 },
						],
						installments: 3,
						returnUrl: 'https://example.com/thanks',
						shippingValue: 10,
						customer: {
							cellphone: '11988888888',
							document: '24246858005',
							email: 'customer@example.com',
							name: 'Foo Bar',
							address: {
								complement: 'AP 00',
								neighborhood: 'Fantasia',
								number: '500',
								postalCode: '18044390',
								state: 'SP',
								street: 'Av. Sorocaba',
							},
						},
					},
					auth,
				},
			],
			[CART],
		],
		[
			'cart create with only what is required, the customer without an address',
			{
				resource: 'sunCart',
				operation: 'create',
				orderId: '42',
				postbackUrl: 'https://example.com/postback',
				items: { item: [{ productId: '123456', description: 'My Product', quantity: 1 }] },
				customer: { email: 'customer@example.com' },
			},
			[
				{
					method: 'POST',
					path: '/sun/v1/cart',
					query: {},
					body: {
						orderId: '42',
						postbackUrl: 'https://example.com/postback',
						items: [{ productId: '123456', description: 'My Product', quantity: 1 }],
						customer: { email: 'customer@example.com' },
					},
					auth,
				},
			],
			[CART],
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		expect(result.items).toEqual(output);
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['myeduzz_products_read'] });
		try {
			const parameters = {
				resource: 'sunCart',
				operation: 'create',
				orderId: '1',
				postbackUrl: 'https://example.com/p',
				items: { item: [{ productId: '1', description: 'P', quantity: 1 }] },
			};
			await expect(limited.run(parameters)).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('sun_cart_write'),
			});
		} finally {
			await limited.close();
		}
	});
});
