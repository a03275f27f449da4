// Reference data an admin edits as versions (categories, reply templates): created at version 1,
// each edit saved against the version the admin saw — so two edits cannot silently overwrite —
// and every version kept with who saved it. The record kinds give their queries and their names.
import type pg from 'pg';
import type { Db } from '../db/pool';
import { inTransaction } from '../db/pool';
import { conflict, notFound } from '../api/errors';

export interface VersionedKind<
  T extends { code: string; version: number },
  V extends { version: number } = { version: number },
> {
  /** how people call one: { vi: 'lĩnh vực', en: 'category' } */
  noun: { vi: string; en: string };
  /** the record, locked for the edit */
  find(db: Db, code: string): Promise<T | undefined>;
  /** saves the next version and keeps its snapshot */
  save(db: Db, record: Omit<T, 'version'>, by: string): Promise<T>;
  /** the versions kept, oldest first */
  listVersions(db: Db, code: string): Promise<V[]>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const noSuchRecord = (noun: { vi: string; en: string }, code: string) =>
  notFound(noun.en, `Không có ${noun.vi} ${code} (no such ${noun.en})`);

/** Version 1 of a new record; 409 naming `code` when it exists. */
export async function createVersioned<T extends { code: string; version: number }>(
  pool: pg.Pool,
  kind: VersionedKind<T>,
  record: Omit<T, 'version'>,
  by: string,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    if (await kind.find(client, record.code))
      throw conflict(`${capitalised(kind.noun.vi)} ${record.code} đã có (${kind.noun.en} exists)`, [
        { field: 'code', message: 'already exists: edit it instead' },
      ]);
    return kind.save(client, record, by);
  });
}

/** The next version, if `expectedVersion` is still the current one (else 409 naming `expectedVersion`). */
export async function updateVersioned<T extends { code: string; version: number }>(
  pool: pg.Pool,
  kind: VersionedKind<T>,
  record: Omit<T, 'version'>,
  expectedVersion: number,
  by: string,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    const current = await kind.find(client, record.code);
    if (!current) throw noSuchRecord(kind.noun, record.code);
    if (current.version !== expectedVersion)
      throw conflict(`${capitalised(kind.noun.vi)} đã được sửa bởi người khác (edited meanwhile)`, [
        { field: 'expectedVersion', message: `the ${kind.noun.en} is at version ${current.version}` },
      ]);
    return kind.save(client, record, by);
  });
}

/** The versions kept, oldest first (none for a record loaded before versions were kept); 404 for an unknown code. */
export async function versionsOf<T extends { code: string; version: number }, V extends { version: number }>(
  pool: pg.Pool,
  kind: VersionedKind<T, V>,
  code: string,
): Promise<V[]> {
  const versions = await kind.listVersions(pool, code);
  if (versions.length === 0 && !(await kind.find(pool, code))) throw noSuchRecord(kind.noun, code);
  return versions;
}
