import { formatIssues, isTestEvent, parseEnvelope } from './envelope';
import { findEvent } from '../shared/events';
import { filteredOut, type ActiveFilter } from '../shared/events/filters';
import { SIGNATURE_HEADER, verifySignature, type SignatureFailureReason } from './signature';

/** Delivery metadata Eduzz sends in headers, plus what the node found when validating. */
interface EduzzDelivery {
	/** From `x-subscription: <subscriptionId>:<event>`: the Eduzz configuration that sent it. */
	subscriptionId: string | null;
	/** From `x-delivery-attempt`: 1 on the first try, more on Eduzz's retries. */
	attempt: number | null;
	/** When n8n received this delivery (ISO 8601). */
	receivedAt: string;
	/** Whether `data` matched the event's schema. */
	schemaValid: boolean;
	/** Readable validation messages, each naming the field; present only when `schemaValid` is false. */
	schemaIssues?: string[];
}

/** The one item a delivery emits. `data` is typed by the event's zod schema (see events/). */
export interface EduzzEventItem<TData = unknown> {
	id: string | null;
	event: string;
	sentDate: string | null;
	data: TData;
	delivery: EduzzDelivery;
}

/** Node's lower-cased header map, as n8n passes it (repeated headers may be arrays). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

interface DeliveryRequest {
	rawBody: Buffer;
	headers: RequestHeaders;
	receivedAt: Date;
}

export interface DeliveryConfig {
	/** The keys a delivery may be signed with (signature.ts `signingKeys`). */
	keys: readonly string[];
	/** Canonical event names the workflow listens to. */
	events: ReadonlySet<string>;
	/** The "Only For" filters (EduzzTrigger/filters.ts `readOnlyFor`); none: every event passes. */
	filters?: readonly ActiveFilter[];
	/** Answer 400 instead of emitting an item flagged `schemaValid: false`. */
	rejectInvalidPayloads: boolean;
	/** Bodies larger than this are refused with 413 before any hashing. */
	maxBodyBytes: number;
}

type RejectReason = 'unauthorized' | 'too_large' | 'bad_request' | 'invalid_payload';

export type DeliveryOutcome =
	| {
			kind: 'reject';
			status: 400 | 401 | 413;
			reason: RejectReason;
			/** Why the signature failed, for 401s. */
			signatureFailure?: SignatureFailureReason;
			message: string;
	  }
	/** Answered 2xx so Eduzz does not retry or disable the configuration, but no execution. */
	| { kind: 'ignore'; reason: 'test_event' | 'not_selected'; event: string }
	/** Not of the schools, courses, products or Blinket events "Only For" names: like not_selected. */
	| {
			kind: 'ignore';
			reason: 'filtered_out';
			event: string;
			/** The option's field, e.g. "AlpaClass Schools". */
			filter: string;
			/** Where the event carries the id that did not match, e.g. `data.team.id`. */
			field: string;
	  }
	| { kind: 'emit'; item: EduzzEventItem };

function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** `x-subscription: lk354pklutdkh2ii7s7008qfy:test.event_one` → the part before the first colon. */
function subscriptionIdFrom(header: string | string[] | undefined): string | null {
	const value = firstHeader(header)?.trim();
	if (!value) return null;
	const colon = value.indexOf(':');
	const id = colon === -1 ? value : value.slice(0, colon);
	return id === '' ? null : id;
}

function attemptFrom(header: string | string[] | undefined): number | null {
	const value = firstHeader(header)?.trim();
	if (!value || !/^\d{1,9}$/.test(value)) return null;
	return Number(value);
}

/**
 * Everything the trigger decides about one HTTP request, as a pure function: verify the signature on
 * the raw bytes, parse the envelope, skip test, unselected and filtered-out events, validate `data`,
 * build the item.
 */
export function handleDelivery(request: DeliveryRequest, config: DeliveryConfig): DeliveryOutcome {
	const { rawBody, headers } = request;
	if (rawBody.length > config.maxBodyBytes) {
		return {
			kind: 'reject',
			status: 413,
			reason: 'too_large',
			message: `The body has ${rawBody.length} bytes; this trigger accepts at most ${config.maxBodyBytes} (option "Maximum Body Size").`,
		};
	}

	const signature = verifySignature(rawBody, headers[SIGNATURE_HEADER], config.keys);
	if (!signature.valid) {
		return {
			kind: 'reject',
			status: 401,
			reason: 'unauthorized',
			signatureFailure: signature.reason,
			message: signature.message,
		};
	}

	const parsed = parseEnvelope(rawBody);
	if (!parsed.ok) {
		return { kind: 'reject', status: 400, reason: 'bad_request', message: parsed.message };
	}
	const { envelope } = parsed;

	if (isTestEvent(envelope.event))
		return { kind: 'ignore', reason: 'test_event', event: envelope.event };

	// Eduzz sometimes omits the product prefix; the definition gives the canonical name.
	const definition = findEvent(envelope.event);
	const event = definition?.name ?? envelope.event;
	if (!config.events.has(event)) return { kind: 'ignore', reason: 'not_selected', event };
	// Before validation: an event the user filtered out costs what an unselected one does.
	const failed = config.filters?.length
		? filteredOut(event, envelope.data, config.filters)
		: undefined;
	if (failed) {
		return {
			kind: 'ignore',
			reason: 'filtered_out',
			event,
			filter: failed.filter.displayName,
			field: failed.field,
		};
	}

	const delivery: EduzzDelivery = {
		subscriptionId: subscriptionIdFrom(headers['x-subscription']),
		attempt: attemptFrom(headers['x-delivery-attempt']),
		receivedAt: request.receivedAt.toISOString(),
		schemaValid: true,
	};
	let data = envelope.data;
	if (definition) {
		const result = definition.schema.safeParse(data);
		if (result.success) {
			data = result.data;
		} else {
			const issues = formatIssues(result.error.issues);
			if (config.rejectInvalidPayloads) {
				return {
					kind: 'reject',
					status: 400,
					reason: 'invalid_payload',
					message: `The ${event} payload does not match its schema: ${issues.join('; ')}`,
				};
			}
			delivery.schemaValid = false;
			delivery.schemaIssues = issues;
		}
	}

	return {
		kind: 'emit',
		item: { id: envelope.id, event, sentDate: envelope.sentDate, data, delivery },
	};
}
