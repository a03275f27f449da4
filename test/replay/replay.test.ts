// The determinism gate: every recorded history in histories/ must replay against the current
// workflow code. A change that would break running workflows fails here, before it ships. The
// workflow types come from the bundle's entry (workflows/index.ts), so a new type without a
// history fails too, and the report histories must include every timer-driven step, so a change
// to the alarms is replayed and not only the people's actions. Re-record with
// `npm run record-histories`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../workflows/index';
import { quietRuntime, workflowBundle } from '../support/system';

quietRuntime();
const directory = path.join(__dirname, 'histories');
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort();
const histories = files.map((file) => ({
  file,
  history: JSON.parse(readFileSync(path.join(directory, file), 'utf8')),
}));

type HistoryEvent = Record<string, any> & { eventType: string };
const eventsOf = (history: { events: HistoryEvent[] }) => history.events;
const workflowTypeOf = (history: { events: HistoryEvent[] }): string =>
  eventsOf(history)[0].workflowExecutionStartedEventAttributes.workflowType.name;

/** The report steps a history committed, read from the inputs of its commitSteps activities. */
function committedSteps(history: { events: HistoryEvent[] }): { type: string; details: Record<string, unknown> }[] {
  return eventsOf(history)
    .map((event) => event.activityTaskScheduledEventAttributes)
    .filter((attributes) => attributes?.activityType.name === 'commitSteps')
    .flatMap((attributes) =>
      JSON.parse(Buffer.from(attributes.input.payloads[0].data, 'base64').toString('utf8')).map(
        (step: { event: { type: string; details: Record<string, unknown> } }) => step.event,
      ),
    );
}

describe('replay of recorded histories', () => {
  it('has a history for every workflow type the worker runs, and none for a type it no longer runs', () => {
    const running = Object.keys(workflows).sort();
    expect(running.length).toBeGreaterThan(0);
    const recorded = new Set(histories.map(({ history }) => workflowTypeOf(history)));
    expect(
      running.filter((type) => !recorded.has(type)),
      'workflow types without a history',
    ).toEqual([]);
    expect(
      [...recorded].filter((type) => !running.includes(type)),
      'histories of unknown types',
    ).toEqual([]);
  });

  it('replays timers that fired: the accept clock, reminders, overdue, every escalation level, a refused extension and the rating window', () => {
    const reports = histories.filter(({ history }) => workflowTypeOf(history) === 'reportWorkflow');
    expect(reports.some(({ history }) => eventsOf(history).some((e) => e.eventType === 'EVENT_TYPE_TIMER_FIRED'))).toBe(
      true,
    );
    const steps = reports.flatMap(({ history }) => committedSteps(history));
    const seen = new Set(
      steps.map((step) => (step.type === 'escalated' ? `escalated:${step.details.level}` : step.type)),
    );
    for (const type of [
      'accept_late',
      'reminder',
      'overdue',
      'escalated:1',
      'escalated:2',
      'escalated:3',
      'extension_refused',
    ])
      expect(seen, type).toContain(type);
    expect(steps).toContainEqual({
      type: 'closed',
      at: expect.any(Number),
      actor: { kind: 'system' },
      details: { reason: 'no rating' },
    });
  });

  it.each(files)('when %s is replayed against the current code, then it is deterministic', async (file) => {
    const { history } = histories.find((entry) => entry.file === file)!;
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file);
  });
});
