import type { INodeProperties } from 'n8n-workflow';

import { operationOption, paginationProperties, type EduzzOperation } from '../../operation';
import { textParameter } from '../../parameters';
import { MYEDUZZ, endDateOption, queryOption, startDateOption } from './shared';

/*
 * MyEduzz customers (compradores) and affiliates (afiliados).
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-affiliates
 */

const CUSTOMER = 'myeduzzCustomer';
const AFFILIATE = 'myeduzzAffiliate';

const customerOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a customer',
		description: 'Get a customer (buyer) by e-mail address, with phone and address',
		method: 'GET',
		path: `${MYEDUZZ}/customers/:email`,
		pathParameters: { email: 'customerEmail' },
		scopes: ['myeduzz_customers_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many customers',
		description:
			'List your customers (buyers) with how many products they bought and how much they spent',
		method: 'GET',
		path: `${MYEDUZZ}/customers`,
		scopes: ['myeduzz_customers_read'],
		output: 'items',
	},
];

const affiliateOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many affiliates',
		description:
			'List the affiliates of your products with their status and the product they promote',
		method: 'GET',
		path: `${MYEDUZZ}/affiliates`,
		scopes: ['myeduzz_affiliates_read'],
		output: 'items',
	},
];

export const customerProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzCustomer'] } },
		options: customerOperations.map(operationOption),
		default: 'get',
	},
	textParameter(
		'Customer Email',
		'customerEmail',
		CUSTOMER,
		['get'],
		"The customer's e-mail address. From a MyEduzz invoice trigger item: {{ $json.data.buyer.email }}.",
		'e.g. nathan@example.com',
	),
	...paginationProperties(CUSTOMER, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [CUSTOMER], operation: ['getAll'] } },
		options: [
			endDateOption('customers'),
			queryOption(
				'Order',
				'order',
				'string',
				'Order of the list, as Eduzz takes it (Eduzz does not list the values)',
			),
			startDateOption('customers'),
		],
	},
];

export const affiliateProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzAffiliate'] } },
		options: affiliateOperations.map(operationOption),
		default: 'getAll',
	},
	...paginationProperties(AFFILIATE, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [AFFILIATE], operation: ['getAll'] } },
		options: [
			{
				...queryOption(
					'Product IDs',
					'productIds',
					'string',
					'Only affiliates of these products; separate several IDs with commas',
					'e.g. 1739854, 1739855',
				),
				routing: {
					send: {
						type: 'query',
						property: 'productIds',
						value:
							'={{ String($value).split(",").map((id) => id.trim()).filter((id) => id !== "").join(",") }}',
					},
				},
			},
		],
	},
];
