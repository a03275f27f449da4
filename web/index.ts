// The pages (web/): server-rendered HTML over the API's own routes, served by the same express
// app. Areas by audience — citizens, staff (unit inbox, triage, hotline intake), leaders, admins —
// share one layout, one message catalogue per language, and assets served from this app only.
import path from 'node:path';
import express, { type Express } from 'express';
import type { AppDeps } from '../api/deps';
import { createPhotoUploadReader } from '../api/photoUpload';
import type { RouteTable } from '../api/routeTable';
import { addAdminPages } from './admin';
import { addCitizenPages } from './citizen';
import { addCoordinatorPages } from './coordinator';
import { addLeaderPages } from './leader';
import { addOidcPages } from './oidc';
import { addOperatorPages } from './operator';
import { addSignInPages, loadSession } from './session';
import { addStaffPages } from './staff';
import { fieldId, pageContext, pageErrorHandler, render, templates } from './page';
import { createReferenceCache } from './reference';
import { describedBy, errorFor } from './templateHelpers';

const vendor = (pkg: string, dir: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), dir);

export function mountWeb(app: Express, deps: AppDeps, table: RouteTable): void {
  templates.addGlobal('fieldId', fieldId);
  templates.addGlobal('errorFor', errorFor);
  templates.addGlobal('describedBy', describedBy);
  const assets = { maxAge: '1h' };
  app.use('/assets/vendor/uplot', express.static(vendor('uplot', 'dist'), assets));
  app.use('/assets', express.static(path.join(__dirname, 'public'), assets));

  const pages = express.Router();
  pages.use(express.urlencoded({ extended: false, limit: `${deps.config.bodyLimitKb}kb` }));
  pages.use(pageContext(deps.config.jwtSecret, createPhotoUploadReader(deps.config)));
  pages.use(loadSession(deps));
  const reference = createReferenceCache(deps.pool);
  addCitizenPages(pages, deps, table, reference);
  const oidc = deps.config.oidc ? addOidcPages(pages, deps, deps.config.oidc) : undefined;
  addSignInPages(pages, deps, oidc);
  addStaffPages(pages, table, reference, deps.config);
  addCoordinatorPages(pages, table, reference);
  addOperatorPages(pages, table, reference);
  addLeaderPages(pages, table);
  addAdminPages(pages, deps, table);
  pages.use(pageErrorHandler(deps.logger));

  // The pages' paths only: everything under /api and /open311 keeps its JSON answers and errors.
  app.use((req, res, next) => (isPagePath(req.path) ? pages(req, res, next) : next()));
  // A person (not an API client) asking for an unknown page gets a page.
  app.use((req, res, next) => {
    if (req.method !== 'GET' || /^\/(api|open311)\b/.test(req.path) || req.accepts(['json', 'html']) !== 'html')
      return next();
    pages(req, res, () => render(res, 'error.njk', { status: 404, message: res.locals.t('error.notFound') }, 404));
  });
}

const pagePaths = /^\/(report|track|t|portal|staff|dashboard|admin)(\/|$)/;
export const isPagePath = (path: string) => path === '/' || pagePaths.test(path);
