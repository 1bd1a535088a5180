'use strict';
/**
 * "Skip Redeliveries" needs n8n to save what webhook() adds to the workflow's static data, which
 * n8n 2.x only does thanks to the node's workaround (staticDataPersistence.ts; the n8n bug:
 * docs/n8n-static-data-flag-reset.md). Here the workaround is cut out of the installed package,
 * standing for an n8n release that defeats it: the node must then say so, once, in n8n's log. With
 * the workaround in place the log has no such warning. n8n 1.x saves the data without help.
 */
const fs = require('node:fs');
const path = require('node:path');

const { versions, startTestN8n } = require('./harness');
const { eduzzWorkflow } = require('../../tooling/n8n/workflows');
const { envelope, deliver } = require('../../tooling/deliveries');

const SECRET = 'e2e-persistence-secret-5b4a3c2d1e0f';
const WARNING = /"Skip Redeliveries" cannot work on this n8n/g;

/** The workaround's module replaced by one that does nothing. */
function withoutWorkaround(dir) {
	fs.writeFileSync(
		path.join(dir, 'dist', 'nodes', 'EduzzTrigger', 'staticDataPersistence.js'),
		"'use strict';\nexports.keepStaticDataChanged = () => {};\nexports.webhookResponseData = () => 'noData';\n",
	);
}

describe.each(versions)('Skip Redeliveries in n8n %s', (version) => {
	const isV2 = !version.startsWith('1.');

	it.each([
		['in place', 0, undefined],
		['cut out', isV2 ? 1 : 0, withoutWorkaround],
	])('with the workaround %s, n8n logs %d warning(s)', async (label, warnings, adjustPackage) => {
		const { n8n, c, stop } = await startTestN8n(version, {
			label: `e2e-persistence-${label.replace(' ', '-')}`,
			adjustPackage,
		});
		try {
			const credential = await c.createCredential('eduzzApi', 'Eduzz (persistence)', {
				webhookSecret: SECRET,
				previousWebhookSecret: '',
				accessToken: '',
				baseUrl: 'https://api.eduzz.com',
			});
			const workflow = await c.createWorkflow(
				eduzzWorkflow({
					name: 'Eduzz: skip redeliveries',
					credential,
					parameters: { options: { skipRedeliveries: true } },
				}),
			);
			expect(await c.activate(workflow.id)).toMatchObject({ status: 'published' });
			const url = n8n.webhookUrl(workflow.nodes[0].webhookId, 'webhook');
			await c.waitForWebhook(url);
			// One at a time, as Eduzz delivers a configuration's retries: no two overlap.
			for (let i = 0; i < 5; i++) {
				const event = envelope();
				expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
				await c.waitForEvent(workflow.id, event.id);
			}
			expect(n8n.logs().match(WARNING) ?? []).toHaveLength(warnings);
			if (warnings > 0) expect(n8n.logs()).toContain('Remove Duplicates');
		} finally {
			await stop();
		}
	});
});
