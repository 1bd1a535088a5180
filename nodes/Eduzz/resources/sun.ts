import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';

/*
 * Sun, Eduzz's checkout: carts that sell several products as one payment.
 * https://developers.eduzz.com/reference/api/post-sun-v1-cart
 */

export const sunResources: INodePropertyOptions[] = [{ name: 'Sun Cart', value: 'sunCart' }];

const cartOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create a checkout cart',
		description:
			'Create a checkout cart (carrinho) whose items, all products of the same account, are paid as one total, and get its payment URL',
		method: 'POST',
		path: '/sun/v1/cart',
		scopes: ['sun_cart_write'],
		output: 'object',
	},
];

const show = { resource: ['sunCart'], operation: ['create'] };

/**
 * The cart's items as Eduzz takes them. A price is sent only when given (Eduzz otherwise uses the
 * product's own), always in BRL, the only currency Eduzz accepts.
 */
const ITEMS_VALUE =
	'={{ ($value.item ?? []).map((item) => Object.assign({ productId: String(item.productId).trim(), description: item.description, quantity: item.quantity }, item.price ? { price: { value: item.price, currency: "BRL" } } : {})) }}';

/** A field of the customer, sent inside `customer` (address fields inside `customer.address`). */
function customerOption(
	displayName: string,
	name: string,
	property: string,
	description: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		description,
		...(placeholder ? { placeholder } : {}),
		routing: { send: { type: 'body', property } },
	};
}

export const sunProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sunCart'] } },
		options: cartOperations.map(operationOption),
		default: 'create',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345',
		description:
			'Your own ID for this order (pedido); Eduzz returns it with the cart and its notifications',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'orderId' } },
	},
	{
		displayName: 'Postback URL',
		name: 'postbackUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/eduzz/postback',
		description: "URL of the webhook that receives the cart's notifications",
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'postbackUrl' } },
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		required: true,
		placeholder: 'Add Item',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'The products in the cart; their prices are added up into one total',
		displayOptions: { show },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. My Product',
						description: 'Description of the item, shown to the buyer',
					},
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							'Price of the item, in BRL (the only currency Eduzz accepts). Leave 0 to use the price set on the product.',
					},
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. 123456',
						description: 'The Eduzz product',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						required: true,
						typeOptions: { minValue: 1 },
						default: 1,
						description: 'How many units of the product',
					},
				],
			},
		],
		routing: { send: { type: 'body', property: 'items', value: ITEMS_VALUE } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Installments',
				name: 'installments',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Number of installments (parcelas)',
				routing: { send: { type: 'body', property: 'installments' } },
			},
			{
				displayName: 'Return URL',
				name: 'returnUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/thanks',
				description: 'Where the buyer is sent after paying',
				routing: { send: { type: 'body', property: 'returnUrl' } },
			},
			{
				displayName: 'Shipping Value',
				name: 'shippingValue',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Shipping cost (frete) added to the cart',
				routing: { send: { type: 'body', property: 'shippingValue' } },
			},
		],
	},
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'collection',
		placeholder: 'Add Customer Field',
		default: {},
		description: "The buyer's data, filled in at the checkout",
		displayOptions: { show },
		options: [
			customerOption(
				'Cellphone',
				'cellphone',
				'customer.cellphone',
				"The customer's mobile phone number",
				'e.g. 11988888888',
			),
			customerOption(
				'Complement',
				'complement',
				'customer.address.complement',
				'Address complement, e.g. an apartment number',
			),
			customerOption(
				'Document',
				'document',
				'customer.document',
				"The customer's document number, usually a CPF",
				'e.g. 24246858005',
			),
			customerOption(
				'Email',
				'email',
				'customer.email',
				"The customer's e-mail address",
				'name@email.com',
			),
			customerOption('Name', 'name', 'customer.name', "The customer's name"),
			customerOption(
				'Neighborhood',
				'neighborhood',
				'customer.address.neighborhood',
				'Neighborhood (bairro) of the address',
			),
			customerOption('Number', 'number', 'customer.address.number', 'Street number of the address'),
			customerOption(
				'Postal Code',
				'postalCode',
				'customer.address.postalCode',
				'Postal code (CEP) of the address',
				'e.g. 18044390',
			),
			customerOption(
				'State',
				'state',
				'customer.address.state',
				'State of the address, as its two-letter code',
				'e.g. SP',
			),
			customerOption('Street', 'street', 'customer.address.street', 'Street of the address'),
		],
	},
];
