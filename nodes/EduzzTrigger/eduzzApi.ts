import {
	NodeApiError,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

/** Eduzz's webhook-management API (WEBHOOKS.md section 6), through the credential's Bearer token. */

export const CREDENTIAL_TYPE = 'eduzzWebhookApi';

type ApiContext = IHookFunctions | IWebhookFunctions;

export interface Subscription {
	id: string;
	name: string;
	url: string;
	status: string;
	secretId?: string;
	/** Strings in the list response, `{ name, conditions }` objects elsewhere. */
	events: string[];
}

export interface AppSecret {
	id: string;
	secret: string;
}

const HINTS: Record<string, string> = {
	'401': 'Eduzz refused the access token. Copy a fresh token from the Eduzz console (Meus aplicativos → Copiar access token) into the credential.',
	'403': 'The Eduzz app lacks a scope. Give the app the scopes webhook_read and webhook_write in the Eduzz console, then copy a new access token.',
	'404': 'Eduzz does not know this webhook configuration any more.',
};

interface RequestFailure {
	httpCode?: string | number | null;
	description?: string | null;
	message?: string;
	context?: { data?: unknown };
	response?: { status?: number; data?: unknown; body?: unknown };
	error?: unknown;
}

/** n8n hands over its own NodeApiError (body in `context.data`) or a raw HTTP client error. */
function describeFailure(error: RequestFailure): { httpCode: string; detail?: string } {
	const httpCode = String(error.httpCode ?? error.response?.status ?? '');
	const body = error.context?.data ?? error.response?.data ?? error.response?.body ?? error.error;
	const bodyMessage = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
	const detail = typeof bodyMessage === 'string' ? bodyMessage : (error.description ?? undefined);
	return { httpCode, detail: detail || undefined };
}

async function baseUrl(context: ApiContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return String(credentials.baseUrl || 'https://api.eduzz.com').replace(/\/+$/, '');
}

export async function eduzzRequest<T>(
	context: ApiContext,
	method: IHttpRequestMethods,
	path: string,
	body?: object,
): Promise<T> {
	const url = `${await baseUrl(context)}${path}`;
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			method,
			url,
			body,
			json: true,
		})) as T;
	} catch (error) {
		const { httpCode, detail } = describeFailure(error as RequestFailure);
		const message = `Eduzz API ${method} ${path} failed${httpCode ? ` (${httpCode})` : ''}${detail ? `: ${detail}` : ''}`;
		// A fresh error: re-wrapping n8n's NodeApiError would hand back the original, without our hint.
		throw new NodeApiError(context.getNode(), { message, httpCode } as JsonObject, {
			httpCode: httpCode || undefined,
			message,
			description: HINTS[httpCode] ?? (error as Error).message,
		});
	}
}

function eventNames(events: unknown): string[] {
	if (!Array.isArray(events)) return [];
	return events
		.map((event) => (typeof event === 'string' ? event : (event as { name?: unknown })?.name))
		.filter((name): name is string => typeof name === 'string');
}

function toSubscription(raw: JsonObject): Subscription {
	return {
		id: String(raw.id),
		name: String(raw.name ?? ''),
		url: String(raw.url ?? ''),
		status: String(raw.status ?? ''),
		secretId: typeof raw.secretId === 'string' ? raw.secretId : undefined,
		events: eventNames(raw.events),
	};
}

export async function listSubscriptions(context: ApiContext): Promise<Subscription[]> {
	const response = await eduzzRequest<unknown>(context, 'GET', '/webhook/v1/subscription');
	// Documented as a bare array; tolerate the `{ items }` shape of Eduzz's other list endpoints.
	const items = Array.isArray(response) ? response : ((response as JsonObject)?.items as unknown);
	return Array.isArray(items) ? (items as JsonObject[]).map(toSubscription) : [];
}

export interface SubscriptionInput {
	name: string;
	url: string;
	events: string[];
	secretId: string;
}

function subscriptionBody(input: SubscriptionInput): object {
	return { ...input, events: input.events.map((name) => ({ name })) };
}

export async function createSubscription(context: ApiContext, input: SubscriptionInput): Promise<Subscription> {
	const raw = await eduzzRequest<JsonObject>(context, 'POST', '/webhook/v1/subscription', subscriptionBody(input));
	if (typeof raw?.id !== 'string') {
		throw new NodeApiError(context.getNode(), raw ?? {}, {
			message: 'Eduzz created the webhook configuration but did not return its id',
		});
	}
	return toSubscription(raw);
}

export async function updateSubscription(context: ApiContext, id: string, input: SubscriptionInput): Promise<Subscription> {
	const path = `/webhook/v1/subscription/${encodeURIComponent(id)}`;
	return toSubscription(await eduzzRequest<JsonObject>(context, 'PUT', path, subscriptionBody(input)));
}

export async function deleteSubscription(context: ApiContext, id: string): Promise<void> {
	await eduzzRequest(context, 'DELETE', `/webhook/v1/subscription/${encodeURIComponent(id)}`);
}

/** Enabling makes Eduzz send a signed test event to the URL; it fails unless the URL answers 2xx. */
export async function setSubscriptionStatus(context: ApiContext, id: string, status: 'active' | 'disabled'): Promise<Subscription> {
	const path = `/webhook/v1/subscription/${encodeURIComponent(id)}/status`;
	return toSubscription(await eduzzRequest<JsonObject>(context, 'POST', path, { status }));
}

/** The signing secret of subscriptions created by this app. */
export async function getAppSecret(context: ApiContext): Promise<AppSecret> {
	const raw = await eduzzRequest<JsonObject>(context, 'GET', '/webhook/v1/secret');
	if (typeof raw?.id !== 'string' || typeof raw?.secret !== 'string' || raw.secret === '') {
		throw new NodeApiError(context.getNode(), {}, {
			message: 'Eduzz did not return the app signing secret (GET /webhook/v1/secret)',
		});
	}
	return { id: raw.id, secret: raw.secret };
}

export interface SampleResult {
	statusCode?: number;
	body?: string;
	timeTaken?: number;
}

/** Asks Eduzz to deliver a sample of `event` to the subscription's URL; relays that URL's answer. */
export async function requestSample(context: ApiContext, subscriptionId: string, event: string): Promise<SampleResult> {
	return await eduzzRequest<SampleResult>(context, 'POST', '/webhook/v1/subscription/sample', { subscriptionId, event });
}
