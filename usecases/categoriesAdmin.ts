// Use cases of category administration, callable from the API routes and the admin pages alike:
// create, edit (optimistically, against the version the admin saw), deactivate — never delete,
// reports refer to categories — and read the versions kept. Categories are city-wide: city admins only.
import type pg from 'pg';
import {
  findCategoryRecord,
  listAllCategories,
  listCategoryVersions,
  saveCategoryVersion,
  type CategoryRecord,
} from '../db/categories';
import { inTransaction } from '../db/pool';
import type { StaffActor } from '../domain/roles';
import { requireCityAdmin } from './adminScope';
import { conflict, notFound } from '../api/errors';

type Deps = { pool: pg.Pool };
export type CategoryInput = Omit<CategoryRecord, 'version'>;

const asCityAdmin = (actor: StaffActor) => requireCityAdmin(actor, { vi: 'quản lý lĩnh vực', en: 'manage categories' });

export async function listCategoriesForAdmin(deps: Deps): Promise<CategoryRecord[]> {
  return listAllCategories(deps.pool);
}

export async function createCategory(
  deps: Deps,
  input: { actor: StaffActor; category: CategoryInput },
): Promise<CategoryRecord> {
  asCityAdmin(input.actor);
  return inTransaction(deps.pool, async (client) => {
    if (await findCategoryRecord(client, input.category.code))
      throw conflict(`Lĩnh vực ${input.category.code} đã có (category exists)`, [
        { field: 'code', message: 'already exists: edit it instead' },
      ]);
    return saveCategoryVersion(client, input.category, input.actor.id);
  });
}

/** Saves a new version; `expectedVersion` is the version the admin edited, so two edits cannot silently overwrite. */
export async function updateCategory(
  deps: Deps,
  input: { actor: StaffActor; category: CategoryInput; expectedVersion: number },
): Promise<CategoryRecord> {
  asCityAdmin(input.actor);
  return inTransaction(deps.pool, async (client) => {
    const current = await findCategoryRecord(client, input.category.code);
    if (!current) throw notFound('category', `Không có lĩnh vực ${input.category.code} (no such category)`);
    if (current.version !== input.expectedVersion)
      throw conflict('Lĩnh vực đã được sửa bởi người khác (edited meanwhile)', [
        { field: 'expectedVersion', message: `the category is at version ${current.version}` },
      ]);
    return saveCategoryVersion(client, input.category, input.actor.id);
  });
}

export async function categoryVersions(deps: Deps, code: string) {
  const versions = await listCategoryVersions(deps.pool, code);
  if (versions.length === 0 && !(await listAllCategories(deps.pool)).some((category) => category.code === code))
    throw notFound('category', `Không có lĩnh vực ${code} (no such category)`);
  return versions;
}
