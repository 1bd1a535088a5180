import {
	NodeApiError,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { eduzzApiError } from '../shared/apiError';
import { EDUZZ_CREDENTIAL_TYPE, baseUrlOf } from '../shared/credential';

/**
 * Eduzz's webhook-management API (https://developers.eduzz.com/reference/api/get-webhook-v1-subscription
 * and the pages beside it), through the credential's Bearer token.
 */

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

interface RequestOptions {
	body?: object;
	/** Answer `undefined` for a 404 instead of throwing. */
	notFoundOk?: boolean;
}

/** Reading calls need webhook_read, changes webhook_write (the sample request only reads). */
function scopeOf(method: IHttpRequestMethods, path: string): string {
	return method === 'GET' || path.endsWith('/sample') ? 'webhook_read' : 'webhook_write';
}

async function eduzzRequest<T>(
	context: ApiContext,
	method: IHttpRequestMethods,
	path: string,
	{ body, notFoundOk = false }: RequestOptions = {},
): Promise<T> {
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		EDUZZ_CREDENTIAL_TYPE,
		{
			method,
			url: `${baseUrlOf(credentials)}${path}`,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as IN8nHttpFullResponse;
	if (response.statusCode < 300 || (notFoundOk && response.statusCode === 404))
		return response.body as T;
	throw eduzzApiError(
		context.getNode(),
		{ method, path, scopes: [scopeOf(method, path)] },
		response.statusCode,
		response.body,
	);
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

export async function createSubscription(
	context: ApiContext,
	input: SubscriptionInput,
): Promise<Subscription> {
	const raw = await eduzzRequest<JsonObject>(context, 'POST', '/webhook/v1/subscription', {
		body: subscriptionBody(input),
	});
	if (typeof raw?.id !== 'string') {
		throw new NodeApiError(context.getNode(), raw ?? {}, {
			message: 'Eduzz created the webhook configuration but did not return its id',
		});
	}
	return toSubscription(raw);
}

export async function updateSubscription(
	context: ApiContext,
	id: string,
	input: SubscriptionInput,
): Promise<Subscription> {
	const path = `/webhook/v1/subscription/${encodeURIComponent(id)}`;
	return toSubscription(
		await eduzzRequest<JsonObject>(context, 'PUT', path, { body: subscriptionBody(input) }),
	);
}

export async function deleteSubscription(
	context: ApiContext,
	id: string,
	{ notFoundOk = false } = {},
): Promise<void> {
	await eduzzRequest(context, 'DELETE', `/webhook/v1/subscription/${encodeURIComponent(id)}`, {
		notFoundOk,
	});
}

/** Enabling makes Eduzz send a signed test event to the URL; it fails unless the URL answers 2xx. */
export async function setSubscriptionStatus(
	context: ApiContext,
	id: string,
	status: 'active' | 'disabled',
): Promise<Subscription> {
	const path = `/webhook/v1/subscription/${encodeURIComponent(id)}/status`;
	return toSubscription(
		await eduzzRequest<JsonObject>(context, 'POST', path, { body: { status } }),
	);
}

/** The signing secret of subscriptions created by this app. */
export async function getAppSecret(context: ApiContext): Promise<AppSecret> {
	const raw = await eduzzRequest<JsonObject>(context, 'GET', '/webhook/v1/secret');
	if (typeof raw?.id !== 'string' || typeof raw?.secret !== 'string' || raw.secret === '') {
		throw new NodeApiError(
			context.getNode(),
			{},
			{
				message: 'Eduzz did not return the app signing secret (GET /webhook/v1/secret)',
			},
		);
	}
	return { id: raw.id, secret: raw.secret };
}

export interface SampleResult {
	statusCode?: number;
	body?: string;
	timeTaken?: number;
}

/** Asks Eduzz to deliver a sample of `event` to the subscription's URL; relays that URL's answer. */
export async function requestSample(
	context: ApiContext,
	subscriptionId: string,
	event: string,
): Promise<SampleResult> {
	return await eduzzRequest<SampleResult>(context, 'POST', '/webhook/v1/subscription/sample', {
		body: { subscriptionId, event },
	});
}
