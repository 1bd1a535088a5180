/**
 * What `npm run dev` and `npm run send-sample` tell a new user when something is not right: one
 * line that says what to do. The scripts run as the user runs them, against a stand-in for n8n.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: n8n Cloud's rules are for the package's nodes; it runs the scripts as a user does */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOW_ID = 'wf1';
const WEBHOOK_ID = '5d8a3f0e-2b7c-4e11-8f6a-9c4d2e1b7a30';

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function runScript(script: string, args: string[], env: Record<string, string> = {}) {
	return new Promise<Run>((resolve) => {
		execFile(
			process.execPath,
			[path.join(ROOT, 'scripts', script), ...args],
			{ cwd: ROOT, env: { ...process.env, ...env } },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

/** A server on a free port of 127.0.0.1, answering with `handler`. */
async function serve(handler: http.RequestListener = (_req, res) => res.end()) {
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('npm run dev', () => {
	let folder: string;
	beforeEach(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-dev-'));
	});
	afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

	it.each([
		['DEV_FAKE_EDUZZ_PORT', "the stand-in for Eduzz's API"],
		['DEV_N8N_PORT', 'n8n'],
	])('names a busy %s in one line, before building anything', async (variable, what) => {
		const busy = await serve();
		const free = await serve();
		const freePort = free.port;
		await free.close();
		try {
			const ports =
				variable === 'DEV_N8N_PORT'
					? { DEV_N8N_PORT: String(busy.port), DEV_FAKE_EDUZZ_PORT: String(freePort) }
					: { DEV_N8N_PORT: String(freePort), DEV_FAKE_EDUZZ_PORT: String(busy.port) };
			const { code, stdout, stderr } = await runScript('dev.mjs', [], {
				...ports,
				DEV_FOLDER: folder,
			});
			expect(code).toBe(1);
			expect(stdout).toBe('');
			expect(stderr.trim().split('\n')).toEqual([
				expect.stringMatching(
					new RegExp(
						`^\\[dev\\] port ${busy.port} \\(${what.replace(/[()']/g, '.')}\\) is already in use: .* e\\.g\\. ${variable}=\\d+ npm run dev$`,
					),
				),
			]);
			expect(fs.readdirSync(folder)).toEqual([]); // nothing claimed, nothing built
		} finally {
			await busy.close();
		}
	});

	it('refuses a port that is not a number', async () => {
		const { code, stderr } = await runScript('dev.mjs', [], {
			DEV_N8N_PORT: 'abc',
			DEV_FOLDER: folder,
		});
		expect(code).toBe(1);
		expect(stderr).toBe('[dev] DEV_N8N_PORT=abc is not a port number (1-65535): fix or unset it\n');
	});
});

describe('npm run send-sample', () => {
	let folder: string;
	beforeEach(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-send-sample-'));
	});
	afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

	const send = (...args: string[]) => runScript('send-sample.mjs', args, { DEV_FOLDER: folder });
	const writeState = (baseUrl: string) =>
		fs.writeFileSync(
			path.join(folder, 'dev-state.json'),
			JSON.stringify({
				baseUrl,
				workflowId: WORKFLOW_ID,
				webhookId: WEBHOOK_ID,
				apiKey: 'key',
				secret: 'dev-secret',
			}),
		);

	/**
	 * A stand-in for n8n with the dev workflow: its trigger answers `answer(testUrl)` to a delivery;
	 * `requests` records what reached it.
	 */
	async function n8n(answer: (test: boolean) => [number, unknown]) {
		const requests: string[] = [];
		const server = await serve((req, res) => {
			requests.push(`${req.method} ${req.url}`);
			const json = (status: number, body: unknown) =>
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			const delivery = /^\/(webhook|webhook-test)\//.exec(req.url ?? '');
			if (req.url === `/api/v1/workflows/${WORKFLOW_ID}`)
				json(200, {
					id: WORKFLOW_ID,
					name: 'Eduzz: student unmarked a module',
					nodes: [
						{
							name: 'Eduzz Trigger',
							type: 'n8n-nodes-eduzz.eduzzTrigger',
							webhookId: WEBHOOK_ID,
							credentials: { eduzzApi: { id: 'c1', name: 'Eduzz API (local dev)' } },
						},
					],
				});
			else if (req.method === 'POST' && delivery) {
				req.resume();
				req.on('end', () => json(...answer(delivery[1] === 'webhook-test')));
			} else json(404, { message: 'not found' });
		});
		writeState(`http://127.0.0.1:${server.port}`);
		return { ...server, requests };
	}

	it('--help prints the usage and sends nothing', async () => {
		const { code, stdout } = await send('--help');
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Usage: npm run send-sample -- \[--test\] \[event\]/);
		expect(stdout).toContain('--test');
		expect(stdout).toContain('Execute step');
	});

	it('--list prints the 63 events', async () => {
		const { code, stdout } = await send('--list');
		expect(code).toBe(0);
		expect(stdout.trim().split('\n')).toHaveLength(63);
		expect(stdout).toContain('myeduzz.invoice_paid\n');
	});

	it.each([
		[
			['invoice_paid'],
			'[send-sample] unknown event "invoice_paid" (did you mean myeduzz.invoice_paid?): npm run send-sample -- --list shows Eduzz\'s 63 events',
		],
		[
			['--bogus'],
			'[send-sample] unknown option --bogus: npm run send-sample -- --help lists the options',
		],
	])('refuses %j in one line, before any request', async (args, line) => {
		const { code, stdout, stderr } = await send(...args);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe(`${line}\n`);
	});

	it('says to start npm run dev when it never ran', async () => {
		const { code, stderr } = await send();
		expect(code).toBe(1);
		expect(stderr).toMatch(/^\[send-sample\] no .*dev-state\.json yet: start `npm run dev`/);
	});

	it('says to start npm run dev when n8n is not running', async () => {
		const closed = await serve();
		await closed.close();
		writeState(`http://127.0.0.1:${closed.port}`);
		const { code, stderr } = await send('--test');
		expect(code).toBe(1);
		expect(stderr).toBe(
			`[send-sample] n8n is not running at http://127.0.0.1:${closed.port}: start \`npm run dev\` (in another terminal) and run this again\n`,
		);
	});

	it.each([
		[
			'--test, nothing listening: click Execute step first',
			['--test'],
			() =>
				[404, { code: 404, message: 'The requested webhook is not registered.' }] as [
					number,
					unknown,
				],
			/^\[send-sample\] nothing listens at http:\/\/127\.0\.0\.1:\d+\/webhook-test\/[-0-9a-f]+\/webhook: open .*, click Execute step on "Eduzz Trigger" first \(it shows "Listening for test event"\), then run this again$/,
		],
		[
			'an event the workflow does not select: select it and publish again',
			['myeduzz.invoice_paid'],
			() =>
				[
					200,
					{
						received: true,
						executed: false,
						reason: 'not_selected',
						event: 'myeduzz.invoice_paid',
					},
				] as [number, unknown],
			/^\[send-sample\] the published trigger does not select myeduzz\.invoice_paid: select myeduzz\.invoice_paid in the trigger's Events and publish again/,
		],
		[
			'a secret mismatch: where to fix it',
			[],
			() =>
				[
					401,
					{ error: 'unauthorized', message: 'The x-signature header does not match the body.' },
				] as [number, unknown],
			/^\[send-sample\] the trigger refused the signature \(401\): the credential "Eduzz API \(local dev\)" does not hold the key this script signs with; set its Webhook Secret to the "secret" of .*dev-state\.json/,
		],
	])('%s', async (_label, args, answer, refusal) => {
		const server = await n8n(answer);
		try {
			const { code, stdout, stderr } = await send(...args);
			expect(code).toBe(1);
			expect(stdout).toContain(`→ HTTP ${answer()[0]}`);
			expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(refusal)]);
			const kind = args.includes('--test') ? 'webhook-test' : 'webhook';
			expect(server.requests).toEqual([
				`GET /api/v1/workflows/${WORKFLOW_ID}`,
				`POST /${kind}/${WEBHOOK_ID}/webhook`,
			]);
		} finally {
			await server.close();
		}
	});
});
