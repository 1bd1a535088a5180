import type { IDataObject } from 'n8n-workflow';

/** What automatic registration keeps for one webhook URL (production and test URLs are separate). */
interface Registration {
	subscriptionId: string;
	secretId: string;
	/** The app secret Eduzz signs this subscription's deliveries with. */
	secret: string;
	events: string[];
}

/** The node's static data (`getWorkflowStaticData('node')`), saved by n8n in its database. */
export interface TriggerStaticData extends IDataObject {
	/** Keyed by webhook URL, so "Listen for test event" never touches the production subscription. */
	registrations?: Record<string, Registration>;
}
