import {
	NodeApiError,
	type IHookFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { eduzzRequest, itemsOf, type EduzzRequest } from '../shared/transport';

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

const SUBSCRIPTION = '/webhook/v1/subscription';

/** Reading calls need webhook_read, changes webhook_write (the sample request only reads). */
async function call<T>(context: ApiContext, request: Omit<EduzzRequest, 'scopes'>): Promise<T> {
	const reads = request.method === 'GET' || request.path.endsWith('/sample');
	return await eduzzRequest<T>(context, {
		...request,
		scopes: [reads ? 'webhook_read' : 'webhook_write'],
	});
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
	// Documented as a bare array; `itemsOf` also reads the `{ items }` of Eduzz's other lists.
	const body = await call<unknown>(context, { method: 'GET', path: SUBSCRIPTION });
	return itemsOf(body).map((raw) => toSubscription(raw as JsonObject));
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
	const raw = await call<JsonObject>(context, {
		method: 'POST',
		path: SUBSCRIPTION,
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
	const path = `${SUBSCRIPTION}/${encodeURIComponent(id)}`;
	return toSubscription(
		await call<JsonObject>(context, { method: 'PUT', path, body: subscriptionBody(input) }),
	);
}

export async function deleteSubscription(
	context: ApiContext,
	id: string,
	{ notFoundOk = false } = {},
): Promise<void> {
	const path = `${SUBSCRIPTION}/${encodeURIComponent(id)}`;
	await call(context, { method: 'DELETE', path, notFoundOk });
}

/** Enabling makes Eduzz send a signed test event to the URL; it fails unless the URL answers 2xx. */
export async function setSubscriptionStatus(
	context: ApiContext,
	id: string,
	status: 'active' | 'disabled',
): Promise<Subscription> {
	const path = `${SUBSCRIPTION}/${encodeURIComponent(id)}/status`;
	return toSubscription(
		await call<JsonObject>(context, { method: 'POST', path, body: { status } }),
	);
}

/** The signing secret of subscriptions created by this app. */
export async function getAppSecret(context: ApiContext): Promise<AppSecret> {
	const raw = await call<JsonObject>(context, { method: 'GET', path: '/webhook/v1/secret' });
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
	return await call<SampleResult>(context, {
		method: 'POST',
		path: `${SUBSCRIPTION}/sample`,
		body: { subscriptionId, event },
	});
}
