// The one route shape of every record kept as versions (categories, reply templates): its
// versions, oldest first, each with its snapshot and who saved it (usecases/versionedRecords.ts).
import { z } from 'zod';
import type { RouteTable } from '../routeTable';

/**
 * Generic over the snapshot's JSON type rather than its schema: over a schema type parameter the
 * answer's type stays unresolved, and the table could not check the handler's body against it.
 * The snapshot is typed as a core $ZodType because inferring `Snapshot` through the classic
 * ZodType yields `any`, which would let the versions drift from the schema unnoticed.
 */
export function addVersionsRoute<Snapshot>(
  table: RouteTable,
  route: {
    path: `/api/v1/admin/${string}/:code/versions`;
    summary: string;
    snapshot: z.core.$ZodType<unknown, Snapshot>;
    versions(
      code: string,
    ): Promise<{ version: number; snapshot: NoInfer<Snapshot>; changedBy: string; changedAt: Date }[]>;
  },
): void {
  table.add({
    method: 'get',
    path: route.path,
    tag: 'administration',
    access: ['admin'],
    summary: route.summary,
    responses: {
      200: {
        description: 'versions',
        schema: z.object({
          items: z.array(
            z.object({
              version: z.number().int(),
              snapshot: route.snapshot,
              changedBy: z.string(),
              changedAt: z.string(),
            }),
          ),
        }),
      },
    },
    async handle({ params }) {
      const versions = await route.versions(params.code);
      return {
        status: 200,
        body: { items: versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) },
      };
    },
  });
}
