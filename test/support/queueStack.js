'use strict';
/**
 * n8n in queue mode for end-to-end tests: PostgreSQL and Redis from Debian's packages as throw-away
 * instances on loopback, then one `n8n start` (main), N `n8n webhook` processes and M `n8n worker`
 * processes sharing one database, one Redis and one encryption key, each with its own user folder
 * holding the packed package (exactly as users install it on every instance).
 *
 * - `ensureServices()` installs `postgresql` / `redis-server` with apt-get if missing (root only),
 *   starts both on free 127.0.0.1 ports from a temp dir, and returns connection info + `stop()`.
 * - `startQueueStack({ version })` starts the n8n processes and waits until each is ready.
 *   `stop()` stops them all (process groups, bounded waits, then SIGKILL) and the services it
 *   started itself.
 *
 * `startN8n` in n8nRuntime.js only runs `n8n start` and waits for `/rest/settings`, which webhook and
 * worker processes do not serve, so the processes are started by `startProcess` below; the runtime
 * (`ensureRuntime`), the package (`packAndInstall`) and the HTTP helpers are n8nRuntime's.
 *
 * Plain CommonJS JavaScript for the same reason as n8nRuntime.js (the .ts lint rules).
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const runtime = require('./n8nRuntime');

const READY_TIMEOUT_MS = 300 * 1000; // four n8n processes booting on 2 cores
const SERVICE_READY_TIMEOUT_MS = 60 * 1000;
const STOP_GRACE_MS = 15 * 1000;
const APT_TIMEOUT_MS = 30 * 60 * 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const defaultLog = (msg) => process.stderr.write(`[queueStack] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Process bookkeeping is n8nRuntime.js's: every child runs `detached`, i.e. leads its own process
// group, so `-pid` also reaches its children (n8n's task runner, postgres backends). Whatever is
// still running when this process exits or is interrupted is killed.
// ---------------------------------------------------------------------------------------------
const { track, untrack, killGroup, within } = runtime;

/** Temp dirs to remove (best effort) when this process exits before `stop()` did it. */
const tempDirs = new Set();
runtime.onInterruptedExit(() => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	tempDirs.clear();
});

/**
 * Spawns a long-running child in its own process group with output appended to `logFile`.
 * Returns `{ name, pid, child, exited, exitInfo, logs(), stop({ signal }) }`; `stop` sends
 * `signal` (default SIGTERM) to the group, waits STOP_GRACE_MS, then SIGKILLs the group.
 */
function spawnTracked(name, cmd, args, { cwd, env, logFile, uid, gid }) {
	fs.appendFileSync(
		logFile,
		`\n===== ${name}: ${cmd} ${args.join(' ')} (${new Date().toISOString()}) =====\n`,
	);
	const fd = fs.openSync(logFile, 'a');
	const opts = { cwd, env, stdio: ['ignore', fd, fd], detached: true };
	if (uid !== undefined) Object.assign(opts, { uid, gid });
	const child = childProcess.spawn(cmd, args, opts);
	fs.closeSync(fd);
	const proc = {
		name,
		pid: child.pid,
		child,
		exitInfo: undefined,
		logs: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
		logFile,
	};
	track(child.pid);
	proc.exited = new Promise((resolve) => {
		const finish = (info) => {
			if (proc.exitInfo) return;
			untrack(child.pid);
			proc.exitInfo = info;
			resolve(info);
		};
		child.on('exit', (code, signal) => finish({ code, signal }));
		child.on('error', (error) => finish({ code: null, signal: null, error: error.message }));
	});
	proc.stop = async ({ signal = 'SIGTERM', log = () => {} } = {}) => {
		if (proc.exitInfo) {
			killGroup(proc.pid, 'SIGKILL'); // it died by itself: its children may still be around
			return;
		}
		killGroup(proc.pid, signal);
		const graceful = await within(
			proc.exited.then(() => true),
			STOP_GRACE_MS,
			false,
		);
		if (!graceful)
			log(`${name} (pid ${proc.pid}) ignored ${signal} for ${STOP_GRACE_MS / 1000} s: SIGKILL`);
		killGroup(proc.pid, 'SIGKILL'); // leftovers of the group, or the process itself
		await within(proc.exited, 5000);
	};
	return proc;
}

function tail(text, lines) {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL and Redis
// ---------------------------------------------------------------------------------------------

function which(binary) {
	for (const dir of (process.env.PATH || '')
		.split(path.delimiter)
		.concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin'])) {
		const candidate = path.join(dir, binary);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			/* next */
		}
	}
	return undefined;
}

/** Debian installs PostgreSQL's server binaries in /usr/lib/postgresql/<major>/bin (newest wins). */
function findPostgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((d) => /^\d+$/.test(d))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = path.join(root, major, 'bin');
		if (['initdb', 'postgres', 'psql'].every((b) => fs.existsSync(path.join(bin, b)))) return bin;
	}
	return undefined;
}

function runLogged(cmd, args, { logFile, env = process.env, timeoutMs, uid, gid, cwd }) {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
		const fd = fs.openSync(logFile, 'a');
		const opts = { env, stdio: ['ignore', fd, fd], detached: true, cwd };
		if (uid !== undefined) Object.assign(opts, { uid, gid });
		const child = childProcess.spawn(cmd, args, opts);
		fs.closeSync(fd);
		track(child.pid);
		const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		child.on('error', (err) => {
			clearTimeout(killer);
			untrack(child.pid);
			reject(err);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(killer);
			untrack(child.pid);
			if (code === 0) resolve();
			else
				reject(
					new Error(
						`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}); log ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'), 30)}`,
					),
				);
		});
	});
}

/**
 * `apt-get install` the packages (waiting for another apt/dpkg to release its lock). Runs
 * `apt-get update` first when apt does not know a package yet. Root only.
 */
async function aptInstall(packages, { log, logFile }) {
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${packages.join(', ')} missing and not running as root: install them with apt-get install ${packages.join(' ')}`,
		);
	}
	if (!which('apt-get'))
		throw new Error(`${packages.join(', ')} missing and apt-get not found (Debian/Ubuntu only)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lock = ['-o', 'DPkg::Lock::Timeout=1200'];
	const known = packages.every((p) => {
		try {
			return /Candidate: (?!\(none\))/.test(
				childProcess.execFileSync('apt-cache', ['policy', p], { encoding: 'utf8' }),
			);
		} catch {
			return false;
		}
	});
	const started = Date.now();
	if (!known) {
		log('apt-get update');
		await runLogged('apt-get', [...lock, 'update'], { logFile, env, timeoutMs: APT_TIMEOUT_MS });
	}
	log(`apt-get install ${packages.join(' ')} (log: ${logFile})`);
	// Debian's postinst would start the system-wide service unless policy-rc.d forbids it (as in
	// Docker images); the tests never use it, they start their own instances below.
	await runLogged('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...packages], {
		logFile,
		env,
		timeoutMs: APT_TIMEOUT_MS,
	});
	log(`installed ${packages.join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Unix user PostgreSQL runs as when we are root (it refuses to run as root). */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	for (const name of ['postgres']) {
		try {
			const uid = Number(
				childProcess.execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim(),
			);
			const gid = Number(
				childProcess.execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim(),
			);
			if (uid > 0) return { name, uid, gid };
		} catch {
			/* not there */
		}
	}
	// The postgresql package creates `postgres`; should it be missing, make a dedicated system user.
	childProcess.execFileSync('useradd', [
		'--system',
		'--no-create-home',
		'--shell',
		'/usr/sbin/nologin',
		'eduzz-e2e-pg',
	]);
	const uid = Number(
		childProcess.execFileSync('id', ['-u', 'eduzz-e2e-pg'], { encoding: 'utf8' }).trim(),
	);
	const gid = Number(
		childProcess.execFileSync('id', ['-g', 'eduzz-e2e-pg'], { encoding: 'utf8' }).trim(),
	);
	return { name: 'eduzz-e2e-pg', uid, gid };
}

function chownRecursive(dir, uid, gid) {
	fs.chownSync(dir, uid, gid);
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) chownRecursive(p, uid, gid);
		else fs.chownSync(p, uid, gid);
	}
}

/** Sends an inline `PING` to Redis; true when it answers `+PONG`. */
function redisPing(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		let data = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			data += chunk.toString('utf8');
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

/**
 * Installs (if missing) and starts PostgreSQL and Redis as throw-away instances in a temp dir on
 * free loopback ports. Resolves:
 * `{ dir, postgres: { host, port, user, password, database, binDir }, redis: { host, port },
 *    createDatabase(name), stop() }`.
 */
async function ensureServices({ log = defaultLog, database = 'n8n', logStatements = false } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-queue-services-'));
	tempDirs.add(dir);
	const logFile = path.join(dir, 'services.log');
	fs.writeFileSync(logFile, '');

	let pgBin = findPostgresBinDir();
	let redisServer = which('redis-server');
	const missing = [];
	if (!pgBin) missing.push('postgresql');
	if (!redisServer) missing.push('redis-server');
	if (missing.length > 0) {
		await aptInstall(missing, { log, logFile });
		pgBin = findPostgresBinDir();
		redisServer = which('redis-server');
		if (!pgBin || !redisServer)
			throw new Error(
				`still missing after apt-get install: postgres bin dir ${pgBin}, redis-server ${redisServer}`,
			);
	}

	const procs = [];
	const stop = async () => {
		// Redis first (nothing depends on it here), then PostgreSQL with a fast shutdown (SIGINT).
		for (const p of procs.reverse())
			await p.stop({ signal: p.name === 'postgres' ? 'SIGINT' : 'SIGTERM', log });
		procs.length = 0;
		fs.rmSync(dir, { recursive: true, force: true });
		tempDirs.delete(dir);
	};

	try {
		// ---- PostgreSQL: initdb + postgres (not pg_ctl, so we hold the postmaster's pid) ----
		const owner = postgresUser();
		const pgDir = path.join(dir, 'pg');
		const dataDir = path.join(pgDir, 'data');
		const socketDir = path.join(pgDir, 'socket');
		fs.mkdirSync(socketDir, { recursive: true });
		const password = crypto.randomBytes(12).toString('hex');
		const user = 'n8n';
		const pwFile = path.join(pgDir, 'pwfile');
		fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
		fs.chmodSync(dir, 0o755); // the postgres user must traverse the temp dir
		if (owner) chownRecursive(pgDir, owner.uid, owner.gid);
		const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
		const pgEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: pgDir };
		const t0 = Date.now();
		await runLogged(
			path.join(pgBin, 'initdb'),
			[
				'-D',
				dataDir,
				'-U',
				user,
				`--pwfile=${pwFile}`,
				'--auth-local=trust',
				'--auth-host=scram-sha-256',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
			],
			{ logFile, env: pgEnv, timeoutMs: 120000, cwd: pgDir, ...asOwner },
		);
		fs.rmSync(pwFile, { force: true });
		const pgPort = await runtime.freePort();
		const postgres = spawnTracked(
			'postgres',
			path.join(pgBin, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(pgPort),
				'-k',
				socketDir,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'max_connections=200',
				// Throw-away data: durability off, so 2 cores spend their time in n8n.
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				// Diagnostics: every INSERT/UPDATE/DELETE with the client's application_name (PGAPPNAME).
				...(logStatements ? ['-c', 'log_statement=mod', '-c', 'log_line_prefix=%m [%p] %a: '] : []),
			],
			{ cwd: pgDir, env: pgEnv, logFile: path.join(pgDir, 'postgres.log'), ...asOwner },
		);
		procs.push(postgres);
		const psql = path.join(pgBin, 'psql');
		const psqlArgs = (sql, db = 'postgres') => [
			'-h',
			'127.0.0.1',
			'-p',
			String(pgPort),
			'-U',
			user,
			'-d',
			db,
			'-v',
			'ON_ERROR_STOP=1',
			'-qAtc',
			sql,
		];
		const psqlEnv = { ...pgEnv, PGPASSWORD: password, PGCONNECT_TIMEOUT: '3' };
		await runtime.pollUntil(
			async () => {
				if (postgres.exitInfo)
					throw new Error(
						`postgres exited during startup: ${JSON.stringify(postgres.exitInfo)}\n${tail(postgres.logs(), 30)}`,
					);
				try {
					childProcess.execFileSync(psql, psqlArgs('select 1'), {
						env: psqlEnv,
						stdio: 'pipe',
						timeout: 10000,
					});
					return true;
				} catch {
					return undefined;
				}
			},
			{
				timeoutMs: SERVICE_READY_TIMEOUT_MS,
				intervalMs: 300,
				what: `postgres on 127.0.0.1:${pgPort}`,
			},
		);
		const createDatabase = (name) => {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createDatabase: unsafe name ${name}`);
			childProcess.execFileSync(psql, psqlArgs(`CREATE DATABASE ${name}`), {
				env: psqlEnv,
				stdio: 'pipe',
				timeout: 30000,
			});
			return name;
		};
		createDatabase(database);
		log(
			`postgres ${path.basename(path.dirname(pgBin))} on 127.0.0.1:${pgPort} (pid ${postgres.pid}, user ${owner ? owner.name : os.userInfo().username}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
		);

		// ---- Redis: no persistence, loopback only ----
		const redisDir = path.join(dir, 'redis');
		fs.mkdirSync(redisDir);
		const redisPort = await runtime.freePort();
		const redis = spawnTracked(
			'redis',
			redisServer,
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--dir',
				redisDir,
				'--protected-mode',
				'yes',
			],
			{ cwd: redisDir, env: { PATH: process.env.PATH }, logFile: path.join(redisDir, 'redis.log') },
		);
		procs.push(redis);
		await runtime.pollUntil(
			async () => {
				if (redis.exitInfo)
					throw new Error(
						`redis-server exited during startup: ${JSON.stringify(redis.exitInfo)}\n${tail(redis.logs(), 30)}`,
					);
				return (await redisPing(redisPort)) ? true : undefined;
			},
			{
				timeoutMs: SERVICE_READY_TIMEOUT_MS,
				intervalMs: 200,
				what: `redis on 127.0.0.1:${redisPort}`,
			},
		);
		log(`redis on 127.0.0.1:${redisPort} (pid ${redis.pid})`);

		return {
			dir,
			postgres: {
				host: '127.0.0.1',
				port: pgPort,
				user,
				password,
				database,
				binDir: pgBin,
				pid: postgres.pid,
				logFile: path.join(pgDir, 'postgres.log'),
			},
			redis: { host: '127.0.0.1', port: redisPort, pid: redis.pid },
			createDatabase,
			/** Runs SQL against `db` (default: the stack's database) and returns psql's unaligned output. */
			sql: (statement, db = database) =>
				childProcess.execFileSync(psql, psqlArgs(statement, db), {
					env: psqlEnv,
					encoding: 'utf8',
					timeout: 30000,
				}),
			stop,
		};
	} catch (err) {
		await stop();
		throw err;
	}
}

// ---------------------------------------------------------------------------------------------
// n8n processes
// ---------------------------------------------------------------------------------------------

/** The same scrubbing as n8nRuntime's cleanEnv: no npm_*, NODE_ENV, NODE_OPTIONS, N8N_* or WEBHOOK_URL. */
function cleanEnv(nodeBinDir, extra) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (
			/^npm_/i.test(k) ||
			['NODE_OPTIONS', 'NODE_ENV', 'WEBHOOK_URL'].includes(k) ||
			k.startsWith('N8N_') ||
			k.startsWith('QUEUE_') ||
			k.startsWith('DB_') ||
			k === 'EXECUTIONS_MODE'
		)
			continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
	return Object.assign(env, extra);
}

async function uniquePorts(n) {
	const ports = new Set();
	while (ports.size < n) ports.add(await runtime.freePort());
	return [...ports];
}

/**
 * Starts one n8n process (`start`, `webhook` or `worker`) and waits until `ready()` resolves true.
 * Returns the tracked process with `restart()`.
 */
async function startN8nProcess({
	name,
	command,
	args = [],
	runtimeInfo,
	userFolder,
	env,
	ready,
	log,
	readyTimeoutMs = READY_TIMEOUT_MS,
}) {
	const logFile = path.join(userFolder, 'n8n.log');
	const started = Date.now();
	const proc = spawnTracked(name, runtimeInfo.nodeBin, [runtimeInfo.n8nBin, command, ...args], {
		cwd: userFolder,
		env,
		logFile,
	});
	try {
		await runtime.pollUntil(
			async () => {
				if (proc.exitInfo)
					throw new Error(`${name} exited during startup (${JSON.stringify(proc.exitInfo)})`);
				return (await ready().catch(() => false)) ? true : undefined;
			},
			{ timeoutMs: readyTimeoutMs, intervalMs: 500, what: `${name} (n8n ${command}) to be ready` },
		);
	} catch (err) {
		await proc.stop({ log });
		err.message += `\n--- last log lines (${logFile}) ---\n${tail(proc.logs(), 60)}`;
		throw err;
	}
	log(
		`${name} (n8n ${command}) ready (pid ${proc.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
	);
	return proc;
}

const jsonOk = (res) => res && res.status === 200 && res.body && typeof res.body === 'object';

/**
 * Starts n8n `version` in queue mode: main (`n8n start`, production webhooks disabled on it),
 * `webhooks` × `n8n webhook`, `workers` × `n8n worker`, each with its own user folder holding the
 * packed package. Pass `services` (from ensureServices) to share PostgreSQL/Redis; otherwise they
 * are started here and stopped with the stack. `stop()` deletes the user folders (logs included)
 * unless `keepLogs` (default: env QUEUE_KEEP_LOGS=1).
 *
 * Resolves `{ version, services, encryptionKey, main, webhooks: [..], workers: [..],
 *   webhookBaseUrl, webhookUrls(webhookId, path), processes(), stop() }` where `main` is a handle
 * that n8nRuntime's `setupOwner`, `api`, `client` … accept (`baseUrl`, `version`, `apiKey`).
 */
async function startQueueStack({
	version = runtime.VERSIONS.v2,
	services,
	webhooks: webhookCount = 2,
	workers: workerCount = 1,
	env: extraEnv = {},
	log = defaultLog,
	keepLogs = process.env.QUEUE_KEEP_LOGS === '1',
} = {}) {
	if (version.startsWith('1.'))
		throw new Error('startQueueStack: written for n8n 2.x (N8N_WEBHOOK_URL, publication service)');
	const t0 = Date.now();
	const ownServices = !services;
	const started = [];
	let stopped = false;
	const stack = { version };

	stack.stop = async () => {
		if (stopped) return;
		stopped = true;
		const t = Date.now();
		// Webhook processes and workers first (they hold jobs and DB connections), then main.
		const byRole = (role) => started.filter((p) => p.role === role);
		await Promise.all([...byRole('webhook'), ...byRole('worker')].map((p) => p.stop({ log })));
		await Promise.all(byRole('main').map((p) => p.stop({ log })));
		if (ownServices && services) await services.stop();
		if (stack.baseFolder && !keepLogs) {
			fs.rmSync(stack.baseFolder, { recursive: true, force: true });
			tempDirs.delete(stack.baseFolder);
		}
		log(
			`queue stack stopped in ${((Date.now() - t) / 1000).toFixed(1)} s` +
				(keepLogs && stack.baseFolder ? `; n8n logs kept in ${stack.baseFolder}/*/n8n.log` : ''),
		);
	};

	try {
		const runtimeInfo = await runtime.ensureRuntime(version, { log });
		if (!services) services = await ensureServices({ log });
		stack.services = services;

		const base = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-queue-${version}-`));
		stack.baseFolder = base;
		if (!keepLogs) tempDirs.add(base);
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		// Every process gets its own ports: HTTP (main, webhook) or health check (worker), plus a
		// task-broker port (main and workers start a broker; default 5679 would collide).
		const ports = await uniquePorts(2 + 2 * webhookCount + 2 * workerCount);
		const [mainPort, mainBroker] = ports.splice(0, 2);
		const webhookPorts = ports.splice(0, webhookCount);
		const webhookBrokers = ports.splice(0, webhookCount);
		const workerHealthPorts = ports.splice(0, workerCount);
		const workerBrokers = ports.splice(0, workerCount);
		const webhookBaseUrls = webhookPorts.map((p) => `http://127.0.0.1:${p}`);
		// What Eduzz must reach: in production a load balancer in front of the webhook processes;
		// here the first webhook process stands in for it.
		const publicWebhookBase = webhookBaseUrls[0];

		const commonEnv = (userFolder) =>
			cleanEnv(path.dirname(runtimeInfo.nodeBin), {
				// node-postgres sends it as application_name: PostgreSQL's logs and pg_stat_activity
				// then tell which n8n process ran a statement.
				PGAPPNAME: `n8n-${path.basename(userFolder)}`,
				N8N_USER_FOLDER: userFolder,
				N8N_ENCRYPTION_KEY: encryptionKey,
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: services.postgres.host,
				DB_POSTGRESDB_PORT: String(services.postgres.port),
				DB_POSTGRESDB_DATABASE: services.postgres.database,
				DB_POSTGRESDB_USER: services.postgres.user,
				DB_POSTGRESDB_PASSWORD: services.postgres.password,
				QUEUE_BULL_REDIS_HOST: services.redis.host,
				QUEUE_BULL_REDIS_PORT: String(services.redis.port),
				N8N_WEBHOOK_URL: `${publicWebhookBase}/`,
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
				N8N_TEMPLATES_ENABLED: 'false',
				N8N_PERSONALIZATION_ENABLED: 'false',
				N8N_HIRING_BANNER_ENABLED: 'false',
				N8N_SECURE_COOKIE: 'false',
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
				N8N_LOG_LEVEL: 'info',
				N8N_LOG_OUTPUT: 'console',
				...extraEnv,
			});
		const folder = (name) => {
			const userFolder = path.join(base, name);
			fs.mkdirSync(userFolder, { recursive: true });
			runtime.packAndInstall(userFolder, { log });
			return userFolder;
		};

		// ---- main: UI, API, activation (checkExists/create/delete); migrates the empty DB first ----
		const mainFolder = folder('main');
		const mainBaseUrl = `http://127.0.0.1:${mainPort}`;
		const main = await startN8nProcess({
			name: 'main',
			command: 'start',
			runtimeInfo,
			userFolder: mainFolder,
			log,
			env: {
				...commonEnv(mainFolder),
				N8N_PORT: String(mainPort),
				N8N_RUNNERS_BROKER_PORT: String(mainBroker),
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			},
			// While starting, n8n answers every route with HTML "n8n is starting up": require JSON.
			ready: async () =>
				jsonOk(await runtime.request('GET', `${mainBaseUrl}/rest/settings`, { timeoutMs: 5000 })),
		});
		main.role = 'main';
		started.push(main);

		// ---- webhook processes and workers, in parallel (the DB is migrated now) ----
		const webhookStarts = webhookPorts.map(async (port, i) => {
			const name = `webhook-${String.fromCharCode(97 + i)}`;
			const userFolder = folder(name);
			const proc = await startN8nProcess({
				name,
				command: 'webhook',
				runtimeInfo,
				userFolder,
				log,
				env: {
					...commonEnv(userFolder),
					N8N_PORT: String(port),
					N8N_RUNNERS_BROKER_PORT: String(webhookBrokers[i]),
				},
				ready: async () =>
					(
						await runtime.request('GET', `http://127.0.0.1:${port}/healthz/readiness`, {
							timeoutMs: 5000,
						})
					).status === 200,
			});
			Object.assign(proc, { role: 'webhook', port, baseUrl: `http://127.0.0.1:${port}` });
			started.push(proc);
			return proc;
		});
		const workerStarts = Array.from({ length: workerCount }, async (_, i) => {
			const name = `worker-${i + 1}`;
			const userFolder = folder(name);
			const healthPort = workerHealthPorts[i];
			const brokerPort = workerBrokers[i];
			const proc = await startN8nProcess({
				name,
				command: 'worker',
				runtimeInfo,
				userFolder,
				log,
				env: {
					...commonEnv(userFolder),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				},
				ready: async () =>
					(
						await runtime.request('GET', `http://127.0.0.1:${healthPort}/healthz/readiness`, {
							timeoutMs: 5000,
						})
					).status === 200,
			});
			Object.assign(proc, { role: 'worker', healthPort, brokerPort });
			started.push(proc);
			return proc;
		});
		const settled = await Promise.allSettled([...webhookStarts, ...workerStarts]);
		const failed = settled.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;

		Object.assign(stack, {
			services,
			encryptionKey,
			webhookBaseUrl: publicWebhookBase,
			main: {
				version,
				port: mainPort,
				baseUrl: mainBaseUrl,
				webhookBaseUrl: publicWebhookBase,
				userFolder: mainFolder,
				logFile: main.logFile,
				pid: main.pid,
				runtime: runtimeInfo,
				cookie: undefined,
				apiKey: undefined,
				logs: main.logs,
				/** URL as main computes it (N8N_WEBHOOK_URL = the first webhook process). */
				webhookUrl: (webhookId, webhookPath, { test = false } = {}) =>
					test
						? `${mainBaseUrl}/webhook-test/${webhookId}/${webhookPath}`
						: `${publicWebhookBase}/webhook/${webhookId}/${webhookPath}`,
				/** Main's own production URL, which must NOT serve (N8N_DISABLE_PRODUCTION_MAIN_PROCESS). */
				ownProductionUrl: (webhookId, webhookPath) =>
					`${mainBaseUrl}/webhook/${webhookId}/${webhookPath}`,
			},
			webhooks: settled.slice(0, webhookCount).map((s) => s.value),
			workers: settled.slice(webhookCount).map((s) => s.value),
			/** The production URL of a trigger on each webhook process, in process order. */
			webhookUrls: (webhookId, webhookPath) =>
				webhookBaseUrls.map((b) => `${b}/webhook/${webhookId}/${webhookPath}`),
			processes: () => [...started],
			/** Every process's log, for failure messages. */
			logs: () => Object.fromEntries(started.map((p) => [p.name, p.logs()])),
		});
		log(
			`queue stack ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: main ${mainBaseUrl}, webhooks ${webhookBaseUrls.join(' ')}, ${workerCount} worker(s)`,
		);
		return stack;
	} catch (err) {
		await stack.stop();
		throw err;
	}
}

module.exports = { ensureServices, startQueueStack, redisPing };
