// `npm run migrate`: applies pending migrations and the reference data to DATABASE_URL
// (production deploys run this before starting the API and workers).
import { config } from '../config';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';

async function main(): Promise<void> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const pool = createPool(config.databaseUrl, 1);
  const applied = await migrate(pool);
  await seed(pool);
  await pool.end();
  console.log(
    applied.length
      ? `applied ${applied.join(', ')}; reference data loaded`
      : 'schema up to date; reference data loaded',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
