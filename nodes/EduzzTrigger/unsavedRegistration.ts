import { createHash } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import { EDUZZ_CREDENTIAL_TYPE } from '../shared/transport';
import type { TriggerStaticData } from './registration';
import { getAppSecret } from './webhookApi';

/*
 * Works around an ordering of n8n and Eduzz, not a cost: Eduzz pings the URL while create() is still
 * enabling the subscription, before n8n has saved the static data where create() stored the app
 * secret, so without this the ping is refused and activation fails. While automatic registration has
 * nothing stored, webhook() fetches the app secret itself. Requests that arrive while a fetch is in
 * flight share it (a stray request must not make the activation ping fail), and a new fetch starts
 * at most once per APP_SECRET_RETRY_MS, so forged traffic cannot become API traffic.
 */

/** How long a fetched app secret is trusted. */
export const APP_SECRET_TTL_MS = 5 * 60 * 1000;
/** Fetches start at most this often per token, failed or not. */
export const APP_SECRET_RETRY_MS = 10 * 1000;
const MAX_TOKENS = 100;

interface Fetch {
	startedAt: number;
	secret: Promise<string | undefined>;
}

/** Keyed by a hash of base URL and token, so a new token fetches again. */
const fetches = new Map<string, Fetch>();

export async function appSecretForUnsavedRegistration(
	context: IWebhookFunctions,
	staticData: TriggerStaticData,
	now: number,
): Promise<string | undefined> {
	if (context.getNodeParameter('registration', 'manual') !== 'automatic') return undefined;
	if (Object.keys(staticData.registrations ?? {}).length > 0) return undefined;
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	if (!credentials.accessToken) return undefined;
	const key = createHash('sha256')
		.update(`${String(credentials.baseUrl)}|${String(credentials.accessToken)}`)
		.digest('hex');

	const last = fetches.get(key);
	if (last && now - last.startedAt < APP_SECRET_RETRY_MS) return await last.secret;
	if (last && now - last.startedAt < APP_SECRET_TTL_MS) {
		const secret = await last.secret;
		if (secret) return secret;
	}

	const secret = getAppSecret(context).then(
		(appSecret) => appSecret.secret,
		(error: Error) => {
			context.logger.warn(
				`Eduzz Trigger could not fetch the app secret to verify a delivery: ${error.message}`,
			);
			return undefined;
		},
	);
	fetches.delete(key);
	fetches.set(key, { startedAt: now, secret });
	if (fetches.size > MAX_TOKENS) fetches.delete(fetches.keys().next().value as string);
	return await secret;
}
