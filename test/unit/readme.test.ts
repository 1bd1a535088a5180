/** The READMEs' generated tables match their sources (`npm run docs` rewrites them). */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { EVENTS, PRODUCT_NAMES } from '../../nodes/shared/events';
import {
	renderEventsTable,
	renderOperationsTable,
	extractBlock,
} from '../../scripts/readme-tables.cjs';

const root = path.resolve(__dirname, '../..');

describe.each(['README.md', 'README.pt-BR.md'])('%s', (file) => {
	const markdown = fs.readFileSync(path.join(root, file), 'utf8');

	it('lists every event exactly as the schemas define it', () => {
		expect(extractBlock(markdown, 'events')).toBe(renderEventsTable(EVENTS, PRODUCT_NAMES));
	});

	it('lists every operation of the Eduzz node exactly as its description defines it', () => {
		expect(extractBlock(markdown, 'operations')).toBe(
			renderOperationsTable(new Eduzz().description),
		);
	});
});
