// The process's logger: JSON lines for a log shipper, or readable one-line entries when the output
// is a terminal (`npm start` in a shell). The Temporal SDK's own logs go through it too
// (temporal/runtime.ts), so a terminal shows one format.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export function createLogger(
  level: string,
  terminal = process.stdout.isTTY === true,
  destination: NodeJS.WritableStream = process.stdout,
): Logger {
  if (!terminal) return pino({ level }, destination);
  const readable = pretty({
    destination,
    colorize: destination === process.stdout,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    // a request line says it all in its message (api/httpLog.ts)
    ignore: 'pid,hostname,req,res,responseTime,sdkComponent',
  });
  return pino({ level }, readable);
}
