// Every wait of an API request on Temporal (an Update's answer, a Schedule trigger) is bounded by
// TEMPORAL_UPDATE_WAIT_MS: past it the caller gets 503 process_busy with Retry-After, never a
// request that hangs while a workflow is stuck or no worker serves it.
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { AppDeps } from './deps';
import { processBusy } from './errors';

/** Runs `work` against Temporal within the configured wait; past it, a 503 telling the caller to retry. */
export async function withinTemporalWait<T>(deps: AppDeps, work: () => Promise<T>): Promise<T> {
  try {
    return await deps.temporal.withDeadline(Date.now() + deps.config.temporalUpdateWaitMs, work);
  } catch (error) {
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineExceeded(error))
      throw processBusy(Math.max(1, Math.ceil(deps.config.temporalUpdateWaitMs / 1000)));
    throw error;
  }
}

function isDeadlineExceeded(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 4; // gRPC DEADLINE_EXCEEDED, as the client's ServiceError carries it
}
