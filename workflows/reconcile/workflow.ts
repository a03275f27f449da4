// Run by a Temporal Schedule: start the workflows of reports accepted while Temporal was down.
import { proxyActivities } from '@temporalio/workflow';
import type { createReconcileActivities } from '../../activities/reconcile';

const { startMissingWorkflows } = proxyActivities<ReturnType<typeof createReconcileActivities>>({
  startToCloseTimeout: '2 minutes',
  // it heartbeats after every parallel batch of starts: a stalled attempt is retried within 30 s
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export async function reconcileWorkflow(): Promise<{ started: number }> {
  let started = 0;
  // Drain in batches; a report younger than a few seconds is still being started by the API.
  for (;;) {
    const batch = await startMissingWorkflows({ olderThanSeconds: 5, batch: 200 });
    started += batch.started;
    if (batch.found < 200) return { started };
  }
}
