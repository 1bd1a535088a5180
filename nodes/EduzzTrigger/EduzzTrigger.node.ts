import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { EDUZZ_CREDENTIAL_TYPE } from '../shared/transport';
import { CREDENTIAL_REFRESH_AFTER_MS, credentialsForDelivery } from './credentialCache';
import { handleDelivery } from './delivery';
import { onlyForProperty, readOnlyFor } from './filters';
import { EVENT_OPTIONS, EVENTS_SUBTITLE } from '../shared/events/options';
import { DEFAULT_MAX_BODY_KB, readOptions } from './options';
import { register, registrationExists, unregister } from './registration';
import { signingKeys } from './signature';
import type { TriggerStaticData } from './registration';
import { appSecretForUnsavedRegistration } from './unsavedRegistration';

export class EduzzTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduzz Trigger',
		name: 'eduzzTrigger',
		icon: { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1. It works around n8n evaluating an expression on every request to
		// a version-1 start node (a Webhook-node v1 leftover): 1.1 runs 3.1× as many deliveries per
		// second with lazy isolates (version_1_1_throughput_vs_1, docs/benchmark.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// One event by its name, e.g. "Student Unmarked a Module as Finished"; computed from the
		// event catalog, see EVENTS_SUBTITLE.
		subtitle: EVENTS_SUBTITLE,
		// n8n's node panel shows the trigger's description on the one "Eduzz" entry it makes of both
		// nodes (editor-ui generateMergedNodesAndActions), so it says what both do.
		description:
			"Start a workflow on Eduzz's webhook events or call Eduzz's API: AlpaClass, MyEduzz, Nutror, Blinket, SafeVideo, HeyCamp, Sun",
		defaults: { name: 'Eduzz Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EDUZZ_CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Eduzz only needs a 2xx; an empty body avoids n8n's default "firstEntryJson" text.
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Eduzz delivers the selected events to this workflow',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step": the panel shows "Listening for test event" and the node’s Test URL (under "Webhook URLs") accepts one delivery. Send a test from the Eduzz console to that URL, or let automatic registration request a sample. <br /><br /><b>Once you are happy with your workflow</b>, publish it ("Publish"; in n8n 1.x, switch it to "Active"): every signed Eduzz delivery to the Production URL starts an execution.',
				active:
					'<b>While building your workflow</b>, click "Execute step": the panel shows "Listening for test event" and the node’s Test URL (under "Webhook URLs") accepts one delivery. <br /><br /><b>Your workflow is published</b> (active): every signed Eduzz delivery to the Production URL starts an execution, listed in the workflow’s Executions tab.',
			},
			activationHint:
				'Once the workflow is published (in n8n 1.x: active), Eduzz deliveries to the Production URL start it. With manual registration, paste that URL into the Eduzz console.',
		},
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['alpaclass.student_module_unfinished'],
				options: EVENT_OPTIONS,
				description:
					'The Eduzz events that start this workflow. Other signed events are answered with 200 and ignored, so Eduzz does not retry them.',
			},
			onlyForProperty,
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				default: 'manual',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							'The node creates, enables and deletes the Eduzz webhook configuration itself (needs the Access Token in the credential)',
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							'You create the configuration in the Eduzz console and paste this node’s URL into it',
					},
				],
				description: 'Who creates the webhook configuration at Eduzz',
			},
			{
				displayName:
					'In the Eduzz console (Webhook → Configurações → Nova configuração), paste this node’s <b>Production URL</b> (open "Webhook URLs" at the top of this panel, choose Production URL and click the URL to copy it) into "URL para envio dos dados", tick the same events, and choose the key ("Chave de acesso") whose value is the credential’s Webhook Secret. Use the Test URL only while the node listens for a test event.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName:
					'On publish the node creates the Eduzz configuration for this URL with the selected events, signs it with your app’s secret and enables it; on unpublish it deletes it. Eduzz must reach this n8n over HTTPS (set N8N_WEBHOOK_URL).',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Ask Eduzz to Filter Too',
						name: 'filterAtEduzz',
						type: 'boolean',
						default: true,
						displayOptions: { show: { '/registration': ['automatic'] } },
						description:
							'Whether automatic registration also sends "Only For" to Eduzz as the configuration’s filters, for the fields Eduzz offers, so Eduzz does not deliver what the node would ignore. The node filters either way; switch this off if Eduzz stops delivering events you expect.',
					},
					{
						displayName: 'Maximum Body Size (KB)',
						name: 'maxBodySizeKb',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_BODY_KB,
						description:
							'Larger deliveries are refused with HTTP 413 before the signature is computed. Eduzz payloads are a few KB.',
					},
					{
						displayName: 'Reject Payloads That Fail Validation',
						name: 'rejectInvalidPayloads',
						type: 'boolean',
						default: false,
						description:
							'Whether to answer HTTP 400 (Eduzz retries) when a signed event does not match its schema. Off: the item is emitted with delivery.schemaValid = false and readable delivery.schemaIssues, so no event is lost.',
					},
					{
						displayName: 'Send a Sample When Listening',
						name: 'requestSampleOnTest',
						type: 'boolean',
						default: true,
						displayOptions: { show: { '/registration': ['automatic'] } },
						description:
							'Whether listening for a test event ("Execute step") asks Eduzz to send a sample of the first selected event, so you need not wait for a real student',
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') !== 'automatic') return true;
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') !== 'automatic') return true;
				return await register.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') !== 'automatic') return true;
				return await unregister.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		// n8n reads the body for JSON content types; anything else is read here so the HMAC still
		// covers the exact bytes Eduzz signed (n8n has already undone any gzip/deflate encoding).
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const rawBody: Buffer = req.rawBody ?? Buffer.alloc(0);

		const options = readOptions(this);
		const now = Date.now();
		const staticData = this.getWorkflowStaticData('node') as TriggerStaticData;
		const unsavedAppSecret = await appSecretForUnsavedRegistration(this, staticData, now);
		const request = { rawBody, headers: req.headers, receivedAt: new Date(now) };
		const events = new Set(this.getNodeParameter('events', []) as string[]);
		const filters = readOnlyFor(this);
		const decide = (credentials: ICredentialDataDecryptedObject) =>
			handleDelivery(request, {
				keys: signingKeys(credentials, staticData, unsavedAppSecret),
				events,
				filters,
				rejectInvalidPayloads: options.rejectInvalidPayloads,
				maxBodyBytes: options.maxBodyBytes,
			});

		const cached = await credentialsForDelivery(this, now);
		let outcome = decide(cached.data);
		if (
			outcome.kind === 'reject' &&
			outcome.status === 401 &&
			now - cached.fetchedAt >= CREDENTIAL_REFRESH_AFTER_MS
		) {
			// The key may have changed in n8n since the cached read: read it again. A copy read for
			// this delivery, or less than CREDENTIAL_REFRESH_AFTER_MS ago, is not read again, so
			// forged traffic cannot turn every request into a database read.
			outcome = decide((await credentialsForDelivery(this, now, true)).data);
		}

		if (outcome.kind === 'reject') {
			// Forged traffic is expected on a public URL: keep it out of the default log level. A
			// missing secret is the user's to fix.
			const level = outcome.signatureFailure === 'no_secret' ? 'warn' : 'debug';
			this.logger[level](
				`Eduzz Trigger refused a delivery (${outcome.status} ${outcome.reason}): ${outcome.message}`,
			);
			res.status(outcome.status).json({ error: outcome.reason, message: outcome.message });
			return { noWebhookResponse: true };
		}
		if (outcome.kind === 'ignore') {
			const { reason, event } = outcome;
			// filtered_out also names the filter and the field that did not match.
			const which =
				outcome.reason === 'filtered_out' ? { filter: outcome.filter, field: outcome.field } : {};
			res.status(200).json({ received: true, executed: false, reason, event, ...which });
			return { noWebhookResponse: true };
		}

		return {
			workflowData: [this.helpers.returnJsonArray([outcome.item as unknown as IDataObject])],
		};
	}
}
