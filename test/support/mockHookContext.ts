import { mock } from 'jest-mock-extended';
import type { IDataObject, IHookFunctions, INode, WorkflowExecuteMode } from 'n8n-workflow';

import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';

import { makeHttpRequestWithAuthentication, recordingLogger } from './contextParts';

export interface HookSetup {
	webhookUrl: string;
	credentials: IDataObject;
	parameters?: IDataObject;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	workflowName?: string;
}

export interface Hooks {
	checkExists: () => Promise<boolean>;
	create: () => Promise<boolean>;
	delete: () => Promise<boolean>;
	staticData: IDataObject;
	logs: string[];
	parameters: IDataObject;
}

/** The node's webhookMethods on a mocked IHookFunctions whose HTTP helper does real requests. */
export function hooksFor(setup: HookSetup): Hooks {
	const staticData = setup.staticData ?? {};
	const parameters: IDataObject = {
		events: ['alpaclass.student_module_unfinished'],
		registration: 'automatic',
		options: {},
		...(setup.parameters ?? {}),
	};
	const { logs, logger } = recordingLogger();
	const node = mock<INode>({ name: 'Eduzz Trigger', typeVersion: 1 });
	const getCredentials = async () => setup.credentials;
	const context = mock<IHookFunctions>({
		getNode: () => node,
		getMode: () => setup.mode ?? 'trigger',
		getNodeWebhookUrl: () => setup.webhookUrl,
		getWorkflow: () => ({
			id: 'wf1',
			name: setup.workflowName ?? 'Eduzz: student unmarked a module',
			active: true,
		}),
		getWorkflowStaticData: () => staticData,
		getNodeParameter: ((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never,
		getCredentials: getCredentials as never,
		logger: logger as never,
		helpers: {
			httpRequestWithAuthentication: makeHttpRequestWithAuthentication({ getCredentials, node }),
		} as never,
	});
	const methods = new EduzzTrigger().webhookMethods.default;
	return {
		checkExists: () => methods.checkExists.call(context),
		create: () => methods.create.call(context),
		delete: () => methods.delete.call(context),
		staticData,
		logs,
		parameters,
	};
}
