/** A loopback HTTP server that hands each request's exact bytes and headers to `handle`. */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver answers: `status` and a JSON `body` (none: an empty body). */
export interface ReceiverAnswer {
	status: number;
	body?: unknown;
}

export interface ReceivedRequest {
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
}

export interface Receiver {
	/** A URL shaped like an n8n production webhook URL, on the receiver. */
	url: string;
	/** Every request, in order. */
	received: ReceivedRequest[];
	close: () => Promise<void>;
}

export async function startReceiver(
	handle: (
		rawBody: Buffer,
		headers: http.IncomingHttpHeaders,
	) => ReceiverAnswer | Promise<ReceiverAnswer>,
): Promise<Receiver> {
	const received: ReceivedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks);
			received.push({ headers: req.headers, rawBody });
			try {
				const { status, body } = await handle(rawBody, req.headers);
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(body === undefined ? '' : JSON.stringify(body));
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: String(error && (error as Error).message) }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/6a1f0c9e-e2e0-4c1a-9d33-0a4b5c6d7e8f/webhook`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
