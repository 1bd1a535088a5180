// `npm run screenshot`: docs/eduzz-trigger-panel.png, the Eduzz Trigger's parameter panel (NDV) in the
// real n8n editor. Needs a prior `npm run build`, the pinned n8n in .cache/runtime (installed on first
// use, like `npm run dev`), the devDependency `playwright-core` (driver only, no browser download) and a
// Chromium on the machine (Debian: `apt-get install chromium`; elsewhere set CHROMIUM_PATH).
//
// What it does: a fresh n8n 2.41.1 user folder in the temp dir with the packed package, an owner, an
// Eduzz credential and a workflow (three AlpaClass events, manual registration); logs in through the
// editor's sign-in form in headless Chromium, opens the workflow and the trigger's panel, and saves the
// PNG. n8n and Chromium are stopped (by the pids started here) and the temp folders removed at the end.
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_N8N_VERSION (default 2.41.1),
// SCREENSHOT_OUT (default docs/eduzz-trigger-panel.png), SCREENSHOT_KEEP=1 keeps the temp folders.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { VERSIONS, ensureRuntime, packAndInstall } = require('../tooling/n8n/provision.js');
const { startN8n } = require('../tooling/n8n/processes.js');
const { setupOwner } = require('../tooling/n8n/client.js');
const { TRIGGER_NAME, client, eduzzWorkflow } = require('../tooling/n8n/workflows.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(ROOT, process.env.SCREENSHOT_OUT || 'docs/eduzz-trigger-panel.png');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VERSION = process.env.SCREENSHOT_N8N_VERSION || VERSIONS.v2;
const VIEWPORT = { width: 1400, height: 900 };
const OWNER = { email: 'screenshot@example.com', password: 'Screenshot-n8n1' };
const PUBLIC_URL = 'https://n8n.example.com/';
const WIDEN_PX = 200; // the parameter column is 420 px by default: long option labels get cut
const STEP_TIMEOUT_MS = 120_000; // the machine may be busy with another n8n

const log = (message) => console.log(`[screenshot] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadPlaywright() {
	try {
		return (await import('playwright-core')).default;
	} catch {
		throw new Error(
			'playwright-core is missing: run `npm install` (it is a devDependency; no browser is downloaded)',
		);
	}
}

/** The workflow shown: the trigger as a user would configure it, wired to a No Op. */
function workflow(credential) {
	return eduzzWorkflow({
		name: 'Eduzz: AlpaClass progress',
		credential,
		parameters: {
			events: [
				'alpaclass.student_module_finished',
				'alpaclass.student_module_unfinished',
				'alpaclass.student_course_finished',
			],
			options: { skipRedeliveries: true },
		},
	});
}

/**
 * Starts Chromium headless with a DevTools port in a new profile dir and returns
 * `{ pid, endpoint, stop() }`. Port 0 lets Chromium pick one; it writes it to DevToolsActivePort.
 */
async function startChromium(profileDir) {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`);
	const args = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--no-default-browser-check',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--hide-scrollbars',
		'--force-color-profile=srgb',
		`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
		`--user-data-dir=${profileDir}`,
		'--remote-debugging-address=127.0.0.1',
		'--remote-debugging-port=0',
		'about:blank',
	];
	const logFile = path.join(profileDir, '..', 'chromium.log');
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(CHROMIUM, args, { stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	let exited = false;
	const exitedPromise = new Promise((resolve) => child.on('exit', () => resolve((exited = true))));
	const portFile = path.join(profileDir, 'DevToolsActivePort');
	const deadline = Date.now() + 60_000;
	while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8').split('\n').length < 2) {
		if (exited) throw new Error(`Chromium exited at startup; see ${logFile}`);
		if (Date.now() > deadline) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			throw new Error(`Chromium did not open its DevTools port; see ${logFile}`);
		}
		await sleep(200);
	}
	const port = fs.readFileSync(portFile, 'utf8').split('\n')[0].trim();
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig); // its own process group: renderers and zygote included
		} catch {
			/* gone */
		}
	};
	// Ctrl-C or a kill: the detached Chromium would survive us (tooling/n8n/processes.js stops n8n).
	const onSignal = () => {
		signal('SIGKILL');
		process.exit(130);
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);
	return {
		pid: child.pid,
		endpoint: `http://127.0.0.1:${port}`,
		async stop() {
			for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(sig, onSignal);
			if (exited) return signal('SIGKILL');
			signal('SIGTERM');
			const graceful = await Promise.race([exitedPromise, sleep(5000).then(() => false)]);
			signal('SIGKILL');
			if (!graceful) await Promise.race([exitedPromise, sleep(5000)]);
		},
	};
}

/** Closes what n8n may pop up over the canvas (what's new, banners, tours). */
async function dismissOverlays(page) {
	await page.keyboard.press('Escape').catch(() => {});
	for (const selector of [
		'[data-test-id="whats-new-modal"] .el-dialog__headerbtn',
		'.el-dialog__headerbtn',
		'[data-test-id="banner-close"]',
		'[data-test-id="banners-close-button"]',
	]) {
		const close = page.locator(selector);
		for (let i = (await close.count()) - 1; i >= 0; i--) {
			if (
				await close
					.nth(i)
					.isVisible()
					.catch(() => false)
			)
				await close
					.nth(i)
					.click()
					.catch(() => {});
		}
	}
}

/** Drags the right edge of the NDV's middle column (the parameters) `px` pixels to the right. */
async function widenParameterColumn(page, px) {
	// drag button → column content → resizable column, whose direct children include the edge handles.
	const column = page.locator('[data-test-id="panel-drag-button"]').locator('xpath=../..');
	const edge = column.locator(':scope > [data-dir="right"]');
	const box = await edge.boundingBox({ timeout: 10_000 });
	if (!box) throw new Error('right edge of the parameter column not found');
	const y = box.y + box.height / 2;
	const x = box.x + box.width / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	for (let step = 1; step <= 10; step++) await page.mouse.move(x + (px * step) / 10, y);
	await page.mouse.up();
}

async function main() {
	const { chromium } = await loadPlaywright();
	const dist = path.join(ROOT, 'dist', 'nodes', 'EduzzTrigger', 'EduzzTrigger.node.js');
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-screenshot-'));
	const userFolder = path.join(tmp, 'n8n');
	const profileDir = path.join(tmp, 'chromium-profile');
	fs.mkdirSync(profileDir, { recursive: true });
	let n8n;
	let browserProcess;
	let browser;
	try {
		log(`n8n ${VERSION} with the packed package in ${userFolder}`);
		await ensureRuntime(VERSION, { log });
		packAndInstall(userFolder, { log });
		// The URL shown in the panel: what a user's public address looks like, not 127.0.0.1:<port>.
		// (Only the editor's display uses it; nothing is delivered in this script.)
		const webhookUrlEnv = VERSION.startsWith('1.') ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
		n8n = await startN8n({
			version: VERSION,
			userFolder,
			log,
			env: { [webhookUrlEnv]: PUBLIC_URL },
		});
		await setupOwner(n8n, { ...OWNER, log });
		const c = client(n8n);
		const credential = await c.createCredential('eduzzApi', 'Eduzz API', {
			webhookSecret: crypto.randomBytes(24).toString('hex'),
			previousWebhookSecret: '',
			accessToken: '',
			baseUrl: 'https://api.eduzz.com',
		});
		const created = await c.createWorkflow(workflow(credential));
		log(`workflow ${created.id} created`);

		browserProcess = await startChromium(profileDir);
		log(`Chromium pid ${browserProcess.pid} at ${browserProcess.endpoint}`);
		browser = await chromium.connectOverCDP(browserProcess.endpoint, { timeout: STEP_TIMEOUT_MS });
		const context = await browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
		});
		const page = await context.newPage();
		page.setDefaultTimeout(STEP_TIMEOUT_MS);

		// Sign in through the form (the REST cookie is bound to the browser-id header it was issued for).
		await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await page
			.locator('input[name="emailOrLdapLoginId"], input[name="email"]')
			.first()
			.fill(OWNER.email);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page
			.locator('[data-test-id="form-submit-button"], button[type="submit"]')
			.first()
			.click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), {
			timeout: STEP_TIMEOUT_MS,
		});
		log('signed in');

		await page.goto(`${n8n.baseUrl}/workflow/${created.id}`, { waitUntil: 'domcontentloaded' });
		const node = page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: TRIGGER_NAME })
			.first();
		await node.waitFor({ state: 'visible' });
		await sleep(1500); // let the canvas finish its fit-to-view animation
		await dismissOverlays(page);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ state: 'visible' });
		await page.locator('[data-test-id="parameter-input-events"]').waitFor({ state: 'visible' });
		log('parameter panel open');

		// Expand "Webhook URLs" and show the Production URL (the one pasted into the Eduzz console).
		await ndv.locator('.webhooks .clickable.headline').click();
		await ndv.locator('.node-webhooks').getByText('Production URL', { exact: true }).click();
		await ndv
			.locator('.node-webhooks .webhook-url')
			.filter({ hasText: PUBLIC_URL })
			.waitFor({ state: 'visible' });

		// Widen the parameter column by dragging its right edge, as a user would.
		await widenParameterColumn(page, WIDEN_PX).catch((error) =>
			log(`could not widen the panel (${error.message}); keeping the default width`),
		);
		await page.mouse.move(0, VIEWPORT.height - 1); // no hover tooltips in the picture
		await sleep(1000);

		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		await page.screenshot({ path: OUT, fullPage: false });
		log(`saved ${path.relative(ROOT, OUT)} (${VIEWPORT.width}×${VIEWPORT.height})`);
	} finally {
		await browser?.close().catch(() => {});
		await browserProcess?.stop();
		await n8n?.stop();
		if (process.env.SCREENSHOT_KEEP) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[screenshot] ${error.stack || error.message}`);
	process.exit(1);
});
