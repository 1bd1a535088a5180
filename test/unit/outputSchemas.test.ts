/**
 * The Eduzz node's output schemas (nodes/Eduzz/__schema__, written by `npm run schemas`) against
 * what the node outputs: every operation runs again through n8n-core's RoutingNode against the
 * stand-in for Eduzz's API, and the schemas derived from its output must be the committed ones;
 * each item it output must fit its committed schema, with every field listed (the editor's preview
 * shows only the fields a schema lists). See scripts/output-schemas.cjs and docs/output-schema.md.
 */
import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { startEduzzApi } from '../support/eduzzNode';
import { startReceiver, type Receiver } from '../support/httpReceiver';

interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

interface Generated {
	schemas: Map<string, JsonSchema>;
	outputs: Map<string, unknown[]>;
	skipped: Array<{ resource: string; operation: string; reason: string }>;
}

interface OutputSchemas {
	generate(options: {
		description: INodeTypeDescription;
		run: (parameters: INodeParameters) => Promise<{ items: unknown[] }>;
		receiverUrl: string;
	}): Promise<Generated>;
	problemsOf(schema: JsonSchema, value: unknown, options?: { closed?: boolean }): string[];
	readCommitted(): Map<string, JsonSchema>;
	versionFolder(version: number): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputSchemas = require('../../scripts/output-schemas.cjs') as OutputSchemas;

const REGENERATE = 'run `npm run schemas` and commit nodes/Eduzz/__schema__';
const description = new Eduzz().description;
const committed = outputSchemas.readCommitted();

describe('the Eduzz node output schemas', () => {
	let api: Awaited<ReturnType<typeof startEduzzApi>>;
	let receiver: Receiver;
	let generated: Generated;

	beforeAll(async () => {
		api = await startEduzzApi();
		receiver = await startReceiver(() => ({ status: 200, body: { message: 'ok' } }));
		generated = await outputSchemas.generate({
			description,
			run: (parameters) => api.run(parameters),
			receiverUrl: receiver.url,
		});
	}, 120_000);

	afterAll(async () => {
		await receiver?.close();
		await api?.close();
	});

	it("sit in n8n's folder for the node's version: v1.0.0/<resource>/<operation>.json", () => {
		// n8n pads the node's typeVersion to x.y.z (n8n-core resolveOutputSchemaPath, the editor's
		// schemaPreview store): version 1 is `v1.0.0`.
		expect(description.version).toBe(1);
		expect(outputSchemas.versionFolder(1)).toBe('v1.0.0');
		expect(outputSchemas.versionFolder(1.1)).toBe('v1.1.0');
		for (const file of committed.keys()) expect(file).toMatch(/^v1\.0\.0\/\w+\/\w+\.json$/);
	});

	it('are committed for every operation but the lists Eduzz shows no item of', () => {
		expect([...committed.keys()].sort()).toEqual([...generated.schemas.keys()].sort());
		expect(generated.skipped.map(({ resource, operation }) => `${resource}:${operation}`)).toEqual([
			'nutrorCommentAnswer:getAll',
			'nutrorEnrollment:getAll',
		]);
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((picker) => picker.options ?? []);
		expect(generated.schemas.size + generated.skipped.length).toBe(operations.length);
	});

	it.each([...committed.keys()])('%s is what the node outputs', (file) => {
		expect({ file, schema: committed.get(file), hint: REGENERATE }).toEqual({
			file,
			schema: generated.schemas.get(file),
			hint: REGENERATE,
		});
	});

	it.each([...committed.keys()])('%s lists every field of every item, with its type', (file) => {
		const schema = committed.get(file)!;
		// What the editor accepts as a preview (isNonEmptyJsonSchema in its schemaPreview store).
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		const items = generated.outputs.get(file) ?? [];
		expect(items.length).toBeGreaterThan(0);
		expect(
			items.flatMap((item) => outputSchemas.problemsOf(schema, item, { closed: true })),
		).toEqual([]);
	});
});

describe('problemsOf, the check of an output against its schema', () => {
	const schema: JsonSchema = {
		type: 'object',
		properties: {
			id: { type: 'string' },
			amount: { type: 'number' },
			paidAt: { type: ['string', 'null'] },
			buyer: { type: 'object', properties: { email: { type: 'string' } } },
			tags: { type: 'array', items: { type: 'string' } },
		},
	};
	const fits = { id: 'a', amount: 9.9, paidAt: null, buyer: { email: 'e' }, tags: ['x'] };

	it('finds nothing in an item that fits', () => {
		expect(outputSchemas.problemsOf(schema, fits, { closed: true })).toEqual([]);
	});

	it('finds a field of another type, at any depth', () => {
		expect(
			outputSchemas.problemsOf(schema, { ...fits, amount: '9.9', buyer: { email: 1 }, tags: [2] }),
		).toEqual([
			'$.amount: string, not number',
			'$.buyer.email: number, not string',
			'$.tags[0]: number, not string',
		]);
	});

	it('finds a field the schema does not list only when closed', () => {
		const extra = { ...fits, buyer: { email: 'e', name: 'n' } };
		expect(outputSchemas.problemsOf(schema, extra)).toEqual([]);
		expect(outputSchemas.problemsOf(schema, extra, { closed: true })).toEqual([
			'$.buyer.name: not in the schema',
		]);
	});
});
