import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../../operation';
import {
	choice,
	collection,
	dateRange,
	inQuery,
	operationPicker,
	paginationProperties,
	queryField,
	simplifyProperty,
	textParameter,
} from '../../../shared/parameters';
import {
	amount,
	currencyOf,
	idOf,
	objectAt,
	scalar,
	simplifier,
	type SimpleField,
} from '../../simplify';

/*
 * MyEduzz sales (vendas / faturas): one sale, the list, chargebacks and the totals.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-sales-id
 */

const RESOURCE = 'myeduzzSale';
const SALES = '/myeduzz/v1/sales';
const SCOPES = ['myeduzz_sales_read'];

const PRODUCT: Record<string, SimpleField> = {
	productId: [idOf, 'product.id'],
	productName: [scalar, 'product.name'],
};

const BUYER: Record<string, SimpleField> = {
	buyerId: [idOf, 'buyer.id'],
	buyerName: [scalar, 'buyer.name'],
	buyerEmail: [scalar, 'buyer.email'],
	buyerDocument: [scalar, 'buyer.document'],
	buyerPhone: [scalar, 'buyer.phone'],
};

const AFFILIATE: Record<string, SimpleField> = {
	affiliateId: [idOf, 'affiliate.id'],
	affiliateName: [scalar, 'affiliate.name'],
};

/** A sale as a no-code user reads it first: who bought what, for how much, when. */
export const simplifySale = simplifier({
	id: [idOf, 'id'],
	status: [scalar, 'status'],
	contractId: [idOf, 'contractId'],
	...PRODUCT,
	offerName: [scalar, 'offer.name'],
	...BUYER,
	currency: (sale) => currencyOf(sale.total, sale.grossGain, sale.netGain) ?? scalar(sale.currency),
	total: [amount, 'total'],
	grossGain: [amount, 'grossGain'],
	netGain: [amount, 'netGain'],
	installments: [scalar, 'installments'],
	paymentMethod: (sale) => scalar(objectAt(sale.payment).method) ?? scalar(sale.paymentMethod),
	...AFFILIATE,
	createdAt: [scalar, 'createdAt'],
	dueDate: [scalar, 'dueDate'],
	paidAt: [scalar, 'paidAt'],
	creditDate: [scalar, 'creditDate'],
});

/** A chargeback (a card payment disputed by the buyer) as a no-code user reads it first. */
export const simplifyChargeback = simplifier({
	id: [idOf, 'id'],
	chargebackStatus: [scalar, 'chargeback.status'],
	requestedAt: [scalar, 'chargeback.requestedAt'],
	limitDate: [scalar, 'chargeback.limitDate'],
	documentsUploadedAt: [scalar, 'chargeback.documentsUploadedAt'],
	currency: [currencyOf, 'total'],
	total: [amount, 'total'],
	...PRODUCT,
	...BUYER,
	...AFFILIATE,
});

const operations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a MyEduzz sale by ID',
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
		action: 'Get many MyEduzz chargebacks',
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
		action: 'Get many MyEduzz sales',
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
		action: 'Get the totals of MyEduzz sales',
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

const statusFilter = inQuery(
	choice('Status', 'status', 'Only sales with this status', 'paid', saleStatuses),
);
const affiliateFilter = queryField(
	'Affiliate ID',
	'affiliateId',
	'string',
	'Only sales made by this affiliate',
);
const contractFilter = queryField(
	'Contract ID',
	'contractId',
	'string',
	'Only sales of this subscription (contract)',
);
const productFilter = queryField('Product ID', 'productId', 'string', 'Only sales of this product');
const EMAIL_EXAMPLE = { placeholder: 'e.g. nathan@example.com' };

export const saleProperties: INodeProperties[] = [
	operationPicker(RESOURCE, operations.map(operationOption), 'getAll'),
	textParameter(
		'Sale ID',
		'saleId',
		RESOURCE,
		['get'],
		'The ID of the sale (invoice). From a MyEduzz invoice event: {{ $json.data.id }}; "Get many MyEduzz sales" lists them.',
		'e.g. 123456',
	),
	...paginationProperties(RESOURCE, 'getAll'),
	collection('filters', RESOURCE, 'getAll', [
		affiliateFilter,
		queryField(
			'Buyer Document',
			'buyerDocument',
			'string',
			'Only sales to the buyer with this document number (CPF or CNPJ)',
		),
		queryField(
			'Buyer Email',
			'buyerEmail',
			'string',
			'Only sales to the buyer with this e-mail address',
			EMAIL_EXAMPLE,
		),
		contractFilter,
		...dateRange('sales'),
		productFilter,
		queryField(
			'Reference Date',
			'referenceDate',
			'string',
			'Which date of the sale Start Date and End Date apply to, as Eduzz names it (Eduzz does not list the values)',
		),
		statusFilter,
	]),
	...paginationProperties(RESOURCE, 'getChargebacks'),
	collection('filters', RESOURCE, 'getChargebacks', [
		queryField(
			'Buyer Email',
			'buyerEmail',
			'string',
			'Only chargebacks of the buyer with this e-mail address',
			EMAIL_EXAMPLE,
		),
		queryField(
			'Chargeback Status',
			'chargebackStatus',
			'string',
			'Only chargebacks in this status, as Eduzz names it (e.g. lost)',
			{ placeholder: 'e.g. lost' },
		),
		...dateRange('chargebacks'),
		queryField('Sale ID', 'id', 'string', 'Only the chargeback of this sale'),
	]),
	collection('filters', RESOURCE, 'getSummary', [
		affiliateFilter,
		contractFilter,
		...dateRange('sales'),
		productFilter,
		statusFilter,
	]),
	simplifyProperty(RESOURCE, ['get', 'getAll', 'getChargebacks']),
];
