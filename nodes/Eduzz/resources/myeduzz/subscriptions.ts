import type { INodeProperties } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../../operation';
import {
	bodyField,
	choice,
	collection,
	commaList,
	dateRange,
	inBody,
	inQuery,
	operationPicker,
	paginationProperties,
	required,
	simplifyProperty,
	textParameter,
} from '../../../shared/parameters';
import { amount, currencyOf, idOf, objectAt, phoneOf, scalar, simplifier } from '../../simplify';

/*
 * MyEduzz subscriptions (assinaturas / contratos): read them and their invoices, cancel, reactivate,
 * change the due day and send the card change e-mail.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-subscriptions-id-invoices
 */

const RESOURCE = 'myeduzzSubscription';
const SUBSCRIPTIONS = '/myeduzz/v1/subscriptions';
const READ = ['myeduzz_subscriptions_read'];
const WRITE = ['myeduzz_subscriptions_write'];

/** Texts of the subscription's products (a subscription usually has one), joined by commas. */
function joined(products: unknown, key: string): string | null {
	if (!Array.isArray(products)) return null;
	const values = products
		.map((product) => scalar(objectAt(product)[key]))
		.filter((value) => value !== null && value !== '');
	return values.length > 0 ? values.join(', ') : null;
}

/** A subscription as a no-code user reads it first: who pays what, how often, in which state. */
export const simplifySubscription = simplifier({
	id: [idOf, 'id'],
	status: [scalar, 'status'],
	productId: ({ products }) => joined(products, 'id'),
	productName: ({ products }) => joined(products, 'title') ?? joined(products, 'name'),
	customerName: [scalar, 'client.name'],
	customerEmail: [scalar, 'client.email'],
	customerPhone: [phoneOf, 'client.phone'],
	currency: [currencyOf, 'payment.price'],
	price: [amount, 'payment.price'],
	paymentMethod: [scalar, 'payment.method'],
	installments: [scalar, 'payment.installments'],
	frequency: [scalar, 'recurrence.frequency.type'],
	frequencyValue: [scalar, 'recurrence.frequency.value'],
	chargesPaid: [scalar, 'charges.paid'],
	chargesTotal: [scalar, 'charges.total'],
	createdAt: [scalar, 'createdAt'],
	updatedAt: [scalar, 'updatedAt'],
	startsAt: [scalar, 'recurrence.startsAt'],
	nextDueDate: [scalar, 'recurrence.nextDueDate'],
	finishesAt: [scalar, 'recurrence.finishesAt'],
	interruptionType: [scalar, 'interruption.type'],
	interruptedAt: [scalar, 'interruption.createdAt'],
	interruptionReason: [scalar, 'interruption.reason'],
	removeAccessDate: [scalar, 'interruption.removeAccessDate'],
});

const operations: EduzzOperation[] = [
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel MyEduzz subscriptions by ID',
		description:
			'Cancel one or more subscriptions (contracts) at once; Eduzz cancels them in the background',
		method: 'POST',
		path: `${SUBSCRIPTIONS}/bulk-cancel`,
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Change Due Day',
		value: 'changeDueDay',
		action: 'Request a new due day for a MyEduzz subscription',
		description:
			'Ask the customer to move the monthly due day (dia de vencimento) of a subscription; Eduzz sends the request to the customer',
		method: 'PUT',
		path: `${SUBSCRIPTIONS}/:id/recurring-date`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a MyEduzz subscription by ID',
		description:
			'Get a subscription with its customer, products, price, recurrence, charges and any cancellation',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/:id`,
		pathParameters: { id: 'subscriptionId' },
		scopes: READ,
		output: 'object',
		simplify: simplifySubscription,
	},
	{
		name: 'Get by Customer',
		value: 'getByCustomer',
		action: "Get a MyEduzz customer's subscriptions by e-mail",
		description: 'Get a customer by e-mail address with all of their subscriptions',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/customers/:email`,
		pathParameters: { email: 'customerEmail' },
		scopes: READ,
		output: 'object',
	},
	{
		name: 'Get Invoices',
		value: 'getInvoices',
		action: "Get a MyEduzz subscription's invoices",
		description:
			'List the invoices (faturas) of a subscription with their status, due date, amount and payment link',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/:id/invoices`,
		pathParameters: { id: 'subscriptionId' },
		scopes: READ,
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many MyEduzz subscriptions',
		description: 'List your subscriptions created or updated in a period',
		method: 'GET',
		path: SUBSCRIPTIONS,
		scopes: READ,
		output: 'items',
		simplify: simplifySubscription,
	},
	{
		name: 'Reactivate',
		value: 'reactivate',
		action: 'Reactivate a MyEduzz subscription',
		description:
			'Reactivate a canceled subscription (contract); Eduzz reactivates it in the background',
		method: 'POST',
		path: `${SUBSCRIPTIONS}/:id/reactivate`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Send Card Change Email',
		value: 'sendCardChangeEmail',
		action: "Send a MyEduzz subscription's card change e-mail",
		description: 'E-mail the customer a link to change the credit card that pays a subscription',
		method: 'PUT',
		path: `${SUBSCRIPTIONS}/:id/send-card-change-email`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
];

/** Eduzz takes the reason of a due day change as one of these Portuguese texts. */
const MOTIVES: Array<[string, string]> = [
	['Business Negotiation', 'Negociação comercial'],
	['Change of Payment Method', 'Mudança no método de pagamento'],
	['Customer Request', 'Solicitação do cliente'],
	["Customer's Financial Reorganization", 'Reorganização financeira do cliente'],
	['Problems With the Current Due Date', 'Problemas com a data atual de pagamento'],
];

/** The due days Eduzz offers. */
const DUE_DAY = choice(
	'Due Day',
	'dueDateDay',
	'The new day of the month the subscription is due (dia de vencimento)',
	'10',
	['1', '5', '10', '15', '20', '25'].map((day) => ({ name: day, value: day })),
);

export const subscriptionProperties: INodeProperties[] = [
	operationPicker(RESOURCE, operations.map(operationOption), 'get'),
	textParameter(
		'Subscription ID',
		'subscriptionId',
		RESOURCE,
		['changeDueDay', 'get', 'getInvoices', 'reactivate', 'sendCardChangeEmail'],
		'The ID of the subscription (contract). From a MyEduzz contract event: {{ $json.data.contract.id }}; "Get many MyEduzz subscriptions" lists them.',
		'e.g. 123456',
	),
	textParameter(
		'Customer Email',
		'customerEmail',
		RESOURCE,
		['getByCustomer'],
		"The customer's e-mail address",
		'e.g. nathan@example.com',
	),
	inBody(
		textParameter(
			'Subscription IDs',
			'subscriptionIds',
			RESOURCE,
			['cancel'],
			'The IDs of the subscriptions (contracts) to cancel, separated by commas',
			'e.g. 123456, 123457',
		),
		'subscriptions',
		commaList(),
	),
	collection('additionalFields', RESOURCE, 'cancel', [
		bodyField('Cancel Reason', 'cancelReason', 'string', 'Why the subscriptions are canceled', {
			placeholder: 'e.g. Problemas com o pagamento.',
		}),
	]),
	inBody(required(DUE_DAY, RESOURCE, ['changeDueDay'])),
	collection('additionalFields', RESOURCE, 'changeDueDay', [
		inBody(
			choice(
				'Reason',
				'motive',
				'Why the due day changes; Eduzz receives the Portuguese reason shown under each option',
				'Solicitação do cliente',
				MOTIVES.map(([name, motive]) => ({ name, value: motive, description: motive })),
			),
		),
	]),
	...paginationProperties(RESOURCE, 'getAll'),
	collection('filters', RESOURCE, 'getAll', [
		inQuery(
			choice(
				'Date Type',
				'filterBy',
				'Whether Start Date and End Date apply to when subscriptions were created or last updated',
				'creation',
				[
					{ name: 'Creation Date', value: 'creation' },
					{ name: 'Update Date', value: 'update' },
				],
			),
		),
		...dateRange('subscriptions'),
	]),
	simplifyProperty(RESOURCE, ['get', 'getAll']),
];
