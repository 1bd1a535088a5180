import { z } from 'zod/v3';

import {
	looseId,
	looseObject,
	money,
	myeduzzBuyer,
	myeduzzChargeback,
	myeduzzFees,
	myeduzzGains,
	myeduzzInvoiceItem,
	myeduzzInvoiceProducer,
	myeduzzPerson,
	myeduzzPhone,
	myeduzzProducer,
	myeduzzStudent,
	myeduzzUtm,
} from './common';
import { defineEvent } from './types';

// ---------------------------------------------------------------------------------------------
// Subscriptions (contracts)
// ---------------------------------------------------------------------------------------------

const subscriptionProduct = looseObject(
	{
		id: looseId('Product id.'),
		name: z.string().describe('Product name.'),
		deliveries: z
			.array(z.string())
			.describe('How the product is delivered, e.g. file, external, nutror, alpaclass.'),
		plan: looseObject(
			{
				id: looseId('Plan id.').nullable(),
				name: z.string().nullable().describe('Plan name.'),
			},
			'Subscription plan of the product.',
		)
			.nullable()
			.describe('Subscription plan; null (or an object of nulls) when the product has no plan.'),
		price: money('Recurring price of the product.'),
		membershipFee: money('Membership (sign-up) fee of the product.'),
	},
	'A subscribed product.',
);

const subscriptionContract = looseObject(
	{
		id: looseId('Contract (subscription) id.'),
		payment: looseObject(
			{
				method: z.string().describe('Payment method, e.g. creditCard.'),
				totalOfInstallments: z.number().describe('Number of installments.'),
			},
			'How the subscription is paid.',
		),
		status: z.string().describe('Contract status, e.g. upToDate.'),
		trialDays: z.number().describe('Free trial days.'),
		createdAt: z.string().describe('When the contract was created (ISO 8601).'),
		updatedAt: z.string().describe('When the contract was last updated (ISO 8601).'),
		contentAccess: looseObject(
			{
				removeOnContractEnd: z
					.boolean()
					.describe('Whether content access is removed when the contract ends.'),
				removeOnLatePayment: z
					.boolean()
					.describe('Whether content access is removed when a payment is late.'),
			},
			'Content access rules of the subscription.',
		),
		isUnlimitedInstallments: z
			.boolean()
			.optional()
			.describe('Whether the contract is an unlimited-installments (PSL) plan.'),
		isPSL: z
			.boolean()
			.optional()
			.describe('Older name of isUnlimitedInstallments seen in Eduzz examples.'),
		recurrence: looseObject(
			{
				startsAt: z.string().describe('When the recurrence starts (ISO 8601).'),
				nextDue: z.string().describe('Next due date (ISO 8601).'),
				currentDue: z.string().describe('Current due date (ISO 8601).'),
				lastDue: z.string().optional().describe('Last due date of the contract (ISO 8601).'),
				finalDue: z.string().optional().describe('Older name of lastDue seen in Eduzz examples.'),
				finishesAt: z
					.string()
					.describe('When the contract finishes (ISO 8601); may be an empty string.'),
				frequency: looseObject(
					{
						type: z.string().describe('Unit of the charge frequency, e.g. month.'),
						value: z.number().describe('Number of units between charges.'),
					},
					'Charge frequency.',
				),
				charges: looseObject(
					{
						total: z.number().describe('Total number of charges.'),
						current: z.number().describe('Number of the current charge.'),
					},
					'Charge counters.',
				),
				isFinite: z.boolean().describe('Whether the subscription has a fixed number of charges.'),
				price: money('Recurring price.').optional(),
			},
			'Recurrence (billing schedule) of the contract.',
		),
		price: money('Contract price (where older Eduzz examples put it).').optional(),
	},
	'The subscription contract.',
);

const financialResponsible = looseObject(
	{
		name: z.string().describe('Name.'),
		email: z.string().describe('E-mail address.'),
		phone: myeduzzPhone,
	},
	'Person financially responsible for the subscription.',
);

const subscriptionCustomer = looseObject(
	{
		name: z.string().describe('Customer name.'),
		email: z.string().describe('Customer e-mail address.'),
		phone: myeduzzPhone,
		financialResponsible: financialResponsible
			.optional()
			.describe('Financially responsible person (where older Eduzz examples put it).'),
	},
	'The subscriber (customer).',
);

const contractShape = {
	producer: myeduzzProducer,
	products: z.array(subscriptionProduct).describe('Products of the subscription.'),
	contract: subscriptionContract,
	customer: subscriptionCustomer,
	financialResponsible: financialResponsible.optional(),
};

const contractCreatedData = looseObject(
	contractShape,
	'Payload of myeduzz.contract_created: a subscription contract was created.',
);

const contractUpdatedData = looseObject(
	{
		...contractShape,
		reason: z.string().describe('Why the contract was updated, e.g. status_updated.'),
	},
	'Payload of myeduzz.contract_updated: a subscription contract was updated.',
);

// ---------------------------------------------------------------------------------------------
// Subscription charge attempts
// ---------------------------------------------------------------------------------------------

const attemptContract = looseObject(
	{
		id: looseId('Contract (subscription) id.'),
		payment: looseObject(
			{
				method: z.string().describe('Payment method of the contract, e.g. creditCard.'),
				installments: z.number().optional().describe('Number of installments.'),
			},
			'How the subscription is paid.',
		),
		status: z.string().describe('Contract status, e.g. upToDate.'),
		createdAt: z.string().describe('When the contract was created (ISO 8601).'),
		updatedAt: z.string().describe('When the contract was last updated (ISO 8601).'),
	},
	'The subscription contract.',
);

function attemptData<T extends z.ZodRawShape>(paymentShape: T, description: string) {
	return looseObject(
		{
			producer: myeduzzProducer,
			invoice: looseObject(
				{
					id: looseId('Invoice id.'),
					payment: looseObject(
						{
							method: z.string().describe('Payment method of the attempt.'),
							...paymentShape,
						},
						'How the charge was attempted.',
					),
					isNegotiation: z.boolean().describe('Whether the invoice comes from a negotiation.'),
					failReason: z.string().nullable().optional().describe('Failure code; null on success.'),
					failReasonMessage: z
						.string()
						.nullable()
						.optional()
						.describe('Readable failure reason; null on success.'),
					status: z.string().describe('Invoice status after the attempt, e.g. paid, open.'),
					dueDate: z.string().describe('Invoice due date (ISO 8601).'),
					attemptDate: z.string().describe('When the charge was attempted (ISO 8601).'),
				},
				'The subscription invoice that was charged.',
			),
			contract: attemptContract,
			customer: myeduzzPerson.describe('The subscriber (customer).'),
		},
		description,
	);
}

const contractBankslipAttemptedData = attemptData(
	{
		bankSlip: looseObject(
			{
				url: z.string().describe('URL of the bank slip (boleto).'),
				barcode: z.string().describe('Bank slip barcode.'),
			},
			'The bank slip (boleto) issued.',
		),
	},
	'Payload of myeduzz.contract_bankslip_attempted: a subscription invoice was charged by bank slip.',
);

const contractCardAttemptedData = attemptData(
	{ installments: z.number().describe('Number of card installments.') },
	'Payload of myeduzz.contract_card_attempted: a subscription invoice was charged by card.',
);

const contractPixAttemptedData = attemptData(
	{
		pix: looseObject(
			{
				base64Code: z.string().describe('QR code image as a data URL (base64 PNG).'),
				qrCode: z.string().describe('Pix copy-and-paste code.'),
			},
			'The Pix charge issued.',
		),
	},
	'Payload of myeduzz.contract_pix_attempted: a subscription invoice was charged by Pix.',
);

const contractEduzzBalanceAttemptedData = attemptData(
	{},
	'Payload of myeduzz.contract_eduzz_balance_attempted: a subscription invoice was charged from the Eduzz balance.',
);

// ---------------------------------------------------------------------------------------------
// Commissions
// ---------------------------------------------------------------------------------------------

function commissionShare(description: string) {
	return looseObject(
		{
			id: looseId('Id in MyEduzz.'),
			name: z.string().describe('Name.'),
			currency: z.string().optional().describe('ISO 4217 currency code of the commission.'),
			value: z.number().optional().describe('Commission amount.'),
			commission: money(
				'Commission amount (older Eduzz examples nest currency and value here).',
			).optional(),
		},
		description,
	);
}

const commissionProcessedData = looseObject(
	{
		invoiceId: looseId('Id of the paid invoice.'),
		createdAt: z.string().describe('When the commissions were processed (ISO 8601).'),
		price: money('Invoice total.'),
		commissions: looseObject(
			{
				producer: commissionShare("The producer's commission."),
				coproducers: z
					.array(commissionShare("A co-producer's commission."))
					.describe('Co-producers and their commissions.'),
				affiliates: z
					.array(commissionShare("An affiliate's commission."))
					.describe('Affiliates and their commissions.'),
			},
			'Commission split of the invoice.',
		),
	},
	'Payload of myeduzz.commission_processed: an invoice was paid and its commissions processed.',
);

// ---------------------------------------------------------------------------------------------
// Invoices
// ---------------------------------------------------------------------------------------------

/** Fields of every invoice event (required ones are in both Eduzz's field tables and examples). */
const invoiceShape = {
	id: looseId('Invoice id.'),
	status: z.string().describe('Invoice status, e.g. open, paid, refunded.'),
	buyer: myeduzzBuyer,
	producer: myeduzzInvoiceProducer,
	offer: looseObject(
		{ name: z.string().describe('Offer name.') },
		'The checkout offer used.',
	).optional(),
	utm: myeduzzUtm.optional(),
	tracker: looseObject(
		{
			code1: z.string().optional().describe('Tracking code 1.'),
			code2: z.string().optional().describe('Tracking code 2.'),
			code3: z.string().optional().describe('Tracking code 3.'),
		},
		'Checkout tracking codes.',
	).optional(),
	createdAt: z.string().describe('When the invoice was created (ISO 8601).'),
	dueDate: z.string().optional().describe('Invoice due date (ISO 8601).'),
	barcode: z.string().optional().describe('Bank slip barcode.'),
	price: money('Invoice total.'),
	orderBump: looseObject(
		{
			has: z.boolean().describe('Whether the sale has an order bump.'),
			isMainSale: z.boolean().describe('Whether this invoice is the main sale.'),
			mainSaleId: looseId('Id of the main sale.'),
		},
		'Order bump information.',
	).optional(),
	installments: z.number().describe('Number of installments.'),
	items: z.array(myeduzzInvoiceItem).describe('Items (products) of the invoice.'),
	totalItems: z.number().optional().describe('Number of items.'),
	billetUrl: z.string().optional().describe('Bank slip URL.'),
	checkoutUrl: z.string().optional().describe('Checkout URL.'),
	bankslipUrl: z.string().optional().describe('Bank slip URL.'),
	paymentMethod: z.string().optional().describe('Payment method, e.g. creditCard.'),
	payment: looseObject(
		{
			method: z.string().describe('Payment method, e.g. pix.'),
			details: z.string().optional().describe('Payment method details, e.g. automaticPix.'),
		},
		'Payment method with details.',
	).optional(),
	bankSlipInstallment: looseObject(
		{
			installmentNumber: z.number().describe('Number of this bank slip installment.'),
			totalInstallments: z.number().describe('Total number of bank slip installments.'),
		},
		'Bank slip installment plan.',
	).optional(),
	contract: looseObject(
		{
			id: looseId('Contract (subscription) id.'),
			isUnlimitedInstallments: z
				.boolean()
				.optional()
				.describe('Whether the contract is an unlimited-installments (PSL) plan.'),
		},
		'Subscription contract the invoice belongs to.',
	).optional(),
};

/** Fields of an open (not yet paid) invoice. */
const openInvoiceShape = {
	...invoiceShape,
	postback: z.string().optional().describe('Legacy postback URL.'),
};

/** Fields present once the invoice has been paid. */
const paidInvoiceShape = {
	...invoiceShape,
	paid: money('Amount actually paid.').optional(),
	paidAt: z.string().optional().describe('When the invoice was paid (ISO 8601).'),
	affiliate: myeduzzPerson.optional().describe('The affiliate who made the sale, if any.'),
	transaction: looseObject(
		{
			id: looseId('Transaction id.'),
			key: z.string().describe('Transaction key.'),
		},
		'Payment transaction.',
	).optional(),
	student: myeduzzStudent.optional(),
	chargeback: myeduzzChargeback.optional(),
};

/** Fields present once a refund is requested or done. */
const refundShape = {
	gains: myeduzzGains.optional(),
	fees: myeduzzFees.optional(),
};

const invoiceOpenedData = looseObject(
	{
		...openInvoiceShape,
		saleRecoveryUrl: z.string().optional().describe('Sale recovery URL.'),
	},
	'Payload of myeduzz.invoice_opened: an invoice was opened.',
);

const invoiceScheduledData = looseObject(
	openInvoiceShape,
	'Payload of myeduzz.invoice_scheduled: an invoice was scheduled.',
);

const invoiceWaitingPaymentData = looseObject(
	openInvoiceShape,
	'Payload of myeduzz.invoice_waiting_payment: an invoice is waiting for payment.',
);

const invoiceRecoveringData = looseObject(
	{
		...openInvoiceShape,
		saleRecoveryUrl: z.string().optional().describe('Sale recovery URL.'),
		startRecoveringAt: z.string().optional().describe('When the recovery started (ISO 8601).'),
	},
	'Payload of myeduzz.invoice_recovering: an invoice entered sale recovery.',
);

const invoiceExpiredData = looseObject(
	openInvoiceShape,
	'Payload of myeduzz.invoice_expired: an invoice expired.',
);

const invoiceCanceledData = looseObject(
	openInvoiceShape,
	'Payload of myeduzz.invoice_canceled: an invoice was canceled.',
);

const invoiceNegotiatedData = looseObject(
	paidInvoiceShape,
	'Payload of myeduzz.invoice_negotiated: an invoice was negotiated.',
);

const invoicePaidData = looseObject(
	paidInvoiceShape,
	'Payload of myeduzz.invoice_paid: an invoice was paid.',
);

const invoiceWaitingRefundData = looseObject(
	{ ...paidInvoiceShape, ...refundShape },
	'Payload of myeduzz.invoice_waiting_refund: a refund of the invoice was requested.',
);

const invoiceRefundedData = looseObject(
	{
		...paidInvoiceShape,
		...refundShape,
		refundedAt: z.string().describe('When the invoice was refunded (ISO 8601).'),
		refund: looseObject(
			{
				type: z.string().optional().describe('Refund type, e.g. common.'),
				createdAt: z.string().optional().describe('When the refund was requested (ISO 8601).'),
				refundedAt: z.string().optional().describe('When the refund was done (ISO 8601).'),
				currency: z.string().optional().describe('ISO 4217 currency code of the refund.'),
				value: z.number().optional().describe('Refunded amount.'),
				reason: z.string().optional().describe('Refund reason.'),
				refundBy: z.string().optional().describe('Who made the refund.'),
			},
			'Refund details.',
		).optional(),
	},
	'Payload of myeduzz.invoice_refunded: an invoice was refunded.',
);

const invoiceChargebackData = looseObject(
	{
		...paidInvoiceShape,
		chargeback: myeduzzChargeback,
		sentDate: z
			.string()
			.optional()
			.describe("Send timestamp (ISO 8601); Eduzz's example puts it in data, not the envelope."),
	},
	'Payload of myeduzz.invoice_chargeback: the chargeback status of an invoice changed.',
);

// ---------------------------------------------------------------------------------------------
// Definitions (subscriptions, commission, then invoices in lifecycle order)
// ---------------------------------------------------------------------------------------------

export const myeduzzEvents = [
	defineEvent({
		name: 'myeduzz.contract_created',
		product: 'myeduzz',
		displayName: 'Contract Created',
		description: 'A subscription contract was created (Contrato Criado).',
		schema: contractCreatedData,
	}),
	defineEvent({
		name: 'myeduzz.contract_updated',
		product: 'myeduzz',
		displayName: 'Contract Updated',
		description: 'A subscription contract was updated (Contrato Atualizado).',
		schema: contractUpdatedData,
	}),
	defineEvent({
		name: 'myeduzz.contract_bankslip_attempted',
		product: 'myeduzz',
		displayName: 'Subscription Charge Attempted by Bank Slip',
		description:
			'Eduzz tried to charge a subscription invoice by bank slip (Tentativa de cobrança de fatura de assinatura via Boleto Bancário).',
		schema: contractBankslipAttemptedData,
	}),
	defineEvent({
		name: 'myeduzz.contract_card_attempted',
		product: 'myeduzz',
		displayName: 'Subscription Charge Attempted by Card',
		description:
			'Eduzz tried to charge a subscription invoice by debit or credit card (Tentativa de cobrança de fatura de assinatura via Cartão (Débito ou Crédito)).',
		schema: contractCardAttemptedData,
	}),
	defineEvent({
		name: 'myeduzz.contract_pix_attempted',
		product: 'myeduzz',
		displayName: 'Subscription Charge Attempted by Pix',
		description:
			'Eduzz tried to charge a subscription invoice by Pix (Tentativa de cobrança de fatura de assinatura via Pix).',
		schema: contractPixAttemptedData,
	}),
	defineEvent({
		name: 'myeduzz.contract_eduzz_balance_attempted',
		product: 'myeduzz',
		displayName: 'Subscription Charge Attempted From Eduzz Balance',
		description:
			'Eduzz tried to charge a subscription invoice from the Eduzz balance (Tentativa de cobrança de fatura de assinatura via Saldo Eduzz).',
		schema: contractEduzzBalanceAttemptedData,
	}),
	defineEvent({
		name: 'myeduzz.commission_processed',
		product: 'myeduzz',
		displayName: 'Commission Processed',
		description: 'An invoice was paid and its commissions were processed (Comissão Processada).',
		schema: commissionProcessedData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_opened',
		product: 'myeduzz',
		displayName: 'Invoice Opened',
		description: 'An invoice was created and is open (Aberta).',
		schema: invoiceOpenedData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_scheduled',
		product: 'myeduzz',
		displayName: 'Invoice Scheduled',
		description: 'An invoice status changed to scheduled (Agendada).',
		schema: invoiceScheduledData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_waiting_payment',
		product: 'myeduzz',
		displayName: 'Invoice Waiting for Payment',
		description: 'An invoice status changed to waiting for payment (Aguardando pagamento).',
		schema: invoiceWaitingPaymentData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_recovering',
		product: 'myeduzz',
		displayName: 'Invoice in Recovery',
		description: 'An unpaid invoice entered sale recovery (Em recuperação).',
		schema: invoiceRecoveringData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_expired',
		product: 'myeduzz',
		displayName: 'Invoice Expired',
		description: 'An invoice expired without being paid (Expirada).',
		schema: invoiceExpiredData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_canceled',
		product: 'myeduzz',
		displayName: 'Invoice Canceled',
		description: 'An invoice was canceled (Cancelada).',
		schema: invoiceCanceledData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_negotiated',
		product: 'myeduzz',
		displayName: 'Invoice Negotiated',
		description: 'An invoice status changed to negotiated (Negociada).',
		schema: invoiceNegotiatedData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_paid',
		product: 'myeduzz',
		displayName: 'Invoice Paid',
		description: 'An invoice was paid (Paga).',
		schema: invoicePaidData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_waiting_refund',
		product: 'myeduzz',
		displayName: 'Invoice Waiting for Refund',
		description: 'A refund was requested and the invoice is waiting for it (Aguardando reembolso).',
		schema: invoiceWaitingRefundData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_refunded',
		product: 'myeduzz',
		displayName: 'Invoice Refunded',
		description: 'An invoice was refunded (Reembolsada).',
		schema: invoiceRefundedData,
	}),
	defineEvent({
		name: 'myeduzz.invoice_chargeback',
		product: 'myeduzz',
		displayName: 'Invoice Chargeback Updated',
		description: 'The chargeback status of an invoice changed (Chargeback).',
		schema: invoiceChargebackData,
	}),
];
