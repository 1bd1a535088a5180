import type { IDataObject, INode } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { makeHttpRequestWithAuthentication } = require('./n8nHttpHelper') as {
	makeHttpRequestWithAuthentication: (options: {
		getCredentials: () => Promise<IDataObject>;
		node: INode;
	}) => unknown;
};

/** A logger for a mocked n8n context that records `level: message` lines in `logs`. */
export function recordingLogger() {
	const logs: string[] = [];
	const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
	return {
		logs,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
}
