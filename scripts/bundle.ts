// `npm run bundle`: prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH),
// so a worker starts in a second instead of bundling at every start.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '../worker/bundle';

async function main(): Promise<void> {
  const code = await bundleWorkflows();
  const output = path.join(__dirname, '../dist/workflow-bundle.js');
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, code);
  console.log(
    `wrote ${path.relative(process.cwd(), output)} (${(code.length / 1024).toFixed(0)} KiB); set WORKFLOW_BUNDLE_PATH to use it`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
