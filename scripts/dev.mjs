// `npm run dev`: n8n with this package installed exactly as n8n installs a community package, an
// owner account, the example workflow published and a fake Eduzz API, until Ctrl-C. Data stays in
// .n8n-dev/ between runs (delete the folder to start over). tooling/devEnvironment.js does the work.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { VERSIONS } = require('../tooling/n8n/provision.js');
const { startDevEnvironment, CREDENTIAL_NAME } = require('../tooling/devEnvironment.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDER = path.join(ROOT, '.n8n-dev');
const version = process.env.DEV_N8N_VERSION || VERSIONS.v2;
const port = Number(process.env.DEV_N8N_PORT || 5678);
const fakePort = Number(process.env.DEV_FAKE_EDUZZ_PORT || 5680);
const log = (message) => console.log(`[dev] ${message}`);

log('building the package (npm run build)');
execFileSync('npm', ['run', 'build', '--silent'], {
	cwd: ROOT,
	stdio: ['ignore', 'ignore', 'inherit'],
});
const { n8n, state, owner, stop } = await startDevEnvironment({
	folder: FOLDER,
	version,
	port,
	fakePort,
	log,
});
process.on('SIGINT', () => stop().then(() => process.exit(0)));
process.on('SIGTERM', () => stop().then(() => process.exit(0)));

console.log(`
  n8n ${version} is running with n8n-nodes-eduzz installed (both nodes).

  Open      ${n8n.baseUrl}/workflow/${state.workflowId}
  Log in    ${owner.email}  /  ${owner.password}
  Webhook   ${state.webhookUrl}
  Eduzz     ${state.fakeBaseUrl}  (a local stand-in for api.eduzz.com; the credential
            "${CREDENTIAL_NAME}" points at it and holds a random local signing key)
  n8n log   .n8n-dev/n8n.log

  In another terminal, deliver a correctly signed sample event:

      npm run send-sample

  Ctrl-C stops n8n and the fake; the data stays in .n8n-dev/ for the next run.
`);
