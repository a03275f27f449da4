// The HTTP error vocabulary, in one home: the codes clients may rely on (ErrorCode), each with its
// status and default message (the catalogue), one constructor per code, and the one error
// middleware. Every failure leaves as {"error": {"code", "message", "details": [{field, message}]}}
// with the right status, and a client mistake is never a 500.
import type { ErrorRequestHandler } from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, ServiceError } from '@temporalio/client';
import { DatabaseUnavailableError } from '../db/pool';
import type { Logger } from 'pino';

export interface FieldProblem {
  field: string;
  message: string;
}

interface CatalogueEntry {
  status: number;
  /** what the code means, in English: the OpenAPI document lists it */
  en: string;
  /** the same in Vietnamese, where the API answers in Vietnamese: the message is then "vi (en)" */
  vi?: string;
}

/**
 * Every error code the API answers, with its status and its default message. A code means one
 * fault: `validation_failed` (400) a request its schema refuses, `invalid` (422) a well-formed
 * value the data refuses, `invalid_reference` (422) a value naming something that does not exist.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'invalid input' },
  invalid_json: { status: 400, en: 'The request body is not valid JSON' },
  invalid_text: { status: 400, en: 'The request holds characters that cannot be stored (such as NUL)' },
  invalid_form: { status: 400, vi: 'Biểu mẫu không hợp lệ', en: 'invalid multipart form' },
  bad_request: { status: 400, en: 'Bad request' },
  photo_missing: { status: 400, vi: 'Chưa chọn ảnh nào', en: 'no photo was sent' },
  too_many_photos: { status: 400, vi: 'Quá nhiều ảnh', en: 'too many photos in one upload' },
  unauthorized: { status: 401, en: 'sign-in required' },
  private_photo: {
    status: 401,
    vi: 'Ảnh này chỉ cán bộ xử lý và người phản ánh được xem',
    en: 'this photo is private to staff and its reporter',
  },
  forbidden: { status: 403, vi: 'Không có quyền', en: 'not allowed for this role or outside the caller’s scope' },
  invalid_report_token: { status: 403, vi: 'Mã truy cập không đúng', en: 'wrong or missing report token' },
  channel_not_allowed: { status: 403, en: 'only operators record this channel' },
  cors_origin_not_allowed: { status: 403, en: 'this origin may not call this API' },
  csrf: { status: 403, en: 'the form’s anti-forgery token is missing or wrong' },
  not_found: { status: 404, en: 'not found' },
  method_not_allowed: { status: 405, vi: 'Phương thức không được hỗ trợ', en: 'method not allowed' },
  conflict: { status: 409, en: 'not allowed in the current state' },
  payload_too_large: { status: 413, en: 'The request body is too large' },
  photo_too_large: { status: 413, vi: 'Ảnh quá lớn', en: 'a photo is too large' },
  unsupported_media_type: { status: 415, en: 'unsupported body media type or encoding' },
  unsupported_photo_type: {
    status: 415,
    vi: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP',
    en: 'only JPEG, PNG or WebP images are accepted',
  },
  invalid: { status: 422, vi: 'Dữ liệu không hợp lệ', en: 'a value the data refuses' },
  invalid_reference: { status: 422, vi: 'Không tồn tại', en: 'a value naming something that does not exist' },
  invalid_media: { status: 422, vi: 'Ảnh đính kèm không hợp lệ', en: 'unknown photo or insecure link' },
  invalid_period: { status: 422, vi: '"from" phải trước "to"', en: '"from" must be before "to"' },
  period_too_long: { status: 422, en: 'the period is longer than this report allows' },
  invalid_csv: { status: 422, vi: 'Tệp đơn vị không hợp lệ', en: 'invalid CSV' },
  invalid_rule_set: { status: 422, en: 'invalid rule set' },
  no_targets: { status: 422, en: 'no open report assigned to a unit matches the target' },
  too_many_targets: { status: 422, en: 'the target matches more reports than one directive may reach' },
  idempotency_key_reused: { status: 422, en: 'This Idempotency-Key was used for a different report' },
  rate_limited: { status: 429, vi: 'Quá nhiều yêu cầu', en: 'too many requests' },
  internal: { status: 500, en: 'Internal error' },
  database_unavailable: {
    status: 503,
    vi: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau.',
    en: 'Database unavailable, please retry.',
  },
  workflow_unavailable: { status: 503, en: 'The process engine is unavailable, please retry.' },
  process_busy: {
    status: 503,
    vi: 'Quy trình xử lý phản ánh chưa trả lời kịp, vui lòng thử lại sau ít giây.',
    en: 'The report’s process did not answer in time; retry shortly, with the same Idempotency-Key to apply the action once.',
  },
  process_starting: {
    status: 503,
    vi: 'Phản ánh đang được đăng ký, vui lòng thử lại sau ít giây.',
    en: 'This report is still being registered, please retry shortly.',
  },
  schedule_missing: {
    status: 503,
    en: 'The weekly schedule does not exist yet: it is created when a worker starts.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

/** "Vietnamese (English)", the API's way of answering both (English alone where there is no Vietnamese). */
export const bilingual = (vi: string, en: string) => `${vi} (${en})`;

function defaultMessage(code: ErrorCode): string {
  const entry: CatalogueEntry = errorCatalogue[code];
  return entry.vi ? bilingual(entry.vi, entry.en) : entry.en;
}

export class AppError extends Error {
  readonly status: number;
  /** Built by the constructors below, one per code. */
  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessage(code),
    readonly details: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
    status?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status ?? errorCatalogue[code].status;
  }

  /** The same refusal about other fields (a page names its own inputs). */
  withDetails(details: FieldProblem[]): AppError {
    return new AppError(this.code, this.message, details, this.headers, this.status);
  }
}

// One constructor per code. A message given by the caller says more than the default.
const field = (name: string, message: string): FieldProblem[] => [{ field: name, message }];
const joined = (problems: FieldProblem[]) => problems.map((problem) => problem.message).join('; ');
const retryAfter = (seconds: number) => ({ 'Retry-After': String(seconds) });

/** A request its schema refuses (400); `message` names where ("invalid body"). */
export const validationFailed = (details: FieldProblem[], message?: string) =>
  new AppError('validation_failed', message, details);
export const invalidJson = () => new AppError('invalid_json', undefined, field('body', 'invalid JSON'));
export const invalidText = () => new AppError('invalid_text', undefined, field('body', 'invalid characters'));
/** A multipart form that cannot be read; `problem` names the part. */
export const invalidForm = (problem: FieldProblem, message = bilingual('Biểu mẫu không hợp lệ', problem.message)) =>
  new AppError('invalid_form', message, [problem]);
/** Any other refusal of the body parser, with its own 4xx status. */
export const badRequest = (status: number) => new AppError('bad_request', undefined, [], {}, status);
export const photoMissing = (name: string) =>
  new AppError('photo_missing', undefined, field(name, 'at least one photo'));
export const tooManyPhotos = (max: number, name: string) =>
  new AppError(
    'too_many_photos',
    bilingual(`Tối đa ${max} ảnh mỗi lần gửi`, `at most ${max} photos per upload`),
    field(name, `at most ${max} photos`),
  );

/** No, or no valid, credentials: a bearer token is asked for. */
export const unauthorized = (message: string = errorCatalogue.unauthorized.en) =>
  new AppError('unauthorized', message, field('authorization', message), { 'WWW-Authenticate': 'Bearer' });
export const privatePhoto = () =>
  new AppError(
    'private_photo',
    undefined,
    field('authorization', "a staff bearer token, or the report's X-Report-Token, is required"),
  );

/** The caller's role or scope does not allow this (403). */
export const forbidden = (message: string, details: FieldProblem[] = []) => new AppError('forbidden', message, details);
/** Outside the caller's scope: `name` is the field that points outside. */
export const outsideScope = (message: string, name: string) => forbidden(message, field(name, 'outside your scope'));
export const invalidReportToken = (message: string, details: FieldProblem[] = []) =>
  new AppError('invalid_report_token', message, details);
export const channelNotAllowed = (channel: string | undefined, why: string) =>
  new AppError(
    'channel_not_allowed',
    bilingual(`Chỉ điện thoại viên tổng đài được ghi nhận kênh "${channel}"`, 'only operators record this channel'),
    field('channel', why),
  );
export const corsOriginNotAllowed = (origin: string) =>
  new AppError(
    'cors_origin_not_allowed',
    `origin ${origin} may not call this API`,
    field('origin', 'not in the allow-list'),
  );
/** A page form posted without its anti-forgery token; `message` in the page's language. */
export const csrf = (message: string) => new AppError('csrf', message);

const vietnameseNames: Record<string, string> = { report: 'phản ánh', directive: 'chỉ đạo', unit: 'đơn vị' };
/** Nothing there (404): `what` names it ('report'); `message` says more when the caller knows more. */
export const notFound = (what: string, message?: string, details: FieldProblem[] = []) =>
  new AppError(
    'not_found',
    message ??
      (vietnameseNames[what]
        ? bilingual(`Không tìm thấy ${vietnameseNames[what]}`, `${what} not found`)
        : `${what} not found`),
    details,
  );
export const methodNotAllowed = (method: string, allow: string) =>
  new AppError(
    'method_not_allowed',
    bilingual(`Phương thức ${method} không được hỗ trợ`, `method not allowed; allowed: ${allow}`),
    field('method', `allowed: ${allow}`),
    { Allow: allow },
  );
/** Not allowed in the current state (409). */
export const conflict = (message: string, details: FieldProblem[] = []) => new AppError('conflict', message, details);

export const payloadTooLarge = () => new AppError('payload_too_large', undefined, field('body', 'too large'));
export const photoTooLarge = (maxKb: number, name: string) =>
  new AppError(
    'photo_too_large',
    bilingual(`Mỗi ảnh tối đa ${maxKb} KB`, `each photo at most ${maxKb} KB`),
    field(name, `larger than ${maxKb} KB`),
  );
/** A body of another media type than the route reads (`mediaType`), or in an encoding the server cannot read. */
export const unsupportedMediaType = (mediaType: string | null) =>
  mediaType
    ? new AppError(
        'unsupported_media_type',
        `Send the body as ${mediaType}`,
        field('content-type', `must be ${mediaType}`),
      )
    : new AppError('unsupported_media_type', 'Unsupported body encoding', field('body', 'unsupported encoding'));
export const unsupportedPhotoType = (details: FieldProblem[]) =>
  new AppError('unsupported_photo_type', undefined, details);

/** Well-formed values the data refuses (422), each named in `details`. */
export const invalid = (details: FieldProblem[], message = joined(details)) =>
  new AppError('invalid', message, details);
/** Values naming something that does not exist (422): an unknown unit, category or ward. */
export const invalidReference = (details: FieldProblem[], message = joined(details)) =>
  new AppError('invalid_reference', message, details);
/** A phone number that is not a Vietnamese mobile number: one of the problems of an `invalid`. */
export const phoneProblem = (name: string): FieldProblem => ({
  field: name,
  message: 'Số điện thoại không hợp lệ (not a Vietnamese mobile number: +84 or 0 followed by 9 digits)',
});
export const invalidMedia = (details: FieldProblem[]) => new AppError('invalid_media', undefined, details);
export const invalidPeriod = (name: string) =>
  new AppError('invalid_period', undefined, field(name, 'must be before "to"'));
export const periodTooLong = (maxDays: number) =>
  new AppError(
    'period_too_long',
    `a period of at most ${maxDays} days`,
    field('query.from', `a period of at most ${maxDays} days`),
  );
export const invalidCsv = (details: FieldProblem[], message?: string) => new AppError('invalid_csv', message, details);
export const invalidRuleSet = (where: string, problem: string) =>
  new AppError('invalid_rule_set', `invalid rule set: ${where}: ${problem}`, field(where, problem));
export const noTargets = () => new AppError('no_targets', undefined, field('target', 'matches no open report'));
export const tooManyTargets = (matching: number, max: number) =>
  new AppError(
    'too_many_targets',
    `the target matches ${matching} reports, more than ${max}: narrow it`,
    field('target', 'too many reports'),
  );
export const idempotencyKeyReused = () =>
  new AppError('idempotency_key_reused', undefined, field('idempotency-key', 'reused with a different body'));

export const rateLimited = (retryAfterSeconds: number, details: FieldProblem[]) =>
  new AppError(
    'rate_limited',
    bilingual(
      `Quá nhiều yêu cầu, vui lòng thử lại sau ${retryAfterSeconds} giây.`,
      `Too many requests, retry after ${retryAfterSeconds} s.`,
    ),
    details,
    retryAfter(retryAfterSeconds),
  );
export const databaseUnavailable = () => new AppError('database_unavailable', undefined, [], retryAfter(5));
export const workflowUnavailable = () => new AppError('workflow_unavailable', undefined, [], retryAfter(5));
export const processBusy = (retryAfterSeconds: number) =>
  new AppError('process_busy', undefined, [], retryAfter(retryAfterSeconds));
export const processStarting = () => new AppError('process_starting', undefined, [], retryAfter(5));
export const scheduleMissing = () => new AppError('schedule_missing', undefined, [], retryAfter(30));

/** The API's answer to a domain refusal (see domain/refusal.ts), by its type. */
const refusalCode = { Conflict: 'conflict', Forbidden: 'forbidden', Invalid: 'invalid' } as const satisfies Record<
  string,
  ErrorCode
>;

/** Maps what the lower layers throw (Temporal, PostgreSQL, body parsing) to an AppError. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    // A refusal names the field it is about, if any (temporal/failures.ts refusalFailure); else the action itself.
    const field = (failure.details?.[0] as { field?: string } | undefined)?.field ?? 'action';
    const code = refusalCode[failure.type as keyof typeof refusalCode] ?? 'conflict';
    return new AppError(code, failure.message, [{ field, message: failure.message }]);
  }
  if (error instanceof WorkflowNotFoundError) return conflict('this report is no longer open for this action');
  if (error instanceof DatabaseUnavailableError) return databaseUnavailable();
  if (error instanceof ServiceError) return workflowUnavailable();
  // PostgreSQL refuses NUL and other characters its encoding cannot hold: the client sent them.
  const databaseCode = (error as { code?: unknown } | undefined)?.code;
  if (databaseCode === '22021' || databaseCode === '22P05') return invalidText();
  const bodyError = error as { type?: string; status?: number };
  if (bodyError?.type === 'entity.parse.failed') return invalidJson();
  if (bodyError?.type === 'entity.too.large') return payloadTooLarge();
  if (bodyError?.type === 'charset.unsupported' || bodyError?.type === 'encoding.unsupported')
    return unsupportedMediaType(null);
  if (bodyError?.status && bodyError.status >= 400 && bodyError.status < 500) return badRequest(bodyError.status);
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
      res.status(500).json(errorBody(new AppError('internal')));
      return;
    }
    if (appError.status >= 500) logger.warn({ err: error }, appError.code);
    res.status(appError.status).set(appError.headers).json(errorBody(appError));
  };
}
