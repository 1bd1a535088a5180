import {
	CREDENTIAL_REFRESH_AFTER_MS,
	CREDENTIAL_TTL_MS,
} from '../../nodes/EduzzTrigger/credentialCache';
import { CURRENT_KEY, moduleUnfinished } from '../fixtures/moduleUnfinished';
import { callWebhook, sign } from '../support/mockWebhookContext';

const body = Buffer.from(JSON.stringify(moduleUnfinished));
const ROTATED_KEY = ['rotated', 'key', 'saved', 'in', 'n8n'].join('-');
const signed = (key: string) => ({ 'x-signature': sign(body, key) });

describe('credentials in webhook(): cached briefly for production deliveries', () => {
	let clock = 1_800_000_000_000;
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockImplementation(() => clock);
	});
	afterEach(() => jest.restoreAllMocks());

	const deliver = (
		workflowId: string,
		key: string,
		credentials: Record<string, string>,
		mode?: 'manual',
	) => callWebhook({ body, headers: signed(key), credentials, workflowId, mode });

	it('reads the credential once per CREDENTIAL_TTL_MS for a workflow, then again', async () => {
		const credentials = { webhookSecret: CURRENT_KEY };
		expect((await deliver('wf-ttl', CURRENT_KEY, credentials)).credentialReads).toBe(1);
		clock += CREDENTIAL_TTL_MS - 1;
		const cached = await deliver('wf-ttl', CURRENT_KEY, credentials);
		expect(cached.credentialReads).toBe(0);
		expect(cached.result.workflowData).toHaveLength(1);
		clock += 1;
		expect((await deliver('wf-ttl', CURRENT_KEY, credentials)).credentialReads).toBe(1);
		// Another workflow has its own entry.
		expect((await deliver('wf-other', CURRENT_KEY, credentials)).credentialReads).toBe(1);
	});

	it('a key changed in n8n: refused while the cached copy is fresher than the refresh limit, accepted after it', async () => {
		expect(
			(await deliver('wf-rotate', CURRENT_KEY, { webhookSecret: CURRENT_KEY })).status,
		).toBeUndefined();
		const rotated = { webhookSecret: ROTATED_KEY, previousWebhookSecret: CURRENT_KEY };

		clock += CREDENTIAL_REFRESH_AFTER_MS - 1;
		const early = await deliver('wf-rotate', ROTATED_KEY, rotated);
		expect(early.status).toBe(401); // Eduzz retries it a minute later
		expect(early.credentialReads).toBe(0);

		clock += 1;
		const later = await deliver('wf-rotate', ROTATED_KEY, rotated);
		expect(later.credentialReads).toBe(1);
		expect(later.status).toBeUndefined();
		expect(later.result.workflowData).toHaveLength(1);
		// The fresh read replaced the cache: the next delivery needs no read.
		expect((await deliver('wf-rotate', ROTATED_KEY, rotated)).credentialReads).toBe(0);
	});

	it('a flood of forged deliveries reads the credential at most once per refresh interval', async () => {
		const credentials = { webhookSecret: CURRENT_KEY };
		let reads = 0;
		for (let i = 0; i < 200; i++) {
			const forged = await deliver('wf-flood', 'forged-key', credentials);
			expect(forged.status).toBe(401);
			reads += forged.credentialReads;
			clock += 20; // 200 requests over 4 s
		}
		expect(reads).toBe(1);
		clock += CREDENTIAL_REFRESH_AFTER_MS;
		expect((await deliver('wf-flood', 'forged-key', credentials)).credentialReads).toBe(1);
	});

	it('"Listen for test event" (manual mode) always reads the credential', async () => {
		const credentials = { webhookSecret: CURRENT_KEY };
		for (let i = 0; i < 3; i++) {
			const test = await deliver('wf-manual', CURRENT_KEY, credentials, 'manual');
			expect(test.credentialReads).toBe(1);
			expect(test.result.workflowData).toHaveLength(1);
		}
		// A refused test delivery does not read the credential a second time.
		const refused = await deliver('wf-manual', 'forged-key', credentials, 'manual');
		expect(refused.status).toBe(401);
		expect(refused.credentialReads).toBe(1);
	});
});
