// Shape checks of the arguments that reach a report or directive workflow (Update and Signal
// arguments). The API validates requests already, but a workflow is a public endpoint of its own
// (other clients, the CLI, a replayed old request): whatever enters history must be well-formed,
// or a handler later fails on it. Each check refuses with 'Invalid' naming the field.
import { refuse } from './refusal';
import { staffRoles, type StaffActor } from './roles';

/** Instants before 2000 or after 2100 are typos or garbage, never a deadline. */
const earliestInstant = Date.UTC(2000, 0, 1);
const latestInstant = Date.UTC(2100, 0, 1);

export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    refuse('Invalid', 'invalid_argument', `"${field}" must be an object`, field);
  return value as Record<string, unknown>;
}

/** Text PostgreSQL can store (no NUL), within the API's own length limits. */
export function checkText(value: unknown, field: string, limits: { min?: number; max: number }): string {
  if (typeof value !== 'string') refuse('Invalid', 'invalid_argument', `"${field}" must be text`, field);
  const length = value.trim().length;
  if (length < (limits.min ?? 0) || value.length > limits.max)
    refuse('Invalid', 'invalid_argument', `"${field}" must hold ${limits.min ?? 0} to ${limits.max} characters`, field);
  if (value.includes('\u0000'))
    refuse('Invalid', 'invalid_argument', `"${field}" must not contain NUL characters`, field);
  return value;
}

/** An instant as epoch milliseconds. */
export function checkInstant(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < earliestInstant || value > latestInstant)
    refuse('Invalid', 'invalid_argument', `"${field}" must be an instant between 2000 and 2100`, field);
  return value;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') refuse('Invalid', 'invalid_argument', `"${field}" must be true or false`, field);
  return value;
}

export function checkOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T))
    refuse('Invalid', 'invalid_argument', `"${field}" must be one of ${allowed.join(', ')}`, field);
  return value as T;
}

export function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    refuse('Invalid', 'invalid_argument', `"${field}" must be a whole number from ${min} to ${max}`, field);
  return value;
}

export function checkTextList(value: unknown, field: string, limits: { maxItems: number; max: number }): string[] {
  if (!Array.isArray(value) || value.length > limits.maxItems)
    refuse('Invalid', 'invalid_argument', `"${field}" must be a list of at most ${limits.maxItems} items`, field);
  value.forEach((item, index) => checkText(item, `${field}[${index}]`, { min: 1, max: limits.max }));
  return value as string[];
}

/** A staff member as the API's authentication makes one. */
export function checkStaffActor(value: unknown, field = 'actor'): StaffActor {
  const actor = checkObject(value, field);
  if (actor.kind !== 'staff') refuse('Invalid', 'invalid_argument', `"${field}.kind" must be "staff"`, `${field}.kind`);
  checkText(actor.id, `${field}.id`, { min: 1, max: 200 });
  checkOneOf(actor.role, `${field}.role`, staffRoles);
  checkText(actor.unitCode, `${field}.unitCode`, { min: 1, max: 40 });
  const unitPath = checkText(actor.unitPath, `${field}.unitPath`, { min: 1, max: 1000 });
  if (!unitPath.startsWith('/') || !unitPath.endsWith('/'))
    refuse(
      'Invalid',
      'invalid_argument',
      `"${field}.unitPath" must be a path like /HCM/P-SAIGON/`,
      `${field}.unitPath`,
    );
  return actor as unknown as StaffActor;
}

/** Arguments of an Update: exactly `count` of them (a missing or extra one is refused). */
export function checkArgCount(args: readonly unknown[], count: number): void {
  if (args.length !== count)
    refuse('Invalid', 'invalid_argument', `expected ${count} argument(s), got ${args.length}`, 'args');
}
