// Admins' pages through the real stack: the working calendar of a year made official (with the
// banner while next year is provisional), a routing rule set drafted, dry-run and published, and
// the unit registry exported and imported back, units merged, renamed and retired with their lineage
// shown (and a ward's admin kept to the ward), a calendar day's own source kept through an edit,
// people, categories and reply templates edited —
// each form refusing bad input with field errors.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../domain/workingTime';
import { call, startTestSystem, type TestSystem } from '../support/system';
import { checkPage, desktop, expectClean, launchBrowser, openContext, type Watched } from './browser';

let system: TestSystem;
let browser: Browser;
let watched: Watched;
let page: Page;

beforeAll(async () => {
  [system, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
  watched = await openContext(browser, desktop);
  page = watched.page;
  await page.goto(`${system.baseUrl}/staff/sign-in?next=/admin`);
  await page.getByLabel('Tên đăng nhập').fill('admin-1');
  await page.getByLabel('Mật khẩu').fill('pakn-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/admin');
});
afterAll(async () => {
  expectClean(watched);
  await watched?.context.close();
  await browser?.close();
  await system?.stop();
});

const errorSummary = () => page.getByRole('alert').textContent();

describe('admin pages', () => {
  it('when an admin enters next year’s official days, then a bad line is named and the year becomes official', async () => {
    const today = localDate(Date.now());
    const next = Number(today.slice(0, 4)) + 1;
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.waitForURL(`**/admin/calendar/${today.slice(0, 4)}`);
    await checkPage(page);
    const banner = page.getByText(`Lịch năm ${next} vẫn là lịch tạm tính`);
    expect(await banner.count()).toBe(today.slice(5) >= '11-01' ? 1 : 0);

    await page.goto(`${system.baseUrl}/admin/calendar/${next}`);
    expect(await page.getByText('Tạm tính', { exact: true }).count()).toBe(1);
    const rows = await page.getByRole('table', { name: 'Ngày nghỉ và ngày làm bù' }).getByRole('row').count();
    expect(rows).toBeGreaterThan(5);
    const days = page.getByLabel('Các ngày ngoại lệ');
    const provisional = await days.inputValue();
    expect(provisional).toContain(`${next}-01-01 holiday`);

    await days.fill(`${provisional}\n${next - 1}-12-31 holiday Ngày lạc năm`);
    await page.getByRole('button', { name: 'Lưu lịch chính thức' }).click();
    const lines = provisional.split('\n').length;
    expect(await errorSummary()).toContain(`Dòng ${lines + 1} (date)`);
    expect(await page.getByLabel('Các ngày ngoại lệ').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);

    // A make-up Saturday worked: working days change, so the deadlines' re-plan starts.
    const saturday = [...Array(7).keys()]
      .map((day) => `${next}-02-${String(20 + day).padStart(2, '0')}`)
      .find((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 6)!;
    await page.getByLabel('Các ngày ngoại lệ').fill(`${provisional}\n${saturday} workday Làm bù | Make-up workday`);
    await page.getByLabel('Văn bản quyết định').fill('Công văn thử nghiệm/VPCP-KGVX');
    await page.getByRole('button', { name: 'Lưu lịch chính thức' }).click();
    await page.waitForURL(`**/admin/calendar/${next}?saved=1`);
    expect(await page.getByRole('status').textContent()).toContain(`Đã lưu lịch chính thức năm ${next}`);
    expect(await page.getByText('Chính thức', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('row', { name: new RegExp(`${saturday} Làm bù`) }).count()).toBe(1);
    expect(await page.getByText(`Lịch năm ${next} vẫn là lịch tạm tính`).count()).toBe(0);
    const { rows: stored } = await system.pool.query(`SELECT status FROM calendar_years WHERE year = $1`, [next]);
    expect(stored[0]?.status).toBe('official');
    await checkPage(page);
  });

  it('when an admin drafts a rule set, then a bad unit is named, the dry-run counts the changes and publishing makes it active', async () => {
    await page.goto(`${system.baseUrl}/admin/rules`);
    await checkPage(page);
    const versions = page.getByRole('table', { name: 'Các phiên bản' });
    expect(await versions.getByText('Đang áp dụng').count()).toBe(1);
    const draftBox = page.getByLabel('Bản nháp (JSON)');
    const active = JSON.parse(await draftBox.inputValue()) as {
      note: string;
      rules: { event: { type: string; params: { unitCode?: string } } }[];
    };
    expect(active.rules.length).toBeGreaterThan(0);

    await draftBox.fill('{ not json');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    expect(await errorSummary()).toContain('Không phải JSON hợp lệ');

    const broken = structuredClone(active);
    broken.rules.find((rule) => rule.event.type === 'route')!.event.params.unitCode = 'KHONG-CO';
    await page.getByLabel('Bản nháp (JSON)').fill(JSON.stringify(broken));
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    expect(await errorSummary()).toContain('unknown unit "KHONG-CO"');
    await checkPage(page);

    await page.getByLabel('Bản nháp (JSON)').fill(JSON.stringify({ ...active, note: 'Thử nghiệm từ trang quản trị' }));
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/admin\/rules\/\d+$/);
    const version = page.url().split('/').pop()!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Phiên bản ${version}`);
    await checkPage(page);

    await page.getByRole('button', { name: 'Chạy thử trên phản ánh 30 ngày qua' }).click();
    expect(await page.getByRole('status').textContent()).toMatch(/0 trên \d+ phản ánh sẽ được chuyển khác/);
    await checkPage(page);

    await page.getByRole('button', { name: `Công bố phiên bản ${version}` }).click();
    await page.waitForURL(`**/admin/rules/${version}?published=1`);
    expect(await page.getByRole('status').textContent()).toContain(`Phiên bản ${version} đang áp dụng`);
    const { rows } = await system.pool.query(`SELECT version FROM rule_sets WHERE active`);
    expect(rows[0].version).toBe(Number(version));
  });

  it('when an admin exports the unit registry and imports it back, then a bad parent is named and the rows load', async () => {
    await page.goto(`${system.baseUrl}/admin/units`);
    await checkPage(page);
    const table = page.getByRole('table', { name: /^Đơn vị có hiệu lực ngày/ });
    expect(await table.getByRole('row', { name: /P-SAIGON/ }).count()).toBe(1);

    const exported = await page.request.get(`${system.baseUrl}/admin/units/export.csv`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toMatch(/^text\/csv/);
    const csv = await exported.text();
    const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(header).toBe('code,admin_code,name_vi,name_en,type,parent_code,valid_from,valid_to,successor_code,source');
    await page.getByLabel('Nội dung CSV').fill(`${header}\nX-MO-COI,,Thử,Test,ward,KHONG-CO,2026-01-01,,,`);
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    expect(await errorSummary()).toContain('unknown unit KHONG-CO');
    await checkPage(page);

    await page.getByLabel('Nội dung CSV').fill(csv);
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.waitForURL(/\/admin\/units\?imported=\d+$/);
    expect(await page.getByRole('status').textContent()).toBe(`Đã nhập ${csv.trim().split(/\r?\n/).length - 1} dòng.`);
  });

  it('when an admin adds a person, edits a category and adds a reply template, then an unknown unit, a bad duration and an unknown variable are named and the saves land', async () => {
    await page.goto(`${system.baseUrl}/admin/staff`);
    await checkPage(page);
    expect(await page.getByRole('row', { name: /admin-1/ }).count()).toBe(1);
    await page.getByLabel('Tên đăng nhập').fill('staff-moi');
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn Mới');
    await page.getByLabel('Vai trò').selectOption('unit_staff');
    await page.getByLabel('Mã đơn vị').fill('KHONG-CO');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    expect(await errorSummary()).toContain('unknown or ended unit');
    expect(await page.getByLabel('Mã đơn vị').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);
    await page.getByLabel('Mã đơn vị').fill('P-SAIGON');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL('**/admin/staff?saved=staff-moi');
    expect(await page.getByRole('row', { name: /staff-moi Nguyễn Văn Mới Cán bộ đơn vị P-SAIGON/ }).count()).toBe(1);
    const { rows: people } = await system.pool.query(`SELECT unit_code, active FROM staff WHERE id = 'staff-moi'`);
    expect(people[0]).toEqual({ unit_code: 'P-SAIGON', active: true });

    await page.goto(`${system.baseUrl}/admin/categories`);
    await checkPage(page);
    await page.getByRole('link', { name: 'Sửa FLOOD' }).click();
    expect(await page.getByRole('heading', { name: 'Sửa lĩnh vực FLOOD' }).count()).toBe(1);
    expect(await page.getByLabel('Tên tiếng Việt').inputValue()).toBe('Ngập nước');
    await page.getByLabel('Tên tiếng Việt').fill('Ngập nước, triều cường');
    await page.getByLabel('Thời hạn tiếp nhận').fill('hai giờ');
    await page.getByLabel('Thời hạn xử lý').fill('2 working_days');
    await page.getByRole('button', { name: 'Lưu lĩnh vực' }).click();
    expect(await errorSummary()).toContain('8 working_hours');
    expect(await page.getByLabel('Thời hạn tiếp nhận').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);
    await page.getByLabel('Thời hạn tiếp nhận').fill('2 working_hours');
    await page.getByRole('button', { name: 'Lưu lĩnh vực' }).click();
    await page.waitForURL('**/admin/categories?saved=FLOOD');
    expect(
      await page.getByRole('row', { name: /FLOOD Ngập nước, triều cường 2 working_hours \/ 2 working_days/ }).count(),
    ).toBe(1);

    // Reply templates: an unknown variable is named; the saved template is listed.
    await page.goto(`${system.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Mẫu trả lời' }).click();
    await page.waitForURL('**/admin/reply-templates');
    await checkPage(page);
    expect(await page.getByRole('row', { name: /WASTE-COLLECTED Đã thu gom rác/ }).count()).toBe(1);
    await page.getByLabel('Mã', { exact: true }).fill('FLOOD-PUMPED');
    await page.getByLabel('Lĩnh vực').selectOption('FLOOD');
    await page.getByLabel('Tên mẫu tiếng Việt').fill('Đã bơm thoát nước');
    await page.getByLabel('Tên mẫu tiếng Anh').fill('Water pumped out');
    await page.getByLabel('Nội dung mẫu').fill('Kính gửi {{ho_ten}}: đã bơm thoát nước tại {{dia_chi}}.');
    await page.getByRole('button', { name: 'Lưu mẫu' }).click();
    expect(await errorSummary()).toContain('{{ho_ten}}');
    expect(await page.getByLabel('Nội dung mẫu').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);
    await page.getByLabel('Nội dung mẫu').fill('Phản ánh {{ma_phan_anh}}: đã bơm thoát nước tại {{dia_chi}}.');
    await page.getByRole('button', { name: 'Lưu mẫu' }).click();
    await page.waitForURL('**/admin/reply-templates?saved=FLOOD-PUMPED');
    expect(await page.getByRole('row', { name: /FLOOD-PUMPED Đã bơm thoát nước FLOOD Đang dùng 1/ }).count()).toBe(1);

    // The same pages in English.
    await page.goto(`${system.baseUrl}/admin/calendar/${localDate(Date.now()).slice(0, 4)}?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Working calendar \d{4}$/);
    expect(await page.getByText('Official', { exact: true }).count()).toBe(1);
    await checkPage(page);
  });

  it('when an admin gives one day its own source, then it survives a save and a reload, and a bad line is named', async () => {
    const next = Number(localDate(Date.now()).slice(0, 4)) + 1;
    await page.goto(`${system.baseUrl}/admin/calendar/${next}?lang=vi`); // the test before ends in English
    const box = page.getByLabel('Các ngày ngoại lệ');
    const before = await box.inputValue();
    // Every day shows its own source as the third part of its line.
    const newYear = before.split('\n').find((line) => line.startsWith(`${next}-01-01 holiday`))!;
    expect(newYear.split('|')).toHaveLength(3);
    const lines = before.split('\n').filter((line) => !line.startsWith(`${next}-01-01 `));
    const own = 'Quyết định số 99/QĐ-TTg | bản thử';
    const edited = [`${next}-01-01 holiday Tết Dương lịch | New Year's Day | ${own}`, ...lines];

    await box.fill([...edited, `${next}-05-04 holiday Nghỉ thử | Test day off | ${'x'.repeat(501)}`].join('\n'));
    await page.getByRole('button', { name: 'Lưu lịch chính thức' }).click();
    expect(await errorSummary()).toContain(`Dòng ${edited.length + 1} (source)`);
    await checkPage(page);

    await page.getByLabel('Các ngày ngoại lệ').fill(edited.join('\n'));
    await page.getByRole('button', { name: 'Lưu lịch chính thức' }).click();
    await page.waitForURL(`**/admin/calendar/${next}?saved=1`);
    expect(await page.getByRole('row', { name: new RegExp(`${next}-01-01 .*Quyết định số 99/QĐ-TTg`) }).count()).toBe(
      1,
    );
    await page.goto(`${system.baseUrl}/admin/calendar/${next}`);
    const after = (await page.getByLabel('Các ngày ngoại lệ').inputValue()).split('\n');
    expect(after).toContain(`${next}-01-01 holiday Tết Dương lịch | New Year's Day | ${own}`);
    // The other days kept their own sources too: the edit lost nothing.
    expect([...after].sort()).toEqual([...edited].sort());
    const { rows } = await system.pool.query(`SELECT source FROM calendar_days WHERE day = $1`, [`${next}-01-01`]);
    expect(rows[0].source).toBe(own);
    await checkPage(page);
  });

  const codesOn = async (at: string) =>
    ((await call(system, 'GET', `/api/v1/units?at=${at}`)).body.items as { code: string }[]).map((unit) => unit.code);

  it('when an admin merges two wards into a new successor, then the list and the API show it from that day and its lineage names them', async () => {
    await page.goto(`${system.baseUrl}/admin/units`);
    await page.getByLabel('Mã các đơn vị được sáp nhập').fill('P-VUNGTAU, KHONG-CO');
    await page.getByLabel('Mã đơn vị kế thừa').fill('P-VUNGTAU-BARIA');
    await page.getByLabel('Ngày sáp nhập có hiệu lực').fill('2026-09-01');
    await page.getByLabel('Tên tiếng Việt').fill('Ủy ban nhân dân phường Vũng Tàu – Bà Rịa (thử)');
    await page.getByLabel('Tên tiếng Anh').fill('Vung Tau – Ba Ria Ward (test)');
    await page.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
    expect(await errorSummary()).toContain('KHONG-CO: unknown unit');
    expect(await page.getByLabel('Mã các đơn vị được sáp nhập').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Tên tiếng Việt').inputValue()).toBe('Ủy ban nhân dân phường Vũng Tàu – Bà Rịa (thử)');
    await checkPage(page);

    await page.getByLabel('Mã các đơn vị được sáp nhập').fill('P-VUNGTAU\nP-BARIA');
    await page.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
    await page.waitForURL(/\/admin\/units\?merged=P-VUNGTAU-BARIA&at=2026-09-01$/);
    expect(await page.getByRole('status').textContent()).toContain(
      'Đã sáp nhập vào P-VUNGTAU-BARIA từ ngày 2026-09-01',
    );
    const table = page.getByRole('table', { name: /^Đơn vị có hiệu lực ngày 2026-09-01/ });
    expect(await table.getByRole('row', { name: /P-VUNGTAU-BARIA .*Vũng Tàu – Bà Rịa/ }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /^P-VUNGTAU Ủy/ }).count()).toBe(0);
    await checkPage(page);

    expect(await codesOn('2026-09-01')).toEqual(expect.arrayContaining(['P-VUNGTAU-BARIA']));
    expect(await codesOn('2026-09-01')).not.toContain('P-BARIA');
    expect(await codesOn('2026-08-31')).toEqual(expect.arrayContaining(['P-VUNGTAU', 'P-BARIA']));
    expect(await codesOn('2026-08-31')).not.toContain('P-VUNGTAU-BARIA');

    await table.getByRole('link', { name: 'P-VUNGTAU-BARIA' }).click();
    await page.waitForURL('**/admin/units/P-VUNGTAU-BARIA');
    const predecessors = page.getByRole('table', { name: /^Đơn vị tiền thân/ });
    expect(await predecessors.getByRole('row', { name: /P-VUNGTAU .*2025-07-01 2026-09-01/ }).count()).toBe(1);
    expect(await predecessors.getByRole('row', { name: /P-BARIA .*2025-07-01 2026-09-01/ }).count()).toBe(1);
    await checkPage(page);
    await predecessors.getByRole('link', { name: 'P-BARIA' }).click();
    await page.waitForURL('**/admin/units/P-BARIA');
    expect(await page.getByRole('link', { name: /Vũng Tàu – Bà Rịa \(thử\) \(P-VUNGTAU-BARIA\)/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Lưu tên mới' }).count()).toBe(0); // an ended unit is history only
  });

  it('when an admin renames a ward and retires another, then the former name stays for the days before and the retired ward is gone from that day', async () => {
    await page.goto(`${system.baseUrl}/admin/units/P-GOVAP`);
    await checkPage(page);
    await page.getByLabel('Tên tiếng Việt').fill('Ủy ban nhân dân phường Gò Vấp (tên mới)');
    await page.getByLabel('Tên tiếng Anh').fill("People's Committee of Go Vap Ward (new name)");
    await page.getByLabel('Tên mới có hiệu lực từ ngày').fill('2025-06-01');
    await page.getByRole('button', { name: 'Lưu tên mới' }).click();
    expect(await errorSummary()).toContain("must be after the unit's start (2025-07-01)");
    expect(await page.getByLabel('Tên mới có hiệu lực từ ngày').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);
    await page.getByLabel('Tên mới có hiệu lực từ ngày').fill('2026-03-01');
    await page.getByRole('button', { name: 'Lưu tên mới' }).click();
    await page.waitForURL('**/admin/units/P-GOVAP?saved=renamed');
    const names = page.getByRole('table', { name: 'Các tên theo thời gian' });
    expect(
      await names.getByRole('row', { name: /^Ủy ban nhân dân phường Gò Vấp .*2025-07-01 2026-03-01$/ }).count(),
    ).toBe(1);
    expect(await names.getByRole('row', { name: /\(tên mới\) .*2026-03-01 đang có hiệu lực$/ }).count()).toBe(1);
    await checkPage(page);
    const nameOn = async (at: string) =>
      (await call(system, 'GET', `/api/v1/units?at=${at}`)).body.items.find(
        (unit: { code: string }) => unit.code === 'P-GOVAP',
      ).nameVi;
    expect(await nameOn('2026-02-28')).toBe('Ủy ban nhân dân phường Gò Vấp');
    expect(await nameOn('2026-03-01')).toBe('Ủy ban nhân dân phường Gò Vấp (tên mới)');

    await page.goto(`${system.baseUrl}/admin/units/P-TANSONNHAT`);
    await page.getByLabel('Ngày giải thể có hiệu lực').fill('2025-01-01');
    await page.getByRole('button', { name: 'Giải thể P-TANSONNHAT' }).click();
    expect(await errorSummary()).toContain('it can only end after that');
    expect(await page.getByLabel('Ngày giải thể có hiệu lực').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page);
    await page.getByLabel('Ngày giải thể có hiệu lực').fill('2026-10-01');
    await page.getByRole('button', { name: 'Giải thể P-TANSONNHAT' }).click();
    await page.waitForURL('**/admin/units/P-TANSONNHAT?saved=retired');
    expect(await page.getByRole('status').textContent()).toBe('Đã giải thể đơn vị.');
    expect(await page.getByRole('button', { name: 'Giải thể P-TANSONNHAT' }).count()).toBe(0);
    await checkPage(page);
    expect(await codesOn('2026-10-01')).not.toContain('P-TANSONNHAT');
    expect(await codesOn('2026-09-30')).toContain('P-TANSONNHAT');
  });

  it('when a ward’s admin manages units, then their own ward can be renamed and a unit outside their scope is refused', async () => {
    await system.pool.query(
      `INSERT INTO staff (id, name, role, unit_code, password_hash)
       SELECT 'admin-govap', 'Quản trị phường Gò Vấp', 'admin', 'P-GOVAP', password_hash FROM staff WHERE id = 'admin-1'`,
    );
    const ward = await openContext(browser, desktop);
    const wardPage = ward.page;
    try {
      await wardPage.goto(`${system.baseUrl}/staff/sign-in?next=/admin/units`);
      await wardPage.getByLabel('Tên đăng nhập').fill('admin-govap');
      await wardPage.getByLabel('Mật khẩu').fill('pakn-demo');
      await wardPage.getByRole('button', { name: 'Đăng nhập' }).click();
      await wardPage.waitForURL('**/admin/units');
      expect(await wardPage.getByText('chỉ đổi tên được các đơn vị trong phạm vi của mình').count()).toBe(1);
      expect(await wardPage.getByRole('button', { name: 'Sáp nhập', exact: true }).count()).toBe(0);
      expect(await wardPage.getByRole('button', { name: 'Nhập', exact: true }).count()).toBe(0);
      await checkPage(wardPage);

      await wardPage.goto(`${system.baseUrl}/admin/units/P-GOVAP`);
      expect(await wardPage.getByRole('button', { name: /^Giải thể/ }).count()).toBe(0);
      await wardPage.getByLabel('Tên tiếng Việt').fill('Ủy ban nhân dân phường Gò Vấp (tên thứ ba)');
      await wardPage.getByLabel('Tên mới có hiệu lực từ ngày').fill('2026-06-01');
      await wardPage.getByRole('button', { name: 'Lưu tên mới' }).click();
      await wardPage.waitForURL('**/admin/units/P-GOVAP?saved=renamed');
      await checkPage(wardPage);

      const refused = await wardPage.goto(`${system.baseUrl}/admin/units/P-BENTHANH`);
      expect(refused?.status()).toBe(403);
      expect(await wardPage.getByRole('heading', { level: 1 }).textContent()).toBe('Không có quyền');
      expect(await wardPage.getByText('unit P-BENTHANH is outside your scope').count()).toBe(1);
      await checkPage(wardPage);

      // The same refusal when the rename form is posted for a unit outside the scope.
      await wardPage.goto(`${system.baseUrl}/admin/units/P-GOVAP`);
      await wardPage.locator('form[action$="/rename"]').evaluate((form) => {
        (form as unknown as { action: string }).action = '/admin/units/P-BENTHANH/rename';
      });
      await wardPage.getByLabel('Tên mới có hiệu lực từ ngày').fill('2026-07-01');
      await wardPage.getByRole('button', { name: 'Lưu tên mới' }).click();
      await wardPage.waitForURL('**/admin/units/P-BENTHANH/rename');
      expect(await wardPage.getByRole('heading', { level: 1 }).textContent()).toBe('Không có quyền');
      expect(await wardPage.getByText('unit P-BENTHANH is outside your scope').count()).toBe(1);
      const { rows } = await system.pool.query(`SELECT name_vi FROM units WHERE code = 'P-BENTHANH'`);
      expect(rows[0].name_vi).toBe('Ủy ban nhân dân phường Bến Thành');
      expectClean(ward);
    } finally {
      await ward.context.close();
    }
  });
});
