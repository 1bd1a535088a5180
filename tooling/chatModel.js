// @ts-check
'use strict';
/**
 * A stand-in for an OpenAI-compatible chat model: a real HTTP server with OpenAI's
 * `POST /v1/chat/completions` (plain JSON, or server-sent events when `stream: true`) and
 * `GET /v1/models`, whose answers a script decides. n8n's OpenAI Chat Model node reaches it when
 * its `openAiApi` credential's Base URL is `baseUrl`.
 *
 * The script gets the conversation so far (the messages, the tools n8n offers, each tool result
 * with the call it answers) and returns tool calls or a final answer, so a test plays a model that
 * chains tools. Every request is recorded as it arrived, with those parts pulled out: what the
 * model was told and what it got back is what a test asserts on.
 *
 *   const model = await startChatModel({
 *     script: ({ toolResults }) =>
 *       toolResults.length === 0
 *         ? { toolCalls: [{ name: 'Get_schools', arguments: {} }] }
 *         : { content: `Found: ${toolResults[0].content}` },
 *   });
 *   // credential openAiApi: { apiKey: model.apiKey, url: model.baseUrl }
 */
const crypto = require('node:crypto');
const http = require('node:http');

/**
 * A tool as the model is offered it (OpenAI's `tools[].function`).
 *
 * @typedef {object} OfferedTool
 * @property {string} name
 * @property {string} [description]
 * @property {{ type?: string, properties?: Record<string, { type?: string, description?: string }>, required?: string[] }} [parameters]
 */

/**
 * A tool call the model made and the result n8n sent back for it.
 *
 * @typedef {object} ToolResult
 * @property {string} id the call's id
 * @property {string} name the tool called
 * @property {Record<string, unknown>} arguments what the model passed
 * @property {string} content what n8n answered, as the model reads it (n8n sends JSON text)
 */

/**
 * One message of the conversation, as OpenAI's API takes it.
 *
 * @typedef {object} ChatMessage
 * @property {string} role 'system', 'user', 'assistant' or 'tool'
 * @property {string | Array<{ type: string, text?: string }> | null} [content]
 * @property {Array<{ id: string, type: string, function: { name: string, arguments: string } }>} [tool_calls]
 * @property {string} [tool_call_id]
 */

/**
 * What the script sees: the conversation n8n sent.
 *
 * @typedef {object} Conversation
 * @property {ChatMessage[]} messages
 * @property {string} system the system message's text
 * @property {string} user the last user message's text
 * @property {OfferedTool[]} tools
 * @property {ToolResult[]} toolResults every tool result so far, oldest first
 * @property {number} turn how many times the model answered before in this conversation (its
 *   assistant messages)
 */

/**
 * What the model answers: tool calls (`arguments` an object, sent as JSON text), or text.
 *
 * @typedef {{ toolCalls: Array<{ name: string, arguments: Record<string, unknown> }> } | { content: string }} Reply
 */

/**
 * @typedef {(conversation: Conversation) => Reply} Script
 */

/**
 * One request as it arrived (authorization redacted), with what the model was given.
 *
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {Record<string, unknown> | undefined} body
 * @property {Conversation} [conversation] for chat completions
 * @property {Reply} [reply] what the script answered
 */

/**
 * A running stand-in (startChatModel).
 *
 * @typedef {object} ChatModel
 * @property {string} baseUrl e.g. `http://127.0.0.1:1234/v1`: the credential's Base URL
 * @property {string} apiKey the key it accepts (any other is refused with OpenAI's 401)
 * @property {string} model the model id it lists
 * @property {RecordedRequest[]} requests every request, oldest first
 * @property {RecordedRequest[]} completions the chat completion requests, oldest first
 * @property {Script} script what decides the answers; a test may replace it
 * @property {() => Promise<void>} close
 */

/** @param {ChatMessage['content']} content */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('');
	return '';
}

/** @param {string} text */
function parseArguments(text) {
	try {
		const parsed = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? parsed : {};
	} catch {
		return {};
	}
}

/**
 * The conversation in a chat completion request.
 *
 * @param {Record<string, unknown>} body
 * @returns {Conversation}
 */
function conversationOf(body) {
	const messages = /** @type {ChatMessage[]} */ (Array.isArray(body.messages) ? body.messages : []);
	/** @type {Map<string, { name: string, arguments: Record<string, unknown> }>} */
	const calls = new Map();
	/** @type {ToolResult[]} */
	const toolResults = [];
	for (const message of messages) {
		for (const call of message.tool_calls ?? [])
			calls.set(call.id, {
				name: call.function?.name,
				arguments: parseArguments(call.function?.arguments ?? ''),
			});
		if (message.role === 'tool') {
			const id = String(message.tool_call_id ?? '');
			const call = calls.get(id);
			toolResults.push({
				id,
				name: call?.name ?? '',
				arguments: call?.arguments ?? {},
				content: textOf(message.content ?? ''),
			});
		}
	}
	const tools = /** @type {Array<{ function?: OfferedTool }>} */ (
		Array.isArray(body.tools) ? body.tools : []
	)
		.map((tool) => tool.function)
		.filter(/** @returns {tool is OfferedTool} */ (tool) => Boolean(tool && tool.name));
	const system = messages.find((message) => message.role === 'system');
	const user = messages.filter((message) => message.role === 'user').at(-1);
	return {
		messages,
		system: system ? textOf(system.content ?? '') : '',
		user: user ? textOf(user.content ?? '') : '',
		tools,
		toolResults,
		turn: messages.filter((message) => message.role === 'assistant').length,
	};
}

/**
 * OpenAI's answer for a reply: `{ message, finish_reason }`.
 *
 * @param {Reply} reply
 */
function messageOf(reply) {
	if ('toolCalls' in reply)
		return {
			message: {
				role: 'assistant',
				content: null,
				tool_calls: reply.toolCalls.map((call) => ({
					id: `call_${crypto.randomBytes(8).toString('hex')}`,
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				})),
			},
			finish_reason: 'tool_calls',
		};
	return { message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' };
}

/**
 * The same answer as server-sent chunks, as OpenAI streams it.
 *
 * @param {ReturnType<typeof messageOf>} answer
 * @param {{ id: string, created: number, model: string }} meta
 */
function chunksOf({ message, finish_reason }, meta) {
	const chunk = (/** @type {object} */ delta, /** @type {string | null} */ finish) => ({
		...meta,
		object: 'chat.completion.chunk',
		choices: [{ index: 0, delta, finish_reason: finish }],
	});
	const chunks = [chunk({ role: 'assistant', content: '' }, null)];
	if (message.tool_calls)
		message.tool_calls.forEach((call, index) =>
			chunks.push(chunk({ tool_calls: [{ index, ...call }] }, null)),
		);
	else chunks.push(chunk({ content: message.content }, null));
	chunks.push(chunk({}, finish_reason));
	return chunks;
}

/** @param {import('node:http').IncomingMessage} req */
async function readJson(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

/**
 * Starts the stand-in on `port` (0: any free one).
 *
 * @param {object} options
 * @param {Script} options.script
 * @param {string} [options.apiKey]
 * @param {string} [options.model]
 * @param {number} [options.port]
 * @param {string} [options.host]
 * @returns {Promise<ChatModel>}
 */
async function startChatModel({
	script,
	apiKey = 'stand-in-openai-key',
	model = 'stand-in-chat-model',
	port = 0,
	host = '127.0.0.1',
}) {
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {RecordedRequest[]} */
	const completions = [];
	/** @type {ChatModel} */
	let handle;

	const server = http.createServer(async (req, res) => {
		const body = await readJson(req);
		const path = (req.url ?? '/').split('?')[0];
		/** @type {RecordedRequest} */
		const entry = {
			method: req.method ?? 'GET',
			path,
			headers: req.headers.authorization
				? { ...req.headers, authorization: 'Bearer ***' }
				: { ...req.headers },
			body,
		};
		requests.push(entry);
		try {
			if (req.headers.authorization !== `Bearer ${apiKey}`) {
				sendJson(res, 401, {
					error: {
						message: 'Incorrect API key provided.',
						type: 'invalid_request_error',
						code: 'invalid_api_key',
					},
				});
				return;
			}
			if (req.method === 'GET' && path === '/v1/models') {
				sendJson(res, 200, {
					object: 'list',
					data: [{ id: model, object: 'model', created: 0, owned_by: 'stand-in' }],
				});
				return;
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions' || !body) {
				sendJson(res, 404, {
					error: {
						message: `Unknown request ${req.method} ${path}`,
						type: 'invalid_request_error',
					},
				});
				return;
			}
			const conversation = conversationOf(body);
			entry.conversation = conversation;
			completions.push(entry);
			const reply = handle.script(conversation);
			entry.reply = reply;
			const answer = messageOf(reply);
			const meta = {
				id: `chatcmpl-${crypto.randomBytes(8).toString('hex')}`,
				created: Math.floor(Date.now() / 1000),
				model: typeof body.model === 'string' ? body.model : model,
			};
			if (body.stream === true) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of chunksOf(answer, meta)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			sendJson(res, 200, {
				...meta,
				object: 'chat.completion',
				choices: [{ index: 0, ...answer, logprobs: null }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			});
		} catch (error) {
			// A script that throws is a failed test: answer 500 so n8n reports it, and keep the reason.
			entry.reply = { content: `script failed: ${error instanceof Error ? error.message : error}` };
			sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
		}
	});
	await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	handle = {
		baseUrl: `http://${host}:${address.port}/v1`,
		apiKey,
		model,
		requests,
		completions,
		script,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			}),
	};
	return handle;
}

module.exports = { startChatModel, conversationOf };
