import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { EduzzApi } from '../../credentials/EduzzApi.credentials';
import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import {
	BASE_URL_EXPRESSION,
	DEFAULT_BASE_URL,
	baseUrlOf,
	itemsOf,
} from '../../nodes/shared/transport';
import { evaluateForNode } from '../support/editorExpressions';

/**
 * Evaluates a base-URL expression as n8n does for `requestDefaults` and the credential test: in
 * the node's workflow, with the credential's values as `$credentials`.
 */
function evaluate(expression: string, credentials: IDataObject): unknown {
	const node = { type: 'n8n-nodes-eduzz.eduzz', typeVersion: 1, parameters: {} };
	return evaluateForNode(new Eduzz(), node, expression, { $credentials: credentials });
}

describe('one base-URL rule', () => {
	it('the node, the credential test and the hand-made calls use the same expression', () => {
		expect(new Eduzz().description.requestDefaults?.baseURL).toBe(BASE_URL_EXPRESSION);
		expect(new EduzzApi().test.request.baseURL).toBe(BASE_URL_EXPRESSION);
	});

	it.each([
		['', DEFAULT_BASE_URL],
		['http://127.0.0.1:5680/', 'http://127.0.0.1:5680'],
		['https://api.eduzz.com///', 'https://api.eduzz.com'],
		['https://example.test/base', 'https://example.test/base'],
	])('"%s" → %s, in code and in the expression', (baseUrl, expected) => {
		expect(baseUrlOf({ baseUrl })).toBe(expected);
		expect(evaluate(BASE_URL_EXPRESSION, { baseUrl })).toBe(expected);
	});

	it('the expression and baseUrlOf agree on any text', () => {
		fc.assert(
			fc.property(fc.string(), (baseUrl) => {
				expect(evaluate(BASE_URL_EXPRESSION, { baseUrl })).toBe(baseUrlOf({ baseUrl }));
			}),
		);
	});
});

describe('itemsOf: the objects of an Eduzz list answer', () => {
	it.each([
		['a bare array', [{ id: 'a' }, { id: 'b' }], ['a', 'b']],
		['{ items }', { items: [{ id: 'a' }] }, ['a']],
		['{ pages, items }', { pages: 3, page: 1, items: [{ id: 'a' }, { id: 'b' }] }, ['a', 'b']],
		['an empty page', { pages: 0, page: 1, items: [] }, []],
		['one object (some Eduzz examples)', { id: 'only' }, ['only']],
		['an empty object', {}, []],
		['nothing', null, []],
		['text', 'OK', []],
	])('%s', (_, body, ids) => {
		expect(itemsOf(body).map((item) => item.id)).toEqual(ids);
	});
});
