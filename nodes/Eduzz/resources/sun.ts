import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	collection,
	field,
	inBody,
	operationPicker,
	required,
	shownFor,
	textParameter,
} from '../../shared/parameters';

/*
 * Sun, Eduzz's checkout: carts that sell several products as one payment.
 * https://developers.eduzz.com/reference/api/post-sun-v1-cart
 */

export const sunResources: INodePropertyOptions[] = [{ name: 'Sun Cart', value: 'sunCart' }];

const cartOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create a Sun checkout cart',
		description:
			'Create a checkout cart (carrinho) whose items, all products of the same account, are paid as one total, and get its payment URL',
		method: 'POST',
		path: '/sun/v1/cart',
		scopes: ['sun_cart_write'],
		output: 'object',
	},
];

const CART = 'sunCart';

/**
 * The cart's items as Eduzz takes them. A price is sent only when given (Eduzz otherwise uses the
 * product's own), always in BRL, the only currency Eduzz accepts.
 */
const ITEMS_VALUE =
	'={{ ($value.item ?? []).map((item) => Object.assign({ productId: String(item.productId).trim(), description: item.description, quantity: item.quantity }, item.price ? { price: { value: item.price, currency: "BRL" } } : {})) }}';

/** One item of the cart: the product, how many, and the price when it is not the product's own. */
const ITEM_FIELDS: INodeProperties[] = [
	field('Description', 'description', 'string', 'Description of the item, shown to the buyer', {
		required: true,
		placeholder: 'e.g. My Product',
	}),
	field(
		'Price',
		'price',
		'number',
		'Price of the item, in BRL (the only currency Eduzz accepts). Leave 0 to use the price set on the product.',
		{ typeOptions: { minValue: 0 } },
	),
	field('Product ID', 'productId', 'string', 'The Eduzz product', {
		required: true,
		placeholder: 'e.g. 123456',
	}),
	field('Quantity', 'quantity', 'number', 'How many units of the product', {
		required: true,
		typeOptions: { minValue: 1 },
		default: 1,
	}),
];

/** A field of the customer, sent inside `customer` (address fields inside `customer.address`). */
function customerOption(
	displayName: string,
	name: string,
	property: string,
	description: string,
	placeholder?: string,
): INodeProperties {
	return inBody(
		field(displayName, name, 'string', description, placeholder ? { placeholder } : {}),
		property,
	);
}

export const sunProperties: INodeProperties[] = [
	operationPicker(CART, cartOperations.map(operationOption), 'create'),
	inBody(
		textParameter(
			'Order ID',
			'orderId',
			CART,
			['create'],
			'Your own ID for this order (pedido); Eduzz returns it with the cart and its notifications',
			'e.g. 12345',
		),
	),
	inBody(
		textParameter(
			'Postback URL',
			'postbackUrl',
			CART,
			['create'],
			"URL of the webhook that receives the cart's notifications",
			'e.g. https://example.com/eduzz/postback',
		),
	),
	inBody(
		required(
			{
				displayName: 'Items',
				name: 'items',
				type: 'fixedCollection',
				placeholder: 'Add Item',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'The products in the cart; their prices are added up into one total',
				options: [{ displayName: 'Item', name: 'item', values: ITEM_FIELDS }],
			},
			CART,
			['create'],
		),
		'items',
		ITEMS_VALUE,
	),
	collection('additionalFields', CART, 'create', [
		bodyField('Installments', 'installments', 'number', 'Number of installments (parcelas)', {
			typeOptions: { minValue: 1 },
			default: 1,
		}),
		bodyField('Return URL', 'returnUrl', 'string', 'Where the buyer is sent after paying', {
			placeholder: 'e.g. https://example.com/thanks',
		}),
		bodyField(
			'Shipping Value',
			'shippingValue',
			'number',
			'Shipping cost (frete) added to the cart',
			{
				typeOptions: { minValue: 0 },
			},
		),
	]),
	shownFor(
		{
			displayName: 'Customer',
			name: 'customer',
			type: 'collection',
			placeholder: 'Add Customer Field',
			default: {},
			description: "The buyer's data, filled in at the checkout",
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
				customerOption(
					'Number',
					'number',
					'customer.address.number',
					'Street number of the address',
				),
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
		CART,
		['create'],
	),
];
