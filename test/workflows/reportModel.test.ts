// Model-based property test of the report process: fast-check drives real report workflows (real
// API, worker, dev server and PostgreSQL) with random actions and random, often invalid, arguments
// — past deadlines, NUL characters, wrong roles, junk sent straight to the workflow — and checks
// after each that the report still answers, that the action was applied exactly when the model
// says it may be, and that the report's state equals the model's. Bounded for CI: a few runs of
// short command sequences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as messages from '../../workflows/report/messages';
import { call, staffToken, startTestSystem, type ApiReply, type TestSystem } from '../support/system';
import { submitRouted, type Made } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ TEMPORAL_UPDATE_WAIT_MS: '10000', REOPENS_TO_SAME_UNIT: '1' });
});
afterAll(async () => system?.stop());

const hour = 3_600_000;
const day = 24 * hour;

interface Model {
  status: string;
  unitCode: string | null;
  extensionPending: boolean;
  /** null: not predictable (a new plan from the SLA); adopted from the system after the step */
  deadlineAt: number | null;
  requestedUntil: number | null;
  reopenCount: number;
}

interface Real {
  report: Made;
  tokens: Record<Who, string>;
}

type Who = 'unit' | 'otherUnit' | 'coordinator';
const unitRoles: Who[] = ['unit', 'otherUnit'];
const open = (model: Model) => model.status === 'assigned' || model.status === 'in_progress';
const finished = (model: Model) => ['closed', 'withdrawn', 'rejected'].includes(model.status);

// ---- arguments: valid ones and the invalid kinds that once wedged or could wedge a report ----

const text = (min: number, max: number) =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.string({ minLength: min, maxLength: min + 20 }).map((s) => `Nội dung ${s}`.slice(0, max)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '   ', 'x', 'nul \u0000 inside', 'nul \u0000 inside', 'x'.repeat(max + 1)),
    },
  );
const isValidText = (value: string, min: number, max: number) =>
  value.trim().length >= min && value.length <= max && !value.includes('\u0000');

/** An instant relative to the model's deadline: past, before the deadline, after it, or junk. */
type When = 'past' | 'beforeDeadline' | 'afterDeadline' | 'junk';
const when = fc.constantFrom<When>('past', 'beforeDeadline', 'afterDeadline', 'junk');
function instant(kind: When, model: Model, now: number): string {
  const deadline = model.deadlineAt ?? now + day;
  const at = {
    past: now - 2 * hour,
    beforeDeadline: Math.min(now + hour, deadline - hour),
    afterDeadline: deadline + 2 * day,
  };
  return kind === 'junk' ? 'tomorrow' : new Date(Math.floor(at[kind] / 1000) * 1000).toISOString();
}

/** A request that hangs is a wedged report: fail the step (the API's own bound is 10 s). */
async function answered<T>(request: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within 20 s`)), 15_000);
  });
  return Promise.race([request, hung]).finally(() => clearTimeout(timer));
}

// ---- commands ---------------------------------------------------------------------------------

type Expected = { applied: true; apply(model: Model): void } | { applied: false };
const refused: Expected = { applied: false };

abstract class Action implements fc.AsyncCommand<Model, Real> {
  abstract toString(): string;
  abstract expect(model: Model, now: number): Expected;
  abstract send(real: Real, model: Model, now: number): Promise<ApiReply>;
  check = () => true;

  async run(model: Model, real: Real): Promise<void> {
    const now = Date.now();
    const expected = this.expect(model, now);
    const reply = await answered(this.send(real, model, now), String(this));
    expect(reply.status, `${this}: ${JSON.stringify(reply.body)}`).toBeLessThan(500);
    expect(reply.status === 200, `${this} applied? ${JSON.stringify(reply.body)}`).toBe(expected.applied);
    if (expected.applied) expected.apply(model);
    await compare(model, real);
  }
}

const post = (real: Real, path: string, options: { token?: string; body?: unknown; reportToken?: string }) =>
  call(system, 'POST', `/api/v1/${path.replace(':code', real.report.code)}`, options);

class Accept extends Action {
  constructor(readonly who: Who) {
    super();
  }
  toString = () => `accept by ${this.who}`;
  expect = (model: Model): Expected =>
    this.who === 'unit' && model.status === 'assigned'
      ? { applied: true, apply: (m) => void (m.status = 'in_progress') }
      : refused;
  send = (real: Real) => post(real, 'tasks/:code/accept', { token: real.tokens[this.who], body: {} });
}

class Progress extends Action {
  constructor(
    readonly who: Who,
    readonly note: string,
  ) {
    super();
  }
  toString = () => `progress by ${this.who} ${JSON.stringify(this.note.slice(0, 30))}`;
  expect = (model: Model): Expected =>
    this.who === 'unit' && model.status === 'in_progress' && isValidText(this.note, 1, 4000)
      ? { applied: true, apply: () => undefined }
      : refused;
  send = (real: Real) =>
    post(real, 'tasks/:code/progress', { token: real.tokens[this.who], body: { note: this.note } });
}

class RequestExtension extends Action {
  private until = '';
  constructor(
    readonly who: Who,
    readonly when: When,
  ) {
    super();
  }
  toString = () => `request extension by ${this.who} until ${this.when}`;
  expect = (model: Model, now: number): Expected => {
    this.until = instant(this.when, model, now);
    const until = Date.parse(this.until);
    const valid = this.when !== 'junk' && until > now && until > (model.deadlineAt ?? Infinity);
    return this.who === 'unit' && open(model) && !model.extensionPending && valid
      ? { applied: true, apply: (m) => ((m.extensionPending = true), (m.requestedUntil = until)) }
      : refused;
  };
  send = (real: Real) =>
    post(real, 'tasks/:code/extension', {
      token: real.tokens[this.who],
      body: { reason: 'Cần phối hợp liên ngành', until: this.until },
    });
}

class DecideExtension extends Action {
  private until: string | undefined;
  constructor(
    readonly who: Who,
    readonly approve: boolean,
    readonly when: When | 'none',
    readonly note = '',
  ) {
    super();
  }
  toString = () =>
    `decide extension by ${this.who}: approve=${this.approve} until ${this.when} note ${JSON.stringify(this.note)}`;
  expect = (model: Model, now: number): Expected => {
    this.until = this.when === 'none' ? undefined : instant(this.when, model, now);
    if (this.when === 'junk' || this.who !== 'coordinator' || !open(model) || !model.extensionPending) return refused;
    const deadline = this.until === undefined ? model.requestedUntil! : Date.parse(this.until);
    if (this.approve && deadline <= now) return refused;
    // A refusal must say why (at least 3 characters).
    if (!this.approve && this.note.trim().length < 3) return refused;
    return {
      applied: true,
      apply: (m) => {
        m.extensionPending = false;
        if (this.approve) m.deadlineAt = deadline;
      },
    };
  };
  send = (real: Real) =>
    post(real, 'tasks/:code/extension/decision', {
      token: real.tokens[this.who],
      body: { approve: this.approve, until: this.until, note: this.note },
    });
}

class Resolve extends Action {
  constructor(
    readonly who: Who,
    readonly result: string,
  ) {
    super();
  }
  toString = () => `resolve by ${this.who} ${JSON.stringify(this.result.slice(0, 30))}`;
  expect = (model: Model): Expected =>
    this.who === 'unit' && model.status === 'in_progress' && isValidText(this.result, 3, 8000)
      ? { applied: true, apply: (m) => ((m.status = 'resolved'), (m.extensionPending = false)) }
      : refused;
  send = (real: Real) =>
    post(real, 'tasks/:code/resolve', { token: real.tokens[this.who], body: { result: this.result } });
}

class Assign extends Action {
  constructor(readonly unitCode: string) {
    super();
  }
  toString = () => `assign to ${this.unitCode}`;
  expect = (model: Model): Expected =>
    model.status === 'triage' && this.unitCode === 'P-SAIGON'
      ? { applied: true, apply: (m) => ((m.status = 'assigned'), (m.unitCode = 'P-SAIGON'), (m.deadlineAt = null)) }
      : refused;
  send = (real: Real) =>
    call(system, 'POST', `/api/v1/triage/${real.report.code}/assign`, {
      token: real.tokens.coordinator,
      body: { unitCode: this.unitCode },
    });
}

class Comment extends Action {
  constructor(readonly comment: string) {
    super();
  }
  toString = () => `comment ${JSON.stringify(this.comment.slice(0, 30))}`;
  expect = (model: Model): Expected =>
    !finished(model) && isValidText(this.comment, 1, 4000) ? { applied: true, apply: () => undefined } : refused;
  send = (real: Real) =>
    post(real, 'reports/:code/comments', { reportToken: real.report.accessToken, body: { comment: this.comment } });
}

class Rate extends Action {
  constructor(readonly score: number) {
    super();
  }
  toString = () => `rate ${this.score}`;
  expect = (model: Model): Expected => {
    if (model.status !== 'resolved' || !Number.isInteger(this.score) || this.score < 1 || this.score > 5)
      return refused;
    return {
      applied: true,
      apply: (m) => {
        if (this.score >= 3) return void (m.status = 'closed');
        const toUnit = m.reopenCount < 1 && m.unitCode !== null;
        m.reopenCount += 1;
        m.extensionPending = false;
        m.deadlineAt = toUnit ? null : m.deadlineAt;
        if (toUnit) m.status = 'assigned';
        else Object.assign(m, { status: 'triage', unitCode: null, deadlineAt: null });
      },
    };
  };
  send = (real: Real) =>
    post(real, 'reports/:code/rating', { reportToken: real.report.accessToken, body: { score: this.score } });
}

class Withdraw extends Action {
  toString = () => 'withdraw';
  expect = (model: Model): Expected =>
    !finished(model) && model.status !== 'resolved'
      ? { applied: true, apply: (m) => void (m.status = 'withdrawn') }
      : refused;
  send = (real: Real) => post(real, 'reports/:code/withdraw', { reportToken: real.report.accessToken, body: {} });
}

/** Junk sent straight to the workflow by any Temporal client: refused, and nothing changes. */
class RawUpdate implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly update: string,
    readonly args: unknown[],
  ) {}
  check = () => true;
  toString = () => `raw ${this.update}(${fc.stringify(this.args).slice(0, 60)})`;
  async run(model: Model, real: Real): Promise<void> {
    const handle = system.client.workflow.getHandle(messages.reportWorkflowId(real.report.id));
    const outcome = await system.client
      .withDeadline(Date.now() + 5000, () => handle.executeUpdate(this.update, { args: this.args as [unknown] }))
      .then(
        () => 'applied',
        (error: Error) => error.name,
      );
    expect(outcome, String(this)).not.toBe('applied');
    await compare(model, real);
  }
}

const who = fc.constantFrom<Who>('unit', 'unit', 'otherUnit', 'coordinator');
const updateNames = [
  'accept',
  'progress',
  'transfer',
  'requestExtension',
  'decideExtension',
  'resolve',
  'assign',
  'rate',
  'comment',
];
// Weighted towards the arguments that once wedged a report: approvals of past deadlines, NUL text.
const decision = fc
  .tuple(
    fc.constantFrom<Who>('coordinator', 'coordinator', 'coordinator', ...unitRoles),
    fc.constantFrom(true, true, false),
    fc.constantFrom<When | 'none'>('none', 'past', 'past', 'afterDeadline', 'junk'),
    fc.constantFrom('', 'Chưa đủ căn cứ gia hạn'),
  )
  .map(([w, approve, at, note]) => new DecideExtension(w, approve, at, note));
const progress = fc.tuple(who, text(1, 4000)).map(([w, note]) => new Progress(w, note));
const commands = [
  who.map((w) => new Accept(w)),
  progress,
  progress,
  fc.tuple(who, when).map(([w, at]) => new RequestExtension(w, at)),
  decision,
  decision,
  fc.tuple(who, text(3, 8000)).map(([w, result]) => new Resolve(w, result)),
  fc.constantFrom('P-SAIGON', 'NOPE').map((unit) => new Assign(unit)),
  text(1, 4000).map((comment) => new Comment(comment)),
  fc.constantFrom(-1, 0, 1, 2, 2.5, 3, 5, 7).map((score) => new Rate(score)),
  fc.constant(new Withdraw()),
  fc
    .tuple(fc.constantFrom(...updateNames), fc.anything({ maxDepth: 2 }))
    .map(([name, junk]) => new RawUpdate(name, [junk])),
];

/** Where a run starts: just routed, accepted, or with an extension request waiting for a decision. */
const starts: Action[][] = [
  [],
  [new Accept('unit')],
  [new Accept('unit'), new RequestExtension('unit', 'afterDeadline')],
  [new RequestExtension('unit', 'afterDeadline')],
];

/** The report answers (API and workflow query, each within a bound) and equals the model. */
async function compare(model: Model, real: Real): Promise<void> {
  const view = await answered(
    call(system, 'GET', `/api/v1/tasks/${real.report.code}`, { token: real.tokens.coordinator }),
    'reading the report',
  );
  expect(view.status).toBe(200);
  if (model.deadlineAt === null && view.body.deadlineAt) model.deadlineAt = Date.parse(view.body.deadlineAt);
  const state = await system.client.withDeadline(Date.now() + 5000, () =>
    system.client.workflow.getHandle(messages.reportWorkflowId(real.report.id)).query(messages.reportStateQuery),
  );
  const expected = {
    status: model.status,
    unitCode: model.unitCode,
    extensionPending: model.extensionPending,
    deadlineAt: model.deadlineAt === null ? null : new Date(model.deadlineAt).toISOString(),
  };
  const actual = {
    status: view.body.status,
    unitCode: view.body.unitCode,
    extensionPending: view.body.extensionPending,
  };
  expect({ ...actual, deadlineAt: view.body.deadlineAt }).toEqual(expected);
  expect({ status: state.status, unitCode: state.unitCode, extensionPending: state.extensionPending }).toEqual(actual);
}

describe('a report under random actions and arguments', () => {
  it('always answers and stays equal to the model', { timeout: 300_000 }, async () => {
    const tokens = {
      unit: await staffToken(system, 'unit_staff', 'P-SAIGON', 'model@P-SAIGON'),
      otherUnit: await staffToken(system, 'unit_staff', 'P-BENTHANH', 'model@P-BENTHANH'),
      coordinator: await staffToken(system, 'coordinator', 'HCM-TT1022', 'model@HCM-TT1022'),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...starts),
        fc.commands(commands, { maxCommands: 12 }),
        async (start, sequence) => {
          const report = await submitRouted(system);
          const model: Model = {
            status: report.view.status,
            unitCode: 'P-SAIGON',
            extensionPending: false,
            deadlineAt: Date.parse(report.deadlineAt!),
            requestedUntil: null,
            reopenCount: 0,
          };
          expect(model.status).toBe('assigned');
          for (const step of start) await step.run(model, { report, tokens });
          await fc.asyncModelRun(() => ({ model, real: { report, tokens } }), sequence);
        },
      ),
      {
        numRuns: 8,
        interruptAfterTimeLimit: 240_000,
        markInterruptAsFailure: true,
        // Always tried first, besides the random runs: the inputs that wedged reports before.
        examples: [
          [starts[2], [new DecideExtension('coordinator', true, 'past'), new Progress('unit', 'Vẫn xử lý')]],
          [starts[1], [new Progress('unit', 'nul \u0000 inside'), new Resolve('unit', 'Đã xử lý xong')]],
          [starts[0], [new RawUpdate('comment', [{}]), new Withdraw()]],
        ],
      },
    );
  });
});
