import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	operationOption,
	paginationProperties,
	simplifyProperty,
	type EduzzOperation,
} from '../../operation';
import { textParameter } from '../../parameters';
import {
	MYEDUZZ,
	amount,
	currencyOf,
	endDateOption,
	idOf,
	objectAt,
	queryOption,
	scalar,
	startDateOption,
} from './shared';

/*
 * MyEduzz sales (vendas / faturas): one sale, the list, chargebacks and the totals.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-sales-id
 */

const RESOURCE = 'myeduzzSale';
const SALES = `${MYEDUZZ}/sales`;
const SCOPES = ['myeduzz_sales_read'];

/** A sale as a no-code user reads it first: who bought what, for how much, when. */
export function simplifySale(sale: IDataObject): IDataObject {
	const product = objectAt(sale.product);
	const buyer = objectAt(sale.buyer);
	const affiliate = objectAt(sale.affiliate);
	const payment = objectAt(sale.payment);
	return {
		id: idOf(sale.id),
		status: scalar(sale.status),
		contractId: idOf(sale.contractId),
		productId: idOf(product.id),
		productName: scalar(product.name),
		offerName: scalar(objectAt(sale.offer).name),
		buyerId: idOf(buyer.id),
		buyerName: scalar(buyer.name),
		buyerEmail: scalar(buyer.email),
		buyerDocument: scalar(buyer.document),
		buyerPhone: scalar(buyer.phone),
		currency: currencyOf(sale.total, sale.grossGain, sale.netGain) ?? scalar(sale.currency),
		total: amount(sale.total),
		grossGain: amount(sale.grossGain),
		netGain: amount(sale.netGain),
		installments: scalar(sale.installments),
		paymentMethod: scalar(payment.method) ?? scalar(sale.paymentMethod),
		affiliateId: idOf(affiliate.id),
		affiliateName: scalar(affiliate.name),
		createdAt: scalar(sale.createdAt),
		dueDate: scalar(sale.dueDate),
		paidAt: scalar(sale.paidAt),
		creditDate: scalar(sale.creditDate),
	};
}

/** A chargeback (a card payment disputed by the buyer) as a no-code user reads it first. */
export function simplifyChargeback(sale: IDataObject): IDataObject {
	const chargeback = objectAt(sale.chargeback);
	const product = objectAt(sale.product);
	const buyer = objectAt(sale.buyer);
	const affiliate = objectAt(sale.affiliate);
	return {
		id: idOf(sale.id),
		chargebackStatus: scalar(chargeback.status),
		requestedAt: scalar(chargeback.requestedAt),
		limitDate: scalar(chargeback.limitDate),
		documentsUploadedAt: scalar(chargeback.documentsUploadedAt),
		currency: currencyOf(sale.total),
		total: amount(sale.total),
		productId: idOf(product.id),
		productName: scalar(product.name),
		buyerId: idOf(buyer.id),
		buyerName: scalar(buyer.name),
		buyerEmail: scalar(buyer.email),
		buyerDocument: scalar(buyer.document),
		buyerPhone: scalar(buyer.phone),
		affiliateId: idOf(affiliate.id),
		affiliateName: scalar(affiliate.name),
	};
}

const operations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a sale',
		description: 'Get a sale (invoice) with its buyer, product, amounts, affiliates and UTM data',
		method: 'GET',
		path: `${SALES}/:id`,
		pathParameters: { id: 'saleId' },
		scopes: SCOPES,
		output: 'object',
		simplify: simplifySale,
	},
	{
		name: 'Get Chargebacks',
		value: 'getChargebacks',
		action: 'Get many chargebacks',
		description:
			'List the sales whose card payment the buyer disputed (chargebacks), filtered by date, status or buyer',
		method: 'GET',
		path: `${SALES}/chargebacks`,
		scopes: SCOPES,
		output: 'items',
		simplify: simplifyChargeback,
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sales',
		description:
			'List your sales, filtered by period, status, product, contract, affiliate or buyer',
		method: 'GET',
		path: SALES,
		scopes: SCOPES,
		output: 'items',
		simplify: simplifySale,
	},
	{
		name: 'Get Summary',
		value: 'getSummary',
		action: 'Get the totals of sales',
		description:
			'Get the totals of your sales (gross, net, fees, affiliates, partners), filtered by period, status, product, contract or affiliate',
		method: 'GET',
		path: `${SALES}/summary`,
		scopes: SCOPES,
		output: 'object',
	},
];

/** Eduzz's sale statuses. */
const saleStatuses: INodePropertyOptions[] = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Duplicated', value: 'duplicated' },
	{ name: 'Expired', value: 'expired' },
	{ name: 'Negotiated', value: 'negotiated' },
	{ name: 'Open', value: 'open' },
	{ name: 'Paid', value: 'paid' },
	{ name: 'Processing', value: 'processing' },
	{ name: 'Recovering', value: 'recovering' },
	{ name: 'Refunded', value: 'refunded' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Waiting Payment', value: 'waiting_payment' },
	{ name: 'Waiting Refund', value: 'waiting_refund' },
];

const statusFilter: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: saleStatuses,
	default: 'paid',
	description: 'Only sales with this status',
	routing: { send: { type: 'query', property: 'status' } },
};
const affiliateFilter = queryOption(
	'Affiliate ID',
	'affiliateId',
	'string',
	'Only sales made by this affiliate',
);
const contractFilter = queryOption(
	'Contract ID',
	'contractId',
	'string',
	'Only sales of this subscription (contract)',
);
const productFilter = queryOption(
	'Product ID',
	'productId',
	'string',
	'Only sales of this product',
);

export const saleProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzSale'] } },
		options: operations.map(operationOption),
		default: 'getAll',
	},
	textParameter(
		'Sale ID',
		'saleId',
		RESOURCE,
		['get'],
		'The sale (invoice). From a MyEduzz invoice trigger item: {{ $json.data.id }}.',
		'e.g. 123456',
	),
	...paginationProperties(RESOURCE, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['getAll'] } },
		options: [
			affiliateFilter,
			queryOption(
				'Buyer Document',
				'buyerDocument',
				'string',
				'Only sales to the buyer with this document number (CPF or CNPJ)',
			),
			queryOption(
				'Buyer Email',
				'buyerEmail',
				'string',
				'Only sales to the buyer with this e-mail address',
				'e.g. nathan@example.com',
			),
			contractFilter,
			endDateOption('sales'),
			productFilter,
			queryOption(
				'Reference Date',
				'referenceDate',
				'string',
				'Which date of the sale Start Date and End Date apply to, as Eduzz names it (Eduzz does not list the values)',
			),
			startDateOption('sales'),
			statusFilter,
		],
	},
	...paginationProperties(RESOURCE, 'getChargebacks'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['getChargebacks'] } },
		options: [
			queryOption(
				'Buyer Email',
				'buyerEmail',
				'string',
				'Only chargebacks of the buyer with this e-mail address',
				'e.g. nathan@example.com',
			),
			queryOption(
				'Chargeback Status',
				'chargebackStatus',
				'string',
				'Only chargebacks in this status, as Eduzz names it (e.g. lost)',
				'e.g. lost',
			),
			endDateOption('chargebacks'),
			queryOption('Sale ID', 'id', 'string', 'Only the chargeback of this sale'),
			startDateOption('chargebacks'),
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['getSummary'] } },
		options: [
			affiliateFilter,
			contractFilter,
			endDateOption('sales'),
			productFilter,
			startDateOption('sales'),
			statusFilter,
		],
	},
	simplifyProperty(RESOURCE, ['get', 'getAll', 'getChargebacks']),
];
