// @ts-check
// `npm run scan`: n8n's verification scanner (@n8n/scan-community-package, pinned in
// devDependencies) run offline, against this repository and against our own `npm pack` tarball.
//
// The real scanner (`npx @n8n/scan-community-package n8n-nodes-<name>`, scanner/scanner.mjs,
// analyzePackageByName) does, in order:
//   1. fetch the packument from registry.npmjs.org and resolve the version;
//   2. provenance: fail unless that version has an npm provenance attestation
//      (predicateType https://slsa.dev/provenance/v1)            -> SKIPPED here;
//   3. read the attestation, download the source at the attested GitHub commit from
//      codeload.github.com and find the package dir in it        -> REPLACED by this working tree;
//   4. `npm pack <name>@<version>` the published tarball         -> REPLACED by `npm pack` of this tree;
//   5. lint the source with analyzePackage(dir, SOURCE_FILE_PATTERNS) and the tarball with
//      analyzePackage(dir, ['**/*.js', 'package.json'])           -> RUN, with the scanner's own code.
// Steps 1-3 need the network and a published version: the package is not on npm, provenance only
// exists for a version published by .github/workflows/publish.yml (id-token: write), and only
// registry.npmjs.org is reachable from here (no GitHub). So this scan cannot prove that a published
// version has provenance, that the attested commit equals this tree (uncommitted changes are linted
// too), or that the published tarball equals the one packed here. Step 5 is not re-implemented: it
// imports the scanner's exported analyzePackage/SOURCE_FILE_PATTERNS, which build the exact ESLint
// config (buildScanConfig) with the scanner's own pinned plugins.
//
// On top of the lint, section [3/3] checks offline what the lint rules and n8n's verification
// guidelines require of the artifact: no runtime dependencies, peerDependencies exactly
// { "n8n-workflow": "*" }, MIT licence, a tarball holding only dist/**, package.json, README.md,
// LICENSE (CHANGELOG.md allowed), no node_modules, and zod not bundled (it must stay `require("zod")`;
// the lint alone misses a bundled zod 3 copy, which uses no restricted global). Two extras: every
// file listed in package.json "n8n" is in the tarball, and repository.url is a GitHub repository
// (npm provenance and the scanner's source fetch both need one).
//
// Usage: npm run scan [-- --build] [-- --tarball <file.tgz>] [-- --keep]
//   --build    run `npm run build` first even if dist/ exists (otherwise only when it is missing)
//   --tarball  scan this tarball instead of packing the tree (e.g. the exact file about to be published)
//   --keep     keep the temporary folder (unpacked tarball) and print its path
// Exit status: 0 when every leg passes, 1 on any finding, 2 when the scan itself could not run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNER_PKG = '@n8n/scan-community-package';
const TARBALL_LINT_PATTERNS = ['**/*.js', 'package.json']; // verbatim from analyzePackageByName
const EXPECTED_PEERS = { 'n8n-workflow': '*' };
// npm always packs README* files: the Portuguese README ships beside the English one.
const ALLOWED_TOP_LEVEL = [
	'package.json',
	'README.md',
	'README.pt-BR.md',
	'LICENSE',
	'CHANGELOG.md',
];
const REQUIRED_TOP_LEVEL = ['package.json', 'README.md', 'LICENSE'];
// Fingerprints of zod's own runtime code (v3 classic; v4 core and classic), chosen to survive
// minification: an enum assignment and string literals that only zod's implementation contains.
// Our compiled code and .d.ts files mention zod types (ZodString…) but never these.
const ZOD_SOURCE_MARKERS = [
	/(?:\.|\[\s*["'])ZodString(?:["']\s*\])?\s*=\s*["']ZodString["']/, // v3 ZodFirstPartyTypeKind
	/\bclass\s+ZodType\b/, // v3 class, unminified bundles
	/["']\$ZodType["']/, // v4 core: $constructor("$ZodType", …)
];
const ZOD_REQUIRE = /\brequire\(\s*["'](zod(?:\/[\w./-]+)?)["']\s*\)/g;

/**
 * What this script uses of the scanner's module (scanner/scanner.mjs, which ships no types).
 *
 * @typedef {object} Scanner
 * @property {string[]} SOURCE_FILE_PATTERNS
 * @property {(dir: string, patterns: string[]) => Promise<{ passed: boolean, message?: string, details?: string }>} analyzePackage
 */

const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => args.includes(name);
const tarballArg = args.includes('--tarball') ? args[args.indexOf('--tarball') + 1] : undefined;
if (args.includes('--tarball') && !tarballArg) {
	process.stderr.write('scan: --tarball needs a path to a .tgz file\n');
	process.exit(2);
}

const log = (line = '') => process.stdout.write(`${line}\n`);
/** @type {(text: string, pad?: string) => string} */
const indent = (text, pad = '      ') =>
	text
		.replace(/\s+$/, '')
		.split('\n')
		.map((line) => (line ? pad + line : line))
		.join('\n');

/** The scan itself could not run (build, pack or unpack failed): exit 2, after cleaning up. */
class ScanError extends Error {}
/**
 * @param {string} message
 * @returns {never}
 */
function fatal(message) {
	throw new ScanError(message);
}

/**
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(command, commandArgs, options = {}) {
	return spawnSync(command, commandArgs, {
		cwd: ROOT,
		encoding: 'utf8',
		shell: process.platform === 'win32',
		...options,
	});
}

/**
 * Every file under `dir`, relative to `base`, with `/` separators.
 *
 * @param {string} dir
 * @param {string} [base]
 * @returns {string[]}
 */
function walk(dir, base = dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return walk(full, base);
		return entry.isFile() ? [path.relative(base, full).split(path.sep).join('/')] : [];
	});
}

const newestMtime = (/** @type {string} */ dir) =>
	Math.max(0, ...walk(dir).map((file) => fs.statSync(path.join(dir, file)).mtimeMs));

// The scanner creates a temp dir with `tmp` when its module loads and never removes it: point the
// temp location into our own folder first, so cleaning up ours removes it too.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
for (const variable of ['TMPDIR', 'TMP', 'TEMP']) process.env[variable] = work;

/** @type {string[]} */
const findings = [];
let exitCode = 0;
try {
	exitCode = await main();
} catch (error) {
	process.stderr.write(
		`scan: ${error instanceof ScanError ? error.message : (error.stack ?? error)}\n`,
	);
	exitCode = 2;
} finally {
	if (flag('--keep')) log(`(kept ${work})`);
	else fs.rmSync(work, { recursive: true, force: true });
}
process.exitCode = exitCode;

async function main() {
	/** @type {Scanner} */
	const scanner = await import(`${SCANNER_PKG}/scanner/scanner.mjs`);
	const scannerPkgPath = createRequire(import.meta.url).resolve(`${SCANNER_PKG}/package.json`);
	const scannerRequire = createRequire(scannerPkgPath);
	/** @type {typeof import('fast-glob')} */
	const glob = scannerRequire('fast-glob');
	// Versions of what the scanner itself resolves (some packages do not export package.json).
	const versionOf = (/** @type {string} */ name) => {
		if (name === SCANNER_PKG) return JSON.parse(fs.readFileSync(scannerPkgPath, 'utf8')).version;
		for (
			let dir = path.dirname(scannerRequire.resolve(name));
			dir !== path.dirname(dir);
			dir = path.dirname(dir)
		) {
			const file = path.join(dir, 'package.json');
			if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === name) {
				return JSON.parse(fs.readFileSync(file, 'utf8')).version;
			}
		}
		return '?';
	};
	const repoPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

	log(`n8n community package scan (offline): ${repoPkg.name}@${repoPkg.version}`);
	log(
		`scanner ${SCANNER_PKG} ${versionOf(SCANNER_PKG)}: eslint ${versionOf('eslint')}, ` +
			`@n8n/eslint-plugin-community-nodes ${versionOf('@n8n/eslint-plugin-community-nodes')}, ` +
			`eslint-plugin-n8n-nodes-base ${versionOf('eslint-plugin-n8n-nodes-base')}`,
	);

	// The scanner's analyzePackage() lints exactly these files (same glob call and ignores).
	/** @type {(dir: string, patterns: string[]) => string[]} */
	const filesFor = (dir, patterns) =>
		glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).sort();

	/**
	 * @param {string} label
	 * @param {string} dir
	 * @param {string[]} patterns
	 */
	async function lintLeg(label, dir, patterns) {
		const files = filesFor(dir, patterns);
		/** @type {Record<string, number>} */
		const byArea = {};
		for (const file of files) {
			const area = file.includes('/') ? `${file.split('/')[0]}/` : file;
			byArea[area] = (byArea[area] ?? 0) + 1;
		}
		log(`      patterns: ${patterns.join(', ')}`);
		log(
			`      files: ${files.length} (${Object.entries(byArea)
				.map(([area, count]) => `${area} ${count}`)
				.join(', ')})`,
		);
		const result = await scanner.analyzePackage(dir, patterns);
		if (result.passed && result.message === 'No files found to analyze') {
			findings.push(`${label}: no files to lint`);
			log('      ❌ no files found to lint');
		} else if (result.passed) {
			log('      ✅ no ESLint errors');
		} else {
			findings.push(`${label}: ${result.message}`);
			log(`      ❌ ${result.message}`);
			if (result.details) log(indent(result.details.split(`${dir}${path.sep}`).join('')));
		}
	}

	// ---------------------------------------------------------------------------------------------
	log();
	log('[1/3] Source leg: the working tree, linted as the scanner lints the attested source');
	await lintLeg('source leg', ROOT, scanner.SOURCE_FILE_PATTERNS);

	// ---------------------------------------------------------------------------------------------
	log();
	log('[2/3] Tarball leg: `npm pack` output, linted as the scanner lints the published tarball');
	let tarball;
	if (tarballArg) {
		tarball = path.resolve(tarballArg);
		if (!fs.existsSync(tarball)) fatal(`no such tarball: ${tarball}`);
	} else {
		const distDir = path.join(ROOT, 'dist');
		if (flag('--build') || !fs.existsSync(distDir)) {
			log(
				`      ${fs.existsSync(distDir) ? '--build' : 'dist/ is missing'}: running npm run build`,
			);
			const build = run('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
			if (build.status !== 0) {
				fatal(`npm run build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
			}
		} else {
			const sources = Math.max(
				newestMtime(path.join(ROOT, 'nodes')),
				newestMtime(path.join(ROOT, 'credentials')),
			);
			if (sources > newestMtime(distDir)) {
				log(
					'      ⚠️  dist/ is older than nodes/ or credentials/: run `npm run build` (or --build)',
				);
			}
		}
		const packDir = path.join(work, 'pack');
		fs.mkdirSync(packDir);
		const pack = run('npm', ['pack', '--json', '--pack-destination', packDir]);
		if (pack.status !== 0) fatal(`npm pack failed (${pack.status}):\n${pack.stderr}`);
		/** @type {[{ filename: string }]} */
		const [packed] = JSON.parse(String(pack.stdout));
		tarball = path.join(packDir, packed.filename);
	}
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	const untar = run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	if (untar.status !== 0) fatal(`tar -x failed: ${untar.stderr}`);
	const listing = run('tar', ['-tzf', tarball]);
	if (listing.status !== 0) fatal(`tar -t failed: ${listing.stderr}`);
	const entries = String(listing.stdout)
		.split('\n')
		.filter((entry) => entry && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^[^/]+\//, '')); // npm's top folder is `package/`
	const size = fs.statSync(tarball).size;
	log(
		`      tarball: ${path.basename(tarball)} (${entries.length} files, ${(size / 1024).toFixed(1)} kB)`,
	);
	await lintLeg('tarball leg', unpacked, TARBALL_LINT_PATTERNS);

	// ---------------------------------------------------------------------------------------------
	log();
	log('[3/3] Package rules the scanner and the verification guidelines need, checked offline');
	/** @type {(ok: boolean, pass: string, fail: string, details?: string[]) => void} */
	const check = (ok, pass, fail, details = []) => {
		if (ok) {
			log(`      ✅ ${pass}`);
			return;
		}
		findings.push(fail);
		log(`      ❌ ${fail}`);
		for (const detail of details.slice(0, 20)) log(`           ${detail}`);
		if (details.length > 20) log(`           … and ${details.length - 20} more`);
	};
	const pkgPath = path.join(unpacked, 'package.json');
	if (!fs.existsSync(pkgPath)) fatal('the tarball has no package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
	log('      (package.json as packed in the tarball)');

	const deps = Object.keys(pkg.dependencies ?? {});
	check(
		deps.length === 0,
		'no runtime dependencies',
		`"dependencies" must be empty or absent (verified nodes may not have runtime dependencies): ${deps.join(', ')}`,
	);
	const bundled = pkg.bundleDependencies ?? pkg.bundledDependencies;
	check(
		bundled === undefined || (Array.isArray(bundled) && bundled.length === 0) || bundled === false,
		'no bundleDependencies',
		`"bundleDependencies" must be absent: ${JSON.stringify(bundled)}`,
	);
	check(
		JSON.stringify(pkg.peerDependencies) === JSON.stringify(EXPECTED_PEERS),
		`peerDependencies = ${JSON.stringify(EXPECTED_PEERS)}`,
		`"peerDependencies" must be exactly ${JSON.stringify(EXPECTED_PEERS)}, is ${JSON.stringify(pkg.peerDependencies)}`,
	);
	check(
		pkg.license === 'MIT',
		'license MIT',
		`"license" must be "MIT", is ${JSON.stringify(pkg.license)}`,
	);

	const unexpected = entries.filter(
		(entry) => !entry.startsWith('dist/') && !ALLOWED_TOP_LEVEL.includes(entry),
	);
	const missing = REQUIRED_TOP_LEVEL.filter((file) => !entries.includes(file));
	check(
		unexpected.length === 0 && missing.length === 0,
		`tarball holds only dist/** (${entries.filter((e) => e.startsWith('dist/')).length} files), ` +
			ALLOWED_TOP_LEVEL.filter((file) => entries.includes(file)).join(', '),
		'the tarball must hold only dist/**, package.json, README.md, LICENSE (README.pt-BR.md, CHANGELOG.md allowed)',
		[
			...unexpected.map((entry) => `unexpected: ${entry}`),
			...missing.map((file) => `missing: ${file}`),
		],
	);
	const withNodeModules = entries.filter((entry) => entry.split('/').includes('node_modules'));
	check(
		withNodeModules.length === 0,
		'no node_modules in the tarball',
		'the tarball contains node_modules',
		withNodeModules,
	);

	/** @type {string[]} */
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const undeclared = declared.filter((file) => !entries.includes(path.posix.normalize(file)));
	check(
		declared.length > 0 && undeclared.length === 0,
		`n8n.nodes/n8n.credentials (${declared.length}) are all in the tarball`,
		'package.json "n8n" lists files that are not in the tarball (run npm run build?)',
		declared.length === 0 ? ['n8n.nodes and n8n.credentials are empty'] : undeclared,
	);

	/** @type {string[]} */
	const zodSource = [];
	/** @type {Map<string, number>} */
	const zodRequires = new Map();
	for (const entry of entries) {
		if (/(^|\/)zod(\/|$)/.test(path.posix.dirname(entry)))
			zodSource.push(`${entry} (a zod folder)`);
		const text = fs.readFileSync(path.join(unpacked, entry), 'latin1');
		const marker = ZOD_SOURCE_MARKERS.find((re) => re.test(text));
		if (marker) zodSource.push(`${entry} (matches ${marker})`);
		if (entry.endsWith('.js')) {
			for (const [, specifier] of text.matchAll(ZOD_REQUIRE)) {
				zodRequires.set(specifier, (zodRequires.get(specifier) ?? 0) + 1);
			}
		}
	}
	const requireSummary =
		[...zodRequires]
			.map(([specifier, count]) => `require("${specifier}") in ${count} files`)
			.join(', ') || 'no zod import';
	check(
		zodSource.length === 0,
		`zod not bundled (external: ${requireSummary})`,
		'zod source is bundled into the tarball; keep `import … from "zod"` external (n8n provides zod)',
		zodSource,
	);

	const repoUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	check(
		/^(git\+)?https:\/\/github\.com\/[\w.-]+\/[\w.-]+?(\.git)?$/.test(repoUrl ?? ''),
		`repository.url is a GitHub repository (${repoUrl}); npm provenance needs it to match the publishing repo`,
		`"repository.url" must be the public GitHub repository that publishes the package (provenance), is ${JSON.stringify(repoUrl)}`,
	);

	// ---------------------------------------------------------------------------------------------
	log();
	log('Not checked offline: npm provenance of a published version, the source at the attested');
	log('commit, and the tarball as published (see the comment at the top of scripts/scan.mjs).');
	log();
	if (findings.length === 0) {
		log(`✅ ${repoPkg.name}@${repoPkg.version}: source leg, tarball leg and package rules passed`);
		return 0;
	}
	log(`❌ ${repoPkg.name}@${repoPkg.version}: ${findings.length} finding(s)`);
	for (const finding of findings) log(`   - ${finding}`);
	return 1;
}
