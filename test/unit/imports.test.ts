/** No import circle among the repository's own modules: nodes, credentials, tooling, scripts, tests. */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SKIPPED = new Set(['node_modules', 'dist', '.cache', '.n8n-dev', '.git', 'coverage']);
const SOURCE = /\.(ts|js|mjs|cjs)$/;
const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
// `from './x'`, `import './x'`, `import('./x')`, `require('./x')`: relative specifiers only.
const SPECIFIER =
	/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourcesUnder(root: string, dir = ''): string[] {
	const files: string[] = [];
	const entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		if (SKIPPED.has(entry.name)) continue;
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) files.push(...sourcesUnder(root, relative));
		else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative);
	}
	return files;
}

function importsOf(root: string, file: string): string[] {
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	return [...text.matchAll(SPECIFIER)]
		.map(([, specifier]) => {
			const base = path.join(path.dirname(file), specifier);
			return EXTENSIONS.map((ending) => base + ending).find((candidate) => {
				const full = path.join(root, candidate);
				return SOURCE.test(candidate) && fs.existsSync(full) && fs.statSync(full).isFile();
			});
		})
		.filter((found): found is string => found !== undefined);
}

/** Every circle found by a depth-first walk, each as `a → b → a`. */
function findCycles(root: string) {
	const cycles: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const visit = (file: string, trail: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'open') {
			cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
			return;
		}
		state.set(file, 'open');
		for (const next of importsOf(root, file)) visit(next, [...trail, file]);
		state.set(file, 'done');
	};
	for (const file of sourcesUnder(root)) visit(file, []);
	return cycles;
}

describe('imports', () => {
	it('form no circle anywhere in the repository', () => {
		expect(sourcesUnder(ROOT).length).toBeGreaterThan(100);
		expect(findCycles(ROOT)).toEqual([]);
	});

	it('a circle through require, import and from is found, across file kinds', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-circle-'));
		const write = (file: string, text: string) => {
			fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
			fs.writeFileSync(path.join(root, file), text);
		};
		write('tooling/a.js', "const { b } = require('./b');\n");
		write('tooling/b.mjs', "import { c } from '../nodes/c';\n");
		write('nodes/c/index.ts', "export const c = () => import('../../tooling/a.js');\n");
		write('nodes/d.ts', "import 'node:fs';\nimport { e } from './e';\n");
		write('nodes/e.ts', "export const e = require('zod/v3');\n");
		try {
			expect(findCycles(root)).toEqual([
				['nodes/c/index.ts', 'tooling/a.js', 'tooling/b.mjs', 'nodes/c/index.ts'].join(' → '),
			]);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
