/**
 * The reports for n8n's maintainers in docs/ quote n8n's code; this checks the quote against the
 * pinned runtime, so a version bump that moves or fixes the code shows up here.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: n8n Cloud's rules are for the package's nodes; it runs `patch` */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { VERSIONS, ensureRuntime } from '../../tooling/n8n/provision';

const ROOT = path.resolve(__dirname, '..', '..');

/** The one ```diff block of a document. */
function diffOf(file: string) {
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

describe.each([VERSIONS.v2, VERSIONS.v1])(
	'docs/n8n-remove-duplicates-race.md against n8n %s',
	(version) => {
		it('quotes the lines of deduplication-helper.js that read and write the id list', async () => {
			const runtime = await ensureRuntime(version);
			const file = path.join(
				runtime.dir,
				'node_modules/n8n/dist/deduplication/deduplication-helper.js',
			);
			const lines = fs.readFileSync(file, 'utf8').split('\n');
			const doc = fs.readFileSync(path.join(ROOT, 'docs/n8n-remove-duplicates-race.md'), 'utf8');
			const table = /<!-- quoted-lines:start -->([\s\S]*?)<!-- quoted-lines:end -->/.exec(doc);
			const quoted = [...(table?.[1] ?? '').matchAll(/^\| (\d+) \| `(.+)` \|$/gm)].map(
				([, line, code]) => ({ line: Number(line), code }),
			);
			expect(quoted.length).toBeGreaterThanOrEqual(8);
			expect(quoted.map(({ line }) => ({ line, code: lines[line - 1]?.trim() }))).toEqual(quoted);
		});
	},
);
