'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { EVENTS, PRODUCT_NAMES } = require('../../nodes/EduzzTrigger/events');
const { renderEventsTable, extractBlock } = require('../../scripts/events-table.cjs');

const root = path.resolve(__dirname, '../..');

describe('README event lists', () => {
	it.each(['README.md', 'README.pt-BR.md'])('%s lists every event exactly as the schemas define it (npm run docs:events)', (file) => {
		const markdown = fs.readFileSync(path.join(root, file), 'utf8');
		expect(extractBlock(markdown)).toBe(renderEventsTable(EVENTS, PRODUCT_NAMES));
		for (const event of EVENTS) expect(markdown).toContain(`\`${event.name}\``);
	});
});
