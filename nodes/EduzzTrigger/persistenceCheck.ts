import n8nWorkflowPackage from 'n8n-workflow/package.json';

import { isRemembered } from './redelivery';
import type { TriggerStaticData } from './staticData';

/*
 * "Skip Redeliveries" only works if n8n saves what webhook() adds to the static data, and n8n does
 * not promise that (staticDataPersistence.ts works around n8n 2.x dropping it). So the node checks:
 * n8n saves static data before it answers a delivery and reads it back for the next one, so once a
 * delivery that remembered an event has been answered, the next delivery must find the event in
 * the static data it was handed. Deliveries that ran at the same time as another one of the same
 * node are not checked (n8n saves without locking, so one may overwrite the other: documented).
 * Two failed checks in a row (so one race with another process is not enough) log one warning.
 */

/** Failed checks in a row before the warning. */
export const FAILED_CHECKS_BEFORE_WARNING = 2;

interface Delivery {
	token: string;
	overlapped: boolean;
}

interface ClosableResponse {
	once(event: 'close', listener: () => void): unknown;
}

/** Per workflow and node. */
const inFlight = new Map<string, Set<Delivery>>();
const answered = new Map<string, Delivery[]>();
const failedInARow = new Map<string, number>();
const warned = new Set<string>();

/** The check needs a later delivery: keep only the last few answered ones of each node. */
const MAX_ANSWERED = 10;

/** Notes that the delivery in flight remembered `token`; it is checked once `response` is closed. */
export function expectSaved(key: string, token: string, response: ClosableResponse): void {
	const delivery: Delivery = { token, overlapped: false };
	const running = inFlight.get(key) ?? new Set<Delivery>();
	inFlight.set(key, running);
	for (const other of running) other.overlapped = delivery.overlapped = true;
	running.add(delivery);
	response.once('close', () => {
		running.delete(delivery);
		if (running.size === 0) inFlight.delete(key);
		if (delivery.overlapped) return;
		answered.set(key, [...(answered.get(key) ?? []), delivery].slice(-MAX_ANSWERED));
	});
}

/**
 * Checks the events remembered by answered deliveries against `store`, the static data n8n handed
 * this delivery. Returns the warning to log, once per node, when n8n did not save them.
 */
export function checkSaved(
	key: string,
	store: TriggerStaticData,
	now: number,
	workflowName: string,
): string | undefined {
	const deliveries = answered.get(key);
	if (!deliveries) return undefined;
	answered.delete(key);
	for (const delivery of deliveries) {
		failedInARow.set(
			key,
			isRemembered(store, delivery.token, now) ? 0 : (failedInARow.get(key) ?? 0) + 1,
		);
	}
	if ((failedInARow.get(key) ?? 0) < FAILED_CHECKS_BEFORE_WARNING || warned.has(key))
		return undefined;
	warned.add(key);
	return (
		`Eduzz Trigger in workflow "${workflowName}": "Skip Redeliveries" cannot work on this n8n (n8n-workflow ${n8nWorkflowPackage.version}): ` +
		`n8n did not save the event ids the node remembered (${FAILED_CHECKS_BEFORE_WARNING} deliveries in a row), so Eduzz's redeliveries of those events will start the workflow again. ` +
		"Add n8n's Remove Duplicates node after the trigger (Remove Items Processed in Previous Executions, on {{ $json.id }}) and report this n8n version at https://github.com/eduzz-n8n/n8n-nodes-eduzz/issues."
	);
}
