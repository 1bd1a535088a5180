import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** Eduzz's error body: `{ message, code, link, debug }`, plus `errors: [{ field, message }]` on validation. */
interface EduzzErrorBody {
	message?: unknown;
	code?: unknown;
	errors?: Array<{ field?: unknown; message?: unknown }>;
}

/** What the user can do about each answer, shown as the error's description in n8n. */
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

/**
 * The error thrown for an Eduzz API answer outside 2xx: Eduzz's own message (and each field of a
 * validation error) in the message, and what to do in the description.
 */
export function eduzzApiError(
	node: INode,
	request: { method: string; path: string; scopes?: readonly string[] },
	status: number,
	body: unknown,
): NodeApiError {
	const error = (typeof body === 'object' && body !== null ? body : {}) as EduzzErrorBody;
	const details = [typeof error.message === 'string' ? error.message : undefined];
	for (const field of Array.isArray(error.errors) ? error.errors : []) {
		if (typeof field?.message === 'string')
			details.push(
				typeof field.field === 'string' ? `${field.field}: ${field.message}` : field.message,
			);
	}
	const detail = details.filter(Boolean).join('; ');
	const message = `Eduzz API ${request.method} ${request.path} failed (${status})${detail ? `: ${detail}` : ''}`;
	return new NodeApiError(
		node,
		{ message, httpCode: String(status), body } as unknown as JsonObject,
		{
			httpCode: String(status),
			message,
			description: hintFor(status, request.scopes ?? []),
		},
	);
}
