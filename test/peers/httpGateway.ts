// eSMS-shaped HTTP SMS gateway stub for tests (node:http on a free loopback port): checks the
// keys, brandname and phone, refuses a RequestId it has already accepted (CodeResult 124, as eSMS
// does), answers CodeResult 100 with an SMSID. It can fail the next requests (an HTTP status or a
// CodeResult), accept a request and answer it late, like a response lost to a timeout, or hold
// every answer until released, so that a test can kill the sender while the gateway has
// accepted messages that the sender has not heard about.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const gatewayPath = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';

export interface GatewayMessage {
  smsId: string;
  requestId: string;
  phone: string;
  content: string;
  brandname: string;
  smsType: string;
  isUnicode: string;
  sandbox: string;
}

type Fault = { httpStatus: number } | { codeResult: string } | { delayMs: number };

async function readJson(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startHttpGateway(options: { apiKey?: string; secretKey?: string; brandname?: string } = {}) {
  const apiKey = options.apiKey ?? 'test-api-key';
  const secretKey = options.secretKey ?? 'test-secret-key';
  const brandname = options.brandname ?? 'PAKN-HCM';
  const requests: Array<Record<string, string>> = [];
  const messages: GatewayMessage[] = [];
  const faults: Fault[] = [];
  let holding = false;
  const held: Array<() => void> = [];

  function decide(body: Record<string, string>): Record<string, string> {
    if (body.ApiKey !== apiKey || body.SecretKey !== secretKey)
      return { CodeResult: '101', ErrorMessage: 'Incorrect ApiKey or SecretKey' };
    if (body.Brandname !== brandname) return { CodeResult: '104', ErrorMessage: 'Brandname does not exist' };
    if (!/^(0|84)[35789]\d{8}$/.test(body.Phone ?? ''))
      return { CodeResult: '108', ErrorMessage: 'Phone number is not in correct format' };
    if (body.RequestId && messages.some((m) => m.requestId === body.RequestId))
      return { CodeResult: '124', ErrorMessage: 'Duplicate RequestId' };
    const smsId = `esms-${messages.length + 1}`;
    messages.push({
      smsId,
      requestId: body.RequestId ?? '',
      phone: body.Phone,
      content: body.Content,
      brandname: body.Brandname,
      smsType: body.SmsType,
      isUnicode: body.IsUnicode ?? '0',
      sandbox: body.Sandbox ?? '0',
    });
    return { CodeResult: '100', SMSID: smsId, CountRegenerate: '0' };
  }

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== gatewayPath) return void res.writeHead(404).end();
    readJson(req)
      .then((body) => {
        requests.push(body);
        const fault = faults.shift();
        if (fault && 'httpStatus' in fault) return void res.writeHead(fault.httpStatus).end('gateway trouble');
        const reply =
          fault && 'codeResult' in fault
            ? { CodeResult: fault.codeResult, ErrorMessage: 'failed by test' }
            : decide(body);
        const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
        if (fault && 'delayMs' in fault) setTimeout(answer, fault.delayMs);
        else if (holding) held.push(answer);
        else answer();
      })
      .catch(() => res.writeHead(400).end('bad json'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}${gatewayPath}`,
    apiKey,
    secretKey,
    brandname,
    requests,
    messages,
    /** the next n requests get this HTTP status, with nothing accepted */
    failNextWithHttp(n: number, httpStatus = 503) {
      for (let i = 0; i < n; i++) faults.push({ httpStatus });
    },
    /** the next n requests get this CodeResult, with nothing accepted */
    failNextWithCode(n: number, codeResult: string) {
      for (let i = 0; i < n; i++) faults.push({ codeResult });
    },
    /** the next request is processed (and accepted) at once but answered after ms */
    answerNextLate(ms: number) {
      faults.push({ delayMs: ms });
    },
    /** from now on, requests are processed (and accepted) at once but not answered until released */
    holdAnswers() {
      holding = true;
    },
    /** answers every held request (a sender that died meanwhile gets nothing) and stops holding */
    releaseAnswers() {
      holding = false;
      held.splice(0).forEach((answer) => answer());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type HttpGateway = Awaited<ReturnType<typeof startHttpGateway>>;
