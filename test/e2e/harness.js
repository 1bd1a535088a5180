'use strict';
/**
 * What every e2e file shares: the n8n versions to test (env E2E_N8N_VERSIONS, comma-separated;
 * default both pinned ones), a fresh n8n with the packed package, and the fake Eduzz that knows
 * the node's own events. `npm run test:e2e` builds dist/ first, which the package is packed from.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { VERSIONS, packAndInstall } = require('../../tooling/n8n/provision');
const { startN8n } = require('../../tooling/n8n/server');
const { setupOwner } = require('../../tooling/n8n/client');
const { client } = require('../../tooling/n8n/workflows');
const { withEvents } = require('../../tooling/fakeEduzz');
const { EVENTS } = require('../../nodes/shared/events');

const versions = (process.env.E2E_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');

/**
 * n8n `version` on a new user folder holding the `npm pack`ed package (changed by
 * `adjustPackage(dir)` if given), with an owner and an API key. Resolves `{ n8n, c, stop }`: the startN8n handle, its client, and a `stop()` that also
 * deletes the user folder (kept, with n8n.log, when E2E_KEEP=1).
 */
async function startTestN8n(version, { env, label = 'e2e', adjustPackage } = {}) {
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

module.exports = { versions, startTestN8n, startFakeEduzz: withEvents(EVENTS) };
