// @ts-check
'use strict';
/**
 * The browser of the UI tests (`npm run test:ui`): Debian's chromium at /usr/bin/chromium, driven
 * by the devDependency playwright-core (which downloads no browser). Run as a script, it installs
 * the package when the binary is missing (`apt-get install -y chromium`, as root, non-interactive)
 * and prints the path.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM_PATH = '/usr/bin/chromium';

/** What `chromium.launch()` gets: headless, no sandbox (root in CI), nothing phoning home. */
const LAUNCH_OPTIONS = Object.freeze({
	executablePath: CHROMIUM_PATH,
	args: [
		'--headless=new',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
});

/** @param {string[]} args */
function aptGet(args) {
	childProcess.execFileSync('apt-get', args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/**
 * Installs Debian's chromium when /usr/bin/chromium is missing; returns its path.
 *
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {string}
 */
function ensureChromium({ log = (message) => console.log(`[chromium] ${message}`) } = {}) {
	if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM_PATH} is missing: install Debian's chromium as root (apt-get install -y chromium)`,
		);
	}
	log(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
	try {
		aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
	} catch {
		// A fresh machine may not have the package lists yet.
		aptGet(['update']);
		aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	if (!fs.existsSync(CHROMIUM_PATH))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing`);
	return CHROMIUM_PATH;
}

module.exports = { CHROMIUM_PATH, LAUNCH_OPTIONS, ensureChromium };

if (require.main === module) {
	try {
		console.log(`[chromium] ${ensureChromium()}`);
	} catch (error) {
		console.error(`[chromium] ${error.message}`);
		process.exit(1);
	}
}
