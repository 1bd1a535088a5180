// `npm run fixtures -- <path to Eduzz's openapi.json>`: rewrites the committed Eduzz examples under
// test/fixtures/ from Eduzz's published OpenAPI file (https://developers.eduzz.com/api/openapi).
// The tests only read the committed copies; this script is how they are refreshed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

function write(name, value) {
	fs.writeFileSync(path.join(FIXTURES, name), `${JSON.stringify(value, null, '\t')}\n`);
	console.log(`wrote test/fixtures/${name}`);
}

/** One example delivery per webhook event: `[{ name, description, envelope }]`, in the file's order. */
function eventExamples(spec) {
	return Object.entries(spec.webhooks ?? {}).map(([name, item]) => {
		const requestBody = item.post.requestBody;
		return { name, description: requestBody.description, envelope: requestBody.content['application/json'].examples.default.value };
	});
}

const file = process.argv[2];
if (!file) {
	console.error('usage: npm run fixtures -- <path to Eduzz openapi.json>');
	process.exit(2);
}
const json = JSON.parse(fs.readFileSync(file, 'utf8'));
// Accept the bare document and the { url, spec, endpoints } wrapper a crawler saves.
const spec = json.spec ?? json;
const events = eventExamples(spec);
if (events.length === 0) throw new Error(`${file} has no "webhooks" section: is it Eduzz's openapi.json?`);
write('eduzz-events.json', events);
