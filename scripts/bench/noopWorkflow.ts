// The baseline of the lifecycle bench: a workflow with one no-op activity, i.e. the bare cost of
// starting and completing a workflow on the same Temporal server.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function noopWorkflow(): Promise<void> {
  await noop();
}
