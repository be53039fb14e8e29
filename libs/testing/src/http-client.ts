/**
 * What a response body is unless a spec names its type: specs assert on the JSON the gateway
 * answered (including error bodies and deliberately malformed answers), so they read it freely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped JSON body, see above
export type AnyBody = any;

export interface HttpResponse<T = AnyBody> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin JSON client for the gateway, optionally signed in. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  /** The same signed-in client, talking to another gateway (a replica, a balancer). */
  withBaseUrl(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.token);
  }

  async request<T = AnyBody>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = AnyBody>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = AnyBody>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  patch<T = AnyBody>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  put<T = AnyBody>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }

  delete<T = AnyBody>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Signs in and returns a client that sends the token. */
  async login(email: string, password: string): Promise<ApiClient> {
    const response = await this.post<{ accessToken: string }>('/api/auth/login', { email, password });
    if (response.status !== 200) {
      throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return this.withToken(response.body.accessToken);
  }
}
