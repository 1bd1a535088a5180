import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { EDUZZ_CREDENTIAL_TYPE } from '../shared/transport';

/*
 * Saves one credential read per production delivery: n8n's getCredentials() reads the database,
 * decrypts and applies the type's defaults (and in n8n 2.x acquires an expression isolate) every
 * time, and webhook() needs the secret for forged deliveries too. Measured by `npm run bench` against
 * the cache switched off (docs/benchmark.md, credential_cache_*_vs_off): with n8n's defaults valid
 * deliveries run 1.34× and forged ones are refused 1.63× as fast; with lazy isolates 1.12× and
 * 1.33×. The editor's test deliveries always read the credential fresh.
 *
 * The price: a secret replaced or removed in n8n still verifies deliveries for at most
 * CREDENTIAL_TTL_MS. A delivery signed with a key saved less than CREDENTIAL_REFRESH_AFTER_MS ago
 * can be refused (401) once; Eduzz retries it a minute later (README, "Security model").
 */

/** How long production deliveries reuse a decrypted credential. */
export const CREDENTIAL_TTL_MS = 10_000;
/** A refused signature reads the credential again, at most this often per node. */
export const CREDENTIAL_REFRESH_AFTER_MS = 5_000;
/** Bounds the cache across all workflows of one n8n process. */
const MAX_CACHED_CREDENTIALS = 1000;

interface CachedCredentials {
	data: ICredentialDataDecryptedObject;
	fetchedAt: number;
}

const cache = new Map<string, CachedCredentials>();

type CredentialContext = Pick<
	IWebhookFunctions,
	'getCredentials' | 'getNode' | 'getWorkflow' | 'getMode'
>;

/** Workflow, node and credential: a credential swapped on the node is another entry. */
function cacheKey(context: CredentialContext): string {
	const node = context.getNode();
	const credentialId = node.credentials?.[EDUZZ_CREDENTIAL_TYPE]?.id ?? '';
	return `${context.getWorkflow().id ?? ''}\u0000${node.id ?? node.name}\u0000${credentialId}`;
}

/**
 * The node's Eduzz credential for a delivery: from the cache when it is younger than
 * CREDENTIAL_TTL_MS (production only), else read from n8n. `refresh` reads it in any case; the
 * caller limits that to cached copies at least CREDENTIAL_REFRESH_AFTER_MS old.
 */
export async function credentialsForDelivery(
	context: CredentialContext,
	now: number,
	refresh = false,
): Promise<CachedCredentials> {
	const read = async () => ({
		data: await context.getCredentials<ICredentialDataDecryptedObject>(EDUZZ_CREDENTIAL_TYPE),
		fetchedAt: now,
	});
	if (context.getMode() !== 'webhook') return await read();
	const key = cacheKey(context);
	const cached = cache.get(key);
	if (cached && !refresh && now - cached.fetchedAt < CREDENTIAL_TTL_MS) return cached;

	const entry = await read();
	cache.delete(key); // re-insert: Map order is then oldest first
	cache.set(key, entry);
	if (cache.size > MAX_CACHED_CREDENTIALS) cache.delete(cache.keys().next().value as string);
	return entry;
}
