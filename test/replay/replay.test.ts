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

/** How many timers a history fired, and the report snapshot its workflow ended with. */
function timersAndOutcome(history: { events: HistoryEvent[] }): { fired: number; final: Record<string, unknown> } {
  const events = eventsOf(history);
  const completed = events.at(-1)?.workflowExecutionCompletedEventAttributes;
  const final = completed ? JSON.parse(Buffer.from(completed.result.payloads[0].data, 'base64').toString('utf8')) : {};
  return { fired: events.filter((event) => event.eventType === 'EVENT_TYPE_TIMER_FIRED').length, final };
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

  // The short report steps run as local activities, whose inputs history does not keep: the step
  // types of the timer story are checked by its recorder (recordHistories.test.ts) against the
  // read model; here, that the story's timers fired and the rating window closed it.
  it('replays timers that fired: the accept clock, reminders, overdue, every escalation level, extensions and the rating window', () => {
    const reports = histories.filter(({ history }) => workflowTypeOf(history) === 'reportWorkflow');
    const stories = reports.map(({ history }) => timersAndOutcome(history));
    // accept clock, 2 reminders, overdue, 3 escalation levels, the refused and approved extension's
    // reminders, and the rating window: at least 10 fired timers, and closed with no rating.
    expect(stories).toContainEqual({
      fired: expect.toSatisfy((fired: number) => fired >= 10),
      final: expect.objectContaining({ status: 'closed', rating: null }),
    });
  });

  it.each(files)('when %s is replayed against the current code, then it is deterministic', async (file) => {
    const { history } = histories.find((entry) => entry.file === file)!;
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file);
  });
});
