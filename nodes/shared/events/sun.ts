import { z } from 'zod/v3';

import { looseId, looseObject } from './common';
import { defineEvent } from './types';

const cartAbandonmentData = looseObject(
	{
		transactionId: z.string().describe('Id of the unfinished checkout transaction.'),
		customer: looseObject(
			{
				name: z.string().describe('Customer name.'),
				email: z.string().describe('Customer e-mail address.'),
				phone: z.string().describe('Customer phone number (E.164, e.g. +5511999999999).'),
			},
			'The customer who abandoned the cart.',
		),
		productId: z.array(looseId('Product id.')).describe('Ids of the products in the cart.'),
		tracker: looseObject(
			{
				utmCampaign: z.string().describe('utm_campaign of the visit.'),
				utmSource: z.string().describe('utm_source of the visit.'),
				utmMedium: z.string().describe('utm_medium of the visit.'),
				utmContent: z.string().describe('utm_content of the visit.'),
			},
			'UTM parameters of the checkout visit.',
		),
		lastStep: z.string().describe('Last checkout step the customer reached, e.g. payment-sent.'),
		paymentMethod: z.string().describe('Payment method chosen, e.g. creditCard.'),
		producerId: looseId("Producer id in Eduzz (a number in Eduzz's example)."),
		href: z.string().describe('Checkout URL to resume the purchase.'),
		updatedAt: z.string().describe('When the cart was last updated (ISO 8601).'),
	},
	'Payload of sun.cart_abandonment: a buyer left the checkout without paying.',
);

export const sunEvents = [
	defineEvent({
		name: 'sun.cart_abandonment',
		product: 'sun',
		displayName: 'Cart Abandoned',
		description: 'A buyer left the checkout without completing the payment (Carrinho Abandonado).',
		schema: cartAbandonmentData,
	}),
];
