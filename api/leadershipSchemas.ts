// Request and response shapes of the leadership API: statistics, weekly summaries and their
// recipients, directives. Each schema validates a request and documents it in /openapi.json.
import { z } from 'zod';
import { statsBases, statsGroupings } from '../domain/statistics';
import { periodBound } from './period';
import { emailAddress } from './schemas';

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "-", "_" or "." only');
const isoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' });

export const basisDescription =
  "'unit': every report the scope's units handle (while none is assigned, the ward's); 'locality': every report located in the scope's wards, whoever handles it";

export const statsQuery = z
  .object({
    from: periodBound('from').optional().openapi({ description: 'first day (inclusive); default: 7 days before `to`' }),
    to: periodBound('to').optional().openapi({ description: 'last day (inclusive); default: today' }),
    groupBy: z.enum(statsGroupings).default('unit'),
    basis: z.enum(statsBases).default('unit').openapi({ description: basisDescription }),
    unitCode: code.optional().openapi({ description: "a unit within the caller's scope; default: the caller's scope" }),
  })
  .strict();

const figures = {
  received: z.number().openapi({ description: 'submitted in [from, to)' }),
  resolved: z.number().openapi({ description: 'result published in [from, to)' }),
  resolvedOnTime: z.number(),
  resolvedLate: z.number(),
  open: z.number().openapi({ description: 'of those received, still open now' }),
  openOverdue: z.number().openapi({ description: 'of those open, past their deadline now' }),
  avgRating: z.number().nullable().openapi({ description: 'mean rating of those resolved that were rated' }),
};

export const statsRow = z
  .object({ key: z.string().nullable(), name: z.string().nullable(), ...figures })
  .openapi('StatsRow');

export const statsReply = z
  .object({
    scope: z.object({ unitCode: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    groupBy: z.enum(statsGroupings),
    basis: z.enum(statsBases).openapi({ description: basisDescription }),
    totals: z.object(figures),
    rows: z.array(statsRow),
  })
  .openapi('Stats');

export const previewQuery = z.object({ unitCode: code.optional() }).strict();

export const previewReply = z
  .object({
    unitCode: z.string(),
    weekStart: z.string(),
    weekEnd: z.string(),
    text: z.string(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.number(),
    maxSegments: z.number(),
  })
  .openapi('SummaryPreview');

export const summaryRunReply = z.object({ scheduleId: z.string(), triggeredAt: z.string() }).openapi('SummaryRun');

export const recipientBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9][0-9 .-]{8,18}$/, 'a Vietnamese mobile number')
      .optional(),
    email: emailAddress.optional(),
    scopeUnitCode: code,
  })
  .strict()
  .refine((body) => body.phone || body.email, { message: 'give a phone or an e-mail', path: ['phone'] })
  // The rule above, as JSON Schema.
  .openapi('NewSummaryRecipient', { anyOf: [{ required: ['phone'] }, { required: ['email'] }] });

export const recipient = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    scopeUnitCode: z.string(),
    active: z.boolean(),
  })
  .openapi('SummaryRecipient');

const directiveTarget = z.union([
  z.object({ reportCode: code }).strict(),
  z
    .object({
      unitCode: code.optional(),
      wardCode: code.optional(),
      categoryCode: code.optional(),
      overdueOnly: z.boolean().optional(),
    })
    .strict(),
]);

export const directiveBody = z
  .object({
    target: directiveTarget.openapi({
      description: 'one report, or the open reports of a unit / ward / category (overdue only, if asked)',
    }),
    instruction: z.string().trim().min(3).max(1000),
    due: isoInstant.optional().openapi({ description: 'default: 1 working day from now' }),
  })
  .strict()
  .openapi('NewDirective');

export const directivePreviewBody = z.object({ target: directiveTarget }).strict().openapi('DirectivePreview');
export const directiveReach = z
  .object({ targets: z.number().openapi({ description: 'open reports the directive would reach now' }) })
  .openapi('DirectiveReach');

export const directiveIssued = z
  .object({
    id: z.uuid(),
    targets: z.number(),
    units: z.array(z.object({ unitCode: z.string(), targets: z.number() })),
    dueAt: z.string(),
  })
  .openapi('DirectiveIssued');

const counts = { targets: z.number(), acknowledged: z.number(), done: z.number(), overdue: z.number() };

export const directiveView = z
  .object({
    id: z.uuid(),
    instruction: z.string(),
    leaderId: z.string(),
    leaderUnitCode: z.string(),
    target: z.record(z.string(), z.unknown()),
    issuedAt: z.string(),
    dueAt: z.string(),
    reachedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    status: z.enum(['active', 'done']),
    escalationLevel: z.number(),
    totals: z.object(counts),
    units: z.array(
      z.object({
        unitCode: z.string(),
        ...counts,
        acknowledgedAt: z.string().nullable(),
        acknowledgedBy: z.string().nullable(),
      }),
    ),
    targets: z.array(
      z.object({
        reportCode: z.string(),
        unitCode: z.string(),
        status: z.string(),
        deadlineAt: z.string().nullable(),
        acknowledged: z.boolean(),
        done: z.boolean(),
        doneAt: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
  })
  .openapi('Directive');
