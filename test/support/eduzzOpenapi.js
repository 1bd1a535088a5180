'use strict';

/**
 * Loads Eduzz's example webhook payloads from its OpenAPI file (kept outside the repository).
 * CommonJS on purpose: the lint rules forbid `process` and `__dirname` in `.ts` files.
 */
const fs = require('fs');
const path = require('path');

const DEFAULT_PATH = path.resolve(__dirname, '../../../shared/eduzz/openapi.json');

/** @returns {string} the path of Eduzz's openapi.json (`EDUZZ_OPENAPI` or the default). */
function eduzzOpenapiPath() {
	return process.env.EDUZZ_OPENAPI || DEFAULT_PATH;
}

/**
 * @typedef {{ id?: string, event: string, sentDate?: string, data: Record<string, unknown> }} EduzzEnvelope
 * @typedef {{ name: string, description: string, envelope: EduzzEnvelope }} EduzzExample
 */

/** @returns {EduzzExample[]} one entry per webhook event of the OpenAPI file, in file order. */
function loadEduzzExamples() {
	const file = eduzzOpenapiPath();
	if (!fs.existsSync(file)) {
		throw new Error(
			`Eduzz OpenAPI file not found at ${file}. ` +
				"Set the EDUZZ_OPENAPI environment variable to the path of Eduzz's openapi.json.",
		);
	}
	const json = JSON.parse(fs.readFileSync(file, 'utf8'));
	// The shared file wraps the OpenAPI document as { url, spec, endpoints }; accept a bare one too.
	const spec = json.spec || json;
	const webhooks = spec.webhooks;
	if (!webhooks || typeof webhooks !== 'object') {
		throw new Error(
			`No "webhooks" section in ${file} (EDUZZ_OPENAPI); is it Eduzz's openapi.json?`,
		);
	}
	return Object.entries(webhooks).map(([name, item]) => {
		const requestBody = item.post.requestBody;
		const envelope = requestBody.content['application/json'].examples.default.value;
		return { name, description: requestBody.description, envelope };
	});
}

module.exports = { eduzzOpenapiPath, loadEduzzExamples };
