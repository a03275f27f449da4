// A leader's directive ("chỉ đạo") once it has reached its targets: which reports are still not
// done, which units acknowledged, and what to tell whom when (one notice per unit, not per report;
// reminders before the due time; after it, the unit heads, then the issuing leader). A plain class
// like ReportProcess: guards refuse with a Refusal, no I/O, no clock (`now` is passed in).
import type { Actor, StaffActor } from './roles';
import { hasRole, inScope, unitRoles } from './roles';
import { refuse } from './refusal';

/** What a leader aims at: one report, or the open reports of a unit / ward / category, overdue or all. */
export type DirectiveTarget =
  { reportCode: string } | { unitCode?: string; wardCode?: string; categoryCode?: string; overdueOnly?: boolean };

export interface TargetedReport {
  reportId: string;
  unitCode: string;
}

export interface TargetedUnit {
  unitCode: string;
  unitPath: string;
  targets: number;
}

export type DirectiveAlarm = { kind: 'remind'; at: number } | { kind: 'escalate'; at: number; level: number };

export type DirectiveTemplate = 'directive_issued' | 'directive_reminder' | 'directive_overdue';

export interface DirectiveNotice {
  template: DirectiveTemplate;
  recipient: { kind: 'unit_head'; unitCode: string } | { kind: 'leader' };
  /** why, unique within the directive: 'issued', 'remind-1', 'escalate-2' (part of the dedupe key) */
  occasion: string;
  /** reports not done yet that the notice is about */
  count: number;
  /** 'P-SAIGON 3, SAWACO 1': the units concerned, for the leader */
  units: string;
  /** escalation level (1 unit heads, 2+ the leader); 0 for the notice of issue and reminders */
  level: number;
}

export class DirectiveProgress {
  /** report id → unit code, for every target not done yet */
  private readonly pending = new Map<string, string>();
  private readonly units: TargetedUnit[];
  private readonly acknowledged = new Set<string>();
  private alarms: DirectiveAlarm[];
  private reminders = 0;

  constructor(init: { targets: TargetedReport[]; units: TargetedUnit[]; remindAt: number[]; escalateAt: number[] }) {
    for (const target of init.targets) this.pending.set(target.reportId, target.unitCode);
    this.units = init.units;
    this.alarms = [
      ...init.remindAt.map((at): DirectiveAlarm => ({ kind: 'remind', at })),
      ...init.escalateAt.map((at, index): DirectiveAlarm => ({ kind: 'escalate', at, level: index + 1 })),
    ];
  }

  get allDone(): boolean {
    return this.pending.size === 0;
  }

  /** A target was resolved (or closed, withdrawn); true the first time. */
  settle(reportId: string): boolean {
    return this.pending.delete(reportId);
  }

  /** The targeted units the actor answers for that have not acknowledged yet; refuses otherwise. */
  checkAcknowledge(actor: Actor): string[] {
    if (actor.kind !== 'staff' || !hasRole(actor, unitRoles))
      refuse('Forbidden', 'unit_only', 'only staff of a targeted unit may acknowledge a directive');
    const own = this.units.filter((unit) => inScope(actor as StaffActor, unit.unitPath));
    if (own.length === 0) refuse('Forbidden', 'not_targeted', 'this directive does not target your unit');
    const waiting = own.filter((unit) => !this.acknowledged.has(unit.unitCode)).map((unit) => unit.unitCode);
    if (waiting.length === 0)
      refuse('Conflict', 'already_acknowledged', 'your unit has already acknowledged this directive');
    return waiting;
  }

  acknowledge(actor: Actor): string[] {
    const units = this.checkAcknowledge(actor);
    units.forEach((unit) => this.acknowledged.add(unit));
    return units;
  }

  /** One notice per targeted unit head, with the number of its reports. */
  issuedNotices(): DirectiveNotice[] {
    return this.units.map((unit) => ({
      template: 'directive_issued',
      recipient: { kind: 'unit_head', unitCode: unit.unitCode },
      occasion: 'issued',
      count: unit.targets,
      units: unit.unitCode,
      level: 0,
    }));
  }

  nextAlarm(): DirectiveAlarm | undefined {
    return this.alarms.reduce<DirectiveAlarm | undefined>(
      (earliest, alarm) => (!earliest || alarm.at < earliest.at ? alarm : earliest),
      undefined,
    );
  }

  /** Consumes the alarm: reminders and the first escalation go to the heads of units not done, later ones to the leader. */
  fire(alarm: DirectiveAlarm): DirectiveNotice[] {
    this.alarms = this.alarms.filter((pending) => pending !== alarm);
    const late = this.pendingByUnit();
    if (late.length === 0) return [];
    if (alarm.kind === 'remind') {
      this.reminders += 1;
      const occasion = `remind-${this.reminders}`;
      return late.map(([unitCode, count]) => ({
        template: 'directive_reminder',
        recipient: { kind: 'unit_head', unitCode },
        occasion,
        count,
        units: unitCode,
        level: 0,
      }));
    }
    const occasion = `escalate-${alarm.level}`;
    if (alarm.level <= 1) {
      return late.map(([unitCode, count]) => ({
        template: 'directive_overdue',
        recipient: { kind: 'unit_head', unitCode },
        occasion,
        count,
        units: `${unitCode} ${count}`,
        level: 1,
      }));
    }
    const units = late.map(([unitCode, count]) => `${unitCode} ${count}`).join(', ');
    return [
      {
        template: 'directive_overdue',
        recipient: { kind: 'leader' },
        occasion,
        count: this.pending.size,
        units,
        level: alarm.level,
      },
    ];
  }

  /** [unit code, reports not done] for units with any, most first. */
  pendingByUnit(): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const unitCode of this.pending.values()) counts.set(unitCode, (counts.get(unitCode) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
