import { createServer, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { RESPONSE_BODY_KEPT_BYTES, WebhookSender } from './webhook-sender';

describe(WebhookSender.name, () => {
  let server: Server;
  let base: string;
  const requests: { path: string; headers: Record<string, unknown>; body: string }[] = [];
  const routes: Record<string, (response: ServerResponse) => void> = {
    '/ok': (response) => response.writeHead(204).end(),
    '/redirect': (response) => response.writeHead(302, { location: '/ok' }).end(),
    '/huge': (response) => {
      response.writeHead(200);
      response.write('a'.repeat(RESPONSE_BODY_KEPT_BYTES));
      // Never ends: the sender must stop reading at the bound rather than wait for the rest.
      response.write('b'.repeat(1024));
    },
    '/slow': () => undefined,
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
        routes[request.url ?? '']?.(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sender = (options: Partial<{ allowHttp: boolean; allowPrivate: boolean; timeoutMs: number }> = {}) =>
    new WebhookSender({ allowHttp: true, allowPrivate: true, timeoutMs: 2_000, ...options });

  it('posts the body with the given headers and reports the answer', async () => {
    const result = await sender().send(`${base}/ok`, { 'x-helpdesk-event': 'ticket.created' }, '{"a":1}');
    expect(result).toMatchObject({ responseCode: 204, responseBody: '', error: null });
    expect(requests.at(-1)).toMatchObject({
      path: '/ok',
      body: '{"a":1}',
      headers: { 'x-helpdesk-event': 'ticket.created', 'content-length': '7' },
    });
  });

  it('does not follow a redirect', async () => {
    const before = requests.length;
    await expect(sender().send(`${base}/redirect`, {}, '{}')).resolves.toMatchObject({ responseCode: 302 });
    expect(requests.slice(before).map((request) => request.path)).toEqual(['/redirect']);
  });

  it('keeps only the first 4 KB of an answer and does not wait for the rest', async () => {
    const result = await sender().send(`${base}/huge`, {}, '{}');
    expect(result.responseCode).toBe(200);
    expect(result.responseBody).toBe('a'.repeat(RESPONSE_BODY_KEPT_BYTES));
  });

  it('gives up when the receiver does not answer in time', async () => {
    const result = await sender({ timeoutMs: 300 }).send(`${base}/slow`, {}, '{}');
    expect(result).toMatchObject({ responseCode: null, error: 'timed out after 300 ms' });
  });

  it('refuses, at send time, an address that is not public and plain http when not allowed', async () => {
    const before = requests.length;
    await expect(sender({ allowPrivate: false }).send(`${base}/ok`, {}, '{}')).resolves.toMatchObject({
      responseCode: null,
      error: expect.stringContaining('loopback, private or link-local') as unknown,
    });
    await expect(sender({ allowHttp: false }).send(`${base}/ok`, {}, '{}')).resolves.toMatchObject({
      responseCode: null,
      error: 'only https URLs are allowed',
    });
    expect(requests.length).toBe(before);
  });

  it('reports a refused connection', async () => {
    const result = await sender().send('http://127.0.0.1:9/hook', {}, '{}');
    expect(result.responseCode).toBeNull();
    expect(result.error).toContain('ECONNREFUSED');
  });
});
