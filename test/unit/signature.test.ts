import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import {
	readSignatureHeader,
	signingKeys,
	verifySignature,
} from '../../nodes/EduzzTrigger/signature';
import { OLD_KEY, CURRENT_KEY } from '../fixtures/moduleUnfinished';

const body = Buffer.from(
	'{"id":"a1","event":"alpaclass.student_module_unfinished","data":{"module":{"name":"Módulo 1"}}}',
);
const hmac = (bytes: Buffer, key: string) => createHmac('sha256', key).update(bytes).digest('hex');

describe('verifySignature', () => {
	it('accepts the lowercase hex HMAC-SHA256 of the exact bytes', () => {
		expect(verifySignature(body, hmac(body, CURRENT_KEY), [CURRENT_KEY])).toEqual({
			valid: true,
			keyIndex: 0,
		});
	});

	it('accepts an upper-case hex digest of the same value', () => {
		expect(verifySignature(body, hmac(body, CURRENT_KEY).toUpperCase(), [CURRENT_KEY]).valid).toBe(
			true,
		);
	});

	it('signs bytes, not JSON values: the same object in other bytes does not verify', () => {
		const signature = hmac(body, CURRENT_KEY);
		const escaped = Buffer.from(body.toString('utf8').replace('ó', '\\u00f3'));
		const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 2));
		const newline = Buffer.concat([body, Buffer.from('\n')]);
		for (const other of [escaped, pretty, newline]) {
			expect(JSON.parse(other.toString('utf8'))).toEqual(JSON.parse(body.toString('utf8')));
			expect(verifySignature(other, signature, [CURRENT_KEY])).toMatchObject({
				valid: false,
				reason: 'mismatch',
			});
			expect(verifySignature(other, hmac(other, CURRENT_KEY), [CURRENT_KEY]).valid).toBe(true);
		}
	});

	it('during a key rotation accepts the previous key and says which key matched', () => {
		expect(verifySignature(body, hmac(body, OLD_KEY), [CURRENT_KEY, OLD_KEY])).toEqual({
			valid: true,
			keyIndex: 1,
		});
		expect(verifySignature(body, hmac(body, OLD_KEY), [CURRENT_KEY, ''])).toMatchObject({
			reason: 'mismatch',
		});
	});

	it.each([
		['missing header', undefined, 'missing'],
		['empty header', '', 'missing'],
		['whitespace header', '   ', 'missing'],
		['63 hex chars', hmac(body, CURRENT_KEY).slice(0, 63), 'malformed'],
		['65 hex chars', `${hmac(body, CURRENT_KEY)}0`, 'malformed'],
		['non-hex characters', 'z'.repeat(64), 'malformed'],
		[
			'base64 of the right digest',
			createHmac('sha256', CURRENT_KEY).update(body).digest('base64'),
			'malformed',
		],
		['a "sha256=" prefix', `sha256=${hmac(body, CURRENT_KEY)}`, 'malformed'],
		['two different values', [hmac(body, CURRENT_KEY), hmac(body, 'other')], 'malformed'],
		[
			'a comma list of different values',
			`${hmac(body, 'x')}, ${hmac(body, CURRENT_KEY)}`,
			'malformed',
		],
		['the HMAC of other bytes', hmac(Buffer.from('{}'), CURRENT_KEY), 'mismatch'],
		['the HMAC with another key', hmac(body, 'not-the-secret'), 'mismatch'],
		[
			'the SHA-256 of the body without a key',
			createHmac('sha256', '').update(body).digest('hex'),
			'mismatch',
		],
		['all zeros', '0'.repeat(64), 'mismatch'],
	])('refuses %s', (_label, header, reason) => {
		const result = verifySignature(body, header as string | string[] | undefined, [
			CURRENT_KEY,
			OLD_KEY,
		]);
		expect(result).toMatchObject({ valid: false, reason });
	});

	it('fails closed when no secret is configured, even for a signature made with an empty key', () => {
		expect(verifySignature(body, hmac(body, ''), ['', ''])).toMatchObject({
			valid: false,
			reason: 'no_secret',
		});
	});

	it('accepts a header repeated with the same value (a proxy duplicating it)', () => {
		const signature = hmac(body, CURRENT_KEY);
		expect(verifySignature(body, [signature, signature], [CURRENT_KEY]).valid).toBe(true);
		expect(verifySignature(body, `${signature}, ${signature}`, [CURRENT_KEY]).valid).toBe(true);
	});

	it('never puts the secret or the expected signature in its messages', () => {
		const expected = hmac(body, CURRENT_KEY);
		for (const header of [undefined, 'abc', hmac(body, 'x')]) {
			const result = verifySignature(body, header, [CURRENT_KEY]);
			expect(result.valid).toBe(false);
			const text = JSON.stringify(result);
			expect(text).not.toContain(CURRENT_KEY);
			expect(text).not.toContain(expected);
		}
	});
});

describe('readSignatureHeader', () => {
	it('distinguishes absent, ambiguous and single values', () => {
		expect(readSignatureHeader(undefined)).toBeUndefined();
		expect(readSignatureHeader([])).toBeUndefined();
		expect(readSignatureHeader(['a', 'A'])).toBe('a');
		expect(readSignatureHeader(['a', 'b'])).toBeNull();
	});

	it('reads a single value as the trimmed value', () => {
		expect(readSignatureHeader(' abc\t')).toBe('abc');
		expect(readSignatureHeader('\u00a0abc\ufeff')).toBe('abc');
		expect(readSignatureHeader('')).toBeUndefined();
		expect(readSignatureHeader(' \n ')).toBeUndefined();
		expect(readSignatureHeader('a, A')).toBe('a');
		expect(readSignatureHeader(',abc,')).toBe('abc');
		expect(readSignatureHeader(' , ')).toBeUndefined();
	});

	it('property: a signature verifies alone, repeated, or comma-joined with itself, in any case and padding', () => {
		const padding = fc.constantFrom('', ' ', '\t', '\u00a0', '\ufeff');
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 200 }),
				padding,
				padding,
				fc.integer({ min: 1, max: 3 }),
				fc.boolean(),
				(bytes, before, after, copies, upper) => {
					const raw = Buffer.from(bytes);
					const signature = `${before}${upper ? hmac(raw, CURRENT_KEY).toUpperCase() : hmac(raw, CURRENT_KEY)}${after}`;
					const repeated = Array.from({ length: copies }, () => signature);
					expect(verifySignature(raw, repeated, [CURRENT_KEY]).valid).toBe(true);
					expect(verifySignature(raw, repeated.join(','), [CURRENT_KEY]).valid).toBe(true);
					expect(
						verifySignature(raw, [...repeated, hmac(raw, 'other')], [CURRENT_KEY]),
					).toMatchObject({ reason: 'malformed' });
				},
			),
			{ numRuns: 10_000 },
		);
	});
});

describe('signingKeys', () => {
	it('lists the registered app secrets, then the current and previous key, without empties or duplicates', () => {
		const staticData = {
			registrations: {
				'https://a/webhook': { subscriptionId: 's1', secretId: 'i1', secret: 'app', events: [] },
				'https://a/webhook-test': {
					subscriptionId: 's2',
					secretId: 'i1',
					secret: 'app',
					events: [],
				},
			},
		};
		expect(
			signingKeys({ webhookSecret: 'current', previousWebhookSecret: '' }, staticData, 'fetched'),
		).toEqual(['app', 'current', 'fetched']);
		expect(signingKeys({ webhookSecret: 'current', previousWebhookSecret: 'old' }, {})).toEqual([
			'current',
			'old',
		]);
		expect(signingKeys({ webhookSecret: '', previousWebhookSecret: '' }, {}, '')).toEqual([]);
	});
});
