// Operations: liveness, readiness (database and Temporal reachable), Prometheus metrics, and the
// API's own description.
import type express from 'express';
import swaggerUi from 'swagger-ui-express';
import { query } from '../../db/pool';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import type { Metrics } from '../metrics';

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

export function mountOps(app: express.Express, table: RouteTable, deps: AppDeps, metrics: Metrics): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      reachable(() => query(deps.pool, 'SELECT 1')),
      reachable(() => deps.temporal.connection.withDeadline(Date.now() + 2_000, () => deps.temporal.workflowService.getSystemInfo({}))),
    ]);
    res.status(database && temporal ? 200 : 503).json({ status: database && temporal ? 'ready' : 'not_ready', database, temporal });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const document = table.openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
}
