/**
 * The n8n editor as a new user sees it, in headless Chromium (playwright-core), for both pinned
 * versions: where the buttons are and what they say. Every wait follows the page: Playwright's
 * locators wait for what they act on, and `see()` polls what the page shows until it matches,
 * giving up only after a long stretch in which nothing on the page changed (tooling/wait.js).
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';

import type { Locator, Page } from 'playwright-core';

import { isV1 } from '../../tooling/n8n/provision';
import { waitFor } from '../../tooling/wait';

/** Playwright's per-action wait: generous, a busy machine renders slowly. */
const ACTION_TIMEOUT_MS = 120_000;
/** How long `see()` keeps polling while what it reads stays the same. */
const STALL_MS = 60_000;
export const VIEWPORT = { width: 1440, height: 900 };

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** With UI_TRACE=<file>, each wait is appended to that file as it starts (jest prints at the end). */
function trace(message: string) {
	if (process.env.UI_TRACE)
		fs.appendFileSync(process.env.UI_TRACE, `${new Date().toISOString()} ${message}\n`);
}

/** The visible text of the first match of `locator`, or '' while it is not there. */
async function textOf(locator: Locator) {
	const first = locator.first();
	if (!(await first.isVisible().catch(() => false))) return '';
	// A short timeout: the element may go away between the two calls; the caller polls again.
	return (await first.innerText({ timeout: 1_000 }).catch(() => '')) || '';
}

/**
 * Polls `read()` (a string, or a list of strings) until `accept(value)` holds; returns the value.
 * Fails with `what` and the last value read after STALL_MS in which that value did not change.
 */
function see<T extends string | string[]>(
	what: string,
	read: () => T | Promise<T>,
	accept: (value: T) => boolean,
	{ stallMs = STALL_MS }: { stallMs?: number } = {},
): Promise<T> {
	trace(`waiting for ${what}`);
	// `read` gives a string or a list of them, never undefined: what waitFor resolves is a T.
	return waitFor(
		what,
		async (progress) => {
			const value = await read();
			progress(value);
			return accept(value) ? value : undefined;
		},
		{ stallMs, intervalMs: 200 },
	) as Promise<T>;
}

/**
 * Waits until `locator` shows every text of `texts`, whitespace aside (n8n's JSON view breaks
 * lines between a key and its value); returns its text.
 */
function seeTexts(what: string, locator: Locator, texts: string[], options?: { stallMs?: number }) {
	const squeeze = (text: string) => text.replace(/\s+/g, '');
	return see(
		what,
		() => textOf(locator),
		(text) => texts.every((t) => squeeze(text).includes(squeeze(t))),
		options,
	);
}

export class Editor {
	readonly baseUrl: string;
	readonly version: string;
	readonly v1: boolean;

	constructor(
		readonly page: Page,
		{ baseUrl, version }: { baseUrl: string; version: string },
	) {
		this.baseUrl = baseUrl;
		this.version = version;
		this.v1 = isV1(version);
		page.setDefaultTimeout(ACTION_TIMEOUT_MS);
	}

	get ndv() {
		return this.page.locator(byTestId('ndv'));
	}

	get nodeCreator() {
		return this.page.locator(byTestId('node-creator'));
	}

	/** The sign-in form, as a user fills it in. */
	async signIn({ email, password }: { email: string; password: string }) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(email);
		await page.locator('input[name="password"]').fill(password);
		await page
			.locator(`${byTestId('form-submit-button')}, button[type="submit"]`)
			.first()
			.click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** Closes what n8n shows first (what's new, banners, tours), as scripts/screenshot.mjs did. */
	async dismissOverlays() {
		const { page } = this;
		await page.keyboard.press('Escape').catch(() => {});
		for (const selector of [
			`${byTestId('whats-new-modal')} .el-dialog__headerbtn`,
			'.el-dialog__headerbtn',
			`${byTestId('banner-close')}`,
			`${byTestId('banners-close-button')}`,
			'[data-test-id^="banner-"][data-test-id$="-close"]',
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
						.click({ timeout: 5_000 })
						.catch(() => {});
			}
		}
	}

	/** A new, empty workflow: its canvas with the "Add first step" button. */
	async newWorkflow() {
		const { page } = this;
		await page.goto(`${this.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await page.locator(byTestId('canvas-add-button')).waitFor({ state: 'visible' });
		await this.dismissOverlays();
	}

	/** The workflow id in the address bar once n8n saved it. */
	workflowId() {
		const match = /\/workflow\/([^/?#]+)/.exec(this.page.url());
		return match && match[1] !== 'new' ? match[1] : undefined;
	}

	/** Opens the node panel from the empty canvas ("Add first step"). */
	async openNodePanelForFirstStep() {
		await this.page.locator(byTestId('canvas-add-button')).click();
		await this.nodeCreator.waitFor({ state: 'visible' });
	}

	get nodePanelSearch() {
		return this.nodeCreator.locator(byTestId('node-creator-search-bar')).first();
	}

	/** The names of the nodes and actions the node panel shows now. */
	async nodePanelNames() {
		const texts = await this.nodeCreator
			.locator(byTestId('item-iterator-item'))
			.allInnerTexts()
			.catch(() => []);
		return texts.map((text) => text.split('\n')[0].trim());
	}

	/** An entry of the node panel (a node or an action) by its exact name. */
	nodePanelItem(name: string) {
		return this.nodeCreator
			.locator(byTestId('item-iterator-item'))
			.filter({ has: this.page.getByText(name, { exact: true }) })
			.first();
	}

	/** Types `query` into the node panel's search and waits until it lists every name in `names`. */
	async searchNodePanel(query: string, names: string[]) {
		// From an empty search first, so the list read below cannot be the previous search's.
		await this.nodePanelSearch.fill('');
		await see(
			`the node panel's empty search not to list ${names.join(', ')}`,
			() => this.nodePanelNames(),
			(listed) => !names.every((name) => listed.includes(name)),
		);
		await this.nodePanelSearch.fill(query);
		return see(
			`the node panel searched for "${query}" to list ${names.join(', ')}`,
			() => this.nodePanelNames(),
			(listed) => names.every((name) => listed.includes(name)),
		);
	}

	/** Opens the node panel's entry `entry` (listed now) and waits until it lists every action. */
	async openNodePanelEntry(entry: string, actions: string[]) {
		await this.nodePanelItem(entry).click();
		return see(
			`the node panel's "${entry}" entry to list ${actions.join(', ')}`,
			() => this.nodePanelNames(),
			(listed) => actions.every((action) => listed.includes(action)),
		);
	}

	/** Adds a node through an action the node panel lists now; waits for the node's panel. */
	async addListedAction(action: string) {
		await this.nodePanelItem(action).click();
		await this.ndv.waitFor({ state: 'visible' });
	}

	/** The open credential form (n8n's "editCredential" modal). */
	get credentialModal() {
		return this.page.locator(byTestId('editCredential-modal'));
	}

	/**
	 * In the open node's panel: Credential → Create new credential; fills the form's fields (by
	 * parameter name), names it, saves, and closes the form if n8n keeps it open (1.x does).
	 * Resolves once the node's credential select shows the new credential.
	 */
	async createCredential(name: string, fields: Record<string, string>) {
		const { page } = this;
		await this.ndv.locator(byTestId('node-credentials-select')).first().click();
		await page
			.locator(`${byTestId('node-credentials-select-item-new')}:visible`)
			.first()
			.click();
		const modal = this.credentialModal;
		await modal.waitFor({ state: 'visible' });
		for (const [field, value] of Object.entries(fields)) {
			await modal
				.locator(byTestId(`parameter-input-${field}`))
				.locator('input, textarea')
				.first()
				.fill(value);
		}
		await modal.locator(byTestId('credential-name')).click();
		await modal
			.locator(`${byTestId('credential-name')} ${byTestId('inline-edit-input')}`)
			.fill(name);
		await page.keyboard.press('Enter');
		await modal.locator(byTestId('credential-save-button')).click();
		// 2.x closes the form once saved; 1.x keeps it open with "Saved" and the connection test,
		// to be closed by hand. Either way, wait until it is gone.
		const close = modal.locator('.el-dialog__close, .el-dialog__headerbtn').first();
		await see(
			'the credential to be saved and its form closed',
			async () => {
				if (!(await modal.isVisible().catch(() => false))) return 'closed';
				const state = await textOf(modal.locator(byTestId('credential-save-button')));
				if (state === 'Saved') await close.click({ timeout: 5_000 }).catch(() => {});
				return state;
			},
			(state) => state === 'closed',
		);
		await see(
			`the node's credential to be "${name}"`,
			() =>
				this.ndv
					.locator(`${byTestId('node-credentials-select')} input`)
					.first()
					.inputValue()
					.catch(() => ''),
			(value) => value === name,
		);
	}

	/** Selects an existing credential by name in the open node's panel. */
	async selectCredential(name: string) {
		const input = this.ndv.locator(`${byTestId('node-credentials-select')} input`).first();
		if ((await input.inputValue().catch(() => '')) === name) return;
		await this.ndv.locator(byTestId('node-credentials-select')).first().click();
		await this.page
			.locator('.el-select-dropdown__item:visible, [role="option"]:visible')
			.filter({ hasText: name })
			.first()
			.click();
		await see(
			`the node's credential to be "${name}"`,
			() => input.inputValue().catch(() => ''),
			(value) => value === name,
		);
	}

	/** The option labels selected in a multi-options parameter of the open node. */
	selectedOptions(parameter: string) {
		return this.parameter(parameter).locator('.el-select__tags-text').allInnerTexts();
	}

	/**
	 * Types `query` into a multi-options parameter's search (the Events picker) and resolves the
	 * first option it lists.
	 */
	async searchOption(parameter: string, query: string) {
		await this.parameter(parameter).click();
		await this.page.keyboard.type(query);
		return this.page
			.locator('.el-select-dropdown__item:visible')
			.filter({ hasText: query })
			.first();
	}

	/** The text of the first option `query` finds (its name and, below it, its description). */
	async optionText(parameter: string, query: string) {
		const text = await (await this.searchOption(parameter, query)).innerText();
		await this.page.keyboard.press('Escape');
		return text;
	}

	/**
	 * Types `query` into a multi-options parameter's search (the Events picker), picks the first
	 * option it lists, and resolves that option's label.
	 */
	async pickOption(parameter: string, query: string) {
		const option = await this.searchOption(parameter, query);
		const label = (await option.locator('span, div').first().innerText()).split('\n')[0].trim();
		await option.click();
		await this.page.keyboard.press('Escape');
		await see(
			`"${label}" to be selected in ${parameter}`,
			() => this.selectedOptions(parameter),
			(selected) => selected.includes(label),
		);
		return label;
	}

	/** Expands "Webhook URLs" in the open trigger's panel and resolves the URL of `which`. */
	async webhookUrl(which: 'Test URL' | 'Production URL' = 'Test URL') {
		const section = this.ndv.locator('.webhooks').first();
		const toggle = section.getByText('Webhook URLs', { exact: true });
		if (
			!(await section
				.getByText(which, { exact: true })
				.isVisible()
				.catch(() => false))
		)
			await toggle.click();
		await section.getByText(which, { exact: true }).click();
		const pattern =
			which === 'Test URL' ? /https?:\/\/\S+\/webhook-test\/\S+/ : /https?:\/\/\S+\/webhook\/\S+/;
		const text = await see(
			`the ${which} in "Webhook URLs"`,
			() => textOf(section),
			(t) => pattern.test(t),
		);
		return pattern.exec(text)?.[0] ?? '';
	}

	/** The "Execute step" button in the open node's panel header; resolves the words it shows. */
	async executeStepButton() {
		const button = this.ndv.locator(byTestId('node-execute-button')).first();
		return { button, words: (await button.innerText()).trim() };
	}

	/**
	 * Listens for a test event from the open trigger's panel, as the version offers it. Resolves
	 * the words seen: the button's, and what the panel shows while listening.
	 */
	async listenForTestEvent() {
		const { button, words } = await this.executeStepButton();
		await button.click();
		const listening = this.ndv.locator(byTestId('trigger-listening')).first();
		const shown = await see(
			'the trigger panel to listen for a test event',
			() => textOf(listening),
			(text) => text !== '',
		);
		return { button: words, listening: shown.split('\n')[0].trim() };
	}

	get outputPanel() {
		return this.ndv.locator(byTestId('output-panel')).first();
	}

	/** Waits until the open node's output panel shows every text of `texts`. */
	seeOutput(texts: string[]) {
		return seeTexts(`the output panel to show ${texts.join(', ')}`, this.outputPanel, texts);
	}

	/** Shows the output panel as Schema, Table or JSON. */
	async outputAs(mode: 'Schema' | 'Table' | 'JSON') {
		await this.outputPanel.getByText(mode, { exact: true }).first().click();
	}

	/**
	 * From the open node's panel: back to the canvas, the "+" after the node, and a node added
	 * through one of its actions (searching `query` first where the panel asks for it).
	 */
	async addNextThroughAction(
		query: string,
		{ entry = 'Eduzz', action }: { entry?: string; action: string },
	) {
		await this.closeNdv();
		await this.page.locator(byTestId('canvas-handle-plus')).first().click();
		await this.nodeCreator.waitFor({ state: 'visible' });
		// 1.x opens "What happens next?" with a search; 2.x may open the same app's actions at once.
		const search = this.nodePanelSearch;
		const opened = await see(
			'the node panel to show a search or the actions of an app',
			async () => {
				if (await search.isVisible().catch(() => false)) return 'search';
				if (
					await this.nodePanelItem(action)
						.isVisible()
						.catch(() => false)
				)
					return 'actions';
				return '';
			},
			(state) => state !== '',
		);
		if (opened === 'search') {
			await this.searchNodePanel(query, [entry]);
			await this.nodePanelItem(entry).click();
		}
		await this.nodePanelItem(action).click();
		await this.ndv.waitFor({ state: 'visible' });
	}

	/** Sets a resource locator parameter to "By ID" and types the id. */
	async setResourceById(parameter: string, id: string) {
		const input = this.parameter(parameter);
		await input.locator(byTestId('rlc-mode-selector')).click();
		await this.page
			.locator('.el-select-dropdown__item:visible')
			.filter({ hasText: 'By ID' })
			.first()
			.click();
		// The id's field is the input itself in some versions and wraps it in others.
		const field = byTestId('rlc-input');
		await input
			.locator(`input${field}, textarea${field}, ${field} input, ${field} textarea`)
			.first()
			.fill(id);
	}

	/** Types a text parameter's value. */
	async setText(parameter: string, value: string) {
		await this.parameter(parameter).locator('input, textarea').first().fill(value);
	}

	/** Saves the workflow (1.x's Save button; 2.x saves by itself) and resolves its id. */
	async saveWorkflow() {
		const save = this.page.locator(byTestId('workflow-save-button'));
		if (await save.isVisible().catch(() => false)) {
			if ((await save.innerText()).trim() !== 'Saved') await save.click();
			await see(
				'the workflow to be saved',
				() => textOf(save),
				(text) => text.trim() === 'Saved',
			);
		}
		return see('the workflow id in the address bar', async () => this.workflowId() || '', Boolean);
	}

	/**
	 * Publishes the workflow (2.x: Publish, then Publish in its dialog; 1.x: the Active toggle),
	 * closes the "Workflow published/activated" dialog, and resolves the words n8n showed.
	 */
	async publish() {
		const { page } = this;
		if (this.v1) {
			await page.locator(byTestId('workflow-activate-switch')).click();
		} else {
			await page.locator(byTestId('workflow-open-publish-modal-button')).click();
			await page.locator(`${byTestId('workflow-publish-button')}:visible`).click();
		}
		const modal = page.locator(byTestId('activation-modal'));
		await modal.waitFor({ state: 'visible' });
		const title = (await modal.innerText()).split('\n')[0].trim();
		await modal.getByRole('button', { name: 'Got it' }).click();
		await modal.waitFor({ state: 'hidden' });
		return title;
	}

	/** Opens the workflow's executions list (the "Executions" tab) and waits for execution `id`. */
	async openExecution(id: string | number) {
		const { page } = this;
		const card = page.locator(byTestId(`execution-details-${id}`));
		// 1.x leaves a popover over the tabs after activation: Escape closes it.
		await see(
			`execution ${id} in the workflow's executions list`,
			async () => {
				if (await card.isVisible().catch(() => false)) return 'listed';
				await page.keyboard.press('Escape');
				await page
					.getByText('Executions', { exact: true })
					.first()
					.click({ timeout: 5_000 })
					.catch(() => {});
				return page.url();
			},
			(state) => state === 'listed',
		);
		await card.click();
		return card;
	}

	/** Opens a node of the workflow on the canvas in its panel. */
	async openNode(name: string) {
		await this.page.locator(`${byTestId('canvas-node')}[data-node-name="${name}"]`).dblclick();
		await this.ndv.waitFor({ state: 'visible' });
	}

	/** Back to the canvas from a node's panel. */
	async closeNdv() {
		await this.page
			.locator(`${byTestId('ndv-close-button')}:visible, ${byTestId('back-to-canvas')}:visible`)
			.first()
			.click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/** Closes n8n's toasts, so screenshots show the page. */
	async closeToasts() {
		const close = this.page.locator('.el-notification .el-notification__closeBtn:visible');
		for (let i = (await close.count()) - 1; i >= 0; i--)
			await close
				.nth(i)
				.click({ timeout: 5_000 })
				.catch(() => {});
	}

	/** A parameter's input in the open node's panel. */
	parameter(name: string) {
		return this.ndv.locator(byTestId(`parameter-input-${name}`)).first();
	}

	async screenshot(file: string) {
		await this.closeToasts();
		await this.page.mouse.move(VIEWPORT.width / 2, 2); // no hover tooltips
		await this.page.screenshot({ path: file, fullPage: false });
	}
}
