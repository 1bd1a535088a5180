import { createHmac } from 'node:crypto';

import { mock } from 'jest-mock-extended';
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

import type { RequestHeaders } from '../../nodes/EduzzTrigger/delivery';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';

import { makeHttpRequestWithAuthentication, recordingLogger } from './contextParts';
import { startReceiver, type Receiver, type ReceiverAnswer } from './httpReceiver';

export function sign(body: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

export interface WebhookCall {
	body: Buffer | string | undefined;
	headers?: RequestHeaders;
	parameters?: IDataObject;
	credentials?: IDataObject;
	staticData?: IDataObject;
	/** Workflow id; credentials are cached per workflow, so by default every call gets its own. */
	workflowId?: string;
	/** n8n's execution mode: 'webhook' (production, the default) or 'manual' (Listen for test event). */
	mode?: 'webhook' | 'manual';
	/** When true, `rawBody` is not pre-read, as n8n does for content types it does not parse. */
	lazyBody?: boolean;
}

export interface WebhookCallResult {
	result: Awaited<ReturnType<EduzzTrigger['webhook']>>;
	status?: number;
	json?: IDataObject;
	staticData: IDataObject;
	/** How many times webhook() called getCredentials(). */
	credentialReads: number;
	/** What webhook() got from getWorkflowStaticData('global'). */
	globalStaticData: IDataObject;
	logs: string[];
}

let workflowCounter = 0;

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
	const raw =
		call.body === undefined
			? undefined
			: Buffer.isBuffer(call.body)
				? call.body
				: Buffer.from(call.body);
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
		once: (event: string, listener: () => void) => RecordingResponse;
	}
	const closeListeners: Array<() => void> = [];
	const response: RecordingResponse = {
		once: jest.fn((event: string, listener: () => void) => {
			if (event === 'close') closeListeners.push(listener);
			return response;
		}),
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
	// n8n's 'global' static data holds every node's under `node:<name>`; here they are kept apart.
	const globalStaticData: IDataObject = {};
	const { logs, logger } = recordingLogger();

	const node = mock<INode>({
		id: 'node-1',
		name: 'Eduzz Trigger',
		typeVersion: 1,
		credentials: { eduzzApi: { id: 'cred-1', name: 'Eduzz' } },
	});
	const getCredentials = jest.fn(async () => ({
		baseUrl: 'https://api.eduzz.com',
		...(call.credentials ?? {}),
	}));
	const workflowId = call.workflowId ?? `wf-${++workflowCounter}`;
	const context = mock<IWebhookFunctions>({
		getNode: () => node,
		getMode: () => call.mode ?? 'webhook',
		getWorkflow: () => ({ id: workflowId, name: 'Eduzz unit', active: true }),
		getRequestObject: () => request as never,
		getResponseObject: () => response as never,
		getHeaderData: () => request.headers,
		getCredentials: getCredentials as never,
		getWorkflowStaticData: ((type: string) =>
			type === 'global' ? globalStaticData : staticData) as never,
		getNodeParameter: ((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never,
		logger: logger as never,
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((item) => ({ json: item })),
			httpRequestWithAuthentication: makeHttpRequestWithAuthentication({ getCredentials, node }),
		} as never,
	});

	const result = await new EduzzTrigger().webhook.call(context);
	for (const listener of closeListeners) listener(); // n8n has answered: the response closes
	return {
		result,
		status,
		json,
		staticData,
		globalStaticData,
		logs,
		credentialReads: getCredentials.mock.calls.length,
	};
}

/** What startTriggerReceiver runs webhook() with: a WebhookCall without the request's bytes and headers. */
export type TriggerState = Omit<WebhookCall, 'body' | 'headers'>;

/**
 * The URL Eduzz delivers to, running the node's real webhook(): a loopback receiver
 * (./httpReceiver) that hands each request's exact bytes and headers to `callWebhook` and answers
 * with the status webhook() set (200 when it set none) and the JSON it sent.
 *
 * `state()` is read at each request, so a test may reassign the credentials, parameters or static
 * data it returns between deliveries. When `override()` returns an answer, the receiver answers
 * that instead and webhook() does not run (e.g. a URL that fails while a test says so).
 */
export function startTriggerReceiver(
	state: () => TriggerState,
	{ override }: { override?: () => ReceiverAnswer | undefined } = {},
): Promise<Receiver> {
	return startReceiver(async (rawBody, headers) => {
		const answer = override?.();
		if (answer) return answer;
		const call = await callWebhook({ ...state(), body: rawBody, headers });
		return { status: call.status ?? 200, body: call.json };
	});
}
