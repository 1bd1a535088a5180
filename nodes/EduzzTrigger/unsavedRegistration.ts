import { createHash } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import { EDUZZ_CREDENTIAL_TYPE } from '../shared/credential';
import type { TriggerStaticData } from './staticData';
import { getAppSecret } from './webhookApi';

/** How long webhook() trusts an app secret it fetched itself, and how often it may ask again. */
const APP_SECRET_TTL_MS = 5 * 60 * 1000;
const APP_SECRET_RETRY_MS = 10 * 1000;
let appSecretCache: { key: string; secret?: string; fetchedAt: number } | undefined;

/**
 * Eduzz pings the URL while create() is still enabling the subscription, before n8n has saved the
 * static data where create() stored the app secret. So while automatic registration has nothing
 * stored, webhook() fetches the app secret itself (cached, and at most one call per 10 s, so forged
 * traffic cannot turn into API traffic).
 */
export async function appSecretForUnsavedRegistration(
	context: IWebhookFunctions,
	staticData: TriggerStaticData,
	now: number,
): Promise<string | undefined> {
	if (context.getNodeParameter('registration', 'manual') !== 'automatic') return undefined;
	if (Object.keys(staticData.registrations ?? {}).length > 0) return undefined;
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	if (!credentials.accessToken) return undefined;
	const key = createHash('sha256').update(`${String(credentials.baseUrl)}|${String(credentials.accessToken)}`).digest('hex');
	const cached = appSecretCache?.key === key ? appSecretCache : undefined;
	if (cached?.secret && now - cached.fetchedAt < APP_SECRET_TTL_MS) return cached.secret;
	if (cached && !cached.secret && now - cached.fetchedAt < APP_SECRET_RETRY_MS) return undefined;
	appSecretCache = { key, fetchedAt: now };
	try {
		appSecretCache.secret = (await getAppSecret(context)).secret;
	} catch (error) {
		context.logger.warn(`Eduzz Trigger could not fetch the app secret to verify a delivery: ${(error as Error).message}`);
	}
	return appSecretCache.secret;
}
