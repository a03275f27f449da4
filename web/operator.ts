// Hotline operators: the report form for a caller, filed through the same submission route with
// the operator as the authenticated, audited submitter; the caller gets the acknowledgement SMS
// with their own tracking link, so they can rate and withdraw as any reporter.
import type { Router } from 'express';
import type { RouteTable } from '../api/routeTable';
import { createReportForm, reportBody } from './citizen';
import { formValues } from './forms';
import type { Translate } from './i18n';
import { withFormErrors } from './page';
import type { ReferenceCache } from './reference';
import { requireStaff } from './session';

const intakeForm = { operator: true, action: '/staff/intake' };

export function addOperatorPages(router: Router, table: RouteTable, reference: ReferenceCache): void {
  const { showReportForm } = createReportForm(table, reference);

  router.get('/staff/intake', async (req, res) => {
    requireStaff(res, ['operator']);
    const t = res.locals.t as Translate;
    const filed = typeof req.query.filed === 'string' ? req.query.filed : null;
    const phone = typeof req.query.phone === 'string' ? req.query.phone : '';
    await showReportForm(req, res, {}, [], 200, {
      ...intakeForm,
      notice: filed ? t('intake.done', { code: filed, phone }) : null,
    });
  });

  router.post('/staff/intake', async (req, res) => {
    const operator = requireStaff(res, ['operator']);
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        const { body } = await table.call('post', '/api/v1/reports', {
          staff: operator,
          req,
          res,
          body: { ...reportBody(values), channel: 'hotline' },
          headers: { 'idempotency-key': values.idempotencyKey },
        });
        const code = (body as { code: string }).code;
        res.redirect(303, `/staff/intake?filed=${code}&phone=${encodeURIComponent(values['reporter.phone'] ?? '')}`);
      },
      (errors) => showReportForm(req, res, values, errors, 400, intakeForm),
      'description',
      { values, t: res.locals.t as Translate },
    );
  });
}
