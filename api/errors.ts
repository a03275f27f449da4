// One application error type and one error middleware: every failure leaves as
// {"error": {"code", "message", "details": [{field, message}]}} with the right status, and a
// client mistake is never a 500.
import type { ErrorRequestHandler } from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, ServiceError } from '@temporalio/client';
import { DatabaseUnavailableError } from '../db/pool';
import type { Logger } from 'pino';

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const vietnameseNames: Record<string, string> = { report: 'phản ánh', directive: 'chỉ đạo', unit: 'đơn vị' };
export const notFound = (what: string) =>
  new AppError(
    404,
    'not_found',
    vietnameseNames[what] ? `Không tìm thấy ${vietnameseNames[what]} (${what} not found)` : `${what} not found`,
  );

const refusalStatus: Record<string, number> = { Conflict: 409, Forbidden: 403, Invalid: 422 };

/** Maps what the lower layers throw (Temporal, PostgreSQL, body parsing) to an AppError. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const field = (failure.details?.[0] as { code?: string } | undefined)?.code ?? 'action';
    const status = refusalStatus[failure.type ?? ''] ?? 409;
    return new AppError(
      status,
      status === 403 ? 'forbidden' : status === 422 ? 'invalid' : 'conflict',
      failure.message,
      [{ field, message: failure.message }],
    );
  }
  if (error instanceof WorkflowNotFoundError) {
    return new AppError(409, 'conflict', 'this report is no longer open for this action');
  }
  if (error instanceof DatabaseUnavailableError) {
    return new AppError(
      503,
      'database_unavailable',
      'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau. (Database unavailable, please retry.)',
      [],
      { 'Retry-After': '5' },
    );
  }
  if (error instanceof ServiceError) {
    return new AppError(503, 'workflow_unavailable', 'The process engine is unavailable, please retry.', [], {
      'Retry-After': '5',
    });
  }
  // PostgreSQL refuses NUL and other characters its encoding cannot hold: the client sent them.
  const databaseCode = (error as { code?: unknown } | undefined)?.code;
  if (databaseCode === '22021' || databaseCode === '22P05') {
    return new AppError(400, 'invalid_text', 'The request holds characters that cannot be stored (such as NUL)', [
      { field: 'body', message: 'invalid characters' },
    ]);
  }
  const bodyError = error as { type?: string; status?: number };
  if (bodyError?.type === 'entity.parse.failed')
    return new AppError(400, 'invalid_json', 'The request body is not valid JSON', [
      { field: 'body', message: 'invalid JSON' },
    ]);
  if (bodyError?.type === 'entity.too.large')
    return new AppError(413, 'payload_too_large', 'The request body is too large', [
      { field: 'body', message: 'too large' },
    ]);
  if (bodyError?.type === 'charset.unsupported' || bodyError?.type === 'encoding.unsupported') {
    return new AppError(415, 'unsupported_media_type', 'Unsupported body encoding', [
      { field: 'body', message: 'unsupported encoding' },
    ]);
  }
  if (bodyError?.status && bodyError.status >= 400 && bodyError.status < 500)
    return new AppError(bodyError.status, 'bad_request', 'Bad request');
  return undefined;
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const appError = toAppError(error);
    if (!appError) {
      logger.error({ err: error }, 'unhandled error');
      res.status(500).json({ error: { code: 'internal', message: 'Internal error', details: [] } });
      return;
    }
    if (appError.status >= 500) logger.warn({ err: error }, appError.code);
    res.status(appError.status).set(appError.headers).json(errorBody(appError));
  };
}
