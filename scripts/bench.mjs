// @ts-check
// `npm run bench [-- --queue]`: the Eduzz Trigger against what users would build instead, in real
// n8n 2.41.1, once with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (the headline lines `name: value`)
// and once with n8n's defaults (`name[defaults]: value`); then, for each, the same package with its
// credential cache switched off, so the cache's effect is a figure of the same run.
// docs/benchmark.md explains each figure. It measures and prints; it never fails on a number.
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * What a request sends, as `setupRequest` returns it: autocannon's request with its body and
 * headers replaced.
 *
 * @typedef {object} AutocannonRequest
 * @property {string} [method]
 * @property {string} [path]
 * @property {string | Buffer} [body]
 * @property {Record<string, string>} [headers]
 */

/**
 * What this script gives autocannon: `amount` requests in all at `connections` at once, each
 * made by `setupRequest`.
 *
 * @typedef {object} AutocannonOptions
 * @property {string} url
 * @property {string} method
 * @property {number} connections
 * @property {number} amount
 * @property {{ setupRequest: (request: AutocannonRequest) => AutocannonRequest }[]} requests
 */

/**
 * What this script reads of a run's result: answers by status class, and requests sent.
 *
 * @typedef {{ '2xx': number, non2xx: number, requests: { total: number } }} AutocannonResult
 */

/**
 * What `autocannon.track` prints as a run goes (all switched off here).
 *
 * @typedef {object} AutocannonTrackOptions
 * @property {boolean} renderProgressBar
 * @property {boolean} renderResultsTable
 * @property {boolean} renderLatencyTable
 */

/**
 * The part of autocannon 8 this script uses (it ships no type declarations): a run, which calls
 * back once with its result, and `track`, which renders its progress.
 *
 * @typedef {{
 *   (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void): import('node:events').EventEmitter,
 *   track(instance: import('node:events').EventEmitter, options: AutocannonTrackOptions): void,
 * }} Autocannon
 */

/** @typedef {import('../tooling/n8n/workflows.js').Client} Client */
/** @typedef {import('../tooling/n8n/workflows.js').Credential} Credential */
/** @typedef {import('../tooling/n8n/workflows.js').Execution} Execution */
/** @typedef {import('../tooling/n8n/workflows.js').Workflow} Workflow */
/** @typedef {import('../tooling/n8n/workflows.js').WorkflowDefinition} WorkflowDefinition */
/** @typedef {import('../tooling/n8n/server.js').N8nHandle} N8nHandle */
/** @typedef {() => AutocannonRequest} Body a new body, id and signature for each request */
/** @typedef {Workflow & { url: string }} Variant a published workflow and the URL it listens on */
/**
 * Creates and publishes `workflow`, and waits until n8n answers on the URL `url(created)` gives.
 *
 * @typedef {(workflow: WorkflowDefinition, url: (created: Workflow) => string) => Promise<Variant>} Make
 */

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const autocannon = /** @type {Autocannon} */ (require('autocannon'));
const { VERSIONS, packAndInstall } = require('../tooling/n8n/provision.js');
const { startN8n } = require('../tooling/n8n/server.js');
const { setupOwner } = require('../tooling/n8n/client.js');
const { client, eduzzWorkflow, webhookNodeWorkflow } = require('../tooling/n8n/workflows.js');
const { envelope, sign } = require('../tooling/deliveries.js');
const { waitFor } = require('../tooling/wait.js');
// The compiled package (`npm run build` runs first), typed from its sources: a fresh clone has no
// dist/ when `npm run typecheck` runs.
/** @type {typeof import('../nodes/EduzzTrigger/EduzzTrigger.node.js')} */
const { EduzzTrigger } = require(path.join(ROOT, 'dist/nodes/EduzzTrigger/EduzzTrigger.node.js'));
/** @type {typeof import('../nodes/shared/transport.js')} */
const { EDUZZ_CREDENTIAL_TYPE } = require(path.join(ROOT, 'dist/nodes/shared/transport.js'));

const { values: opts } = parseArgs({
	options: {
		queue: { type: 'boolean', default: false },
		rounds: { type: 'string', default: '5' },
		deliveries: { type: 'string', default: '300' },
		connections: { type: 'string', default: '10' },
		backlog: { type: 'string', default: '2000' },
		// For diagnosis: which n8n configurations to measure (the report needs both).
		configs: { type: 'string', default: 'lazy,defaults,lazy-nocache,defaults-nocache' },
	},
});
const ROUNDS = Number(opts.rounds);
const N = Number(opts.deliveries);
const CONNECTIONS = Number(opts.connections);
const SECRET = `bench-${crypto.randomBytes(16).toString('hex')}`;
const EVENT = 'alpaclass.student_module_unfinished';

const log = (/** @type {string} */ message) => process.stderr.write(`[bench] ${message}\n`);
const median = (/** @type {number[]} */ values) =>
	[...values].sort((a, b) => a - b)[values.length >> 1];
/** @type {(value: number, digits?: number) => number} */
const round = (value, digits = 2) => Number(value.toFixed(digits));

// ---- the node's own CPU per delivery, in this process -------------------------------------------

/** CPU µs per valid delivery of the compiled node's webhook(), with a minimal n8n context. */
async function nodeMicrosecondsPerDelivery(count = 20_000) {
	const node = new EduzzTrigger();
	const bodies = Array.from({ length: count }, () => Buffer.from(JSON.stringify(envelope(EVENT))));
	/**
	 * The little of IWebhookFunctions the node's webhook() calls for a valid delivery.
	 *
	 * @param {Buffer} rawBody
	 * @returns {import('n8n-workflow').IWebhookFunctions}
	 */
	const context = (rawBody) =>
		/** @type {import('n8n-workflow').IWebhookFunctions} */ (
			/** @type {unknown} */ ({
				getRequestObject: () => ({
					rawBody,
					headers: { 'content-type': 'application/json', 'x-signature': sign(rawBody, SECRET) },
				}),
				getResponseObject: () => ({ status: () => ({ json() {} }), once() {} }),
				getNodeParameter: (/** @type {string} */ name, /** @type {unknown} */ fallback) =>
					/** @type {Record<string, unknown>} */ ({
						events: [EVENT],
						registration: 'manual',
						options: {},
					})[name] ?? fallback,
				getWorkflowStaticData: () => ({}),
				getCredentials: async () => ({ webhookSecret: SECRET }),
				getMode: () => 'webhook',
				getWorkflow: () => ({ id: 'bench', name: 'bench', active: true }),
				getNode: () => ({ id: 'node', name: 'Eduzz Trigger', credentials: {} }),
				logger: { debug() {}, warn() {} },
				helpers: {
					returnJsonArray: (/** @type {import('n8n-workflow').IDataObject[]} */ items) =>
						items.map((json) => ({ json })),
				},
			})
		);
	// Signing is the sender's work: contexts are built before the clock starts.
	const contexts = bodies.map(context);
	for (const ctx of contexts.slice(0, 2000)) await node.webhook.call(ctx);
	const before = process.cpuUsage();
	for (const ctx of contexts) await node.webhook.call(ctx);
	const used = process.cpuUsage(before);
	return (used.user + used.system) / count;
}

// ---- n8n's CPU, from /proc --------------------------------------------------------------------

const CLOCK_TICKS = 100; // USER_HZ on Linux
/**
 * CPU seconds used so far by every process of n8n's process group (n8n and its task runner).
 *
 * @param {number | undefined} pgid
 * @returns {number}
 */
function groupCpuSeconds(pgid) {
	let ticks = 0;
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			/* the process ended meanwhile */
		}
	}
	return ticks / CLOCK_TICKS;
}

// ---- load ---------------------------------------------------------------------------------------

/**
 * `count` requests from `body()` (a new body, id and signature each) at CONNECTIONS at once.
 *
 * @param {string} url
 * @param {number} count
 * @param {Body} body
 * @param {{ connections?: number }} [options]
 * @returns {Promise<AutocannonResult>}
 */
function load(url, count, body, { connections = CONNECTIONS } = {}) {
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url,
				method: 'POST',
				connections,
				amount: count,
				requests: [{ setupRequest: (request) => ({ ...request, ...body() }) }],
			},
			(error, result) => (error ? reject(error) : resolve(result)),
		);
		autocannon.track(instance, {
			renderProgressBar: false,
			renderResultsTable: false,
			renderLatencyTable: false,
		});
	});
}

const signed =
	(secret = SECRET) =>
	() => {
		const raw = JSON.stringify(envelope(EVENT));
		return {
			body: raw,
			headers: {
				'content-type': 'application/json',
				'x-signature': sign(Buffer.from(raw), secret),
			},
		};
	};

/**
 * Executions of `workflowId` that started at or after `since` (ms), newest first.
 *
 * @param {Client} c
 * @param {string} workflowId
 * @param {number} since
 * @returns {Promise<Execution[]>}
 */
async function executionsSince(c, workflowId, since) {
	/** @type {Execution[]} */
	const found = [];
	for (let cursor; ; ) {
		/** @type {{ data: Execution[], nextCursor?: string | null }} */
		const page = await c.api(
			'GET',
			`/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		for (const execution of page.data) {
			if (Date.parse(/** @type {string} */ (execution.startedAt)) < since) return found;
			found.push(execution);
		}
		cursor = page.nextCursor;
		if (!cursor) return found;
	}
}

/**
 * Sends `count` deliveries and waits until `expected` executions finished: executions per second.
 *
 * @param {Client} c
 * @param {{ id: string, name: string }} workflow
 * @param {string} url
 * @param {Body} body
 * @param {number} [count]
 * @param {number} [expected]
 * @returns {Promise<{ perSecond: number, executions: Execution[] }>}
 */
async function executionsPerSecond(c, workflow, url, body, count = N, expected = count) {
	const started = Date.now();
	await load(url, count, body);
	const finished = await waitFor(`${expected} executions of ${workflow.name}`, async (progress) => {
		const done = (await executionsSince(c, workflow.id, started)).filter((e) => e.stoppedAt);
		progress(done.length);
		return done.length >= expected ? done : undefined;
	});
	const last = Math.max(...finished.map((e) => Date.parse(/** @type {string} */ (e.stoppedAt))));
	return { perSecond: (expected * 1000) / (last - started), executions: finished };
}

// ---- the workflows users would build ----------------------------------------------------------

/** A careful user's check in a Code node: HMAC of the raw body, constant-time comparison. */
const VERIFY_IN_CODE = `const crypto = require('crypto');
const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const expected = crypto.createHmac('sha256', ${JSON.stringify(SECRET)}).update(raw).digest();
const received = Buffer.from(String($input.first().json.headers['x-signature'] || ''), 'hex');
if (received.length !== expected.length || !crypto.timingSafeEqual(received, expected)) {
	throw new Error('x-signature does not match the body');
}
return [{ json: JSON.parse(raw.toString('utf8')) }];`;

/**
 * Webhook → Code (verify) → No Operation: the same rest of the workflow as the others.
 *
 * @param {string} webhookPath
 * @returns {WorkflowDefinition & { name: string }}
 */
function webhookCodeWorkflow(webhookPath) {
	const workflow = webhookNodeWorkflow({
		name: 'Webhook → Code (HMAC)',
		path: webhookPath,
		options: { rawBody: true },
		noOp: true,
	});
	const noOp = workflow.nodes[1];
	noOp.position = [440, 0];
	workflow.nodes.splice(1, 0, {
		id: crypto.randomUUID(),
		name: 'Verify x-signature',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { jsCode: VERIFY_IN_CODE },
	});
	workflow.connections = {
		Webhook: { main: [[{ node: 'Verify x-signature', type: 'main', index: 0 }]] },
		'Verify x-signature': { main: [[{ node: noOp.name, type: 'main', index: 0 }]] },
	};
	return workflow;
}

/**
 * The control for n8n's per-execution credential checks: the Webhook node with Header Auth, the
 * simplest credentialed check n8n has. Every delivery sends `content-type: application/json`, so
 * that is the header it requires.
 *
 * @param {Client} c
 * @param {string} webhookPath
 * @returns {Promise<WorkflowDefinition & { name: string }>}
 */
async function headerAuthWorkflow(c, webhookPath) {
	const credential = await c.createCredential('httpHeaderAuth', 'Header Auth (bench)', {
		name: 'content-type',
		value: 'application/json',
	});
	const workflow = webhookNodeWorkflow({
		name: 'Webhook, Header Auth',
		path: webhookPath,
		noOp: true,
	});
	workflow.nodes[0].parameters.authentication = 'headerAuth';
	workflow.nodes[0].credentials = { httpHeaderAuth: { id: credential.id, name: credential.name } };
	return workflow;
}

/**
 * The installed package with the trigger's credential cache off (every delivery reads the
 * credential from n8n), for the `-nocache` configurations.
 *
 * @param {string} packageDir the installed package's folder
 */
function switchOffCredentialCache(packageDir) {
	const file = path.join(packageDir, 'dist', 'nodes', 'EduzzTrigger', 'credentialCache.js');
	const code = fs.readFileSync(file, 'utf8');
	const patched = code.replace(
		/exports\.CREDENTIAL_TTL_MS = [\d_]+;/,
		'exports.CREDENTIAL_TTL_MS = 0;',
	);
	if (patched === code) throw new Error(`CREDENTIAL_TTL_MS not found in ${file}`);
	fs.writeFileSync(file, patched);
}

// ---- Only For: a filtered-out delivery against an unselected one -------------------------------

/**
 * Deliveries the trigger answers 200 without an execution, both to one trigger whose "Only For"
 * names one school: events of another school (filtered_out) against events it does not select
 * (not_selected), so the two differ only in the node's answer. Alternated for ROUNDS rounds of 3 × N each (wall-clock rates here move in steps of
 * about a second per run); the medians' ratios of throughput and of n8n's CPU per delivery, and the
 * executions either started (none expected).
 *
 * @param {Client} c
 * @param {N8nHandle} n8n
 * @param {Credential} credential
 * @param {Make} make
 * @param {(workflow: Workflow) => string} triggerUrl
 * @returns {Promise<{ throughput: number, cpu: number, executions: number }>}
 */
async function measureFilteredVsUnselected(c, n8n, credential, make, triggerUrl) {
	const school = { __rl: true, mode: 'id', value: 'bench-another-school' };
	const filtered = await make(
		eduzzWorkflow({
			name: 'Eduzz Trigger (Only For another school)',
			credential,
			parameters: { onlyFor: { alpaclassSchools: { values: [{ id: school }] } } },
		}),
		triggerUrl,
	);
	const signedEvent = (/** @type {string} */ event) => () => {
		const raw = JSON.stringify(envelope(event));
		return {
			body: raw,
			headers: {
				'content-type': 'application/json',
				'x-signature': sign(Buffer.from(raw), SECRET),
			},
		};
	};
	const count = 3 * N;
	const started = Date.now();
	/** @type {{ filtered: number[], unselected: number[] }} */
	const rates = { filtered: [], unselected: [] };
	/** @type {{ filtered: number[], unselected: number[] }} */
	const cpu = { filtered: [], unselected: [] };
	for (let r = 0; r < ROUNDS; r++) {
		/** @type {['filtered' | 'unselected', string, Body][]} */
		const runs = [
			['filtered', filtered.url, signedEvent(EVENT)],
			['unselected', filtered.url, signedEvent('alpaclass.student_course_finished')],
		];
		for (const [key, url, body] of r % 2 ? runs.reverse() : runs) {
			const cpuBefore = groupCpuSeconds(n8n.pid);
			const clock = process.hrtime.bigint();
			const result = await load(url, count, body);
			const seconds = Number(process.hrtime.bigint() - clock) / 1e9;
			if (result['2xx'] !== count) throw new Error(`${key}: ${result['2xx']} of ${count} got 2xx`);
			rates[key].push(count / seconds);
			cpu[key].push((groupCpuSeconds(n8n.pid) - cpuBefore) / count);
		}
	}
	const executions = (await executionsSince(c, filtered.id, started)).length;
	log(
		`Only For: filtered ${median(rates.filtered).toFixed(1)}/s ${Math.round(median(cpu.filtered) * 1e6)} µs, unselected ${median(rates.unselected).toFixed(1)}/s ${Math.round(median(cpu.unselected) * 1e6)} µs, ${executions} executions`,
	);
	return {
		throughput: median(rates.filtered) / median(rates.unselected),
		cpu: median(cpu.filtered) / median(cpu.unselected),
		executions,
	};
}

// ---- one configuration of n8n -----------------------------------------------------------------

/**
 * One n8n: with `compare`, the trigger against the alternatives (and its own version 1); without,
 * the trigger alone (the `-nocache` runs need only its figures).
 *
 * @param {string} label the configuration, e.g. `lazy-nocache`
 * @param {Record<string, string>} env n8n's environment, over the bench's own
 * @param {{ credentialCache?: boolean, compare?: boolean }} [options]
 */
async function measureN8n(label, env, { credentialCache = true, compare = true } = {}) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-bench-${label}-`));
	const packageDir = packAndInstall(userFolder, { log });
	if (!credentialCache) switchOffCredentialCache(packageDir);
	// A user verifying HMACs in a Code node allows it the crypto module.
	const n8n = await startN8n({
		version: VERSIONS.v2,
		userFolder,
		env: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto', ...env },
		log,
	});
	try {
		await setupOwner(n8n);
		const c = client(n8n);
		const credential = await c.createCredential(EDUZZ_CREDENTIAL_TYPE, 'Eduzz (bench)', {
			webhookSecret: SECRET,
			previousWebhookSecret: '',
			accessToken: '',
			baseUrl: 'https://api.eduzz.com',
		});
		/** @type {Make} */
		const make = async (workflow, url) => {
			const created = await c.createWorkflow(workflow);
			if ((await c.activate(created.id)).status !== 'published')
				throw new Error(`could not publish ${workflow.name}`);
			const target = url(created);
			await c.waitForWebhook(target);
			return { ...created, url: target };
		};
		const triggerUrl = (/** @type {Workflow} */ wf) =>
			n8n.webhookUrl(/** @type {string} */ (wf.nodes[0].webhookId), 'webhook');
		/** @type {Record<string, Variant>} `trigger`, and with `compare` the alternatives */
		const variants = {
			trigger: await make(eduzzWorkflow({ name: 'Eduzz Trigger', credential }), triggerUrl),
		};
		if (compare) {
			// Version 1 is what a node saved before 1.1 existed (EduzzTrigger.node.ts says why 1.1).
			variants.triggerV1 = await make(
				eduzzWorkflow({ name: 'Eduzz Trigger v1', credential, typeVersion: 1 }),
				triggerUrl,
			);
			variants.code = await make(
				webhookCodeWorkflow('bench-code'),
				() => `${n8n.baseUrl}/webhook/bench-code`,
			);
			variants.webhook = await make(
				webhookNodeWorkflow({ name: 'Webhook', path: 'bench-webhook', noOp: true }),
				() => `${n8n.baseUrl}/webhook/bench-webhook`,
			);
			variants.headerAuth = await make(
				await headerAuthWorkflow(c, 'bench-header-auth'),
				() => `${n8n.baseUrl}/webhook/bench-header-auth`,
			);
		}
		log(`${label}: warming up`);
		for (const variant of Object.values(variants))
			await executionsPerSecond(c, variant, variant.url, signed(), 50);

		/** @type {Record<string, number[]>} */
		const rates = Object.fromEntries(Object.keys(variants).map((key) => [key, []]));
		/** @type {Record<string, number[]>} */
		const cpu = Object.fromEntries(Object.keys(variants).map((key) => [key, []]));
		for (let r = 0; r < ROUNDS; r++) {
			// Alternated, starting each round with another variant.
			const order = Object.keys(variants);
			for (const key of [...order.slice(r % order.length), ...order.slice(0, r % order.length)]) {
				const cpuBefore = groupCpuSeconds(n8n.pid);
				const { perSecond } = await executionsPerSecond(
					c,
					variants[key],
					variants[key].url,
					signed(),
				);
				cpu[key].push((groupCpuSeconds(n8n.pid) - cpuBefore) / N);
				rates[key].push(perSecond);
				log(`${label} round ${r + 1}: ${key} ${perSecond.toFixed(1)} executions/s`);
			}
		}

		// Forged deliveries: how fast the trigger refuses them, against the least n8n does for a
		// request (a 404 for a webhook path nobody registered), and what they start.
		// Timed here (autocannon's own duration counts whole seconds), after a warm-up, over 3 × N
		// requests: a refusal takes a few milliseconds, so N alone is over in about a second.
		/** @type {(url: string, body: Body) => Promise<AutocannonResult & { seconds: number }>} */
		const timed = async (url, body) => {
			await load(url, 50, body);
			const started = process.hrtime.bigint();
			const result = await load(url, 3 * N, body);
			return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
		};
		const unknownPath = await timed(`${n8n.baseUrl}/webhook/bench-no-such-path`, signed());
		const forgedStart = Date.now();
		const forged = await timed(variants.trigger.url, signed('not-the-secret'));
		const triggerForged = (await executionsSince(c, variants.trigger.id, forgedStart)).length;
		const perSecond = (/** @type {{ requests: { total: number }, seconds: number }} */ result) =>
			result.requests.total / result.seconds;
		log(
			`${label}: forged → trigger answered ${forged['non2xx']} non-2xx at ${perSecond(forged).toFixed(1)}/s; unknown path ${unknownPath['non2xx']} × 404 at ${perSecond(unknownPath).toFixed(1)}/s`,
		);
		const codeForged = compare
			? await executionsPerSecond(c, variants.code, variants.code.url, signed('not-the-secret'))
			: undefined;
		// The control for that floor: n8n's own Webhook node refusing a request its Header Auth does
		// not accept (403) pays n8n's cost for a registered webhook path, as the trigger's 401 does.
		const headerAuthRefused = compare
			? await timed(variants.headerAuth.url, () => ({
					// Header Auth here expects content-type application/json (headerAuthWorkflow).
					...signed()(),
					headers: { 'content-type': 'text/plain' },
				}))
			: undefined;
		// Only For's comparison needs one n8n: the lazy one (n8n's defaults add the same isolate to both).
		const onlyFor =
			compare && label === 'lazy'
				? await measureFilteredVsUnselected(c, n8n, credential, make, triggerUrl)
				: undefined;

		const trigger = median(rates.trigger);
		const versus = (/** @type {string} */ key) =>
			compare ? trigger / median(rates[key]) : undefined;
		return {
			trigger_executions_per_s: trigger,
			forged_per_s: perSecond(forged),
			vs_webhook_code_throughput: versus('code'),
			vs_webhook_node_throughput: versus('webhook'),
			vs_webhook_header_auth_throughput: versus('headerAuth'),
			version_1_1_throughput_vs_1: versus('triggerV1'),
			forged_executions_trigger: triggerForged,
			forged_executions_webhook_code: codeForged?.executions.length,
			forged_vs_valid_throughput: perSecond(forged) / trigger,
			forged_vs_unknown_path_throughput: perSecond(forged) / perSecond(unknownPath),
			header_auth_refused_vs_unknown_path_throughput:
				headerAuthRefused && perSecond(headerAuthRefused) / perSecond(unknownPath),
			filtered_vs_unselected_throughput: onlyFor?.throughput,
			filtered_vs_unselected_cpu: onlyFor?.cpu,
			filtered_or_unselected_executions: onlyFor?.executions,
			n8n_cpu_us_per_delivery: median(cpu.trigger) * 1e6,
			cpu_us: Object.fromEntries(
				Object.entries(cpu).map(([key, values]) => [key, median(values) * 1e6]),
			),
			executions_per_s: Object.fromEntries(
				Object.entries(rates).map(([key, values]) => [key, median(values)]),
			),
		};
	} finally {
		await n8n.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

// ---- queue mode: Eduzz replays a backlog ----------------------------------------------------------

/**
 * A backlog of `--backlog` deliveries sent at once to the queue-mode webhook processes: how fast
 * they are acknowledged, how fast executed, and how many acknowledged ones never succeeded.
 *
 * @returns {Promise<{
 *   queue_backlog_ack_per_s: number,
 *   queue_backlog_exec_per_s: number,
 *   queue_backlog_lost: number,
 * }>}
 */
async function measureQueue() {
	const { startQueueStack } = require('../tooling/queueStack.js');
	const backlog = Number(opts.backlog);
	const stack = await startQueueStack({
		version: VERSIONS.v2,
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		log,
	});
	try {
		await setupOwner(stack.main);
		const c = client(stack.main);
		const credential = await c.createCredential(EDUZZ_CREDENTIAL_TYPE, 'Eduzz (bench)', {
			webhookSecret: SECRET,
			previousWebhookSecret: '',
			accessToken: '',
			baseUrl: 'https://api.eduzz.com',
		});
		const workflow = await c.createWorkflow(
			eduzzWorkflow({ name: 'Eduzz Trigger (queue)', credential }),
		);
		if ((await c.activate(workflow.id)).status !== 'published')
			throw new Error('could not publish the queue workflow');
		const urls = stack.webhookUrls(/** @type {string} */ (workflow.nodes[0].webhookId), 'webhook');
		for (const url of urls) await c.waitForWebhook(url);

		/** @type {Set<string>} */
		const sent = new Set();
		const body = () => {
			const event = envelope(EVENT);
			sent.add(event.id);
			const raw = JSON.stringify(event);
			return {
				body: raw,
				headers: {
					'content-type': 'application/json',
					'x-signature': sign(Buffer.from(raw), SECRET),
				},
			};
		};
		const started = Date.now();
		const answers = await Promise.all(urls.map((url) => load(url, backlog / urls.length, body)));
		const acknowledged = answers.reduce((sum, answer) => sum + answer['2xx'], 0);
		const ackSeconds = (Date.now() - started) / 1000;
		const executions = await waitFor(`${acknowledged} executions`, async (progress) => {
			const done = (await executionsSince(c, workflow.id, started)).filter((e) => e.stoppedAt);
			progress(done.length);
			return done.length >= acknowledged ? done : undefined;
		});
		const first = Math.min(
			...executions.map((e) => Date.parse(/** @type {string} */ (e.startedAt))),
		);
		const last = Math.max(
			...executions.map((e) => Date.parse(/** @type {string} */ (e.stoppedAt))),
		);
		log(
			`queue: ${acknowledged} of ${backlog} acknowledged in ${ackSeconds.toFixed(1)} s, ${executions.length} executions, ${executions.filter((e) => e.status !== 'success').length} not successful`,
		);
		return {
			queue_backlog_ack_per_s: acknowledged / ackSeconds,
			queue_backlog_exec_per_s: (executions.length * 1000) / (last - first),
			queue_backlog_lost: acknowledged - executions.filter((e) => e.status === 'success').length,
		};
	} finally {
		await stack.stop();
	}
}

// ---- report -----------------------------------------------------------------------------------

const nodeUs = await nodeMicrosecondsPerDelivery();
log(`the node's webhook(): ${nodeUs.toFixed(1)} µs of CPU per valid delivery`);
const configs = opts.configs.split(',');
/** @type {Record<string, Record<string, string>>} n8n's environment of each configuration */
const ENVIRONMENTS = { lazy: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, defaults: {} };
/** @typedef {Awaited<ReturnType<typeof measureN8n>>} Measurement measureN8n's figures */
/**
 * The figures of a configuration measured with `compare` (each of ENVIRONMENTS): its comparisons
 * are all there (Only For's only for `lazy`).
 *
 * @typedef {Measurement & Record<'vs_webhook_code_throughput' | 'vs_webhook_node_throughput' | 'vs_webhook_header_auth_throughput' | 'version_1_1_throughput_vs_1' | 'header_auth_refused_vs_unknown_path_throughput', number>} ComparedMeasurement
 */
/** @type {Record<string, Measurement>} by configuration */
const measured = {};
for (const config of configs) {
	const [environment, variant] = config.split('-');
	measured[config] = await measureN8n(config, ENVIRONMENTS[environment], {
		credentialCache: variant !== 'nocache',
		compare: variant !== 'nocache',
	});
}
/** @type {string[]} */
const lines = [];
for (const environment of Object.keys(ENVIRONMENTS)) {
	// ENVIRONMENTS' configurations are measured with `compare`.
	const r = /** @type {ComparedMeasurement | undefined} */ (measured[environment]);
	if (!r) continue;
	const suffix = environment === 'lazy' ? '' : `[${environment}]`;
	const print = (/** @type {string} */ name, /** @type {unknown} */ value) =>
		lines.push(`${name}${suffix}: ${value}`);
	print('vs_webhook_code_throughput', round(r.vs_webhook_code_throughput));
	print('vs_webhook_node_throughput', round(r.vs_webhook_node_throughput));
	print('vs_webhook_header_auth_throughput', round(r.vs_webhook_header_auth_throughput));
	print('forged_executions', r.forged_executions_trigger);
	print('forged_executions_webhook_code', r.forged_executions_webhook_code);
	print('forged_vs_valid_throughput', round(r.forged_vs_valid_throughput));
	print('forged_vs_unknown_path_throughput', round(r.forged_vs_unknown_path_throughput));
	print(
		'header_auth_refused_vs_unknown_path_throughput',
		round(r.header_auth_refused_vs_unknown_path_throughput),
	);
	if (r.filtered_vs_unselected_throughput !== undefined) {
		print('filtered_vs_unselected_throughput', round(r.filtered_vs_unselected_throughput));
		// Only For's figures come together: with its throughput, its CPU is there too.
		print(
			'filtered_vs_unselected_cpu',
			round(/** @type {number} */ (r.filtered_vs_unselected_cpu)),
		);
		print('filtered_or_unselected_executions', r.filtered_or_unselected_executions);
	}
	print('node_share_of_n8n_cost', round(nodeUs / r.n8n_cpu_us_per_delivery, 4));
	print('version_1_1_throughput_vs_1', round(r.version_1_1_throughput_vs_1));
	const off = measured[`${environment}-nocache`];
	if (off) {
		// What the credential cache saves: the same deliveries with every credential read from n8n.
		print(
			'credential_cache_throughput_vs_off',
			round(r.trigger_executions_per_s / off.trigger_executions_per_s),
		);
		print('credential_cache_forged_vs_off', round(r.forged_per_s / off.forged_per_s));
		print(
			'forged_vs_unknown_path_throughput_cache_off',
			round(off.forged_vs_unknown_path_throughput),
		);
	}
	print(
		'executions_per_s',
		Object.entries(r.executions_per_s)
			.map(([key, value]) => `${key}=${value.toFixed(1)}`)
			.join(' '),
	);
	print(
		'n8n_cpu_us_per_delivery',
		Object.entries(r.cpu_us)
			.map(([key, value]) => `${key}=${Math.round(value)}`)
			.join(' '),
	);
}
lines.push(`node_cpu_us_per_delivery: ${nodeUs.toFixed(1)}`);
if (opts.queue) {
	const q = await measureQueue();
	lines.push(
		`queue_backlog_ack_per_s: ${round(q.queue_backlog_ack_per_s, 1)}`,
		`queue_backlog_exec_per_s: ${round(q.queue_backlog_exec_per_s, 1)}`,
		`queue_backlog_lost: ${q.queue_backlog_lost}`,
	);
}
console.log(lines.join('\n'));

// The docs quote the last run as printed: docs/benchmark.md and the READMEs' performance blocks.
const START = '<!-- bench:start (written by npm run bench) -->';
const END = '<!-- bench:end -->';
const about = `n8n ${VERSIONS.v2}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${ROUNDS} rounds of ${N} deliveries at ${CONNECTIONS} connections${opts.queue ? `, queue backlog ${opts.backlog}` : ''}`;
for (const file of [
	'docs/benchmark.md',
	'docs/n8n-webhook-isolate.md',
	'README.md',
	'README.pt-BR.md',
]) {
	const target = path.join(ROOT, file);
	const text = fs.readFileSync(target, 'utf8');
	const from = text.indexOf(START);
	const to = text.indexOf(END);
	if (from === -1 || to === -1) continue;
	fs.writeFileSync(
		target,
		`${text.slice(0, from)}${START}\n\`\`\`text\n# ${about}\n${lines.join('\n')}\n\`\`\`\n${text.slice(to)}`,
	);
	log(`wrote the report into ${file}`);
}
