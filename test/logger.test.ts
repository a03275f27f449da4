// The process's logger: JSON lines for a log shipper, one readable line per entry on a terminal.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const requestEntry = {
  req: { id: 'r-1', method: 'GET', url: '/api/v1/categories' },
  res: { statusCode: 200 },
  responseTime: 7,
};

describe('logger', () => {
  it('when the output is not a terminal, then each entry is one JSON line', async () => {
    const out = sink();
    createLogger('info', false, out.stream).info(requestEntry, 'GET /api/v1/categories 200 7 ms');
    await new Promise((resolve) => setImmediate(resolve));
    const entry = JSON.parse(out.text().trim());
    expect(entry).toMatchObject({ level: 30, msg: 'GET /api/v1/categories 200 7 ms', req: { id: 'r-1' } });
  });

  it('when the output is a terminal, then a request is one short readable line without its objects', async () => {
    const out = sink();
    const logger = createLogger('info', true, out.stream);
    logger.info(requestEntry, 'GET /api/v1/categories 200 7 ms');
    logger.debug('not at info level');
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/categories 200 7 ms$/);
  });
});
