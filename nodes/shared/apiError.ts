import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** Eduzz's error body: `{ message, code, link, debug }`, plus `errors: [{ field, message }]` on validation. */
interface EduzzErrorBody {
	message?: unknown;
	code?: unknown;
	errors?: Array<{ field?: unknown; message?: unknown }>;
}

/** An id in the path of a failed call: the parameter, the value sent, and the operation that finds it. */
export interface SentId {
	/** The node parameter, e.g. `studentId`. */
	name: string;
	value: string;
	/** The action of the operation that lists such ids, e.g. 'Get many students of a school'. */
	findWith?: string;
}

/** The call that failed, as it was sent. */
export interface FailedRequest {
	method: string;
	/** The path as sent, its ids filled in, e.g. `/alpaclass/v1/producer/teams/abc/students`. */
	path: string;
	/** The scopes the call needs: a 403 names them. */
	scopes?: readonly string[];
	/** The ids in the path: a 404 names them and says where to find them. */
	ids?: readonly SentId[];
	/** Seconds Eduzz asked to wait (its `Retry-After`), for a 429. */
	retryAfter?: number;
	/** Values never to show (the access token): replaced by `***` wherever Eduzz's answer echoes them. */
	secrets?: readonly string[];
}

/** What a person does about each answer, shown as the error's description in n8n's editor. */
function hintFor(status: number, scopes: readonly string[]): string | undefined {
	if (status === 401) {
		return 'Eduzz refused the access token. Copy a fresh token from the Eduzz console (Aplicativos → Meus aplicativos → Copiar access token) into the Eduzz API credential.';
	}
	if (status === 403) {
		const needed =
			scopes.length > 0 ? `the scope ${scopes.join(' and ')}` : 'the scope this operation needs';
		return `The Eduzz app behind this token lacks ${needed}. Add it to the app in the Eduzz console (Aplicativos → Meus aplicativos → edit the app), then copy a new access token into the credential: a token keeps the scopes it was created with.`;
	}
	if (status === 404) return 'Eduzz found nothing at this address: check the ids you passed.';
	if (status === 429)
		return 'Eduzz is limiting the rate of calls: wait a moment and run again, or add a Wait node between calls.';
	if (status >= 500)
		return 'Eduzz could not answer right now. Try again later; if it persists, Eduzz support can see the request in their logs.';
	return undefined;
}

const quoted = (ids: readonly SentId[]) => ids.map(({ name, value }) => `${name} "${value}"`);

/**
 * The next step, in the error's message itself: inside n8n's AI Agent a tool's failure reaches the
 * model as `{ "error": message }` and nothing else, so the message must say what to do.
 */
function nextStepFor(status: number, request: FailedRequest): string | undefined {
	const scopes = request.scopes ?? [];
	if (status === 400 || status === 422)
		return 'Eduzz refused the values sent: correct them and call again.';
	if (status === 401)
		return "Calling again will not help: a person must copy a fresh access token into n8n's Eduzz credential.";
	if (status === 403) {
		const needed =
			scopes.length > 0 ? `the scope ${scopes.join(' and ')}` : 'the scope this operation needs';
		return `The Eduzz app behind the access token lacks ${needed}; calling again will not help: a person must add it to the app in the Eduzz console and copy a new access token into n8n's Eduzz credential.`;
	}
	if (status === 404) {
		const ids = request.ids ?? [];
		if (ids.length === 0) return 'Nothing exists at this address: check the IDs in it.';
		const finders = ids
			.filter((id) => id.findWith)
			.map(({ name, findWith }) => `${name} with "${findWith}"`);
		return `Nothing exists at this address: check the IDs sent (${quoted(ids).join(', ')})${
			finders.length > 0 ? `; find ${finders.join(' and ')} first` : ''
		}.`;
	}
	if (status === 429) {
		const wait =
			request.retryAfter !== undefined && request.retryAfter > 0
				? `${request.retryAfter} seconds`
				: 'a few seconds';
		return `Eduzz is limiting the rate of calls: wait ${wait} and call again.`;
	}
	if (status >= 500)
		return 'Eduzz could not answer right now: call again in a minute; if it keeps failing, Eduzz is unavailable.';
	return undefined;
}

/** `text` with every secret replaced by `***`. */
function redact(text: string, secrets: readonly string[]): string {
	let safe = text;
	for (const secret of secrets) safe = safe.split(secret).join('***');
	return safe;
}

/** `value` with every secret in its strings replaced by `***`. */
function redactDeep(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, redactDeep(entry, secrets)]),
		);
	return value;
}

/**
 * The error thrown for an Eduzz API answer outside 2xx. Its message names the call as it was sent
 * (the method and the path with its ids), Eduzz's own message (and each field of a validation
 * error) and the next step; its description says what a person does about it in Eduzz's console.
 * The secrets (the access token) never appear, even where Eduzz's answer repeats them.
 */
export function eduzzApiError(
	node: INode,
	request: FailedRequest,
	status: number,
	body: unknown,
): NodeApiError {
	// (A short "secret" would blank out ordinary words: tokens are long.)
	const secrets = (request.secrets ?? []).filter((secret) => secret.length >= 8);
	const error = (typeof body === 'object' && body !== null ? body : {}) as EduzzErrorBody;
	const details = [typeof error.message === 'string' ? error.message : undefined];
	for (const field of Array.isArray(error.errors) ? error.errors : []) {
		if (typeof field?.message === 'string')
			details.push(
				typeof field.field === 'string' ? `${field.field}: ${field.message}` : field.message,
			);
	}
	const detail = details
		.filter(Boolean)
		.join('; ')
		.replace(/[.\s]+$/, '');
	const nextStep = nextStepFor(status, request);
	const message = redact(
		`Eduzz API ${request.method} ${request.path} failed (${status})${detail ? `: ${detail}` : ''}${
			nextStep ? `. ${nextStep}` : ''
		}`,
		secrets,
	);
	const safeBody = redactDeep(body, secrets);
	return new NodeApiError(
		node,
		{ message, httpCode: String(status), body: safeBody } as unknown as JsonObject,
		{
			httpCode: String(status),
			message,
			description: hintFor(status, request.scopes ?? []),
		},
	);
}
