'use strict';
/**
 * Smoke test of the real-n8n runtime (test/support/n8nRuntime.js) on both pinned versions, using
 * n8n's built-in Webhook node only: fresh user folder, owner + API key, activate, deliver, restart,
 * deliver again. Our own node is covered by other e2e files that reuse the same module.
 *
 * Run: npx jest --selectProjects e2e test/e2e/runtime.e2e.test.js
 * (the first run installs n8n under .cache/runtime/, which takes several minutes per version).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const rt = require('../support/n8nRuntime');
const { webhookNodeWorkflow } = require('../support/eduzzWorkflows');

const webhookWorkflow = (webhookId, webhookPath) =>
	webhookNodeWorkflow({ name: `runtime smoke ${webhookId.slice(0, 8)}`, path: webhookPath, webhookId });

describe.each(Object.entries(rt.VERSIONS))('n8n runtime %s (%s)', (_label, version) => {
	let n8n;
	let userFolder;
	let keep = Boolean(process.env.N8N_E2E_KEEP); // keep the user folder (n8n.log, database) for debugging

	beforeAll(async () => {
		await rt.ensureRuntime(version);
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
		n8n = await rt.startN8n({ version, userFolder });
		await rt.setupOwner(n8n);
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (userFolder && !keep) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	/** On failure keep the user folder and append the end of n8n's log to the error. */
	const withLogs = (fn) => async () => {
		try {
			await fn();
		} catch (err) {
			keep = true;
			err.message += `\n--- ${n8n && n8n.logFile} (tail) ---\n${n8n ? n8n.logs().split('\n').slice(-40).join('\n') : ''}`;
			throw err;
		}
	};

	test(
		'built-in Webhook node receives a delivery, also after a restart',
		withLogs(async () => {
			const c = rt.client(n8n);
			const webhookId = crypto.randomUUID();
			const webhookPath = `runtime-smoke-${webhookId.slice(0, 8)}`;
			const wf = await c.createWorkflow(webhookWorkflow(webhookId, webhookPath));

			const activation = await c.activate(wf.id);
			expect(activation).toMatchObject({ status: 'published' });

			// The built-in Webhook node has `isFullPath`: its URL is /webhook/<path>, without the webhookId.
			const url = `${n8n.webhookBaseUrl}/webhook/${webhookPath}`;
			await c.waitForWebhook(url);

			const first = { hello: 'world', n: 1, version };
			const res1 = await rt.request('POST', url, { body: first });
			expect(res1.status).toBe(200);

			const [exec1] = await c.waitForExecutions(wf.id, 1);
			expect(exec1.status).toBe('success');
			expect(exec1.mode).toBe('webhook');
			expect(rt.itemsOf(exec1, 'Webhook')).toEqual([expect.objectContaining({ body: first })]);

			await n8n.restart();
			// The webhook must still be served by the restarted process (same user folder and port).
			await c.waitForWebhook(url);
			const second = { hello: 'again', n: 2 };
			const res2 = await rt.request('POST', url, { body: second });
			expect(res2.status).toBe(200);

			const execs = await c.waitForExecutions(wf.id, 2);
			expect(execs).toHaveLength(2);
			const bodies = execs.map((e) => rt.itemsOf(e, 'Webhook')[0].body);
			expect(bodies).toEqual(expect.arrayContaining([first, second]));
		}),
	);
});
