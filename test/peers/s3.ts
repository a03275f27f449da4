// An S3-compatible server on a free loopback port: moto's standalone server (PyPI `moto[server]`,
// installed into .tools/venv by .ci/run like the Temporal wheels) — real HTTP, real S3 protocol,
// nothing mocked in the code under test. Any access key is accepted; buckets start empty.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../support/globalSetup';
import { eventually } from '../support/eventually';

const motoServer = path.join(__dirname, '../../.tools/venv/bin/moto_server');

/**
 * Whether the S3 tests can run. Locally a missing server skips them, saying how to install it; CI
 * installs it, so there a missing server fails the run rather than hiding the tests.
 */
export function s3ServerInstalled(): boolean {
  if (existsSync(motoServer)) return true;
  const install = ".tools/venv/bin/pip install 'moto[server]==5.2.5' (as .ci/run does)";
  if (process.env.CI) throw new Error(`${motoServer} is missing in CI: ${install}`);
  console.warn(`S3 store tests skipped: ${motoServer} is missing; install it with ${install}`);
  return false;
}

export interface S3Peer {
  endpoint: string;
  /** a client of the server, for tests to look into buckets */
  client: S3Client;
  /** creates an empty bucket and returns the MEDIA_S3_* settings that store photos in it */
  bucket(name: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startS3Peer(): Promise<S3Peer> {
  const port = await freePort();
  const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  await eventually(
    async () => child.exitCode === null && (await fetch(endpoint)).ok,
    60_000,
    `moto_server on ${endpoint} (${output})`,
  );
  const credentials = { accessKeyId: 'pakn-test', secretAccessKey: 'pakn-test-secret' };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    endpoint,
    client,
    async bucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return {
        MEDIA_S3_BUCKET: name,
        MEDIA_S3_ENDPOINT: endpoint,
        MEDIA_S3_ACCESS_KEY_ID: credentials.accessKeyId,
        MEDIA_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      };
    },
    async stop() {
      client.destroy();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
