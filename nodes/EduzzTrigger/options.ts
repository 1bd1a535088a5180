import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { RegistrationStaticData } from './registration';

export interface TriggerOptions {
	maxBodyBytes: number;
	rejectInvalidPayloads: boolean;
	requestSampleOnTest: boolean;
	skipRedeliveries: boolean;
}

export const DEFAULT_MAX_BODY_KB = 1024;

/** The node's "Options" collection with its defaults applied. */
export function readOptions(context: Pick<IWebhookFunctions, 'getNodeParameter'>): TriggerOptions {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const maxBodySizeKb = Number(options.maxBodySizeKb ?? DEFAULT_MAX_BODY_KB);
	return {
		maxBodyBytes: Math.floor((maxBodySizeKb > 0 ? maxBodySizeKb : DEFAULT_MAX_BODY_KB) * 1024),
		rejectInvalidPayloads: options.rejectInvalidPayloads === true,
		requestSampleOnTest: options.requestSampleOnTest !== false,
		skipRedeliveries: options.skipRedeliveries === true,
	};
}

/**
 * Keys a delivery may be signed with: the app secret stored by automatic registration for each
 * registered URL, then the credential's current and previous key (rotation). Duplicates removed.
 */
export function secretsFor(
	credentials: ICredentialDataDecryptedObject,
	staticData: RegistrationStaticData,
): string[] {
	const secrets: string[] = [];
	// Runs for every delivery: a loop, not a Set; there are at most a handful of keys.
	const add = (secret: unknown) => {
		if (typeof secret === 'string' && secret !== '' && !secrets.includes(secret)) secrets.push(secret);
	};
	for (const url in staticData.registrations) add(staticData.registrations[url].secret);
	add(String(credentials.webhookSecret ?? ''));
	add(String(credentials.previousWebhookSecret ?? ''));
	return secrets;
}
