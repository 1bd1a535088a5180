/** Rules for the package's own sources that no linter checks. */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, pattern: RegExp) {
	if (!fs.existsSync(path.join(ROOT, dir))) return [];
	return fs
		.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
		.filter((file) => pattern.test(file))
		.map((file) => path.join(dir, file));
}

const sources = [...filesUnder('nodes', /\.ts$/), ...filesUnder('credentials', /\.ts$/)];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the node sources', () => {
	it.each(sources)('%s uses zod only through the public v3 API', (file) => {
		const text = read(file);
		expect(text).not.toMatch(/\._def\b|\._zod\b|\b_def\./);
		for (const [, module] of text.matchAll(/from '(zod[^']*)'/g)) expect(module).toBe('zod/v3');
	});
});

describe('the repository', () => {
	const tracked = [
		...filesUnder('nodes', /\.(ts|json)$/),
		...filesUnder('credentials', /\.ts$/),
		...filesUnder('test', /\.(ts|js)$/),
		...filesUnder('scripts', /\.(mjs|cjs|js)$/),
		...filesUnder('tooling', /\.(mjs|cjs|js)$/),
		...filesUnder('docs', /\.md$/),
		'README.md',
		'README.pt-BR.md',
		'package.json',
	];

	it.each(tracked)('%s reads and cites nothing outside the repository', (file) => {
		expect(read(file)).not.toMatch(/shared\/(eduzz|n8n)\/|WEBHOOKS\.md|\/work\/(main|shared)\b/);
	});
});
