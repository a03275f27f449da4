// Admins: the place in the shell for the reference-data pages (rules, calendar, units, categories,
// staff); each page arrives with its API and lives under /admin/.
import type { Router } from 'express';
import { render } from './page';
import { requireStaff } from './session';

export const adminSections = ['rules', 'calendar', 'units', 'categories', 'staff'] as const;

export function addAdminPages(router: Router): void {
  router.get('/admin', (_req, res) => {
    requireStaff(res, ['admin']);
    render(res, 'admin/index.njk', { sections: adminSections });
  });
}
