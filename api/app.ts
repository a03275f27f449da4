// buildApp(deps): the whole HTTP surface as an express app, without listening, so tests drive
// it in-process and api/main.ts or the launcher put it on a port.
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createAuthenticator } from './auth';
import type { AppDeps } from './deps';
import { AppError, errorMiddleware } from './errors';
import { createMetrics } from './metrics';
import { RouteTable } from './routeTable';
import { mountOps } from './routes/ops';
import { addReferenceRoutes } from './routes/reference';
import { addReportRoutes } from './routes/reports';
import { addTaskRoutes } from './routes/tasks';

export function buildRouteTable(deps: AppDeps): RouteTable {
  const table = new RouteTable(createAuthenticator(deps.config, deps.pool));
  addReportRoutes(table, deps);
  addTaskRoutes(table, deps);
  addReferenceRoutes(table, deps);
  return table;
}

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  const metrics = createMetrics();
  const table = buildRouteTable(deps);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } }, hsts: false }));
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' } }));
  app.use(metrics.middleware);
  app.use(express.json({ limit: `${deps.config.bodyLimitKb}kb`, type: ['application/json', 'application/*+json'] }));
  mountOps(app, table, deps, metrics);
  table.mount(app);
  app.use((req) => {
    throw new AppError(404, 'not_found', `no route ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
