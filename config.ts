// One typed, frozen configuration read once at start-up. Every key is an environment variable
// with a default that works on a developer's machine; the README lists them all. Nothing else
// in the code base reads process.env.
import { parseDuration, type Duration } from './domain/sla';

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

/** Reads the configuration from `source` (the process environment by default). */
export function loadConfig(source: Env = process.env) {
  env = source;
  return Object.freeze({
    port: integer('PORT', 3000),
    /** Public base URL used in links sent to reporters. */
    publicUrl: text('PUBLIC_URL', `http://localhost:${integer('PORT', 3000)}`),
    /** Unset: `npm start` serves an embedded PGlite database under .data/. */
    databaseUrl: optional('DATABASE_URL'),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10),
    /** Unset: `npm start` launches a local Temporal dev server. */
    temporalAddress: optional('TEMPORAL_ADDRESS'),
    temporalNamespace: text('TEMPORAL_NAMESPACE', 'default'),
    temporalApiKey: optional('TEMPORAL_API_KEY'),
    temporalTls: text('TEMPORAL_TLS', 'false') === 'true',
    temporalCliPath: optional('TEMPORAL_CLI_PATH'),
    taskQueue: text('TEMPORAL_TASK_QUEUE', 'pakn'),
    dataDir: text('PAKN_DATA_DIR', '.data'),
    /** Secret for development JWTs (npm run token); production uses an OIDC issuer's JWKS. */
    jwtSecret: text('JWT_SECRET', 'pakn-development-secret-change-me'),
    jwtIssuer: text('JWT_ISSUER', 'pakn-dev'),
    jwtAudience: text('JWT_AUDIENCE', 'pakn'),
    oidcJwksUrl: optional('OIDC_JWKS_URL'),
    bodyLimitKb: integer('BODY_LIMIT_KB', 64),
    logLevel: text('LOG_LEVEL', 'info'),
    /** Report process policy: reminders before the deadline and the escalation ladder. */
    reminderFractions: fractions('REMINDER_FRACTIONS', '0.75'),
    remindersBefore: durations('REMINDERS_BEFORE', '1 working_days'),
    /** Delay of each escalation level: 1 unit head (after the deadline), 2 parent unit / coordinator, 3 leaders. */
    escalationDelays: durations('ESCALATION_DELAYS', '0 minutes,4 working_hours,1 working_days'),
    ratingWindow: parseDuration(text('RATING_WINDOW', '7 calendar_days')),
    /** Re-opens by a dissatisfied rating that go back to the same unit before going to the coordinator. */
    reopensToSameUnit: integer('REOPENS_TO_SAME_UNIT', 1),
    /** How often the reconciler starts workflows for reports accepted while Temporal was down. */
    reconcileEverySeconds: integer('RECONCILE_EVERY_SECONDS', 60),
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
  });
}

export type Config = ReturnType<typeof loadConfig>;
export const config: Config = loadConfig();
