import type { IDataObject } from 'n8n-workflow';

/*
 * Why this module exists: n8n 2.x (checked on 2.41.1) drops the static data a trigger changes in
 * `webhook()` once the workflow's static data is not empty. After `webhook()` returns, n8n's
 * WorkflowRunner builds a second `Workflow` on the same static-data object
 * (`establishContextForPersistence`), and that redefines the object's `__dataChanged` flag as
 * false. The webhook handler saves static data only when the flag is true, so the change is never
 * written. n8n 1.x does not build that second `Workflow` and saves the change.
 *
 * Between starting the execution and saving static data, n8n reads the webhook description's
 * `responseData` once more (to build the "onReceived" answer). The node's description exposes
 * `responseData` through `webhookResponseData()`, which marks every change made by a delivery
 * still in flight as changed again, so n8n's save sees the flag and writes it. Marking is
 * harmless when n8n did not reset the flag (1.x): the data is written once, as it would be anyway.
 * persistenceCheck.ts notices, and says in n8n's log, when this stops working. The n8n issue:
 * docs/n8n-static-data-flag-reset.md.
 */

/** A workflow's root static data as n8n hands it out: the object n8n saves, with its flag. */
type StaticDataRoot = IDataObject & { __dataChanged?: boolean };

/** Longest a delivery stays registered if its response never reports 'close'. */
export const PENDING_TTL_MS = 5 * 60 * 1000;

const pending = new Map<StaticDataRoot, number>();

interface ClosableResponse {
	once(event: 'close', listener: () => void): unknown;
}

/**
 * Marks `root` (from `getWorkflowStaticData('global')`) as changed now and again when n8n reads the
 * webhook's `responseData`, until the HTTP response to this delivery is closed.
 */
export function keepStaticDataChanged(
	root: StaticDataRoot,
	response: ClosableResponse,
	now = Date.now(),
): void {
	root.__dataChanged = true;
	pending.set(root, now);
	response.once('close', () => pending.delete(root));
}

/** Marks the static data of every delivery in flight as changed; returns how many it marked. */
export function markPendingStaticData(now = Date.now()): number {
	let marked = 0;
	for (const [root, since] of pending) {
		if (now - since > PENDING_TTL_MS) {
			pending.delete(root);
			continue;
		}
		root.__dataChanged = true;
		marked++;
	}
	return marked;
}

/** The node's webhook `responseData` ("noData": Eduzz only needs a 2xx), read by n8n per delivery. */
export function webhookResponseData(): 'noData' {
	markPendingStaticData();
	return 'noData';
}
