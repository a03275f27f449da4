// The embedded default database for `npm start` on a fresh machine: PGlite (PostgreSQL compiled
// to WASM) persisted under .data/, served over the PostgreSQL wire protocol so that the same
// `pg` code runs against it as against a real server. Not for production.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(directory: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(directory, { recursive: true });
  const db = await PGlite.create(directory);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 50 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
