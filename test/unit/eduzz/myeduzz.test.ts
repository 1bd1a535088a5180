/** The exact requests of the Eduzz node's MyEduzz operations, against the fake Eduzz. */
import { startEduzzApi, byId, AUTH } from '../../support/eduzzNode';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';
import { EXAMPLES } from '../../../tooling/deliveries';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const V1 = '/myeduzz/v1';
const auth = AUTH;
const get = (path: string, query: Record<string, string> = {}) => ({
	method: 'GET',
	path,
	query,
	auth,
});

/** Eduzz's example sale (GET /myeduzz/v1/sales/:id), simplified. */
const SIMPLE_SALE = {
	id: '123456',
	status: 'paid',
	contractId: '78910',
	productId: '1',
	productName: 'Product Example 1',
	offerName: 'Oferta Base',
	buyerId: '3',
	buyerName: 'Buyer Example',
	buyerEmail: 'buyer@example.com',
	buyerDocument: '12345678900',
	buyerPhone: '11999999999',
	currency: 'BRL',
	total: 1000,
	grossGain: 1000,
	netGain: 900,
	installments: 3,
	paymentMethod: 'creditCard',
	affiliateId: '123',
	affiliateName: 'Affiliate Example',
	createdAt: '2023-01-01T00:00:00Z',
	dueDate: '2023-12-31T23:59:59Z',
	paidAt: '2023-01-01T12:00:00Z',
	creditDate: '2023-01-02T12:00:00Z',
};

/** Eduzz's example subscription (GET /myeduzz/v1/subscriptions/:id), simplified. */
const SIMPLE_SUBSCRIPTION = {
	id: '123456',
	status: 'canceled',
	productId: '123321',
	productName: 'Teste Assinatura',
	customerName: 'Fulano de tal',
	customerEmail: 'fulanodetal@eduzz.com',
	customerPhone: '+5515999999999',
	currency: 'BRL',
	price: 1000,
	paymentMethod: 'bankslip',
	installments: 6,
	frequency: 'monthly',
	frequencyValue: 1,
	chargesPaid: 1,
	chargesTotal: 6,
	createdAt: '2024-01-15T15:00:00.000Z',
	updatedAt: '2024-01-20T15:00:00.000Z',
	startsAt: '2024-01-15T15:00:00.000Z',
	nextDueDate: '2024-02-15T15:00:00.000Z',
	finishesAt: '2025-07-15T15:00:00.000Z',
	interruptionType: 'cancel',
	interruptedAt: '2024-01-20T15:00:00.000Z',
	interruptionReason: 'Cliente não está realizando os pagamentos corretamente',
	removeAccessDate: '2024-02-30T15:00:00.000Z',
};

/** The first of Eduzz's example affiliate fiscal documents, simplified. */
const SIMPLE_AFFILIATE_DOCUMENT = {
	id: '1234567',
	name: 'Empresa Fictícia - 12345678901',
	status: 'Pendente',
	type: 'Alunos / Clientes',
	currency: 'BRL',
	baseValue: 100,
	taxValue: 5,
	emissionDate: '2024-11-04T21:17:02.000Z',
	referenceDate: '2024-10-30T09:45:39.000Z',
	processingDate: '2024-12-04T21:17:02.000Z',
	recipientName: 'Cliente Fictício',
	recipientTaxId: '12345678901',
	recipientEmail: 'cliente@ficticio.com',
	saleId: '7654321',
	salePaymentDate: '2024-10-30T09:45:39.000Z',
	saleTotal: 100,
	customerId: '123456789',
	customerName: 'Cliente Fictício',
	customerDocument: '12345678901',
	customerEmail: 'cliente@ficticio.com',
	productId: '9876543',
	productName: 'Conteúdo Fictício',
};

/** The MyEduzz samples' invoice (a sale), its buyer and its product: the stand-in holds them. */
/** What these tests read of a MyEduzz sample's `data`. */
interface InvoiceSample {
	id: string;
	buyer: { name: string; email: string };
	contract: { id: string };
	items: Array<{ productId: string; name: string }>;
}
// EXAMPLES is typed `Record<string, unknown>` (tooling/deliveries.js); the fixture's invoice_paid data has this shape.
const INVOICE = EXAMPLES['myeduzz.invoice_paid'] as InvoiceSample;
const [INVOICE_ITEM] = INVOICE.items;
// Likewise for contract_created, which holds the contract.
const CONTRACT_ID = (EXAMPLES['myeduzz.contract_created'] as Pick<InvoiceSample, 'contract'>)
	.contract.id;

/** Eduzz's example of the sales list, simplified: it differs from the single one in its product, buyer and affiliate. */
const LISTED_SALE = {
	...SIMPLE_SALE,
	productId: '4',
	productName: 'Produto Exemplo',
	buyerId: '13',
	affiliateName: 'Afiliado Exemplo',
};

describe('Eduzz node: MyEduzz', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		// ---- sales
		[
			'sale get, simplified',
			{ resource: 'myeduzzSale', operation: 'get', saleId: '123456' },
			[get(`${V1}/sales/123456`)],
			[SIMPLE_SALE],
		],
		[
			'sale getAll with every filter and a limit',
			{
				resource: 'myeduzzSale',
				operation: 'getAll',
				limit: 4,
				filters: {
					affiliateId: '123',
					buyerDocument: '12345678900',
					buyerEmail: 'buyer@example.com',
					contractId: '78910',
					endDate: '2024-12-31T23:59:59',
					productId: '1',
					referenceDate: 'paidAt',
					startDate: '2024-01-01T00:00:00',
					status: 'waiting_payment',
				},
			},
			[
				get(`${V1}/sales`, {
					itemsPerPage: '4',
					affiliateId: '123',
					buyerDocument: '12345678900',
					buyerEmail: 'buyer@example.com',
					contractId: '78910',
					endDate: '2024-12-31T23:59:59',
					productId: '1',
					referenceDate: 'paidAt',
					startDate: '2024-01-01T00:00:00',
					status: 'waiting_payment',
				}),
			],
			// Eduzz's example sale, the samples' invoice in its shape, then numbered copies.
			[
				LISTED_SALE,
				expect.objectContaining({
					id: INVOICE.id,
					status: 'open', // the first invoice sample's
					buyerEmail: INVOICE.buyer.email,
				}),
				{ ...LISTED_SALE, id: '123456-3' },
				expect.objectContaining({ id: `${INVOICE.id}-4`, buyerEmail: INVOICE.buyer.email }),
			],
		],
		[
			'sale getChargebacks with every filter, simplified',
			{
				resource: 'myeduzzSale',
				operation: 'getChargebacks',
				limit: 1,
				filters: {
					buyerEmail: 'buyer@example.com',
					chargebackStatus: 'lost',
					endDate: '2024-02-01T00:00:00',
					id: '123456',
					startDate: '2024-01-01T00:00:00',
				},
			},
			[
				get(`${V1}/sales/chargebacks`, {
					itemsPerPage: '1',
					buyerEmail: 'buyer@example.com',
					chargebackStatus: 'lost',
					endDate: '2024-02-01T00:00:00',
					id: '123456',
					startDate: '2024-01-01T00:00:00',
				}),
			],
			[
				{
					id: '123456',
					chargebackStatus: 'lost',
					requestedAt: '2023-01-02T12:00:00.000Z',
					limitDate: '2023-01-04T12:00:00.000Z',
					documentsUploadedAt: '2023-01-03T12:00:00.000Z',
					currency: 'BRL',
					total: 1000,
					productId: '4',
					productName: 'Produto Exemplo',
					buyerId: '13',
					buyerName: 'Buyer Example',
					buyerEmail: 'buyer@example.com',
					buyerDocument: '12345678900',
					buyerPhone: '11999999999',
					affiliateId: '123',
					affiliateName: 'Afiliado Exemplo',
				},
			],
		],
		[
			'sale getSummary with every filter',
			{
				resource: 'myeduzzSale',
				operation: 'getSummary',
				filters: {
					affiliateId: '9',
					contractId: '8',
					endDate: '2024-12-31T23:59:59',
					productId: '7',
					startDate: '2024-01-01T00:00:00',
					status: 'paid',
				},
			},
			[
				get(`${V1}/sales/summary`, {
					affiliateId: '9',
					contractId: '8',
					endDate: '2024-12-31T23:59:59',
					productId: '7',
					startDate: '2024-01-01T00:00:00',
					status: 'paid',
				}),
			],
			[
				{
					discount: { currency: 'BRL', value: 100 },
					grossGain: { currency: 'BRL', value: 1000 },
					netGain: { currency: 'BRL', value: 780 },
					partnersGain: { currency: 'BRL', value: 50 },
					affiliatesGain: { currency: 'BRL', value: 50 },
					fee: { currency: 'BRL', value: 10 },
					others: { currency: 'BRL', value: 10 },
					total: { currency: 'BRL', value: 1000 },
				},
			],
		],

		// ---- subscriptions
		[
			'subscription cancel, ids as a list',
			{
				resource: 'myeduzzSubscription',
				operation: 'cancel',
				subscriptionIds: '123, 456,,789 ',
				additionalFields: { cancelReason: 'Problemas com o pagamento.' },
			},
			[
				{
					method: 'POST',
					path: `${V1}/subscriptions/bulk-cancel`,
					query: {},
					body: {
						subscriptions: ['123', '456', '789'],
						cancelReason: 'Problemas com o pagamento.',
					},
					auth,
				},
			],
			[{ message: 'Cancelamento solicitado com sucesso. Aguarde o processo ser finalizado.' }],
		],
		[
			'subscription changeDueDay with a reason',
			{
				resource: 'myeduzzSubscription',
				operation: 'changeDueDay',
				subscriptionId: '123456',
				dueDateDay: '15',
				additionalFields: { motive: 'Negociação comercial' },
			},
			[
				{
					method: 'PUT',
					path: `${V1}/subscriptions/123456/recurring-date`,
					query: {},
					body: { dueDateDay: '15', motive: 'Negociação comercial' },
					auth,
				},
			],
			[{ message: 'Solicitação de alteração de data de vencimento enviada para o cliente.' }],
		],
		[
			'subscription get, simplified',
			{ resource: 'myeduzzSubscription', operation: 'get', subscriptionId: '123456' },
			[get(`${V1}/subscriptions/123456`)],
			[SIMPLE_SUBSCRIPTION],
		],
		[
			'subscription getByCustomer',
			{
				resource: 'myeduzzSubscription',
				operation: 'getByCustomer',
				customerEmail: 'fulanodetal@eduzz.com',
			},
			[get(`${V1}/subscriptions/customers/fulanodetal%40eduzz.com`)],
			1,
		],
		[
			'subscription getInvoices',
			{ resource: 'myeduzzSubscription', operation: 'getInvoices', subscriptionId: '123456' },
			[get(`${V1}/subscriptions/123456/invoices`)],
			1,
		],
		[
			'subscription getAll with every filter',
			{
				resource: 'myeduzzSubscription',
				operation: 'getAll',
				limit: 3,
				filters: {
					filterBy: 'update',
					startDate: '2024-01-01T00:00:00',
					endDate: '2024-01-31T23:59:59',
				},
			},
			[
				get(`${V1}/subscriptions`, {
					itemsPerPage: '3',
					filterBy: 'update',
					startDate: '2024-01-01T00:00:00',
					endDate: '2024-01-31T23:59:59',
				}),
			],
			// Eduzz's example, then the contracts of the MyEduzz samples in its shape.
			[
				SIMPLE_SUBSCRIPTION,
				expect.objectContaining({ id: CONTRACT_ID }),
				expect.objectContaining({ id: INVOICE.contract.id }),
			],
		],
		[
			'subscription reactivate',
			{ resource: 'myeduzzSubscription', operation: 'reactivate', subscriptionId: '123456' },
			[{ method: 'POST', path: `${V1}/subscriptions/123456/reactivate`, query: {}, auth }],
			[{ message: 'Reativação solicitada com sucesso. Aguarde o processo ser finalizado.' }],
		],
		[
			'subscription sendCardChangeEmail: Eduzz answers 202 {}',
			{
				resource: 'myeduzzSubscription',
				operation: 'sendCardChangeEmail',
				subscriptionId: '123456',
			},
			[
				{
					method: 'PUT',
					path: `${V1}/subscriptions/123456/send-card-change-email`,
					query: {},
					auth,
				},
			],
			[{ success: true }],
		],

		// ---- customers and affiliates
		[
			'customer get',
			{ resource: 'myeduzzCustomer', operation: 'get', customerEmail: 'buyer@teste.com' },
			[get(`${V1}/customers/buyer%40teste.com`)],
			[
				{
					id: '123456',
					name: 'John Doe',
					email: 'buyer@teste.com',
					phone: { countryCode: '55', areaCode: '15', number: '999999999' },
					address: {
						street: 'Av. Sorocaba',
						number: '500',
						supplement: 'Casa 2',
						cep: '18044-390',
						state: 'SP',
						country: 'BR',
					},
				},
			],
		],
		[
			'customer getAll with every filter',
			{
				resource: 'myeduzzCustomer',
				operation: 'getAll',
				limit: 5,
				filters: {
					endDate: '2024-12-31T23:59:59',
					order: 'desc',
					startDate: '2024-01-01T00:00:00',
				},
			},
			[
				get(`${V1}/customers`, {
					itemsPerPage: '5',
					endDate: '2024-12-31T23:59:59',
					order: 'desc',
					startDate: '2024-01-01T00:00:00',
				}),
			],
			5,
		],
		[
			'affiliate getAll of some products',
			{
				resource: 'myeduzzAffiliate',
				operation: 'getAll',
				filters: { productIds: ' 1739854, 1739855,' },
			},
			[get(`${V1}/affiliates`, { itemsPerPage: '50', productIds: '1739854,1739855' })],
			50,
		],

		// ---- products and coupons
		[
			'product get',
			{ resource: 'myeduzzProduct', operation: 'get', productId: byId('48045') },
			[get(`${V1}/products/48045`)],
			[
				{
					id: '48045',
					name: 'Produto Premium',
					description: 'Produto premium com funcionalidades avançadas.',
					producerId: '1234',
					type: 'digital',
					status: 'active',
					author: 'Eduzz',
					moderation: 'new',
					imageUrl: 'https://cdn.eduzzcdn.com/xpto.jpg',
					createdAt: '2018-03-20T19:57:44.357Z',
					updatedAt: '2023-05-15T18:46:44.647Z',
					payment: {
						type: 'oneTime',
						price: { currency: 'BRL', value: 100 },
						methods: { bankslip: true, pix: true, card: true, multipleCards: false },
					},
				},
			],
		],
		[
			'product getAll',
			{ resource: 'myeduzzProduct', operation: 'getAll', limit: 10 },
			[get(`${V1}/products`, { itemsPerPage: '10' })],
			10,
		],
		[
			'product getCampaigns',
			{ resource: 'myeduzzProduct', operation: 'getCampaigns', productId: byId('48045') },
			[get(`${V1}/products/48045/campaigns`)],
			3,
		],
		[
			'product getOffers',
			{ resource: 'myeduzzProduct', operation: 'getOffers', productId: byId('48045') },
			[get(`${V1}/products/48045/offers`)],
			1,
		],
		[
			'product getPartners',
			{ resource: 'myeduzzProduct', operation: 'getPartners', productId: byId('48045') },
			[get(`${V1}/products/48045/partners`)],
			2,
		],
		[
			'coupon getAll',
			{ resource: 'myeduzzCoupon', operation: 'getAll', limit: 2 },
			[get(`${V1}/products/coupons`, { itemsPerPage: '2' })],
			2,
		],

		// ---- financial
		[
			'financial statement getAll with every filter',
			{
				resource: 'myeduzzFinancialStatement',
				operation: 'getAll',
				limit: 2,
				filters: {
					endDate: '2024-12-31T23:59:59',
					saleId: '123456',
					startDate: '2024-01-01T00:00:00',
				},
			},
			[
				get('/myeduzz/v2/financial/statement', {
					itemsPerPage: '2',
					endDate: '2024-12-31T23:59:59',
					saleId: '123456',
					startDate: '2024-01-01T00:00:00',
				}),
			],
			['1', '1-2'].map((id) => ({
				id,
				creditDate: '2021-08-01T00:00:00.000Z',
				description: 'Venda de produto 1 referente ao pedido 123456',
				saleId: '123456',
				type: 'sale',
				value: { currency: 'BRL', value: 100 },
			})),
		],
		[
			'transfer getAll',
			{ resource: 'myeduzzTransfer', operation: 'getAll', limit: 7 },
			[get(`${V1}/financial/transfers`, { itemsPerPage: '7' })],
			7,
		],
		[
			'affiliate fiscal document getAll, simplified',
			{ resource: 'myeduzzAffiliateFiscalDocument', operation: 'getAll', limit: 1 },
			[get(`${V1}/financial/affiliate/fiscal-documents`, { itemsPerPage: '1' })],
			[SIMPLE_AFFILIATE_DOCUMENT],
		],
		[
			'affiliate fiscal document updateStatus',
			{
				resource: 'myeduzzAffiliateFiscalDocument',
				operation: 'updateStatus',
				fiscalDocumentId: '1234567',
				status: 'waitingDocument',
			},
			[
				{
					method: 'PATCH',
					path: `${V1}/financial/affiliate/fiscal-documents/1234567/change-status`,
					query: {},
					body: { status: 'waitingDocument' },
					auth,
				},
			],
			[{ updated: true }],
		],
		[
			'buyer fiscal document getAll',
			{ resource: 'myeduzzBuyerFiscalDocument', operation: 'getAll', limit: 3 },
			[get(`${V1}/financial/buyer/fiscal-documents`, { itemsPerPage: '3' })],
			3,
		],
		[
			'buyer fiscal document updateStatus',
			{
				resource: 'myeduzzBuyerFiscalDocument',
				operation: 'updateStatus',
				fiscalDocumentId: '7654321',
				status: 'canceled',
			},
			[
				{
					method: 'PATCH',
					path: `${V1}/financial/buyer/fiscal-documents/7654321/change-status`,
					query: {},
					body: { status: 'canceled' },
					auth,
				},
			],
			[{ updated: true }],
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it("holds the MyEduzz samples' product, sale and customer", async () => {
		const product = await api.run({
			resource: 'myeduzzProduct',
			operation: 'get',
			productId: byId(INVOICE_ITEM.productId),
		});
		expect(product.items).toEqual([
			expect.objectContaining({ id: INVOICE_ITEM.productId, name: INVOICE_ITEM.name }),
		]);
		const products = await api.run({ resource: 'myeduzzProduct', operation: 'getAll', limit: 10 });
		expect(products.items).toContainEqual(
			expect.objectContaining({ id: INVOICE_ITEM.productId, name: INVOICE_ITEM.name }),
		);
		const sale = await api.run({ resource: 'myeduzzSale', operation: 'get', saleId: INVOICE.id });
		expect(sale.items).toEqual([
			expect.objectContaining({ id: INVOICE.id, buyerEmail: INVOICE.buyer.email }),
		]);
		const customer = await api.run({
			resource: 'myeduzzCustomer',
			operation: 'get',
			customerEmail: INVOICE.buyer.email,
		});
		expect(customer.items).toEqual([
			expect.objectContaining({ name: INVOICE.buyer.name, email: INVOICE.buyer.email }),
		]);
	});

	it.each([
		[
			'an unknown sale, its id percent-encoded',
			{ resource: 'myeduzzSale', operation: 'get', saleId: '123/456' },
			{ method: 'GET', path: `${V1}/sales/123%2F456`, response: { message: 'Sale not found.' } },
		],
		[
			"an unknown subscription's due day",
			{
				resource: 'myeduzzSubscription',
				operation: 'changeDueDay',
				subscriptionId: 's 1',
				dueDateDay: '15',
				additionalFields: { motive: 'Negociação comercial' },
			},
			{
				method: 'PUT',
				path: `${V1}/subscriptions/s%201/recurring-date`,
				body: { dueDateDay: '15', motive: 'Negociação comercial' },
			},
		],
		[
			'the subscriptions of an unknown customer',
			{
				resource: 'myeduzzSubscription',
				operation: 'getByCustomer',
				customerEmail: 'fulano+1@eduzz.com',
			},
			{ method: 'GET', path: `${V1}/subscriptions/customers/fulano%2B1%40eduzz.com` },
		],
		[
			"an unknown product's campaigns",
			{ resource: 'myeduzzProduct', operation: 'getCampaigns', productId: byId('a b') },
			{ method: 'GET', path: `${V1}/products/a%20b/campaigns` },
		],
		[
			'an unknown fiscal document',
			{
				resource: 'myeduzzBuyerFiscalDocument',
				operation: 'updateStatus',
				fiscalDocumentId: '1/2',
				status: 'canceled',
			},
			{
				method: 'PATCH',
				path: `${V1}/financial/buyer/fiscal-documents/1%2F2/change-status`,
				body: { status: 'canceled' },
			},
		],
	])('%s: Eduzz answers 404', async (_label, parameters, request) => {
		await expect(api.run(parameters)).rejects.toMatchObject({
			message: expect.stringContaining('(404)'),
		});
		expect(api.fake.requests.at(-1)).toMatchObject({ ...request, status: 404 });
	});

	it('"Simplify" off returns the sale as Eduzz sends it', async () => {
		const { items } = await api.run({
			resource: 'myeduzzSale',
			operation: 'get',
			saleId: '123456',
			simplify: false,
		});
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			id: '123456',
			grossGain: { currency: 'BRL', value: 1000 },
			buyer: { email: 'buyer@example.com' },
			utm: { source: 'google' },
		});
	});

	it('"Return All" follows every page, keeping the filters', async () => {
		const { items, requests } = await api.run({
			resource: 'myeduzzSale',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'paid', buyerEmail: 'buyer@example.com' },
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(new Set(items.map((item) => ('id' in item ? item.id : undefined))).size).toBe(
			PAGED_TOTAL,
		);
		expect(requests.map((request) => request.query)).toEqual(
			[1, 2, 3].map((page) => ({
				status: 'paid',
				buyerEmail: 'buyer@example.com',
				page: String(page),
				itemsPerPage: '100',
			})),
		);
		expect(requests.every((request) => request.path === `${V1}/sales`)).toBe(true);
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['myeduzz_subscriptions_read'] });
		try {
			await expect(
				limited.run({
					resource: 'myeduzzSubscription',
					operation: 'reactivate',
					subscriptionId: '123456',
				}),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('myeduzz_subscriptions_write'),
			});
		} finally {
			await limited.close();
		}
	});
});
