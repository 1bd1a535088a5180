import type { INodeProperties } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../../operation';
import {
	collection,
	commaList,
	dateRange,
	field,
	inQuery,
	operationPicker,
	paginationProperties,
	queryField,
	textParameter,
} from '../../../shared/parameters';

/*
 * MyEduzz customers (compradores) and affiliates (afiliados).
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-affiliates
 */

const MYEDUZZ = '/myeduzz/v1';
const CUSTOMER = 'myeduzzCustomer';
const AFFILIATE = 'myeduzzAffiliate';

const customerOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a MyEduzz customer by e-mail',
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
		action: 'Get many MyEduzz customers',
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
		action: 'Get many MyEduzz affiliates',
		description:
			'List the affiliates of your products with their status and the product they promote',
		method: 'GET',
		path: `${MYEDUZZ}/affiliates`,
		scopes: ['myeduzz_affiliates_read'],
		output: 'items',
	},
];

export const customerProperties: INodeProperties[] = [
	operationPicker(CUSTOMER, customerOperations.map(operationOption), 'get'),
	textParameter(
		'Customer Email',
		'customerEmail',
		CUSTOMER,
		['get'],
		"The customer's e-mail address. From a MyEduzz invoice event: {{ $json.data.buyer.email }}.",
		'e.g. nathan@example.com',
	),
	...paginationProperties(CUSTOMER, 'getAll'),
	collection('filters', CUSTOMER, 'getAll', [
		...dateRange('customers'),
		queryField(
			'Order',
			'order',
			'string',
			'Order of the list, as Eduzz takes it (Eduzz does not list the values)',
		),
	]),
];

export const affiliateProperties: INodeProperties[] = [
	operationPicker(AFFILIATE, affiliateOperations.map(operationOption), 'getAll'),
	...paginationProperties(AFFILIATE, 'getAll'),
	collection('filters', AFFILIATE, 'getAll', [
		inQuery(
			field(
				'Product IDs',
				'productIds',
				'string',
				'Only affiliates of these products; separate several IDs with commas',
				{ placeholder: 'e.g. 1739854, 1739855' },
			),
			'productIds',
			commaList('.join(",")'),
		),
	]),
];
