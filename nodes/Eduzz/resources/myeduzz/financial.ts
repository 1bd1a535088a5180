import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../../operation';
import {
	choice,
	collection,
	dateRange,
	inBody,
	operationPicker,
	paginationProperties,
	queryField,
	required,
	simplifyProperty,
	textParameter,
} from '../../../shared/parameters';
import { amount, currencyOf, idOf, scalar, simplifier } from '../../simplify';

/*
 * MyEduzz financial: the statement (extrato), transfers (saques) to your bank account, and the
 * fiscal documents (notas fiscais) issued to affiliates and to buyers.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-financial-transfers
 */

const FINANCIAL = '/myeduzz/v1/financial';
const STATEMENT = 'myeduzzFinancialStatement';
const TRANSFER = 'myeduzzTransfer';
const AFFILIATE_DOCUMENT = 'myeduzzAffiliateFiscalDocument';
const BUYER_DOCUMENT = 'myeduzzBuyerFiscalDocument';
const READ = ['myeduzz_financial_read'];
const WRITE = ['myeduzz_financial_write'];

/** A fiscal document as a no-code user reads it first: which document, for whom, for which sale, how much. */
export const simplifyFiscalDocument = simplifier({
	id: [idOf, 'document.id'],
	name: [scalar, 'document.name'],
	status: [scalar, 'document.status'],
	type: [scalar, 'document.type'],
	currency: [currencyOf, 'document.baseValue', 'document.taxValue', 'sale.total'],
	baseValue: [amount, 'document.baseValue'],
	taxValue: [amount, 'document.taxValue'],
	emissionDate: [scalar, 'document.emissionDate'],
	referenceDate: [scalar, 'document.referenceDate'],
	processingDate: [scalar, 'document.processingDate'],
	recipientName: [scalar, 'destination.companyName'],
	recipientTaxId: [idOf, 'destination.taxId'],
	recipientEmail: [scalar, 'destination.email'],
	saleId: [idOf, 'sale.id'],
	salePaymentDate: [scalar, 'sale.paymentDate'],
	saleTotal: [amount, 'sale.total'],
	customerId: [idOf, 'client.id'],
	customerName: [scalar, 'client.name'],
	customerDocument: [scalar, 'client.document'],
	customerEmail: [scalar, 'client.email'],
	productId: [idOf, 'product.id'],
	productName: [scalar, 'product.title'],
});

const statementOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many MyEduzz financial statement entries',
		description:
			'List the entries of your financial statement (extrato): sales, refunds, fees and transfers with their amount and credit date',
		method: 'GET',
		path: '/myeduzz/v2/financial/statement',
		scopes: READ,
		output: 'items',
	},
];

const transferOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many MyEduzz transfers',
		description:
			'List the transfers (saques) from your Eduzz balance to your bank account with their status',
		method: 'GET',
		path: `${FINANCIAL}/transfers`,
		scopes: READ,
		output: 'items',
	},
];

/** Get Many and Update Status of the fiscal documents issued to `whom` (as in Eduzz's path). */
function fiscalDocumentOperations(whom: 'affiliate' | 'buyer'): EduzzOperation[] {
	return [
		{
			name: 'Get Many',
			value: 'getAll',
			action: `Get many MyEduzz ${whom} fiscal documents`,
			description: `List the fiscal documents (notas fiscais) issued to ${whom}s with the sale, customer and product of each`,
			method: 'GET',
			path: `${FINANCIAL}/${whom}/fiscal-documents`,
			scopes: READ,
			output: 'items',
			simplify: simplifyFiscalDocument,
		},
		{
			name: 'Update Status',
			value: 'updateStatus',
			action: `Set the status of a MyEduzz ${whom} fiscal document`,
			description: `Set the status of a fiscal document (nota fiscal) issued to ${whom === 'affiliate' ? 'an' : 'a'} ${whom}`,
			method: 'PATCH',
			path: `${FINANCIAL}/${whom}/fiscal-documents/:id/change-status`,
			pathParameters: { id: 'fiscalDocumentId' },
			scopes: WRITE,
			output: 'object',
		},
	];
}

/** The statuses Eduzz takes for a fiscal document, with Eduzz's Portuguese labels (the lists show those). */
const fiscalDocumentStatuses: INodePropertyOptions[] = [
	{ name: 'Approved (Aprovado)', value: 'approved' },
	{ name: 'Canceled (Cancelado)', value: 'canceled' },
	{ name: 'Deleted (Deletado)', value: 'deleted' },
	{ name: 'File Generated (Arquivo Gerado)', value: 'fileGenerated' },
	{ name: 'New (Novo)', value: 'new' },
	{ name: 'Pending (Pendente)', value: 'pending' },
	{ name: 'Processed (Processado)', value: 'processed' },
	{ name: 'Processing (Processando)', value: 'processing' },
	{ name: 'Waiting for Document (Aguardando Documento)', value: 'waitingDocument' },
];
const STATUS = choice(
	'Status',
	'status',
	'The new status of the fiscal document',
	'approved',
	fiscalDocumentStatuses,
);

/** The parameters of the fiscal documents issued to affiliates or to buyers, alike but for the resource. */
function fiscalDocumentProperties(
	resource: string,
	whom: 'affiliate' | 'buyer',
): INodeProperties[] {
	return [
		operationPicker(resource, fiscalDocumentOperations(whom).map(operationOption), 'getAll'),
		textParameter(
			'Fiscal Document ID',
			'fiscalDocumentId',
			resource,
			['updateStatus'],
			`The ID of the fiscal document (nota fiscal): {{ $json.id }} of a simplified item of "Get many MyEduzz ${whom} fiscal documents", {{ $json.document.id }} of a raw one.`,
			'e.g. 1234567',
		),
		inBody(required(STATUS, resource, ['updateStatus'])),
		...paginationProperties(resource, 'getAll'),
		simplifyProperty(resource, ['getAll']),
	];
}

export const financialProperties: INodeProperties[] = [
	operationPicker(STATEMENT, statementOperations.map(operationOption), 'getAll'),
	...paginationProperties(STATEMENT, 'getAll'),
	collection('filters', STATEMENT, 'getAll', [
		...dateRange('entries'),
		queryField('Sale ID', 'saleId', 'string', 'Only the entries of this sale'),
	]),

	operationPicker(TRANSFER, transferOperations.map(operationOption), 'getAll'),
	...paginationProperties(TRANSFER, 'getAll'),

	...fiscalDocumentProperties(AFFILIATE_DOCUMENT, 'affiliate'),
	...fiscalDocumentProperties(BUYER_DOCUMENT, 'buyer'),
];
