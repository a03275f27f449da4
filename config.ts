// One typed, frozen configuration read once at start-up. Every key is an environment variable
// with a default that works on a developer's machine; the README lists them all. Nothing else
// in the code base reads process.env.
import { parseDuration, type Duration } from './domain/sla';
import { parseQuietHours } from './domain/quietHours';
import { parseRoleMap } from './domain/staffClaims';
import { workingMsPerDay, type OfficePeriod } from './domain/workingTime';

type Env = Record<string, string | undefined>;
let env: Env = process.env;

function text(name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function optional(name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(name: string, fallback: number): number {
  const raw = text(name, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function list(name: string, fallback: string): string[] {
  return text(name, fallback)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** express's "trust proxy": a hop count, true/false, or names and CIDRs ('loopback, 10.0.0.0/8'). */
function trustProxy(name: string, fallback: string): boolean | number | string {
  const raw = text(name, fallback).trim();
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

function durations(name: string, fallback: string): Duration[] {
  const raw = text(name, fallback).trim();
  return raw === '' || raw === 'none' ? [] : raw.split(',').map((part) => parseDuration(part));
}

function fractions(name: string, fallback: string): number[] {
  const raw = text(name, fallback).trim();
  if (raw === '' || raw === 'none') return [];
  return raw.split(',').map((part) => {
    const value = Number(part);
    if (!(value > 0 && value < 1)) throw new Error(`${name}: "${part}" is not a fraction between 0 and 1`);
    return value;
  });
}

/** Office hours as two sessions, 'HH:MM-HH:MM' each; an empty afternoon means a morning-only day. */
function officeHours(morningName: string, morning: string, afternoonName: string, afternoon: string): OfficePeriod[] {
  const periods = [
    [morningName, text(morningName, morning)],
    [afternoonName, env[afternoonName] === undefined ? afternoon : (env[afternoonName] ?? '')],
  ]
    .filter(([, value]) => value.trim() !== '')
    .map(([name, value]) => {
      const match = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(value);
      if (!match) throw new Error(`${name} must look like 07:30-11:30, got "${value}"`);
      return { start: match[1], end: match[2] };
    });
  if (periods.length === 0)
    throw new Error(`${morningName} and ${afternoonName}: at least one office session is needed`);
  workingMsPerDay({ holidays: [], workdays: [], officeHours: periods }); // throws on overlapping or reversed sessions
  return periods;
}

/**
 * An S3-compatible bucket for photo bytes (AWS, MinIO, Ceph RGW, a Vietnamese cloud's object
 * storage), or undefined when MEDIA_S3_BUCKET is unset. Explicit keys come as a pair; without them
 * the AWS SDK's own chain finds credentials (AWS_ACCESS_KEY_ID..., profiles, instance roles).
 * Only one place may hold the bytes: MEDIA_DIR and MEDIA_S3_BUCKET together are refused.
 */
function mediaS3() {
  const bucket = optional('MEDIA_S3_BUCKET');
  const settings = ['ENDPOINT', 'REGION', 'FORCE_PATH_STYLE', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY'];
  const stray = settings.map((name) => `MEDIA_S3_${name}`).filter((name) => optional(name) !== undefined);
  if (!bucket) {
    if (stray.length)
      throw new Error(`${stray.join(', ')} set without MEDIA_S3_BUCKET: name the bucket, or unset them`);
    return undefined;
  }
  if (optional('MEDIA_DIR'))
    throw new Error('MEDIA_DIR and MEDIA_S3_BUCKET are both set: photos are kept in one place, unset one of them');
  const endpoint = optional('MEDIA_S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new Error(`MEDIA_S3_ENDPOINT must be an http(s):// URL, got "${endpoint}"`);
  const forcePathStyle = text('MEDIA_S3_FORCE_PATH_STYLE', endpoint ? 'true' : 'false');
  if (forcePathStyle !== 'true' && forcePathStyle !== 'false')
    throw new Error(`MEDIA_S3_FORCE_PATH_STYLE must be true or false, got "${forcePathStyle}"`);
  const accessKeyId = optional('MEDIA_S3_ACCESS_KEY_ID');
  const secretAccessKey = optional('MEDIA_S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    throw new Error('MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY go together: set both, or neither');
  return {
    bucket,
    endpoint,
    region: text('MEDIA_S3_REGION', 'us-east-1'),
    forcePathStyle: forcePathStyle === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

const developmentSecret = 'pakn-development-secret-change-me';

/** The signing secret of development tokens and report access tokens; a production process refuses the public default. */
function secret(name: string): string {
  const value = text(name, developmentSecret);
  if (value === developmentSecret && text('NODE_ENV', 'development') === 'production') {
    throw new Error(`${name} must be set to a private value when NODE_ENV=production`);
  }
  return value;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * Staff sign-in on the pages through an OpenID Connect provider: unset OIDC_ISSUER, none. Checked
 * here so a wrong setting stops the start with its name, not the first person signing in.
 */
function oidcSignIn(publicUrl: string) {
  const issuerText = optional('OIDC_ISSUER');
  if (!issuerText) return undefined;
  let issuer: URL;
  try {
    issuer = new URL(issuerText);
  } catch {
    throw new Error(`OIDC_ISSUER must be the provider's URL, got "${issuerText}"`);
  }
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer)))
    throw new Error(`OIDC_ISSUER must be an https URL (plain http only on loopback), got "${issuerText}"`);
  const clientId = optional('OIDC_CLIENT_ID');
  if (!clientId) throw new Error('OIDC_CLIENT_ID must be set when OIDC_ISSUER is');
  const scope = text('OIDC_SCOPE', 'openid profile');
  if (!scope.split(/\s+/).includes('openid')) throw new Error(`OIDC_SCOPE must include openid, got "${scope}"`);
  return Object.freeze({
    issuer,
    clientId,
    /** Unset: a public client (PKCE only, token_endpoint_auth_method none). */
    clientSecret: optional('OIDC_CLIENT_SECRET'),
    scope,
    /** Registered at the provider as the client's redirect URI and post-logout redirect URI. */
    redirectUrl: `${publicUrl.replace(/\/$/, '')}/staff/oidc/callback`,
    postLogoutRedirectUrl: `${publicUrl.replace(/\/$/, '')}/staff/sign-in?signedOut=1`,
    roleClaim: text('OIDC_ROLE_CLAIM', 'role'),
    unitClaim: text('OIDC_UNIT_CLAIM', 'unit'),
    roleMap: parseRoleMap('OIDC_ROLE_MAP', text('OIDC_ROLE_MAP', '')),
  });
}

function publicUrl(): string {
  const value = text('PUBLIC_URL', `http://localhost:${integer('PORT', 3000)}`);
  if (!URL.canParse(value)) throw new Error(`PUBLIC_URL must be an absolute URL, got "${value}"`);
  return value;
}

/** Reads the configuration from `source` (the process environment by default). */
export function loadConfig(source: Env = process.env) {
  env = source;
  return Object.freeze({
    port: integer('PORT', 3000),
    /** Public base URL used in links sent to reporters and in the OpenID Connect redirect URI. */
    publicUrl: publicUrl(),
    /** Unset: `npm start` runs an embedded PostgreSQL server with its cluster under .data/. */
    databaseUrl: optional('DATABASE_URL'),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10),
    /** Port of the embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset. */
    embeddedDatabasePort: integer('EMBEDDED_DB_PORT', 5433),
    /** Unset: `npm start` launches a local Temporal dev server. */
    temporalAddress: optional('TEMPORAL_ADDRESS'),
    temporalNamespace: text('TEMPORAL_NAMESPACE', 'default'),
    temporalApiKey: optional('TEMPORAL_API_KEY'),
    temporalTls: text('TEMPORAL_TLS', 'false') === 'true',
    temporalCliPath: optional('TEMPORAL_CLI_PATH'),
    /** Ports of the dev server `npm start` launches when TEMPORAL_ADDRESS is unset (web UI on the second). */
    temporalDevPort: integer('TEMPORAL_DEV_PORT', 7233),
    temporalUiPort: integer('TEMPORAL_UI_PORT', 8233),
    taskQueue: text('TEMPORAL_TASK_QUEUE', 'pakn'),
    /** The longest an API request waits on Temporal (an Update's answer); then 503 with Retry-After. */
    temporalUpdateWaitMs: Math.max(100, integer('TEMPORAL_UPDATE_WAIT_MS', 5000)),
    /** Workflows kept in the worker's cache; bounds its memory however many reports are open. */
    workerMaxCachedWorkflows: integer('WORKER_MAX_CACHED_WORKFLOWS', 1000),
    /** A prebuilt workflow bundle (see scripts/bundle.ts); unset: bundled when the worker starts. */
    workflowBundlePath: optional('WORKFLOW_BUNDLE_PATH'),
    dataDir: text('PAKN_DATA_DIR', '.data'),
    /** Secret for development JWTs (npm run token); production uses an OIDC issuer's JWKS. */
    jwtSecret: secret('JWT_SECRET'),
    jwtIssuer: text('JWT_ISSUER', 'pakn-dev'),
    jwtAudience: text('JWT_AUDIENCE', 'pakn'),
    oidcJwksUrl: optional('OIDC_JWKS_URL'),
    /** Staff sign-in on the pages through an OpenID Connect provider (authorization code + PKCE); unset: none. */
    oidc: oidcSignIn(publicUrl()),
    bodyLimitKb: integer('BODY_LIMIT_KB', 64),
    /** Browser origins allowed to call the API (comma-separated, '*' for any); empty: none. */
    corsOrigins: list('CORS_ORIGINS', ''),
    /** Proxies trusted to name the client address (express "trust proxy"): names, CIDRs or a hop count. */
    trustProxy: trustProxy('TRUST_PROXY', 'loopback'),
    /** Rate limits: fixed windows counted in PostgreSQL (shared by all API processes); 0 switches a limit off. */
    rateLimitWindowSeconds: Math.max(1, integer('RATE_LIMIT_WINDOW_SECONDS', 600)),
    rateLimitSubmitPerIp: integer('RATE_LIMIT_SUBMIT_PER_IP', 600),
    rateLimitSubmitPerPhone: integer('RATE_LIMIT_SUBMIT_PER_PHONE', 20),
    rateLimitRatingPerIp: integer('RATE_LIMIT_RATING_PER_IP', 300),
    rateLimitRatingPerPhone: integer('RATE_LIMIT_RATING_PER_PHONE', 20),
    /** Reporters' comments: each one is a step in the report's workflow history, so they are bounded per report too. */
    rateLimitCommentPerIp: integer('RATE_LIMIT_COMMENT_PER_IP', 300),
    rateLimitCommentPerReport: integer('RATE_LIMIT_COMMENT_PER_REPORT', 20),
    /** Staff sign-in on the pages: session lifetime, and attempts per window per address and per account. */
    webSessionHours: Math.max(1, integer('WEB_SESSION_HOURS', 12)),
    rateLimitSignInPerIp: integer('RATE_LIMIT_SIGNIN_PER_IP', 30),
    rateLimitSignInPerAccount: integer('RATE_LIMIT_SIGNIN_PER_ACCOUNT', 10),
    logLevel: text('LOG_LEVEL', 'info'),
    /** The worker's Prometheus endpoint (the Temporal SDK's metrics at /metrics), host:port; 'off': none. */
    workerMetricsAddress: text('WORKER_METRICS_ADDRESS', '0.0.0.0:9464'),
    /** How long one reading of the domain figures (open reports, outbox, backlog) serves the API's /metrics. */
    metricsFiguresCacheSeconds: integer('METRICS_FIGURES_CACHE_SECONDS', 15),
    /** Report process policy: reminders before the deadline and the escalation ladder. */
    reminderFractions: fractions('REMINDER_FRACTIONS', '0.75'),
    remindersBefore: durations('REMINDERS_BEFORE', '1 working_days'),
    /** Delay of each escalation level: 1 unit head (after the deadline), 2 parent unit / coordinator, 3 leaders. */
    escalationDelays: durations('ESCALATION_DELAYS', '0 minutes,4 working_hours,1 working_days'),
    ratingWindow: parseDuration(text('RATING_WINDOW', '7 calendar_days')),
    /** The desk's clock to route a report no rule could place (HCMC 2025: one hour to guide it). */
    triageDeadline: parseDuration(text('TRIAGE_DEADLINE', '1 working_hours')),
    /** Office sessions that working hours and working days count (Asia/Ho_Chi_Minh local time). */
    officeHours: officeHours('OFFICE_HOURS_MORNING', '07:30-11:30', 'OFFICE_HOURS_AFTERNOON', '13:00-17:00'),
    /** Re-opens by a dissatisfied rating that go back to the same unit before going to the coordinator. */
    reopensToSameUnit: integer('REOPENS_TO_SAME_UNIT', 1),
    /** How often the reconciler starts workflows for reports accepted while Temporal was down. */
    reconcileEverySeconds: integer('RECONCILE_EVERY_SECONDS', 60),
    /** Workflow starts the reconciler keeps in flight at once while it drains a backlog. */
    reconcileParallelStarts: integer('RECONCILE_PARALLEL_STARTS', 20),
    /** Quiet hours for non-urgent SMS to staff, local time ('21:00-07:00'); empty: none. */
    quietHours: parseQuietHours(text('QUIET_HOURS', '')),
    /** The message templates quiet hours hold back (summaries and directives are not among them by default). */
    quietHoursTemplates: list('QUIET_HOURS_TEMPLATES', 'report_reminder'),
    /** SMS: dev (records only) | smpp | http. */
    smsProvider: text('SMS_PROVIDER', 'dev'),
    smsBrandname: text('SMS_BRANDNAME', 'PAKN-HCM'),
    smppUrl: optional('SMPP_URL'),
    smppSystemId: text('SMPP_SYSTEM_ID', 'pakn'),
    smppPassword: text('SMPP_PASSWORD', ''),
    smsHttpUrl: optional('SMS_HTTP_URL'),
    smsHttpApiKey: text('SMS_HTTP_API_KEY', ''),
    smsHttpSecretKey: text('SMS_HTTP_SECRET_KEY', ''),
    smsHttpSandbox: text('SMS_HTTP_SANDBOX', 'false') === 'true',
    smtpUrl: optional('SMTP_URL'),
    emailFrom: text('EMAIL_FROM', 'PAKN TP.HCM <no-reply@pakn.example>'),
    /** Weekly summary: SMS parts allowed per message, how late a missed Friday run may still start, worst units named. */
    summarySmsMaxParts: integer('SUMMARY_SMS_MAX_PARTS', 2),
    summaryCatchupHours: integer('SUMMARY_CATCHUP_HOURS', 24),
    summaryWorstUnits: integer('SUMMARY_WORST_UNITS', 3),
    /** Leader directives: due time when the leader gives none, and the most reports one directive may target. */
    directiveDue: parseDuration(text('DIRECTIVE_DUE', '1 working_days')),
    directiveMaxTargets: integer('DIRECTIVE_MAX_TARGETS', 5000),
    /** Photos: kept in PostgreSQL unless MEDIA_DIR or MEDIA_S3_BUCKET (not both) names another place; per-file size, files per upload, stored and thumbnail sizes. */
    mediaDir: optional('MEDIA_DIR'),
    mediaS3: mediaS3(),
    photoMaxKb: Math.max(1, integer('PHOTO_MAX_KB', 10240)),
    photoMaxCount: Math.max(1, integer('PHOTO_MAX_COUNT', 5)),
    photoMaxPixels: Math.max(64, integer('PHOTO_MAX_PIXELS', 2048)),
    photoThumbPixels: Math.max(32, integer('PHOTO_THUMB_PIXELS', 320)),
    rateLimitPhotoPerIp: integer('RATE_LIMIT_PHOTO_PER_IP', 300),
  });
}

export type Config = ReturnType<typeof loadConfig>;
export const config: Config = loadConfig();
