import { ApiClient, createWorld, HttpResponse, TestSystem, World } from '@helpdesk/testing';

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
}
interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

interface FuzzCase {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
}

/** Ids a path parameter gets: none of them names anything, most are not ids at all. */
const HOSTILE_IDS = [
  '0',
  '-1',
  '2147483648',
  '99999999999999999999999',
  '1e3',
  '0x10',
  'abc',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%00',
  '%F0%9F%92%A9',
  '1;DROP TABLE tickets',
];

const HUGE_STRING = 'x'.repeat(200_000);
/** Values each field gets in turn: wrong types, extremes and unicode that breaks naive code. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  -2147483649,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.5,
  '',
  HUGE_STRING,
  '\u0000',
  '\ud800',
  '\u202e\u2066',
  '👩‍👩‍👧‍👦'.repeat(1000),
  [],
  Array.from({ length: 20_000 }, (_, index) => index),
  { nested: { deeper: [{}] } },
  '2026-13-45T25:61:61Z',
];

const MALFORMED_JSON = ['{', '{"a":', '[1,2', '"just a string', '{"__proto__":{"admin":true}}', 'null', '1e999999'];

const HOSTILE_QUERIES = [
  'cursor=!!!&limit=-1',
  'cursor=eyJpZCI6IjEnOy0tIn0&limit=1e9',
  `cursor=${'A'.repeat(10_000)}`,
  'limit=0&sort=;DROP',
  'sort=-&status=nonsense&priority[]=1',
  'departmentId=-1&assigneeId=abc&unassigned=maybe',
  'q=%00%ff%fe',
  `q=${'%F0%9F%92%A9'.repeat(2_000)}`,
  'ticketId=1e400',
];

/** Server-sent event streams never end, so a fuzz request would only time out; presence.e2e-spec checks who they refuse. */
const STREAMS = new Set(['/api/events/stream']);

function resolve(schema: OpenApiSchema | undefined, document: OpenApiDocument): OpenApiSchema | undefined {
  const name = schema?.$ref?.split('/').pop();
  return name ? document.components?.schemas?.[name] : schema;
}

function casesOf(document: OpenApiDocument): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    if (STREAMS.has(template)) {
      continue;
    }
    for (const [method, operation] of Object.entries(operations)) {
      const verb = method.toUpperCase();
      const withId = (id: string) => template.replace(/\{[^}]+\}/g, id);
      if (template.includes('{')) {
        cases.push(...HOSTILE_IDS.map((id) => ({ method: verb, path: withId(id) })));
      }
      const path = withId('987654');
      if (verb === 'GET') {
        cases.push(...HOSTILE_QUERIES.map((query) => ({ method: verb, path: `${path}?${query}` })));
      }
      const schema = resolve(operation.requestBody?.content?.['application/json']?.schema, document);
      if (!schema) {
        continue;
      }
      cases.push(...MALFORMED_JSON.map((rawBody) => ({ method: verb, path, rawBody })));
      cases.push({ method: verb, path, body: HOSTILE_VALUES });
      for (const field of Object.keys(schema.properties ?? {})) {
        cases.push(...HOSTILE_VALUES.map((value) => ({ method: verb, path, body: { [field]: value } })));
      }
    }
  }
  return cases;
}

async function send(client: ApiClient, fuzz: FuzzCase): Promise<HttpResponse> {
  return client.request(fuzz.method, fuzz.path, fuzz.rawBody ?? fuzz.body);
}

/** A 5xx, or a 4xx without the error envelope. */
function problemWith(response: HttpResponse): string | null {
  if (response.status >= 500) {
    return `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  }
  const body = response.body as { code?: unknown; message?: unknown } | undefined;
  if (response.status >= 400 && (typeof body?.code !== 'string' || typeof body?.message !== 'string')) {
    return `${response.status} without the error envelope: ${JSON.stringify(response.body).slice(0, 300)}`;
  }
  return null;
}

describe('HTTP fuzz from the OpenAPI document: hostile input gets a 4xx with the error envelope, never a 5xx', () => {
  let system: TestSystem;
  let world: World;
  let cases: FuzzCase[];

  beforeAll(async () => {
    system = await TestSystem.start('http-fuzz', {
      services: [
        'access',
        'tickets',
        'attachments',
        'notifications',
        'mail-ingress',
        'scheduler',
        'webhooks',
        'gateway',
      ],
      // The fuzz asks "did this input break something?": a 504 from a service starved of CPU by the
      // spec running beside it would answer another question, so callers here wait longer.
      env: { RPC_TIMEOUT_MS: '20000' },
    });
    world = await createWorld(system.api(), await system.admin());
    const document = (await system.api().get<OpenApiDocument>('/api/docs/openapi.json')).body;
    cases = casesOf(document);
  }, 180_000);

  afterAll(() => system?.stop());

  it.each([
    ['an administrator', () => world.admin],
    ['a client', () => world.owner],
    ['nobody signed in', () => system.api()],
  ])(
    'as %s',
    async (_, clientOf) => {
      const client = clientOf();
      const started = Date.now();
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      const queue = [...cases];
      const worker = async () => {
        for (let fuzz = queue.shift(); fuzz; fuzz = queue.shift()) {
          const response = await send(client, fuzz);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = problemWith(response);
          if (problem) {
            problems.push(
              `${fuzz.method} ${fuzz.path.slice(0, 120)} ${fuzz.rawBody ?? JSON.stringify(fuzz.body)?.slice(0, 120) ?? ''} → ${problem}`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      process.stdout.write(
        `HTTP fuzz: ${cases.length} requests in ${Date.now() - started} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
      );
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
