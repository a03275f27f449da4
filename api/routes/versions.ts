// The one route shape of every record kept as versions (categories, reply templates): its
// versions, oldest first, each with its snapshot and who saved it (usecases/versionedRecords.ts).
import { z } from 'zod';
import type { RouteTable } from '../routeTable';

export function addVersionsRoute<Snapshot extends z.ZodType>(
  table: RouteTable,
  route: {
    path: `/api/v1/admin/${string}/:code/versions`;
    summary: string;
    snapshot: Snapshot;
    versions(
      code: string,
    ): Promise<{ version: number; snapshot: z.infer<Snapshot>; changedBy: string; changedAt: Date }[]>;
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
