/**
 * The Eduzz node's output schemas (nodes/Eduzz/__schema__, docs/output-schema.md) in a real
 * browser, on each pinned n8n version (env UI_N8N_VERSIONS, comma-separated; default both): the
 * packed package installed into n8n, a workflow Manual Trigger → Eduzz → Edit Fields that never
 * ran, and the Edit Fields panel, whose input panel must list the Eduzz node's fields as a
 * "Preview". Three Eduzz nodes: MyEduzz Sale "Get Many" (set in the workflow), one left at the
 * node's default resource and operation (AlpaClass Student "Get Many", not saved in the workflow),
 * and Nutror Enrollment "Get Many", which has no schema (Eduzz's example lists no enrollment).
 * The 2.41.1 run retakes docs/output-preview.png (not with UI_NO_SCREENSHOTS); with
 * UI_SCREENSHOTS=<folder>, each panel is saved there too.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type Browser, type Locator } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../tooling/chromium';
import { setupOwner } from '../../tooling/n8n/client';
import { VERSIONS, packAndInstall } from '../../tooling/n8n/provision';
import { startN8n, type N8nHandle } from '../../tooling/n8n/server';
import { client, type WorkflowNode } from '../../tooling/n8n/workflows';
import { waitFor } from '../../tooling/wait';
import { Editor, VIEWPORT } from './editor';

const ROOT = path.resolve(__dirname, '..', '..');
const versions = (process.env.UI_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');
const SCREENSHOT_FROM = VERSIONS.v2;
const OWNER = { email: 'preview@example.com', password: 'Preview-n8n-1' };
const CREDENTIAL = 'Eduzz account';
const SCHEMAS = '/schemas/n8n-nodes-eduzz.eduzz/1.0.0';

/** The first `count` fields of a committed schema file, in its order (the order the node outputs them). */
function fieldsOf(file: string, count = Infinity): string[] {
	const schema = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'nodes/Eduzz/__schema__/v1.0.0', file), 'utf8'),
	) as { properties: Record<string, unknown> };
	return Object.keys(schema.properties).slice(0, count);
}

/** Each Eduzz node of the workflow, the Edit Fields node after it, and what its preview lists first. */
const BRANCHES = {
	sales: {
		eduzz: 'Eduzz',
		next: 'Edit Fields',
		parameters: { resource: 'myeduzzSale', operation: 'getAll' },
		schema: `${SCHEMAS}/myeduzzSale/getAll.json`,
		// The simplified sale: the fields on screen without scrolling.
		fields: fieldsOf('myeduzzSale/getAll.json', 10),
	},
	defaults: {
		eduzz: 'Eduzz (defaults)',
		next: 'Edit Fields (defaults)',
		parameters: {},
		schema: `${SCHEMAS}/alpaclassStudent/getAll.json`,
		fields: fieldsOf('alpaclassStudent/getAll.json'),
	},
	noSchema: {
		eduzz: 'Eduzz (no schema)',
		next: 'Edit Fields (no schema)',
		parameters: { resource: 'nutrorEnrollment', operation: 'getAll', studentId: '1' },
		schema: `${SCHEMAS}/nutrorEnrollment/getAll.json`,
		fields: [] as string[],
	},
};
type Branch = (typeof BRANCHES)[keyof typeof BRANCHES];

const byTestId = (id: string) => `[data-test-id="${id}"]`;
/** n8n's words above a preview (`dataMapping.schemaView.preview`). */
const PREVIEW_WORDS = 'Usually outputs the following fields';

/** Manual Trigger → each Eduzz node → its Edit Fields, as n8n's API takes it. */
function previewWorkflow(credential: { id: string; name: string }) {
	const nodes: WorkflowNode[] = [
		{
			id: 'trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 200],
			parameters: {},
		},
	];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {
		'Manual Trigger': { main: [[]] },
	};
	Object.values(BRANCHES).forEach((branch, row) => {
		nodes.push(
			{
				id: `eduzz-${row}`,
				name: branch.eduzz,
				type: 'n8n-nodes-eduzz.eduzz',
				typeVersion: 1,
				position: [260, row * 200],
				parameters: branch.parameters,
				credentials: { eduzzApi: credential },
			},
			{
				id: `set-${row}`,
				name: branch.next,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [520, row * 200],
				parameters: {},
			},
		);
		connections['Manual Trigger'].main[0].push({ node: branch.eduzz, type: 'main', index: 0 });
		connections[branch.eduzz] = { main: [[{ node: branch.next, type: 'main', index: 0 }]] };
	});
	return { name: 'Output preview', nodes, connections, settings: {} };
}

describe.each(versions)('the Eduzz node output preview in the n8n %s editor', (version) => {
	let tmp: string | undefined;
	let n8n: N8nHandle | undefined;
	let browser: Browser | undefined;
	let editor: Editor;
	/** `<status> <path>` of every /schemas/ request the editor made. */
	const schemaRequests: string[] = [];

	/** With UI_SCREENSHOTS=<folder>, each test's panel is saved there as `<version>-<name>.png`. */
	async function shoot(name: string) {
		const folder = process.env.UI_SCREENSHOTS;
		if (!folder) return;
		fs.mkdirSync(folder, { recursive: true });
		await editor.screenshot(path.join(folder, `${version}-${name}.png`));
	}

	const inputPanel = (): Locator => editor.ndv.locator(byTestId('ndv-input-panel')).first();
	/** The input panel's text once it shows every one of `texts` (and, if given, stops changing). */
	function seeInput(what: string, accept: (text: string) => boolean) {
		return waitFor(
			what,
			async (progress: (value: unknown) => void) => {
				const text = await inputPanel()
					.innerText({ timeout: 1_000 })
					.catch(() => '');
				progress(text);
				return accept(text) ? text : undefined;
			},
			{ stallMs: 60_000, intervalMs: 200 },
		);
	}
	/**
	 * The fields the input panel's schema view lists now as a preview (the pills n8n marks
	 * `pill--preview`), top to bottom: its virtual list reuses rows, so the DOM order is not the
	 * order on screen.
	 */
	const listedFields = (): Promise<string[]> =>
		inputPanel()
			.locator(`${byTestId('run-data-schema-node-name')}.pill--preview`)
			.evaluateAll((pills) =>
				pills
					.map((pill) => ({
						name: pill.getAttribute('data-name') ?? '',
						top: pill.getBoundingClientRect().top,
					}))
					.sort((a, b) => a.top - b.top)
					.map(({ name }) => name),
			)
			.catch(() => [] as string[]);

	beforeAll(async () => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-preview-${version}-`));
		packAndInstall(tmp, { log: () => {} });
		const started = await startN8n({ version, userFolder: tmp, log: () => {} });
		n8n = started;
		await setupOwner(started, OWNER);
		const c = client(started);
		// The stand-in's address is never called: nothing runs. A credential keeps the canvas free
		// of "credentials not set" warnings.
		const credential = await c.createCredential('eduzzApi', CREDENTIAL, {
			accessToken: 'never-used',
			baseUrl: 'http://127.0.0.1:9',
		});
		const workflow = await c.createWorkflow(
			previewWorkflow({ id: credential.id, name: credential.name }),
		);

		browser = await chromium.launch(LAUNCH_OPTIONS);
		const context = await browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
		});
		const page = await context.newPage();
		page.on('response', (response) => {
			const { pathname } = new URL(response.url());
			if (pathname.startsWith('/schemas/')) schemaRequests.push(`${response.status()} ${pathname}`);
		});
		editor = new Editor(page, { baseUrl: started.baseUrl, version });
		await editor.signIn(OWNER);
		await page.goto(`${started.baseUrl}/workflow/${workflow.id}`, {
			waitUntil: 'domcontentloaded',
		});
		await page.locator(byTestId('canvas-node')).first().waitFor({ state: 'visible' });
		await editor.dismissOverlays();
	});

	afterEach(async () => {
		// A failed test leaves its panel open over the canvas.
		if (await editor?.ndv.isVisible().catch(() => false)) await editor.closeNdv();
	});

	afterAll(async () => {
		await browser?.close().catch(() => {});
		await n8n?.stop();
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	});

	/** Opens `branch.next`, waits for its input panel to settle, and resolves what it shows. */
	async function openNext(branch: Branch) {
		await editor.openNode(branch.next);
		await waitFor(
			`the editor to ask n8n for ${branch.schema}`,
			async () => (schemaRequests.some((r) => r.endsWith(` ${branch.schema}`)) ? true : undefined),
			{ stallMs: 60_000 },
		);
		return schemaRequests.find((r) => r.endsWith(` ${branch.schema}`));
	}

	it('asks for no schema while the canvas loads', () => {
		expect(schemaRequests).toEqual([]);
	});

	it("lists the Eduzz fields as a preview in the next node's input panel, before anything ran", async () => {
		const branch = BRANCHES.sales;
		expect(await openNext(branch)).toBe(`200 ${branch.schema}`);
		const text = await seeInput(`the input panel to preview ${branch.fields.join(', ')}`, (t) =>
			t.includes(PREVIEW_WORDS),
		);
		expect(text).toContain(branch.eduzz);
		expect(text).toContain('Preview');
		const listed = await waitFor(
			`the preview to list ${branch.fields.join(', ')}`,
			async (progress: (value: unknown) => void) => {
				const fields = await listedFields();
				progress(fields);
				return branch.fields.every((field) => fields.includes(field)) ? fields : undefined;
			},
			{ stallMs: 60_000, intervalMs: 200 },
		);
		// In the order the node outputs them, as the schema file lists them.
		expect(listed.slice(0, branch.fields.length)).toEqual(branch.fields);
		await shoot('sales');
		if (version === SCREENSHOT_FROM && !process.env.UI_NO_SCREENSHOTS)
			await editor.screenshot(path.join(ROOT, 'docs', 'output-preview.png'));
	});

	it('previews the default resource and operation too, which the workflow does not save', async () => {
		const branch = BRANCHES.defaults;
		expect(await openNext(branch)).toBe(`200 ${branch.schema}`);
		await seeInput('the input panel to show a preview', (t) => t.includes(PREVIEW_WORDS));
		expect((await listedFields()).slice(0, branch.fields.length)).toEqual(branch.fields);
		await shoot('defaults');
	});

	it('shows no preview for an operation without a schema', async () => {
		const branch = BRANCHES.noSchema;
		expect(await openNext(branch)).toBe(`404 ${branch.schema}`);
		const text = await seeInput('the input panel to ask for an execution', (t) =>
			/Execute previous nodes/i.test(t),
		);
		expect(text).not.toContain(PREVIEW_WORDS);
		expect(await listedFields()).toEqual([]);
		await shoot('no-schema');
	});
});
