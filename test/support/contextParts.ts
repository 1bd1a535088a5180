export { makeHttpRequestWithAuthentication } from './n8nHttpHelper';

/** A logger for a mocked n8n context that records `level: message` lines in `logs`. */
export function recordingLogger() {
	const logs: string[] = [];
	const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
	return {
		logs,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
}
