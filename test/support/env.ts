// Where the test services are: PostgreSQL as an admin URL (each test file gets its own database
// copied from a migrated and seeded template) and the Temporal dev server's address.
import { databaseUrlOf } from '../../db/scratch';

export const adminDatabaseUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const databaseUrl = (name: string): string => databaseUrlOf(adminDatabaseUrl, name);

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCliPath: string;
    workflowBundlePath: string;
    templateDatabase: string;
  }
}
