import type { INodeProperties } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../../operation';
import {
	operationPicker,
	paginationProperties,
	productParameter,
	shownFor,
} from '../../../shared/parameters';

/*
 * MyEduzz products (produtos): the catalog, each product's offers, campaigns and partners, and the
 * coupons of all products. https://developers.eduzz.com/reference/api/get-myeduzz-v1-products
 */

const PRODUCT = 'myeduzzProduct';
const COUPON = 'myeduzzCoupon';
const PRODUCTS = '/myeduzz/v1/products';
const SCOPES = ['myeduzz_products_read'];

const productOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a MyEduzz product by ID',
		description: 'Get a product with its type, status, moderation, price and payment methods',
		method: 'GET',
		path: `${PRODUCTS}/:id`,
		pathParameters: { id: 'productId' },
		scopes: SCOPES,
		output: 'object',
	},
	{
		name: 'Get Campaigns',
		value: 'getCampaigns',
		action: "Get a MyEduzz product's campaigns",
		description:
			"List a product's campaigns with their link, earnings per click and whether they are active",
		method: 'GET',
		path: `${PRODUCTS}/:id/campaigns`,
		pathParameters: { id: 'productId' },
		scopes: SCOPES,
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many MyEduzz products',
		description: 'List the products of your account with their type, status and price',
		method: 'GET',
		path: PRODUCTS,
		scopes: SCOPES,
		output: 'items',
	},
	{
		name: 'Get Offers',
		value: 'getOffers',
		action: "Get a MyEduzz product's offers",
		description: "List a product's offers (ofertas) with their checkout link and prices",
		method: 'GET',
		path: `${PRODUCTS}/:id/offers`,
		pathParameters: { id: 'productId' },
		scopes: SCOPES,
		output: 'items',
	},
	{
		name: 'Get Partners',
		value: 'getPartners',
		action: "Get a MyEduzz product's partners",
		description: "List a product's partners (co-producers) with their commission and permissions",
		method: 'GET',
		path: `${PRODUCTS}/:id/partners`,
		pathParameters: { id: 'productId' },
		scopes: SCOPES,
		output: 'items',
	},
];

const couponOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many MyEduzz coupons',
		description:
			'List the discount coupons (cupons) of your products with their value, limits and sales links',
		method: 'GET',
		path: `${PRODUCTS}/coupons`,
		scopes: SCOPES,
		output: 'items',
	},
];

export const productProperties: INodeProperties[] = [
	operationPicker(PRODUCT, productOperations.map(operationOption), 'get'),
	shownFor(productParameter, PRODUCT, ['get', 'getCampaigns', 'getOffers', 'getPartners']),
	...paginationProperties(PRODUCT, 'getAll'),
];

export const couponProperties: INodeProperties[] = [
	operationPicker(COUPON, couponOperations.map(operationOption), 'getAll'),
	...paginationProperties(COUPON, 'getAll'),
];
