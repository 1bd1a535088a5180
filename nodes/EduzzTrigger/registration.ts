import { NodeOperationError, sleep, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { sameEduzzFilters, type EduzzFilter } from '../shared/events/filters';
import { EDUZZ_CREDENTIAL_TYPE, baseUrlOf } from '../shared/transport';
import { eduzzFiltersFor } from './filters';
import { readOptions } from './options';
import * as eduzz from './webhookApi';

/*
 * Automatic registration: n8n's webhook lifecycle (checkExists, create, delete) mapped onto Eduzz's
 * webhook configurations ("subscriptions" in its API).
 */

/** What automatic registration keeps for one webhook URL (production and test URLs are separate). */
interface Registration {
	subscriptionId: string;
	secretId: string;
	/** The app secret Eduzz signs this subscription's deliveries with. */
	secret: string;
	events: string[];
	/** The `filters` last sent to Eduzz ("Only For"); absent in registrations made before them. */
	filters?: EduzzFilter[];
}

/** The node's static data (`getWorkflowStaticData('node')`), saved by n8n in its database. */
export interface TriggerStaticData extends IDataObject {
	/** Keyed by webhook URL, so "Listen for test event" never touches the production subscription. */
	registrations?: Record<string, Registration>;
}

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node',
		);
	return url;
}

/** In the user's order: the first one is the sample requested when listening for a test event. */
function selectedEvents(context: IHookFunctions): string[] {
	return [...new Set(context.getNodeParameter('events', []) as string[])];
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

/** Loopback, private, link-local and `.local` hosts: Eduzz's servers cannot reach them. */
export function isLocalHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal')
	)
		return true;
	if (
		host === '::1' ||
		host === '::' ||
		host.startsWith('fc') ||
		host.startsWith('fd') ||
		host.startsWith('fe80:')
	) {
		return host.includes(':');
	}
	const ipv4 = host.match(/^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/);
	if (!ipv4) return false;
	const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
	return (
		a === 127 ||
		a === 10 ||
		a === 0 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254)
	);
}

/**
 * Eduzz delivers from the internet over HTTPS. A URL it cannot reach would only fail later, at
 * activation, with a vaguer error. A local `baseUrl` (a stand-in API in tests) lifts the check.
 */
export function unreachableUrlReason(webhookUrl: string, baseUrl: string): string | undefined {
	let target: URL;
	try {
		target = new URL(webhookUrl);
	} catch {
		return `The webhook URL "${webhookUrl}" is not a valid URL.`;
	}
	try {
		if (isLocalHost(new URL(baseUrl).hostname)) return undefined;
	} catch {
		// An invalid baseUrl fails at the first API call with its own message.
	}
	if (isLocalHost(target.hostname)) return `Eduzz cannot reach ${target.host}, a local address.`;
	if (target.protocol !== 'https:') return 'Eduzz only delivers to public HTTPS URLs.';
	return undefined;
}

async function assertReachable(context: IHookFunctions, webhookUrl: string): Promise<void> {
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	const reason = unreachableUrlReason(webhookUrl, baseUrlOf(credentials));
	if (!reason) return;
	throw new NodeOperationError(
		context.getNode(),
		`${reason} Automatic registration needs a public HTTPS webhook URL`,
		{
			description:
				'Set N8N_WEBHOOK_URL (n8n 2.x) or WEBHOOK_URL (n8n 1.x) to the public HTTPS address of this n8n (for example behind a reverse proxy or tunnel), restart n8n and publish again. Or switch Registration to Manual.',
		},
	);
}

/**
 * checkExists: the stored subscription still exists at Eduzz, is active, has this URL, these events
 * and the filters "Only For" asks for now (Eduzz's own if its answer has them, else the ones sent).
 */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const staticData = staticDataOf(this);
	const url = webhookUrlOf(this);
	const registration = staticData.registrations?.[url];
	if (!registration) return false;

	const subscriptions = await eduzz.listSubscriptions(this);
	const found = subscriptions.find(
		(subscription) => subscription.id === registration.subscriptionId,
	);
	if (!found) {
		// Deleted in the console: forget it, create() makes a new one.
		delete staticData.registrations![url];
		return false;
	}
	// Anything else that differs is repaired by create(), which updates this same subscription.
	const events = selectedEvents(this);
	if (found.status !== 'active' || found.url !== url || !sameEvents(found.events, events))
		return false;
	const filters = found.filters ?? registration.filters ?? [];
	return sameEduzzFilters(filters, await eduzzFiltersFor(this, events));
}

/**
 * create: adopt the subscription already pointing at this URL (or the one stored for it) and update
 * it, or create one; sign it with the app secret; store it; enable it. Rolls back what it created.
 */
export async function register(this: IHookFunctions): Promise<boolean> {
	const staticData = staticDataOf(this);
	const url = webhookUrlOf(this);
	await assertReachable(this, url);

	const events = selectedEvents(this);
	const workflowName = this.getWorkflow().name || `workflow ${this.getWorkflow().id ?? ''}`.trim();
	const appSecret = await eduzz.getAppSecret(this);
	const input: eduzz.SubscriptionInput = {
		name: `n8n: ${workflowName}`,
		url,
		events,
		secretId: appSecret.id,
		filters: await eduzzFiltersFor(this, events),
	};

	const storedId = staticData.registrations?.[url]?.subscriptionId;
	const subscriptions = await eduzz.listSubscriptions(this);
	const existing =
		subscriptions.find((subscription) => subscription.id === storedId) ??
		subscriptions.find((subscription) => subscription.url === url);

	const subscription = existing
		? await eduzz.updateSubscription(this, existing.id, input)
		: await eduzz.createSubscription(this, input);

	// Stored before enabling: Eduzz's activation ping is verified with this secret.
	const registrations = (staticData.registrations ??= {});
	registrations[url] = {
		subscriptionId: subscription.id,
		secretId: appSecret.id,
		secret: appSecret.secret,
		events,
		...(input.filters.length > 0 ? { filters: input.filters } : {}),
	};

	let enabled = false;
	try {
		await eduzz.setSubscriptionStatus(this, subscription.id, 'active');
		enabled = true;
	} finally {
		if (!enabled) {
			delete registrations[url];
			if (!existing) await rollback(this, subscription.id);
		}
	}

	if (this.getMode() === 'manual' && readOptions(this).requestSampleOnTest && events.length > 0) {
		await requestSampleAfterListening(this, subscription.id, events[0]);
	}
	return true;
}

async function rollback(context: IHookFunctions, subscriptionId: string): Promise<void> {
	try {
		await eduzz.deleteSubscription(context, subscriptionId);
	} catch (error) {
		context.logger.warn(
			`Eduzz Trigger could not remove the half-created webhook configuration ${subscriptionId}: ${(error as Error).message}. Delete it in the Eduzz console.`,
		);
	}
}

/**
 * How long after create() returns the sample is requested: n8n answers the editor's "Execute step"
 * only after create() returns, which takes it tens of milliseconds on a busy machine.
 */
export const SAMPLE_DELAY_MS = 2000;

/**
 * Asks Eduzz for a sample of `event` SAMPLE_DELAY_MS after create() returns, without waiting for
 * it. The request is prepared now: the hook context expires with create(). Never throws: a missing
 * sample must not stop the user from listening for a real event.
 */
async function requestSampleAfterListening(
	context: IHookFunctions,
	subscriptionId: string,
	event: string,
): Promise<void> {
	const { logger } = context;
	const failed = (error: unknown) =>
		logger.warn(
			`Eduzz Trigger could not request a sample of ${event}: ${(error as Error).message}`,
		);
	let send: () => Promise<eduzz.SampleResult>;
	try {
		send = await eduzz.prepareSampleRequest(context, subscriptionId, event);
	} catch (error) {
		failed(error);
		return;
	}
	void (async () => {
		// A test delivery n8n gets before it answered the editor's run request leaves the editor listening after the execution (docs/n8n-test-webhook-early-delivery.md).
		await sleep(SAMPLE_DELAY_MS);
		try {
			const result = await send();
			logger.info(
				`Eduzz Trigger asked Eduzz for a sample of ${event}; the webhook answered ${result?.statusCode ?? 'nothing'}`,
			);
		} catch (error) {
			failed(error);
		}
	})();
}

/**
 * delete: remove the subscription at Eduzz (404 = already gone) and forget it. When nothing is
 * stored for this URL, the subscriptions pointing at it are looked up: n8n 2.x ends a test listen
 * with a copy of the workflow taken before create() stored anything. The URL (webhook id + test or
 * production path) belongs to this node alone, so whatever points at it is ours.
 */
export async function unregister(this: IHookFunctions): Promise<boolean> {
	const staticData = staticDataOf(this);
	const url = webhookUrlOf(this);
	const stored = staticData.registrations?.[url]?.subscriptionId;
	try {
		const ids = stored
			? [stored]
			: (await eduzz.listSubscriptions(this))
					.filter((subscription) => subscription.url === url)
					.map((subscription) => subscription.id);
		// A 404 means it is already gone.
		for (const id of ids) await eduzz.deleteSubscription(this, id, { notFoundOk: true });
	} catch (error) {
		this.logger.warn(
			`Eduzz Trigger could not delete the webhook configuration for ${url}: ${(error as Error).message}`,
		);
		return false;
	}
	if (staticData.registrations) delete staticData.registrations[url];
	return true;
}
