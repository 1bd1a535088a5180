import { createHmac, timingSafeEqual } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TriggerStaticData } from './registration';

/**
 * Eduzz signs every delivery with `x-signature`: the lowercase hex HMAC-SHA256 of the exact request
 * body bytes, keyed with the secret chosen for the configuration in the Eduzz console. There is no
 * timestamp in the signature, so a replay is told apart by its event id (README, Redeliveries).
 */
export const SIGNATURE_HEADER = 'x-signature';

/** A SHA-256 digest is 32 bytes, 64 hex characters. */
const SIGNATURE_PATTERN = /^[0-9a-fA-F]{64}$/;

export type SignatureFailureReason = 'no_secret' | 'missing' | 'malformed' | 'mismatch';

type SignatureResult =
	| { valid: true; /** Which of the given keys matched (0 = the first). */ keyIndex: number }
	| { valid: false; reason: SignatureFailureReason; message: string };

/** What a client (and the n8n log) may be told about a failure: never the secret or the expected value. */
const FAILURE_MESSAGES: Record<SignatureFailureReason, string> = {
	no_secret:
		'No webhook secret is configured, so the delivery cannot be verified. Set "Webhook Secret" in the Eduzz API credential to the key chosen for this configuration in the Eduzz console.',
	missing: `The request has no ${SIGNATURE_HEADER} header. Only Eduzz deliveries are accepted.`,
	malformed: `The ${SIGNATURE_HEADER} header is not a hex HMAC-SHA256 (64 hexadecimal characters).`,
	mismatch: `The ${SIGNATURE_HEADER} header does not match the body. Check that the credential's "Webhook Secret" is the key selected for this configuration in the Eduzz console.`,
};

/**
 * Reads the header as n8n hands it over: a string, or an array when a proxy repeated it. Node joins
 * repeated custom headers with ", ", so a comma list is the same case. Identical repeats are one
 * signature; different values are refused (null) rather than tried one by one.
 */
export function readSignatureHeader(
	header: string | string[] | undefined,
): string | undefined | null {
	if (header === undefined) return undefined;
	const values = (Array.isArray(header) ? header : [header])
		.flatMap((value) => String(value).split(','))
		.map((value) => value.trim())
		.filter((value) => value.length > 0);
	if (values.length === 0) return undefined;
	const distinct = new Set(values.map((value) => value.toLowerCase()));
	return distinct.size === 1 ? values[0] : null;
}

/**
 * The keys a delivery may be signed with, without duplicates or empty values: the app secret
 * automatic registration stored for each registered URL, then the credential's current and
 * previous key (rotation), then `extra` (an app secret fetched for an unsaved registration).
 */
export function signingKeys(
	credentials: ICredentialDataDecryptedObject,
	staticData: TriggerStaticData,
	extra?: string,
): string[] {
	const candidates = [
		...Object.values(staticData.registrations ?? {}).map((registration) => registration.secret),
		credentials.webhookSecret,
		credentials.previousWebhookSecret,
		extra,
	];
	const keys = candidates.filter((key): key is string => typeof key === 'string' && key !== '');
	return [...new Set(keys)];
}

/**
 * Verifies `x-signature` against the raw body with each key in turn (empty keys are ignored, so
 * none at all fails closed). Never throws; compares digests in constant time.
 */
export function verifySignature(
	rawBody: Buffer,
	header: string | string[] | undefined,
	givenKeys: readonly string[],
): SignatureResult {
	const keys = givenKeys.filter((key) => key !== '');
	const fail = (reason: SignatureFailureReason): SignatureResult => ({
		valid: false,
		reason,
		message: FAILURE_MESSAGES[reason],
	});
	if (keys.length === 0) return fail('no_secret');

	const received = readSignatureHeader(header);
	if (received === undefined) return fail('missing');
	if (received === null || !SIGNATURE_PATTERN.test(received)) return fail('malformed');

	const receivedDigest = Buffer.from(received, 'hex');
	for (let index = 0; index < keys.length; index++) {
		const expected = createHmac('sha256', keys[index]).update(rawBody).digest();
		if (timingSafeEqual(expected, receivedDigest)) return { valid: true, keyIndex: index };
	}
	return fail('mismatch');
}
