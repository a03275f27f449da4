// SLA clocks: an amount with a unit ("8 working_hours", "10 working_days"), as written in rule
// sets and configuration. Parsing is strict so a typo in a rule set fails at load, not at 3 a.m.

export const durationUnits = ['seconds', 'minutes', 'hours', 'working_hours', 'working_days', 'calendar_days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** The clocks a routing decision sets on a report. */
export interface SlaPolicy {
  /** from assignment until the unit must accept */
  accept: Duration;
  /** from assignment until the unit must publish a result */
  resolve: Duration;
}

/** Parses "8 working_hours" (also "1.5 hours"); throws on anything else. */
export function parseDuration(text: string): Duration {
  const match = /^\s*(\d+(?:\.\d+)?)\s+([a-z_]+)\s*$/.exec(text);
  if (!match) throw new Error(`invalid duration "${text}": expected "<amount> <unit>"`);
  const unit = match[2] as DurationUnit;
  if (!durationUnits.includes(unit)) {
    throw new Error(`invalid duration "${text}": unit must be one of ${durationUnits.join(', ')}`);
  }
  return { amount: Number(match[1]), unit };
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount} ${duration.unit}`;
}
