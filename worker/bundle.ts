// Bundling workflow code for a worker (webpack, a few seconds): the production prebuild, the test
// run and the bench all bundle through here, quietly.
import { bundleWorkflowCode } from '@temporalio/worker';

const quiet = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} };

/** The bundle's code for the workflows exported by `workflowsPath` (default: all of PAKN's). */
export async function bundleWorkflows(workflowsPath = require.resolve('../workflows/index.ts')): Promise<string> {
  return (await bundleWorkflowCode({ workflowsPath, logger: quiet })).code;
}
