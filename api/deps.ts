// What the HTTP layer needs from the outside world, injected by buildApp's caller.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config';

export interface AppDeps {
  pool: pg.Pool;
  temporal: Client;
  config: Config;
  logger: Logger;
}
