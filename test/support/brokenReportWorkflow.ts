// A bad build of the report workflow, for the repair test: it records a timer where the real code
// schedules its first activity, so the real workflow code can no longer replay that history.
import { sleep } from '@temporalio/workflow';

export async function reportWorkflow(): Promise<void> {
  await sleep('1 day');
}
