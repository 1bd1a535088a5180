'use strict';
/** A loopback HTTP server that hands each request's exact bytes and headers to `handle`. */
const http = require('node:http');

async function startReceiver(handle) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks);
			received.push({ headers: req.headers, rawBody });
			try {
				const { status, body } = await handle(rawBody, req.headers);
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(body === undefined ? '' : JSON.stringify(body));
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: String(error && error.message) }));
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/webhook/6a1f0c9e-e2e0-4c1a-9d33-0a4b5c6d7e8f/webhook`,
		received,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startReceiver };
