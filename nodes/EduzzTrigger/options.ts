import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

interface TriggerOptions {
	maxBodyBytes: number;
	rejectInvalidPayloads: boolean;
	requestSampleOnTest: boolean;
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
	};
}
