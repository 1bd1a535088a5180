import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { affiliateProperties, customerProperties } from './myeduzz/customers';
import { financialProperties } from './myeduzz/financial';
import { couponProperties, productProperties } from './myeduzz/products';
import { saleProperties } from './myeduzz/sales';
import { subscriptionProperties } from './myeduzz/subscriptions';

/*
 * MyEduzz, the sales platform: sales, subscriptions, customers, affiliates, products and the
 * financial side (statement, transfers, fiscal documents). Every operation under /myeduzz/ of
 * Eduzz's API. https://developers.eduzz.com/reference/api/get-myeduzz-v1-sales-id
 */

export const myeduzzResources: INodePropertyOptions[] = [
	{ name: 'MyEduzz Affiliate', value: 'myeduzzAffiliate' },
	{ name: 'MyEduzz Affiliate Fiscal Document', value: 'myeduzzAffiliateFiscalDocument' },
	{ name: 'MyEduzz Buyer Fiscal Document', value: 'myeduzzBuyerFiscalDocument' },
	{ name: 'MyEduzz Coupon', value: 'myeduzzCoupon' },
	{ name: 'MyEduzz Customer', value: 'myeduzzCustomer' },
	{ name: 'MyEduzz Financial Statement', value: 'myeduzzFinancialStatement' },
	{ name: 'MyEduzz Product', value: 'myeduzzProduct' },
	{ name: 'MyEduzz Sale', value: 'myeduzzSale' },
	{ name: 'MyEduzz Subscription', value: 'myeduzzSubscription' },
	{ name: 'MyEduzz Transfer', value: 'myeduzzTransfer' },
];

export const myeduzzProperties: INodeProperties[] = [
	...affiliateProperties,
	...customerProperties,
	...couponProperties,
	...productProperties,
	...saleProperties,
	...subscriptionProperties,
	...financialProperties,
];
