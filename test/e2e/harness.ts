/**
 * What every e2e file shares: the n8n versions to test (env E2E_N8N_VERSIONS, comma-separated;
 * default both pinned ones), a fresh n8n with the packed package, and the fake Eduzz that knows
 * the node's own events. `npm run test:e2e` builds dist/ first, which the package is packed from.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { VERSIONS, packAndInstall } from '../../tooling/n8n/provision';
import { startN8n, type N8nHandle } from '../../tooling/n8n/server';
import { setupOwner } from '../../tooling/n8n/client';
import { client, type Client } from '../../tooling/n8n/workflows';
import { withEvents } from '../../tooling/fakeEduzz';
import { EVENTS } from '../../nodes/shared/events';

export const versions = (process.env.E2E_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(
	',',
);

/** A started test n8n: the startN8n handle, its client, and `stop()`. */
export interface TestN8n {
	n8n: N8nHandle;
	c: Client;
	stop: () => Promise<void>;
}

/**
 * n8n `version` on a new user folder holding the `npm pack`ed package (changed by
 * `adjustPackage(dir)` if given), with an owner and an API key. Resolves `{ n8n, c, stop }`: the startN8n handle, its client, and a `stop()` that also
 * deletes the user folder (kept, with n8n.log, when E2E_KEEP=1).
 */
export async function startTestN8n(
	version: string,
	{
		env,
		label = 'e2e',
		adjustPackage,
	}: { env?: NodeJS.ProcessEnv; label?: string; adjustPackage?: (dir: string) => void } = {},
): Promise<TestN8n> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-${label}-${version}-`));
	const installed = packAndInstall(userFolder);
	// A test may change the installed package to stand for a future n8n (or a broken build).
	adjustPackage?.(installed);
	const n8n = await startN8n({ version, userFolder, env });
	const stop = async () => {
		await n8n.stop();
		if (!process.env.E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		await setupOwner(n8n);
	} catch (error) {
		await stop();
		throw error;
	}
	return { n8n, c: client(n8n), stop };
}

export const startFakeEduzz = withEvents(EVENTS);
