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
import type { StaffActor } from '../domain/roles';
import { requireCityAdmin } from './adminScope';
import { createVersioned, updateVersioned, versionsOf, type VersionedKind } from './versionedRecords';

type Deps = { pool: pg.Pool };
export type CategoryInput = Omit<CategoryRecord, 'version'>;

const categories = {
  noun: { vi: 'lĩnh vực', en: 'category' },
  find: findCategoryRecord,
  save: saveCategoryVersion,
  listVersions: listCategoryVersions,
} satisfies VersionedKind<CategoryRecord>;

const asCityAdmin = (actor: StaffActor) => requireCityAdmin(actor, { vi: 'quản lý lĩnh vực', en: 'manage categories' });

export async function listCategoriesForAdmin(deps: Deps): Promise<CategoryRecord[]> {
  return listAllCategories(deps.pool);
}

export async function createCategory(
  deps: Deps,
  input: { actor: StaffActor; category: CategoryInput },
): Promise<CategoryRecord> {
  asCityAdmin(input.actor);
  return createVersioned(deps.pool, categories, input.category, input.actor.id);
}

/** Saves a new version; `expectedVersion` is the version the admin edited, so two edits cannot silently overwrite. */
export async function updateCategory(
  deps: Deps,
  input: { actor: StaffActor; category: CategoryInput; expectedVersion: number },
): Promise<CategoryRecord> {
  asCityAdmin(input.actor);
  return updateVersioned(deps.pool, categories, input.category, input.expectedVersion, input.actor.id);
}

export async function categoryVersions(deps: Deps, code: string) {
  return versionsOf(deps.pool, categories, code);
}
