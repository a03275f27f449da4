// The one home of the ApplicationFailure types PAKN sends through Temporal, and of the rule that
// sorts an activity's errors into deterministic ones (bad input, a business rule: non-retryable,
// the workflow gets them back as a refusal) and transient ones (retried with backoff).
// Imported by workflow code too: keep it free of Node and I/O imports.
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { Refusal, type RefusalType } from '../domain/refusal';

export const FailureType = {
  /** refusals: the action is understood but not allowed now (API 409 / 403 / 422); never retried */
  Conflict: 'Conflict',
  Forbidden: 'Forbidden',
  Invalid: 'Invalid',
  /** PostgreSQL cannot be reached: retried until it is back */
  DatabaseUnavailable: 'DatabaseUnavailable',
  /** a notification held back until the quiet hours end: retried at that time */
  QuietHours: 'QuietHours',
  /** an outbox row that does not exist: retrying cannot make it appear */
  OutboxRowMissing: 'OutboxRowMissing',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

const refusalTypes: ReadonlySet<string> = new Set<RefusalType>(['Conflict', 'Forbidden', 'Invalid']);

/** A domain refusal as the non-retryable failure the API maps back to 409 / 403 / 422 (details[0]: its code, and the field it names). */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.nonRetryable(refusal.message, refusal.type, { code: refusal.code, field: refusal.field });
}

/** The refusal carried by `error` (itself, or the cause of a failed activity), if it is one. */
export function refusalIn(error: unknown): ApplicationFailure | undefined {
  if (error instanceof Refusal) return refusalFailure(error);
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && refusalTypes.has(failure.type ?? '') ? failure : undefined;
}

// SQLSTATE classes PostgreSQL answers for the data itself: 22 data exception (bad text, out of
// range), 23 integrity constraint violation. The same write fails the same way every time.
const deterministicSqlClasses = new Set(['22', '23']);

/**
 * Classifies what an activity threw. Refusals and data errors become non-retryable; an
 * unreachable database a retryable DatabaseUnavailable; anything else (a bug, a peer down) stays
 * retryable so that a fix or a recovery resumes the work: it shows as a pending activity.
 */
export function classifyActivityError(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof Refusal) return refusalFailure(error);
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'DatabaseUnavailableError')
    return ApplicationFailure.retryable(message, FailureType.DatabaseUnavailable);
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (
    typeof sqlState === 'string' &&
    /^[0-9A-Z]{5}$/.test(sqlState) &&
    deterministicSqlClasses.has(sqlState.slice(0, 2))
  )
    return ApplicationFailure.nonRetryable(message, FailureType.Invalid, { code: 'data', sqlState });
  return error;
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;
type ActivityFunctions = Record<string, ActivityFunction>;

/** Wraps every activity so that its errors leave classified (see classifyActivityError). */
export function classifiedActivities<T extends ActivityFunctions>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, run]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (run as (...input: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          throw classifyActivityError(error);
        }
      },
    ]),
  ) as unknown as T;
}
