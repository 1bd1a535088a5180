// `npm run bench`: the Eduzz Trigger's performance report. Not a test: it measures and prints,
// it never fails on a number. See docs/benchmark.md for what each number means.
//
// 1. Micro (this process): the COMPILED node's webhook() from dist/ on a hand-made context, against
//    the floor (createHmac + timingSafeEqual + JSON.parse) on the same bytes, interleaved.
// 2. Macro (one real n8n 2.41.1, the e2e runtime): Eduzz Trigger vs built-in Webhook node under
//    autocannon at 20 connections, alternated in rounds; then forged (401) vs valid deliveries on
//    the Eduzz workflow, and how many executions the forged requests created.
//
// Ends with exactly four lines: handler_vs_floor, n8n_throughput_vs_webhook_node,
// forged_vs_valid_throughput, forged_executions.
//
// Options (also as env BENCH_*): --micro-only, --macro-only, --rounds N (6), --round-seconds S (10),
// --warmup-seconds S (5), --micro-seconds S (scale of the micro run, 12), --dist DIR (a candidate
// build to measure instead of ./dist, micro and macro), --n8n-config throughput,defaults (which n8n
// configurations to measure, the first one gives the headline lines), --n8n-env K=V,K=V (extra n8n
// settings, for diagnosis), --keep (keep n8n's user folder). Run `npm run build` after changing nodes/.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------
function option(name, fallback) {
	const argv = process.argv.slice(2);
	const i = argv.indexOf(`--${name}`);
	if (i !== -1) {
		const next = argv[i + 1];
		return next === undefined || next.startsWith('--') ? true : next;
	}
	const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
	return env === undefined || env === '' ? fallback : env;
}
const OPTS = {
	microOnly: Boolean(option('micro-only', false)),
	macroOnly: Boolean(option('macro-only', false)),
	rounds: Math.max(1, Number(option('rounds', 6))),
	roundSeconds: Math.max(1, Number(option('round-seconds', 10))),
	warmupSeconds: Math.max(1, Number(option('warmup-seconds', 5))),
	microSeconds: Math.max(1, Number(option('micro-seconds', 12))),
	dist: path.resolve(ROOT, String(option('dist', 'dist'))),
	keep: Boolean(option('keep', false)),
	// Extra n8n settings for diagnosis, e.g. --n8n-env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (comma-separated).
	n8nEnv: Object.fromEntries(
		String(option('n8n-env', ''))
			.split(',')
			.filter((kv) => kv.includes('='))
			.map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1).trim()]),
	),
};
const CONNECTIONS = 20; // Eduzz's maximum concurrent deliveries per configuration
const SECRET = `bench-${crypto.randomBytes(24).toString('hex')}`;
const EVENT = 'alpaclass.student_module_unfinished';

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** Prints rows as an aligned text table (first row = header). */
function table(rows) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
	const line = (r) =>
		r
			.map((cell, c) =>
				c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
			)
			.join('  ');
	return [
		line(rows[0]),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...rows.slice(1).map(line),
	].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Bodies: the same bytes for the micro and the macro benchmark
// ---------------------------------------------------------------------------------------------
const { envelope, moduleUnfinishedData } = require('../tooling/deliveries.js');

const sign = (raw, secret = SECRET) =>
	crypto.createHmac('sha256', secret).update(raw).digest('hex');

/** A ~500-byte signed alpaclass.student_module_unfinished, as Eduzz sends it. */
const SMALL = Buffer.from(
	JSON.stringify(envelope(EVENT, moduleUnfinishedData, 'q8rztm2ynl8dwe7454941xzr5')),
);

/** The same event grown to ~50 KB with fields the schema does not know (passthrough keeps them). */
const LARGE = (() => {
	const lessons = [];
	const build = () =>
		Buffer.from(
			JSON.stringify(
				envelope(
					EVENT,
					{ ...moduleUnfinishedData, module: { ...moduleUnfinishedData.module, lessons } },
					'q8rztm2ynl8dwe7454941xzr6',
				),
			),
		);
	let raw = build();
	for (let i = 0; raw.length < 50 * 1024; i++) {
		lessons.push({
			id: crypto.createHash('md5').update(String(i)).digest('hex'),
			name: `Aula ${i + 1}: Princípios da Programação Orientada a Objetos`,
			durationSeconds: 600 + i,
			finished: i % 2 === 0,
		});
		raw = build();
	}
	return raw;
})();

function headersFor(raw, { forged = false } = {}) {
	return {
		'content-type': 'application/json',
		'user-agent': 'Eduzz Webhook',
		'x-subscription': `benchsubscription00000000:${EVENT}`,
		'x-delivery-attempt': '1',
		// Forged: well-formed (64 hex), so the node does the full HMAC + compare before refusing.
		'x-signature': forged ? sign(raw, 'not-the-secret') : sign(raw),
	};
}

// ---------------------------------------------------------------------------------------------
// 1. Micro-benchmark
// ---------------------------------------------------------------------------------------------
function loadNode() {
	const file = path.join(OPTS.dist, 'nodes', 'EduzzTrigger', 'EduzzTrigger.node.js');
	if (!fs.existsSync(file)) {
		if (OPTS.dist !== path.join(ROOT, 'dist')) throw new Error(`${file} missing`);
		log('dist/ missing: npm run build');
		execFileSync('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	}
	const { EduzzTrigger } = require(file);
	return { trigger: new EduzzTrigger(), file };
}

/**
 * The minimal IWebhookFunctions the node uses (same shape as test/support/mockWebhookContext.ts):
 * a request carrying the raw bytes and headers as n8n hands them over, a response that records
 * what the node answered, the node's parameters, the credential, static data, a logger, helpers.
 */
function makeContext(raw, headers) {
	const request = { headers, rawBody: raw, body: undefined, readRawBody: async () => {} };
	const response = {
		statusCode: 200,
		body: undefined,
		status(code) {
			this.statusCode = code;
			return this;
		},
		json(body) {
			this.body = body;
			return this;
		},
	};
	const parameters = { events: [EVENT], registration: 'manual', options: {} };
	const credentials = {
		webhookSecret: SECRET,
		previousWebhookSecret: '',
		accessToken: '',
		baseUrl: 'https://api.eduzz.com',
	};
	const staticData = {};
	const noop = () => {};
	return {
		response,
		getNode: () => ({
			id: 'b3f1c0de-0000-4000-8000-000000000001',
			name: 'Eduzz Trigger',
			typeVersion: 1,
			type: 'n8n-nodes-eduzz-webhooks.eduzzTrigger',
			credentials: { eduzzWebhookApi: { id: 'bench-credential', name: 'Eduzz (bench)' } },
		}),
		getWorkflow: () => ({ id: 'bench-workflow', name: 'bench', active: true }),
		getMode: () => 'webhook',
		getRequestObject: () => request,
		getResponseObject: () => response,
		getHeaderData: () => headers,
		getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
		getCredentials: async () => credentials,
		getWorkflowStaticData: () => staticData,
		logger: { debug: noop, info: noop, warn: noop, error: noop },
		helpers: {
			// n8n's returnJsonArray: wrap every object as { json }.
			returnJsonArray: (items) =>
				(Array.isArray(items) ? items : [items]).map((json) => ({ json })),
		},
	};
}

let sink = 0; // keeps results alive so no loop is optimised away

/** The floor: what any verifying receiver must do with these bytes. */
function floorOnce(raw, signatureHex, parse) {
	const expected = crypto.createHmac('sha256', SECRET).update(raw).digest();
	const ok = crypto.timingSafeEqual(expected, Buffer.from(signatureHex, 'hex'));
	if (parse) sink += JSON.parse(raw.toString('utf8')) === null ? 1 : 0;
	return ok;
}

/** µs per call, wall clock; `cpu` receives the process CPU time per call (robust to preemption). */
function timeSync(n, fn, cpu) {
	const c0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < n; i++) fn();
	const wall = Number(process.hrtime.bigint() - t0) / 1e3 / n;
	if (cpu) {
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / n);
	}
	return wall;
}

async function timeAsync(n, fn, cpu) {
	const c0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < n; i++) await fn();
	const wall = Number(process.hrtime.bigint() - t0) / 1e3 / n;
	if (cpu) {
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / n);
	}
	return wall;
}

/** Checks one call of each scenario does what it should before timing it. */
async function checkScenario(trigger, name, ctx, expectEmit) {
	const out = await trigger.webhook.call(ctx);
	if (expectEmit) {
		const item = out?.workflowData?.[0]?.[0]?.json;
		if (!item || item.event !== EVENT || item.delivery?.schemaValid !== true) {
			throw new Error(
				`micro ${name}: webhook() did not emit a valid item: ${JSON.stringify(out).slice(0, 300)}`,
			);
		}
	} else if (!out?.noWebhookResponse || ctx.response.statusCode !== 401) {
		throw new Error(
			`micro ${name}: expected a 401, got ${ctx.response.statusCode} ${JSON.stringify(out)}`,
		);
	}
}

/**
 * Handler and floor on the same bytes, interleaved: every sample times one batch of each (order
 * alternating), so both see the same CPU conditions. Returns per-call µs samples of each.
 */
async function measurePair({ trigger, raw, forged, parseInFloor, seconds }) {
	const headers = headersFor(raw, { forged });
	const ctx = makeContext(raw, headers);
	const sig = headers['x-signature'];
	const handler = () => trigger.webhook.call(ctx);
	const floor = () => floorOnce(raw, sig, parseInFloor);
	// Warm-up (JIT, inline caches), then size batches to ~4 ms of handler time.
	const warmUntil = Date.now() + Math.min(2000, seconds * 200);
	let perCall = Infinity; // the fastest warm-up batch: preemption by other processes only slows one down
	while (Date.now() < warmUntil) {
		perCall = Math.min(perCall, await timeAsync(50, handler));
		timeSync(50, floor);
	}
	const batch = Math.max(5, Math.round(4000 / perCall));
	const handlerUs = [];
	const floorUs = [];
	const handlerCpu = [];
	const floorCpu = [];
	const until = Date.now() + seconds * 1000;
	for (let s = 0; Date.now() < until || s < 30; s++) {
		if (s % 2 === 0) {
			floorUs.push(timeSync(batch, floor, floorCpu));
			handlerUs.push(await timeAsync(batch, handler, handlerCpu));
		} else {
			handlerUs.push(await timeAsync(batch, handler, handlerCpu));
			floorUs.push(timeSync(batch, floor, floorCpu));
		}
	}
	return { handlerUs, floorUs, handlerCpu, floorCpu, batch };
}

/** Where the handler's time goes, from the compiled modules (informational, for profiling). */
async function breakdown(raw, seconds) {
	const dir = path.join(OPTS.dist, 'nodes', 'EduzzTrigger');
	const { verifySignature } = require(path.join(dir, 'signature.js'));
	const { parseEnvelope, valueNestsDeeperThan = () => false } = require(path.join(dir, 'envelope.js'));
	// Builds from before the structural check (events/fastCheck.js) have no fast path to time.
	let fastCheckFor = () => undefined;
	try {
		({ fastCheckFor } = require(path.join(dir, 'events', 'fastCheck.js')));
	} catch {
		/* older build */
	}
	const { handleDelivery } = require(path.join(dir, 'delivery.js'));
	const { findEvent } = require(path.join(dir, 'events', 'index.js'));
	const headers = headersFor(raw);
	const sig = headers['x-signature'];
	const secrets = [SECRET];
	const parsed = JSON.parse(raw.toString('utf8'));
	const data = parsed.data;
	const schema = findEvent(EVENT).schema;
	const fastCheck = fastCheckFor(schema) ?? (() => 'undecided');
	const config = {
		secrets,
		events: new Set([EVENT]),
		rejectInvalidPayloads: false,
		maxBodyBytes: 1024 * 1024,
	};
	const parts = {
		'createHmac+timingSafeEqual': () => floorOnce(raw, sig, false),
		'JSON.parse (utf8 decode + parse)': () => (sink += JSON.parse(raw.toString('utf8')) ? 1 : 0),
		'verifySignature()': () => (sink += verifySignature(raw, sig, secrets).valid ? 1 : 0),
		'valueNestsDeeperThan() depth walk': () => (sink += valueNestsDeeperThan(parsed, 64) ? 1 : 0),
		'parseEnvelope() (parse + depth walk)': () => (sink += parseEnvelope(raw).ok ? 1 : 0),
		'fastCheck(data) (compiled from the zod schema)': () => (sink += fastCheck(data) === 'valid' ? 1 : 0),
		'zod safeParse(data) (fallback; not run when the fast check passes)': () => (sink += schema.safeParse(data).success ? 1 : 0),
		'handleDelivery() (all of the above)': () =>
			(sink +=
				handleDelivery({ rawBody: raw, headers, receivedAt: new Date() }, config).kind === 'emit'
					? 1
					: 0),
	};
	const samples = Object.fromEntries(Object.keys(parts).map((k) => [k, []]));
	// Warm up each part, then size its batch to ~2 ms.
	const batches = Object.fromEntries(
		Object.entries(parts).map(([k, fn]) => {
			let us = 1;
			for (let i = 0; i < 5; i++) us = timeSync(Math.max(2, Math.round(2000 / us)), fn);
			return [k, Math.max(2, Math.round(2000 / us))];
		}),
	);
	const until = Date.now() + seconds * 1000;
	for (let s = 0; Date.now() < until || s < 20; s++) {
		for (const [k, fn] of Object.entries(parts)) samples[k].push(timeSync(batches[k], fn));
	}
	return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

async function micro() {
	const { trigger, file } = loadNode();
	log(
		`micro: ${path.relative(ROOT, file)} on Node ${process.version}; bodies ${SMALL.length} B and ${LARGE.length} B`,
	);
	const scenarios = [
		{
			key: 'valid500',
			label: `valid ${SMALL.length} B module_unfinished`,
			raw: SMALL,
			forged: false,
			parseInFloor: true,
			share: 0.5,
		},
		{
			key: 'forged500',
			label: `forged ${SMALL.length} B (401)`,
			raw: SMALL,
			forged: true,
			parseInFloor: false,
			share: 0.2,
		},
		{
			key: 'valid50k',
			label: `valid ${(LARGE.length / 1024).toFixed(1)} KB module_unfinished`,
			raw: LARGE,
			forged: false,
			parseInFloor: true,
			share: 0.3,
		},
	];
	for (const sc of scenarios) {
		await checkScenario(
			trigger,
			sc.key,
			makeContext(sc.raw, headersFor(sc.raw, { forged: sc.forged })),
			!sc.forged,
		);
	}
	const results = {};
	for (const sc of scenarios) {
		log(`micro: ${sc.label} …`);
		const r = await measurePair({ trigger, ...sc, seconds: OPTS.microSeconds * sc.share });
		const ratios = r.handlerUs.map((h, i) => h / r.floorUs[i]);
		results[sc.key] = {
			...sc,
			handler: median(r.handlerUs),
			handlerP90: percentile(r.handlerUs, 90),
			floor: median(r.floorUs),
			ratio: median(r.handlerUs) / median(r.floorUs),
			pairedRatio: median(ratios),
			cpuRatio: median(r.handlerCpu) / median(r.floorCpu),
			samples: r.handlerUs.length,
			batch: r.batch,
		};
	}
	log('micro: breakdown of the valid paths …');
	const parts = {
		small: await breakdown(SMALL, Math.max(2, OPTS.microSeconds * 0.15)),
		large: await breakdown(LARGE, Math.max(2, OPTS.microSeconds * 0.15)),
	};
	return { results, parts, nodeVersion: process.version };
}

function printMicro(m) {
	const rows = [
		[
			'micro-benchmark (µs per event, medians)',
			'webhook()',
			'p90',
			'floor',
			'ratio',
			'paired',
			'cpu-time',
			'samples×batch',
		],
	];
	for (const r of Object.values(m.results)) {
		rows.push([
			r.label,
			f2(r.handler),
			f2(r.handlerP90),
			f2(r.floor),
			f2(r.ratio),
			f2(r.pairedRatio),
			f2(r.cpuRatio),
			`${r.samples}×${r.batch}`,
		]);
	}
	console.log(table(rows));
	console.log(
		`  floor = createHmac(sha256) + timingSafeEqual + JSON.parse(utf8) on the same bytes (401 row: no JSON.parse); ` +
			`ratio = median webhook() / median floor (wall clock; the headline); paired = median of per-sample ratios; ` +
			`cpu-time = the same ratio from process CPU time (insensitive to preemption by other processes). Node ${m.nodeVersion}.`,
	);
	const partRows = [
		[
			'where a valid delivery goes (µs, medians; compiled modules)',
			`${SMALL.length} B`,
			`${(LARGE.length / 1024).toFixed(1)} KB`,
		],
	];
	for (const k of Object.keys(m.parts.small))
		partRows.push([k, f2(m.parts.small[k]), f2(m.parts.large[k])]);
	console.log(`\n${table(partRows)}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Macro-benchmark in real n8n
// ---------------------------------------------------------------------------------------------
const N8N_ENV = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
	// Left at n8n's defaults, stated in the report: EXECUTIONS_DATA_SAVE_ON_ERROR=all,
	// EXECUTIONS_MODE=regular, DB_TYPE=sqlite, N8N_CONCURRENCY_PRODUCTION_LIMIT=-1 (unlimited).
	N8N_LOG_LEVEL: 'warn',
	...OPTS.n8nEnv,
};

/**
 * The n8n configurations measured. "throughput" (the headline) also sets n8n's
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true: n8n 2.41 then builds an expression isolate only when an
 * expression is evaluated. With n8n's default it builds one for the webhook phase of every request
 * to any trigger except its own Webhook node, which costs a community trigger one isolate more
 * than the Webhook node per request, forged ones included (docs/benchmark.md). "defaults" measures
 * that too.
 */
const N8N_CONFIGS = {
	throughput: { ...N8N_ENV, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', ...OPTS.n8nEnv },
	defaults: N8N_ENV,
};
const CONFIG_NAMES = String(option('n8n-config', 'throughput,defaults'))
	.split(',')
	.map((name) => name.trim())
	.filter((name) => {
		if (N8N_CONFIGS[name]) return true;
		throw new Error(`--n8n-config: unknown configuration "${name}" (throughput, defaults)`);
	});


function cannon(url, { raw, headers, seconds }) {
	const autocannon = require('autocannon');
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url,
				method: 'POST',
				body: raw,
				headers,
				connections: CONNECTIONS,
				pipelining: 1,
				duration: seconds,
				timeout: 30,
			},
			(err, result) => (err ? reject(err) : resolve(result)),
		);
	});
}

/** One autocannon run → the numbers we keep. Throughput counts only the expected status. */
function summarize(result, expectedStatus) {
	const ok = result.statusCodeStats?.[expectedStatus]?.count ?? 0;
	const other = Object.entries(result.statusCodeStats ?? {})
		.filter(([code]) => Number(code) !== expectedStatus)
		.map(([code, v]) => `${code}×${v.count}`);
	if (result.errors) other.push(`errors×${result.errors}`);
	if (result.timeouts) other.push(`timeouts×${result.timeouts}`);
	return {
		rps: ok / result.duration,
		ok,
		unexpected: other.join(' '),
		p50: result.latency.p50,
		p99: result.latency.p99,
		duration: result.duration,
	};
}

/** The probe workflow saves its executions: the id of its newest one, after it appeared. */
async function probe(c, probeUrl, probeWorkflowId, previousId) {
	const res = await runtimeModule().request('POST', probeUrl, { body: { probe: Date.now() } });
	if (res.status !== 200)
		throw new Error(`probe delivery answered ${res.status}: ${res.text.slice(0, 200)}`);
	const started = Date.now();
	for (;;) {
		const page = await c.api('GET', `/executions?workflowId=${probeWorkflowId}&limit=5`);
		const newest = Math.max(0, ...page.data.map((e) => Number(e.id)));
		if (newest > (previousId ?? 0)) return newest;
		if (Date.now() - started > 30000)
			throw new Error('the probe execution did not appear within 30 s');
		await sleep(100);
	}
}

/** Waits until n8n has no execution in flight (its active-executions list is empty), bounded. */
async function quiesce(c, ms = 15000) {
	const until = Date.now() + ms;
	await sleep(300);
	while (Date.now() < until) {
		const running = await c
			.api('GET', '/executions?status=running&limit=1')
			.catch(() => ({ data: [] }));
		if (!running.data || running.data.length === 0) return;
		await sleep(200);
	}
}

let runtimeCache;
function runtimeModule() {
	runtimeCache ??= {
		...require('../tooling/n8n/provision.js'),
		...require('../tooling/n8n/processes.js'),
		...require('../tooling/n8n/client.js'),
		...require('../tooling/n8n/workflows.js'),
	};
	return runtimeCache;
}

async function macro(configName) {
	const env = N8N_CONFIGS[configName];
	const runtime = runtimeModule();
	const version = runtime.VERSIONS.v2;
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		log('dist/ missing: npm run build');
		execFileSync('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	}
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-bench-'));
	const installed = runtime.packAndInstall(userFolder, { log });
	if (OPTS.dist !== path.join(ROOT, 'dist')) {
		// Measuring a candidate build: the packed package with its dist/ replaced.
		fs.rmSync(path.join(installed, 'dist'), { recursive: true, force: true });
		fs.cpSync(OPTS.dist, path.join(installed, 'dist'), { recursive: true });
		log(`macro: installed package uses ${OPTS.dist} as its dist/`);
	}
	const n8n = await runtime.startN8n({ version, userFolder, env, log });
	ownN8nPids.add(String(n8n.pid));
	const out = { configName, version, userFolder, env, nodeVersion: runtime.NODE_VERSION };
	try {
		await runtime.setupOwner(n8n, { log });
		const c = runtime.client(n8n);
		const { eduzzWorkflow, webhookNodeWorkflow } = runtime;
		const credential = await c.createCredential('eduzzWebhookApi', 'Eduzz (bench)', {
			webhookSecret: SECRET,
			previousWebhookSecret: '',
			accessToken: '',
			baseUrl: 'https://api.eduzz.com',
		});
		// The node as the editor adds it today: the measured build's default type version.
		const { description } = loadNode().trigger;
		const typeVersion =
			description.defaultVersion ?? [].concat(description.version).reduce((a, b) => Math.max(a, b));
		const eduzzJson = eduzzWorkflow({ name: 'bench: Eduzz Trigger', credential });
		eduzzJson.nodes[0].typeVersion = typeVersion;
		out.typeVersion = typeVersion;
		const eduzz = await c.createWorkflow(eduzzJson);
		const hookPath = `bench-${crypto.randomBytes(4).toString('hex')}`;
		const plain = await c.createWorkflow(
			webhookNodeWorkflow({ name: 'bench: Webhook node', path: hookPath, options: { noResponseBody: true }, noOp: true }),
		);
		const probeWf = await c.createWorkflow(
			webhookNodeWorkflow({
				name: 'bench: probe (saves executions)',
				path: `${hookPath}-probe`,
				options: { noResponseBody: true },
				noOp: true,
				// The probe workflow keeps its executions whatever the instance default is.
				settings: { saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
			}),
		);
		for (const wf of [eduzz, plain, probeWf]) {
			const a = await c.activate(wf.id);
			if (a.status !== 'published')
				throw new Error(`publishing ${wf.name} failed: ${a.errorMessage}`);
		}
		const eduzzUrl = n8n.webhookUrl(eduzz.nodes[0].webhookId, 'webhook');
		const plainUrl = `${n8n.baseUrl}/webhook/${hookPath}`;
		const probeUrl = `${n8n.baseUrl}/webhook/${hookPath}-probe`;
		for (const url of [eduzzUrl, plainUrl, probeUrl]) await c.waitForWebhook(url);

		const raw = SMALL;
		const valid = headersFor(raw);
		const forged = headersFor(raw, { forged: true });
		// Sanity: each side answers as expected before loading it.
		const checks = [
			[eduzzUrl, valid, 200],
			[plainUrl, valid, 200],
			[eduzzUrl, forged, 401],
		];
		for (const [url, headers, status] of checks) {
			const res = await runtime.request('POST', url, { headers, body: raw });
			if (res.status !== status)
				throw new Error(
					`POST ${url} answered ${res.status} (expected ${status}): ${res.text.slice(0, 200)}`,
				);
		}

		log(`macro: warm-up ${OPTS.warmupSeconds} s per side`);
		await cannon(eduzzUrl, { raw, headers: valid, seconds: OPTS.warmupSeconds });
		await cannon(plainUrl, { raw, headers: valid, seconds: OPTS.warmupSeconds });
		await cannon(eduzzUrl, { raw, headers: forged, seconds: Math.max(1, OPTS.warmupSeconds / 2) });
		await quiesce(c);

		// Phase A: Eduzz Trigger vs Webhook node, alternated (order flips every round).
		const trig = [];
		const hook = [];
		for (let r = 0; r < OPTS.rounds; r++) {
			const order = r % 2 === 0 ? ['eduzz', 'plain'] : ['plain', 'eduzz'];
			for (const side of order) {
				const res = await cannon(side === 'eduzz' ? eduzzUrl : plainUrl, {
					raw,
					headers: valid,
					seconds: OPTS.roundSeconds,
				});
				const s = summarize(res, 200);
				(side === 'eduzz' ? trig : hook).push(s);
				log(
					`macro A round ${r + 1}/${OPTS.rounds} ${side.padEnd(5)}: ${f1(s.rps)} ev/s p50 ${s.p50} ms p99 ${s.p99} ms ${s.unexpected}`,
				);
				await quiesce(c);
			}
		}
		out.phaseA = { trig, hook };

		// Phase B: forged vs valid on the Eduzz workflow; execution ids counted around every run.
		let lastId = await probe(c, probeUrl, probeWf.id, 0);
		const val = [];
		const forg = [];
		for (let r = 0; r < OPTS.rounds; r++) {
			const order = r % 2 === 0 ? ['forged', 'valid'] : ['valid', 'forged'];
			for (const side of order) {
				const res = await cannon(eduzzUrl, {
					raw,
					headers: side === 'forged' ? forged : valid,
					seconds: OPTS.roundSeconds,
				});
				const s = summarize(res, side === 'forged' ? 401 : 200);
				s.sent = res.requests.sent ?? res.requests.total;
				await quiesce(c);
				const id = await probe(c, probeUrl, probeWf.id, lastId);
				s.executions = id - lastId - 1; // ids consumed by this run (the probe's own is excluded)
				lastId = id;
				(side === 'forged' ? forg : val).push(s);
				log(
					`macro B round ${r + 1}/${OPTS.rounds} ${side.padEnd(6)}: ${f1(s.rps)} req/s p50 ${s.p50} ms p99 ${s.p99} ms, executions ${s.executions} ${s.unexpected}`,
				);
			}
		}
		out.phaseB = { val, forg };
		out.logTail = n8n
			.logs()
			.split('\n')
			.filter((l) => /error|warn/i.test(l))
			.slice(-5);
	} finally {
		await n8n.stop();
		if (!OPTS.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return out;
}

function printMacro(M) {
	const { trig, hook } = M.phaseA;
	const { val, forg } = M.phaseB;
	const side = (label, runs, unit) => [
		label,
		f1(median(runs.map((r) => r.rps))),
		runs.map((r) => f1(r.rps)).join(' '),
		f1(median(runs.map((r) => r.p50))),
		f1(median(runs.map((r) => r.p99))),
		runs.reduce((n, r) => n + r.ok, 0),
		runs
			.map((r) => r.unexpected)
			.filter(Boolean)
			.join(' ') || '-',
		unit,
	];
	const rows = [
		[
			`n8n ${M.version} (Node ${M.nodeVersion}), ${CONNECTIONS} connections, ${OPTS.rounds} rounds × ${OPTS.roundSeconds} s per side`,
			'median/s',
			'per round',
			'p50 ms',
			'p99 ms',
			'answered',
			'unexpected',
			'',
		],
		side(`A: Eduzz Trigger v${M.typeVersion}, valid ${SMALL.length} B (200)`, trig, 'events'),
		side('A: built-in Webhook node, same bytes and headers (200)', hook, 'events'),
		side('B: Eduzz Trigger, valid (200)', val, 'requests'),
		side('B: Eduzz Trigger, forged x-signature (401)', forg, 'requests'),
	];
	console.log(`\n${table(rows)}`);
	console.log(`  p50/p99: medians over the rounds of autocannon's per-run latency percentiles.`);
	console.log(
		`  n8n settings: ${Object.entries(M.env)
			.map(([k, v]) => `${k}=${v}`)
			.join(
				' ',
			)} (others at n8n's defaults, as in the e2e runtime: EXECUTIONS_DATA_SAVE_ON_ERROR=all, EXECUTIONS_MODE=regular, sqlite, N8N_EXPRESSION_ENGINE=vm with a pool of 1 single-use isolate)`,
	);
	const validExec = val.reduce((n, r) => n + r.executions, 0);
	const validOk = val.reduce((n, r) => n + r.ok, 0);
	console.log(
		`  execution counting (probe workflow's execution ids around every B run): valid runs answered ${validOk} × 200 and consumed ${validExec} execution ids` +
			` (calibration: should match up to requests in flight at cut-off); forged runs consumed ${forg.map((r) => r.executions).join('+')} = ${forg.reduce((n, r) => n + r.executions, 0)}.`,
	);
}

// ---------------------------------------------------------------------------------------------
async function main() {
	const started = Date.now();
	const loadAtStart = os.loadavg();
	const others = otherN8nProcesses();
	log(
		others.length
			? `WARNING: other n8n processes are running (machine not idle): ${others.join(', ')}`
			: 'no other n8n process running',
	);
	// Watch for competing n8n/jest processes during the whole run (ours is excluded by pid).
	const seen = new Set(others);
	const watcher = setInterval(() => {
		for (const pid of otherN8nProcesses()) seen.add(pid);
	}, 5000);
	watcher.unref();
	let m;
	const Ms = [];
	if (!OPTS.macroOnly) m = await micro();
	if (!OPTS.microOnly) for (const name of CONFIG_NAMES) Ms.push(await macro(name));

	console.log(
		`\nEduzz Trigger benchmark — ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load avg at start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)`,
	);
	clearInterval(watcher);
	for (const pid of otherN8nProcesses()) seen.add(pid);
	console.log(
		seen.size === 0
			? 'machine idle: no other n8n or jest process seen at start, during (polled every 5 s) or at the end of the run'
			: `machine NOT idle: ${seen.size} other n8n/jest process(es) seen during the run (pids ${[...seen].join(', ')}): numbers are pessimistic and noisy`,
	);
	if (m) {
		console.log('');
		printMicro(m);
	}
	const ratios = (M) => ({
		throughput: median(M.phaseA.trig.map((r) => r.rps)) / median(M.phaseA.hook.map((r) => r.rps)),
		forged: median(M.phaseB.forg.map((r) => r.rps)) / median(M.phaseB.val.map((r) => r.rps)),
		forgedExecutions: M.phaseB.forg.reduce((n, r) => n + r.executions, 0),
	});
	for (const M of Ms) {
		console.log(`\n== n8n configuration "${M.configName}"${M === Ms[0] ? ' (the headline lines below)' : ''}`);
		printMacro(M);
		const r = ratios(M);
		console.log(
			`  "${M.configName}": n8n_throughput_vs_webhook_node ${f2(r.throughput)}, forged_vs_valid_throughput ${f2(r.forged)}, forged_executions ${r.forgedExecutions}`,
		);
	}
	console.log(`\n(total ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

	const na = 'n/a';
	const headline = Ms[0] && ratios(Ms[0]);
	console.log(`handler_vs_floor: ${m ? f2(m.results.valid500.ratio) : na}`);
	console.log(`n8n_throughput_vs_webhook_node: ${headline ? f2(headline.throughput) : na}`);
	console.log(`forged_vs_valid_throughput: ${headline ? f2(headline.forged) : na}`);
	console.log(`forged_executions: ${headline ? headline.forgedExecutions : na}`);
}

/** Other n8n processes (e.g. an e2e run) and jest runs compete for the cores; say so in the report. */
const ownN8nPids = new Set();
function otherN8nProcesses() {
	try {
		const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
		const rows = out
			.split('\n')
			.map((l) => l.trim().split(/\s+/))
			.filter((r) => r.length >= 3)
			.map(([pid, ppid, ...args]) => ({ pid, ppid, args: args.join(' ') }));
		// Our own n8n and its task runner are descendants of this process.
		const mine = new Set([String(process.pid), ...ownN8nPids]);
		for (let changed = true; changed; ) {
			changed = false;
			for (const r of rows)
				if (!mine.has(r.pid) && mine.has(r.ppid)) (mine.add(r.pid), (changed = true));
		}
		return rows
			.filter((r) => !mine.has(r.pid))
			.filter((r) => /n8n\/bin\/n8n\b.*\bstart\b|task-runner|\bjest\b/.test(r.args))
			.map((r) => r.pid);
	} catch {
		return [];
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
