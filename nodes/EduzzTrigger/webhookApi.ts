import {
	NodeApiError,
	type IHookFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import type { EduzzFilter } from '../shared/events/filters';
import { eduzzRequest, itemsOf, prepareEduzzRequest, type EduzzRequest } from '../shared/transport';

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
	/** Only when Eduzz's answer has them (its documented answers do not show `filters`). */
	filters?: EduzzFilter[];
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

function filtersOf(filters: unknown): EduzzFilter[] | undefined {
	if (!Array.isArray(filters)) return undefined;
	return filters
		.filter((filter) => typeof (filter as { metadata?: unknown })?.metadata === 'string')
		.map((filter: { metadata: string; values?: unknown }) => ({
			metadata: filter.metadata,
			values: Array.isArray(filter.values) ? filter.values.map(String) : [],
		}));
}

function toSubscription(raw: JsonObject): Subscription {
	const filters = filtersOf(raw.filters);
	return {
		id: String(raw.id),
		name: String(raw.name ?? ''),
		url: String(raw.url ?? ''),
		status: String(raw.status ?? ''),
		secretId: typeof raw.secretId === 'string' ? raw.secretId : undefined,
		events: eventNames(raw.events),
		...(filters ? { filters } : {}),
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
	/**
	 * Eduzz sends an event only if, for every filter whose metadata the event has, its value is in
	 * `values`. Always sent (`[]` for none): an update replaces the configuration, filters included.
	 */
	filters: EduzzFilter[];
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

/**
 * The metadata keys Eduzz lists for each event (`GET /webhook/v1/origin`: per product, its events
 * with `metadata`), by event name. The keys a configuration's `filters` can use.
 */
export async function listEventMetadata(context: ApiContext): Promise<Map<string, string[]>> {
	const body = await call<unknown>(context, { method: 'GET', path: '/webhook/v1/origin' });
	const metadata = new Map<string, string[]>();
	for (const origin of itemsOf(body)) {
		if (!Array.isArray(origin.events)) continue;
		for (const event of origin.events as Array<{ name?: unknown; metadata?: unknown }>) {
			if (typeof event?.name !== 'string') continue;
			const keys = Array.isArray(event.metadata)
				? event.metadata.filter((key): key is string => typeof key === 'string')
				: [];
			metadata.set(event.name, keys);
		}
	}
	return metadata;
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

/**
 * Prepares, while `context` is live, the request that asks Eduzz to deliver a sample of `event` to
 * the subscription's URL (Eduzz relays that URL's answer); the returned function sends it, and may
 * be called after `context` has expired (transport.ts `prepareEduzzRequest`).
 */
export async function prepareSampleRequest(
	context: IHookFunctions,
	subscriptionId: string,
	event: string,
): Promise<() => Promise<SampleResult>> {
	// The sample request only reads (webhook_read), as `call` counts it.
	return await prepareEduzzRequest<SampleResult>(context, {
		method: 'POST',
		path: `${SUBSCRIPTION}/sample`,
		scopes: ['webhook_read'],
		body: { subscriptionId, event },
	});
}
