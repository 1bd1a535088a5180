import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The credential type of the Eduzz nodes (credentials/EduzzApi.credentials.ts). */
export const EDUZZ_CREDENTIAL_TYPE = 'eduzzApi';

/** Eduzz's public API. */
export const DEFAULT_BASE_URL = 'https://api.eduzz.com';

/** The credential's API address without a trailing slash. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
}
