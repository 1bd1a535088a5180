import { createHmac } from 'node:crypto';

import { mock } from 'jest-mock-extended';
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

import type { RequestHeaders } from '../../nodes/EduzzTrigger/delivery';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeHttpRequestWithAuthentication } = require('./n8nHttpHelper') as {
	makeHttpRequestWithAuthentication: (options: { getCredentials: () => Promise<IDataObject>; node: INode }) => unknown;
};

export function sign(body: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

export interface WebhookCall {
	body: Buffer | string | undefined;
	headers?: RequestHeaders;
	parameters?: IDataObject;
	credentials?: IDataObject;
	staticData?: IDataObject;
	/** When true, `rawBody` is not pre-read, as n8n does for content types it does not parse. */
	lazyBody?: boolean;
}

export interface WebhookCallResult {
	result: Awaited<ReturnType<EduzzTrigger['webhook']>>;
	status?: number;
	json?: IDataObject;
	staticData: IDataObject;
	logs: string[];
}

const DEFAULT_PARAMETERS: IDataObject = {
	events: ['alpaclass.student_module_unfinished'],
	registration: 'manual',
	options: {},
};

/**
 * Runs the node's real webhook() on a mocked IWebhookFunctions, the way n8n's own
 * `testWebhookTriggerNode` helper does: the request carries the raw bytes, the response records
 * what the node answered itself.
 */
export async function callWebhook(call: WebhookCall): Promise<WebhookCallResult> {
	const raw = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body);
	const request: { headers: RequestHeaders; rawBody?: Buffer; readRawBody: () => Promise<void> } = {
		headers: { 'content-type': 'application/json', ...(call.headers ?? {}) },
		rawBody: call.lazyBody ? undefined : raw,
		readRawBody: async () => {
			request.rawBody = raw;
		},
	};
	let status: number | undefined;
	let json: IDataObject | undefined;
	interface RecordingResponse {
		status: (code: number) => RecordingResponse;
		json: (body: IDataObject) => RecordingResponse;
	}
	const response: RecordingResponse = {
		status: jest.fn((code: number) => {
			status = code;
			return response;
		}),
		json: jest.fn((body: IDataObject) => {
			json = body;
			return response;
		}),
	};
	const parameters = { ...DEFAULT_PARAMETERS, ...(call.parameters ?? {}) };
	const staticData = call.staticData ?? {};
	const logs: string[] = [];
	const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);

	const node = mock<INode>({ name: 'Eduzz Trigger', typeVersion: 1 });
	const getCredentials = async () => ({ baseUrl: 'https://api.eduzz.com', ...(call.credentials ?? {}) });
	const context = mock<IWebhookFunctions>({
		getNode: () => node,
		getMode: () => 'webhook',
		getRequestObject: () => request as never,
		getResponseObject: () => response as never,
		getHeaderData: () => request.headers,
		getCredentials: getCredentials as never,
		getWorkflowStaticData: () => staticData,
		getNodeParameter: ((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } as never,
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((item) => ({ json: item })),
			httpRequestWithAuthentication: makeHttpRequestWithAuthentication({ getCredentials, node }),
		} as never,
	});

	const result = await new EduzzTrigger().webhook.call(context);
	return { result, status, json, staticData, logs };
}
