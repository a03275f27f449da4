// The determinism gate: every recorded history in histories/ must replay against the current
// workflow code. A change that would break running workflows fails here, before it ships.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/system';

const directory = path.join(__dirname, 'histories');
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has a history for every workflow type', () => {
    const types = new Set(
      files.map(
        (file) =>
          JSON.parse(readFileSync(path.join(directory, file), 'utf8')).events[0].workflowExecutionStartedEventAttributes
            .workflowType.name,
      ),
    );
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['directiveWorkflow', 'reconcileWorkflow', 'reportWorkflow', 'weeklySummaryWorkflow']),
    );
  });

  it.each(files)('when %s is replayed against the current code, then it is deterministic', async (file) => {
    const history = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file);
  });
});
