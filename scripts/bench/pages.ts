// The staff pages under load, run by the public-reads section of `npm run bench` on its
// 1,000,000-report database: a unit's inbox and a leader's dashboard at 20 requests/s through a
// signed-in session, beside the API's own task list at the same rate in the same run. Latency is
// measured by autocannon on loopback, i.e. server time plus a loopback round trip. The API's list
// is asked for exactly what the inbox asks it for (open tasks, 100 a page). The dashboard's figures
// are cached for a minute per scope and period (web/leader.ts), so its first, uncached view is
// timed on its own right before the steady-state run.
import autocannon from 'autocannon';
import { round } from './measure';

/** Signs in through the page like a browser: GET the form (CSRF cookie and token), POST it. */
async function signIn(baseUrl: string, username: string): Promise<string> {
  const form = await fetch(`${baseUrl}/staff/sign-in`);
  const csrfCookie = /pakn_csrf=[^;]+/.exec(form.headers.get('set-cookie') ?? '')![0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const signedIn = await fetch(`${baseUrl}/staff/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, username, password: 'pakn-demo' }).toString(),
  });
  const session = /pakn_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '');
  if (!session) throw new Error(`sign-in as ${username} failed: ${signedIn.status}`);
  return session[0];
}

async function at20PerSecond(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: 4, overallRate: 20, duration: 20 });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** One request's time in milliseconds: the dashboard's uncached view. */
async function timeOnce(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return round(performance.now() - started);
}

export async function benchPages(options: { baseUrl: string; staffToken: string; log: (line: string) => void }) {
  const { baseUrl } = options;
  options.log('  pages at 20 req/s: inbox, dashboard, and the API task list beside them…');
  const [unit, leader] = [await signIn(baseUrl, 'staff-1'), await signIn(baseUrl, 'leader-1')];
  const figures: Record<string, Awaited<ReturnType<typeof at20PerSecond>>> = {
    'API GET /api/v1/tasks @20/s': await at20PerSecond(`${baseUrl}/api/v1/tasks?status=open&pageSize=100`, {
      authorization: `Bearer ${options.staffToken}`,
    }),
    'page /staff/inbox @20/s': await at20PerSecond(`${baseUrl}/staff/inbox`, { cookie: unit }),
  };
  // Right before the dashboard's run, so that the run (20 s) stays within the minute the first view cached.
  const firstDashboardView = await timeOnce(`${baseUrl}/dashboard`, { cookie: leader });
  options.log(`  first (uncached) dashboard view: ${firstDashboardView} ms`);
  figures['page /dashboard @20/s'] = await at20PerSecond(`${baseUrl}/dashboard`, { cookie: leader });
  console.table(figures);
  return { ...figures, dashboardFirstViewMs: firstDashboardView };
}
