import fc from 'fast-check';

import { EduzzApi } from '../../credentials/EduzzApi.credentials';
import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import {
	BASE_URL_EXPRESSION,
	DEFAULT_BASE_URL,
	baseUrlOf,
	itemsOf,
} from '../../nodes/shared/transport';

/** Evaluates a `={{ … }}` expression that reads only `$credentials`, as n8n would. */
function evaluate(expression: string, credentials: Record<string, unknown>): unknown {
	const body = expression.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$credentials', `return (${body});`)(credentials);
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
