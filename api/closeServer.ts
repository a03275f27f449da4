// Closing the HTTP server when the process is asked to stop (SIGTERM from an orchestrator, Ctrl-C):
// no new connections, requests in flight are answered, idle keep-alive connections are closed, and
// past the grace period whatever is still open is cut, so a stop never hangs on a slow client.
import type { Server } from 'node:http';

export async function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(cut);
}
