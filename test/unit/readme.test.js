'use strict';
/** The READMEs' generated tables match their sources (`npm run docs` rewrites them). */
const fs = require('node:fs');
const path = require('node:path');

const { EVENTS, PRODUCT_NAMES } = require('../../nodes/shared/events');
const { Eduzz } = require('../../nodes/Eduzz/Eduzz.node');
const {
	renderEventsTable,
	renderOperationsTable,
	extractBlock,
} = require('../../scripts/readme-tables.cjs');

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
