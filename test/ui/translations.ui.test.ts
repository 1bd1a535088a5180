/**
 * What n8n's editor shows from node translation files when n8n runs with
 * N8N_DEFAULT_LOCALE=pt-BR, for this package's nodes and, as a control, for one of n8n's own
 * nodes (the Stripe Trigger, which has an Events parameter like the Eduzz Trigger). The package
 * ships no translation files because, on both pinned versions, the editor shows none for a
 * community node (docs/n8n-editor-translations.md). This test writes one-string files into the
 * installed copies, looks at the node panels in headless Chromium, and fails the day n8n starts
 * showing them, which is when the package should ship its Portuguese strings.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../tooling/chromium';
import { setupOwner } from '../../tooling/n8n/client';
import { VERSIONS, ensureRuntime, isV1, packAndInstall } from '../../tooling/n8n/provision';
import { startN8n, type N8nHandle } from '../../tooling/n8n/server';
import { client, type WorkflowNode } from '../../tooling/n8n/workflows';
import { Editor, VIEWPORT } from './editor';

/** A node type as the test places it and the editor asks n8n about it. */
interface NodeKind {
	name: string;
	type: string;
	version: number;
}

/**
 * What this test reads of the editor's page (the callbacks of page.evaluate run in the browser):
 * the Vue app's Pinia stores it asks for translations.
 */
interface EditorPage {
	document: {
		querySelector(selector: '#app'): {
			__vue_app__: {
				config: {
					globalProperties: {
						$pinia: {
							_s: {
								get(id: 'nodeTypes'): {
									getNodesInformation(
										nodes: Array<{ name: string; version: number }>,
									): Promise<Array<{ name: string; translation?: unknown }>>;
								};
								get(id: 'credentials'): {
									getCredentialTranslation(type: string): Promise<unknown>;
								};
							};
						};
					};
				};
			};
		};
	};
}

const versions = (process.env.UI_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');
const OWNER = { email: 'pt-br@example.com', password: 'Traducao-n8n-1' };
const EDUZZ = { name: 'Eduzz Trigger', type: 'n8n-nodes-eduzz.eduzzTrigger', version: 1.1 };
const STRIPE = { name: 'Stripe Trigger', type: 'n8n-nodes-base.stripeTrigger', version: 1 };
const EDUZZ_LABEL = 'Eventos da Eduzz';
const STRIPE_LABEL = 'Eventos da Stripe';
const CREDENTIAL_LABEL = 'Chave de assinatura';

const eventsLabel = (label: string) => ({ nodeView: { events: { displayName: label } } });
function writeJson(file: string, value: unknown) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value));
}

describe.each(versions)('n8n %s in pt-BR', (version) => {
	let tmp: string | undefined;
	let n8n: N8nHandle | undefined;
	let browser: Browser | undefined;
	let editor: Editor;
	let controlFile: string | undefined;
	let workflowId: string;
	const requests: string[] = [];

	beforeAll(async () => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-pt-br-${version}-`));
		const runtime = await ensureRuntime(version);
		const installed = packAndInstall(tmp, { log: () => {} });
		// Where n8n looks: `<node's folder>/translations/<locale>/<bare node name>.json`.
		writeJson(
			path.join(installed, 'dist/nodes/EduzzTrigger/translations/pt-BR/eduzzTrigger.json'),
			eventsLabel(EDUZZ_LABEL),
		);
		writeJson(path.join(installed, 'dist/credentials/translations/pt-BR/eduzzApi.json'), {
			webhookSecret: { displayName: CREDENTIAL_LABEL },
		});
		controlFile = path.join(
			runtime.dir,
			'node_modules/n8n-nodes-base/dist/nodes/Stripe/translations/pt-BR/stripeTrigger.json',
		);
		writeJson(controlFile, eventsLabel(STRIPE_LABEL));

		const started = await startN8n({
			version,
			userFolder: tmp,
			env: { N8N_DEFAULT_LOCALE: 'pt-BR' },
			log: () => {},
		});
		n8n = started;
		await setupOwner(started, OWNER);
		const node = ({ name, type, version: typeVersion }: NodeKind, x: number): WorkflowNode => ({
			id: name,
			name,
			type,
			typeVersion,
			position: [x, 0],
			parameters: {},
			webhookId: `0000000${x / 400}-0000-4000-8000-000000000000`,
		});
		workflowId = (
			await client(started).createWorkflow({
				name: 'pt-BR',
				nodes: [node(EDUZZ, 0), node(STRIPE, 400)],
				connections: {},
				settings: {},
			})
		).id;

		browser = await chromium.launch(LAUNCH_OPTIONS);
		const context = await browser.newContext({ viewport: VIEWPORT, locale: 'pt-BR' });
		const page = await context.newPage();
		page.on('request', (request) => {
			if (/\/rest\/(node-types|credential-translation)/.test(request.url()))
				requests.push(`${request.method()} ${new URL(request.url()).pathname}`);
		});
		editor = new Editor(page, { baseUrl: started.baseUrl, version });
		await editor.signIn(OWNER);
		await page.goto(`${started.baseUrl}/workflow/${workflowId}`);
		await editor.dismissOverlays();
	});

	afterAll(async () => {
		if (controlFile) fs.rmSync(controlFile, { force: true });
		await browser?.close().catch(() => {});
		await n8n?.stop();
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	});

	/** The open node's panel text once its Events parameter is there. */
	async function panelText(node: NodeKind) {
		await editor.openNode(node.name);
		await editor.parameter('events').waitFor({ state: 'visible' });
		const text = await editor.ndv.innerText();
		await editor.closeNdv();
		return text;
	}

	/** What the editor's node-types store gets when it asks n8n for a node's full description. */
	// (No `?.` nor `??` in the callbacks: TypeScript's es2019 output of those needs variables
	// outside the function, which Playwright sends to the browser as text.)
	function fetchNodeInformation(
		node: NodeKind,
	): Promise<{ name?: string; translation?: unknown; error?: string }> {
		return editor.page.evaluate(
			async ({ name, version: nodeVersion }) => {
				const { document } = globalThis as unknown as EditorPage;
				const pinia = document.querySelector('#app').__vue_app__.config.globalProperties.$pinia;
				try {
					const [info] = await pinia._s
						.get('nodeTypes')
						.getNodesInformation([{ name, version: nodeVersion }]);
					return { name: info.name, translation: info.translation };
				} catch (error) {
					return { error: (error as Error).message };
				}
			},
			{ name: node.type, version: node.version },
		);
	}

	it('shows neither node in Portuguese as the workflow opens, and asks n8n for no translation', async () => {
		expect(await panelText(EDUZZ)).not.toContain(EDUZZ_LABEL);
		expect(await panelText(STRIPE)).not.toContain(STRIPE_LABEL);
		// Descriptions come whole from /types/nodes.json; only node types without properties, or
		// a node type reloaded after a package install, are fetched with their translation.
		expect(requests).toEqual([]);
	});

	it('applies a fetched translation to n8n-nodes-base only (or fetches none at all on 1.x)', async () => {
		const eduzz = await fetchNodeInformation(EDUZZ);
		const stripe = await fetchNodeInformation(STRIPE);
		if (isV1(version)) {
			// 1.123 resolves a node's folder against n8n's working directory: every fetch fails.
			expect(eduzz.error).toMatch(/ENOENT.*dist\/nodes\/EduzzTrigger/);
			expect(stripe.error).toMatch(/ENOENT.*dist\/nodes\/Stripe/);
			expect(await panelText(STRIPE)).not.toContain(STRIPE_LABEL);
		} else {
			// 2.41 hands the file over under the bare node name, and the editor files it under that
			// name, but looks a community node's strings up under its full type name, whose dot
			// splits the lookup path.
			expect(eduzz).toEqual({ name: 'eduzzTrigger', translation: eventsLabel(EDUZZ_LABEL) });
			expect(stripe).toEqual({ name: 'stripeTrigger', translation: eventsLabel(STRIPE_LABEL) });
			expect(await panelText(STRIPE)).toContain(STRIPE_LABEL);
		}
		expect(await panelText(EDUZZ)).not.toContain(EDUZZ_LABEL);
	});

	it("shows Eduzz's Portuguese label under an event's name in the Events picker", async () => {
		// What a Portuguese reader has today: each event's description ends with Eduzz's own label.
		await editor.openNode(EDUZZ.name);
		const text = await editor.optionText('events', 'Unmarked a Module as Finished');
		await editor.closeNdv();
		expect(text).toContain('Student Unmarked a Module as Finished');
		expect(text).toContain('Aluno desmarcou um módulo como finalizado');
	});

	it('reads credential translations from n8n-nodes-base only', async () => {
		const answer = await editor.page.evaluate(async () => {
			const { document } = globalThis as unknown as EditorPage;
			const pinia = document.querySelector('#app').__vue_app__.config.globalProperties.$pinia;
			return await pinia._s.get('credentials').getCredentialTranslation('eduzzApi');
		});
		expect(answer).toBeNull();
	});
});
