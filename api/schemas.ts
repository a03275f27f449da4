// Request and response shapes of the v1 API. Each schema validates a request and documents it
// in /openapi.json; the types the handlers use are inferred from them.
import { z } from 'zod';
import { mediaLinkPattern } from '../domain/photos';
import { intakeChannels, reportStatuses } from '../domain/report';

export const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'chỉ gồm chữ, số, "-", "_" hoặc "." (letters, digits, "-", "_" or "." only)');
/**
 * An e-mail address as zod's own check reads it, written without look-arounds so that the
 * document's pattern says exactly what is accepted (and generators can produce it).
 */
export const emailAddress = z
  .string()
  .max(200)
  .regex(
    /^[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/,
    'địa chỉ e-mail không hợp lệ (not an e-mail address)',
  );
/** A media link: https, or one of our photos ('/media/{id}', as POST /api/v1/photos answers it). */
const mediaLink = z
  .string()
  .max(2000)
  .regex(
    mediaLinkPattern,
    'phải là đường dẫn https:// hoặc ảnh đã tải lên (must be an https:// link or an uploaded photo)',
  );
const isoInstant = z.iso.datetime({
  offset: true,
  error: 'phải là thời điểm ISO 8601 có múi giờ (must be an ISO 8601 date-time with offset)',
});

export const submitReportBody = z
  .object({
    categoryCode: code,
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(10, 'cần ít nhất 10 ký tự (at least 10 characters)').max(5000),
    location: z
      .object({
        wardCode: code.optional(),
        address: z.string().trim().min(1).max(500).optional(),
        lat: z.number().min(-90).max(90).optional(),
        lng: z.number().min(-180).max(180).optional(),
      })
      .strict()
      .refine((location) => (location.lat === undefined) === (location.lng === undefined), {
        message: 'lat và lng phải đi cùng nhau (lat and lng go together)',
        path: ['lat'],
      })
      .refine((location) => location.wardCode || location.address || location.lat !== undefined, {
        message: 'cần phường/xã, địa chỉ hoặc tọa độ (give a wardCode, an address or coordinates)',
        path: ['wardCode'],
      })
      // The two rules above, as JSON Schema: one of ward, address or coordinates; lat and lng together.
      .openapi({
        allOf: [
          { anyOf: [{ required: ['wardCode'] }, { required: ['address'] }, { required: ['lat', 'lng'] }] },
          { anyOf: [{ required: ['lat', 'lng'] }, { not: { anyOf: [{ required: ['lat'] }, { required: ['lng'] }] } }] },
        ],
      }),
    reporter: z
      .object({
        name: z.string().trim().min(1).max(120).optional(),
        phone: z.string().trim().max(20).optional(),
        email: emailAddress.optional(),
        type: z.enum(['citizen', 'business']).default('citizen'),
        anonymous: z.boolean().default(false),
      })
      .strict()
      .default({ type: 'citizen', anonymous: false }),
    channel: z.enum(intakeChannels).default('web').openapi({
      description:
        "'web' or 'app' for citizens' own clients; 'hotline' (the default for an operator), 'email' or 'zalo' only with an operator's token (else 403); partners use Open311",
    }),
    media: z.array(mediaLink).max(10).default([]),
  })
  .strict()
  .openapi('SubmitReport', {
    example: {
      categoryCode: 'WASTE',
      description: 'Rác tồn đọng nhiều ngày trước số 12 Lê Lợi',
      location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
      reporter: { name: 'Nguyễn Văn Bình', phone: '0912345678' },
    },
  });
export type SubmitReportBody = z.infer<typeof submitReportBody>;

export const submittedReport = z
  .object({
    id: z.uuid(),
    code: z.string(),
    status: z.enum(reportStatuses),
    accessToken: z.string(),
    submittedAt: z.string(),
  })
  .openapi('SubmittedReport');

export const commentBody = z
  .object({ comment: z.string().trim().min(1).max(4000) })
  .strict()
  .openapi('Comment', { example: { comment: 'Rác vẫn còn sau hai ngày.' } });

export const ratingBody = z
  .object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() })
  .strict()
  .openapi('Rating', { example: { score: 5, comment: 'Xử lý nhanh, cảm ơn.' } });

const timelineEntry = z.object({
  at: z.string(),
  type: z.string(),
  actorRole: z.string().nullable(),
  actorUnit: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
const named = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });

/** What the public sees of any report, in the list and in detail. */
export const publicReportHead = z.object({
  code: z.string(),
  status: z.enum(reportStatuses),
  category: named,
  ward: named.nullable(),
  unit: named.nullable(),
  title: z.string().nullable(),
  description: z.string(),
  submittedAt: z.string(),
  deadlineAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedOnTime: z.boolean().nullable(),
  overdue: z.boolean(),
  result: z.string().nullable(),
  rating: z.number().nullable(),
});

export const publicReport = publicReportHead
  .extend({
    address: z.string().nullable(),
    media: z
      .array(z.string())
      .openapi({ description: "photo and media links; a reporter's private photos only with X-Report-Token" }),
    escalationLevel: z.number(),
    timeline: z.array(timelineEntry),
    reporter: z
      .object({
        name: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        anonymous: z.boolean(),
      })
      .optional(),
  })
  .openapi('PublicReport');

export const taskItem = z
  .object({
    code: z.string(),
    status: z.enum(reportStatuses),
    categoryCode: z.string(),
    unitCode: z.string().nullable(),
    wardCode: z.string().nullable(),
    priority: z.string(),
    title: z.string().nullable(),
    submittedAt: z.string(),
    acceptDeadlineAt: z.string().nullable(),
    deadlineAt: z.string().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number(),
    reopenCount: z.number(),
    extensionPending: z.boolean(),
  })
  .openapi('TaskItem');

export const taskList = z.object({ items: z.array(taskItem), total: z.number() }).openapi('TaskList');

export const taskDetail = taskItem
  .extend({
    description: z.string(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    media: z.array(z.string()),
    result: z.string().nullable(),
    rating: z.number().nullable(),
    reporter: z.object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      type: z.string(),
      anonymous: z.boolean(),
    }),
    timeline: z.array(
      timelineEntry.extend({
        actorId: z.string().nullable(),
        replyTemplate: z
          .object({ code: z.string(), version: z.number().int(), titleVi: z.string(), titleEn: z.string() })
          .optional()
          .openapi({ description: 'on a resolve step: the reply template (and version) its result was written from' }),
      }),
    ),
  })
  .openapi('TaskDetail');

export const renderedReplyTemplates = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        categoryCode: z.string().nullable(),
        titleVi: z.string(),
        titleEn: z.string(),
        version: z.number().int(),
        text: z.string().openapi({ description: "the template's text filled with this report's variables" }),
      }),
    ),
  })
  .openapi('ReplyTemplatesForTask');

const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const taskQuery = z
  .object({
    /** 'open' (default): waiting for the unit (assigned, in progress); 'all': every status */
    status: z.enum([...reportStatuses, 'open', 'all']).default('open'),
    overdue: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    categoryCode: code.optional(),
    /** words in the code, title, address or description */
    q: z.string().trim().min(1).max(100).optional(),
    ...page,
  })
  .strict();

export const pageQuery = z.object(page).strict();

export const transferBody = z
  .object({ reason: z.string().trim().min(3).max(2000) })
  .strict()
  .openapi('Transfer');
export const progressBody = z
  .object({ note: z.string().trim().min(1).max(4000) })
  .strict()
  .openapi('Progress');
export const extensionBody = z
  .object({ reason: z.string().trim().min(3).max(2000), until: isoInstant })
  .strict()
  .openapi('ExtensionRequest');
export const extensionDecisionBody = z
  .object({ approve: z.boolean(), until: isoInstant.optional(), note: z.string().trim().max(2000).default('') })
  .strict()
  .openapi('ExtensionDecision', {
    description: 'A refusal needs a reason in `note` (at least 3 characters; else 422): the unit is told why.',
  });
export const resolveBody = z
  .object({
    result: z.string().trim().min(3).max(8000),
    media: z.array(mediaLink).max(10).default([]),
    replyTemplate: z
      .object({ code, version: z.number().int().min(1).optional() })
      .strict()
      .optional()
      .openapi({
        description:
          'the reply template the result was written from (GET /api/v1/tasks/{code}/reply-templates), recorded with the resolve step; version: the one filled in, else the current one',
      }),
  })
  .strict()
  .openapi('Resolve');
export const assignBody = z.object({ unitCode: code }).strict().openapi('Assign');
export const reassignBody = z
  .object({ unitCode: code, reason: z.string().trim().min(3).max(2000) })
  .strict()
  .openapi('Reassign');

export const pendingExtension = taskItem
  .extend({
    requestedUntil: z.string().nullable(),
    reason: z.string().nullable(),
    requestedAt: z.string().nullable(),
    requestedBy: z.string().nullable(),
  })
  .openapi('PendingExtension');
export const pendingExtensionList = z
  .object({ items: z.array(pendingExtension), total: z.number() })
  .openapi('PendingExtensionList');
export const emptyBody = z.object({}).strict();

export const unitSchema = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    type: z.string(),
    parentCode: z.string().nullable(),
  })
  .openapi('Unit');
export const categorySchema = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    descriptionVi: z.string(),
    descriptionEn: z.string(),
    kind: z.string(),
  })
  .openapi('Category');
