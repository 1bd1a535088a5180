'use strict';
/**
 * The reports for n8n's maintainers in docs/ quote n8n's code; this checks the quote against the
 * pinned runtime, so a version bump that moves or fixes the code shows up here.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { VERSIONS, ensureRuntime } = require('../../tooling/n8n/provision');

const ROOT = path.resolve(__dirname, '..', '..');

/** The one ```diff block of a document. */
function diffOf(file) {
	const blocks = [
		...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/```diff\n([\s\S]*?)```/g),
	];
	expect(blocks).toHaveLength(1);
	return blocks[0][1];
}

describe(`docs/n8n-webhook-isolate.md against n8n ${VERSIONS.v2}`, () => {
	it('proposes a patch that applies to the file it names in the published package', async () => {
		const runtime = await ensureRuntime(VERSIONS.v2);
		const packageDir = path.join(runtime.dir, 'node_modules', 'n8n');
		const patch = diffOf('docs/n8n-webhook-isolate.md');
		expect(patch).toMatch(/^--- a\/dist\/webhooks\/live-webhooks\.js$/m);
		const result = childProcess.spawnSync('patch', ['-p1', '--dry-run', '-d', packageDir], {
			input: patch,
			encoding: 'utf8',
		});
		expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({
			status: 0,
			output: 'checking file dist/webhooks/live-webhooks.js\n',
		});
	});
});
