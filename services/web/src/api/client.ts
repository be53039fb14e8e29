import type { ErrorBody, ErrorCode } from './types';

/** A failed request, with the words to show a person (`message`) and what the API said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: Record<string, unknown>,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The validation problems, one sentence each ("subject must be shorter than …"). */
  get problems(): string[] {
    const problems = this.details?.problems;
    return Array.isArray(problems) ? problems.map(String) : [];
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

let accessToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when the API refuses the token (expired, or the account was deactivated). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const isForm = options.body instanceof FormData;
  const response = await send(apiUrl(path, options.query), {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) {
    throw await errorOf(response, Boolean(accessToken));
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The bytes of a download, for routes that need the bearer token (so no plain link works). */
export async function download(path: string): Promise<Blob> {
  const response = await send(apiUrl(path), {
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });
  if (!response.ok) {
    throw await errorOf(response, Boolean(accessToken));
  }
  return response.blob();
}

/** Downloads a file that needs the bearer token and hands it to the browser under `filename`. */
export async function saveDownload(path: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await download(path));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'NETWORK', 'The helpdesk server could not be reached. Check your connection and try again.');
  }
}

async function errorOf(response: Response, signedIn: boolean): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // a proxy's HTML page, or nothing: the status alone has to do
  }
  const code = body.code ?? codeOfStatus(response.status);
  if (response.status === 401 && signedIn && code === 'UNAUTHENTICATED') {
    onUnauthenticated();
  }
  return new ApiError(
    response.status,
    code,
    friendlyMessage(code, body.message, body.correlationId),
    body.details,
    body.correlationId,
  );
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 401) {
    return 'UNAUTHENTICATED';
  }
  if (status === 403) {
    return 'ACCESS_DENIED';
  }
  if (status === 404) {
    return 'NOT_FOUND';
  }
  if (status === 413) {
    return 'ATTACHMENT_TOO_LARGE';
  }
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}

/**
 * The API's messages are written for people ("Ticket #12 was changed by someone else meanwhile;
 * reload it and try again."); only failures of the system itself get words of our own.
 */
function friendlyMessage(code: ErrorCode, message: string | undefined, correlationId: string | undefined): string {
  const reference = correlationId ? ` (reference ${correlationId})` : '';
  switch (code) {
    case 'SERVICE_TIMEOUT':
    case 'SERVICE_UNAVAILABLE':
      return `The helpdesk is busy or partly down right now. Nothing was lost: try again in a moment${reference}.`;
    case 'INTERNAL':
    case 'BAD_UPSTREAM_REPLY':
      return `Something went wrong on the server. Try again; if it keeps happening, tell support${reference}.`;
    case 'NOT_FOUND':
      // The gateway's answer for a route it does not have (an older server than this app).
      return message?.startsWith('Cannot ')
        ? 'This helpdesk server does not offer this yet; it may need an update.'
        : (message ?? 'Not found.');
    case 'STORAGE_UNAVAILABLE':
      return `Files cannot be stored right now. Try again in a moment${reference}.`;
    default:
      return message ?? 'The request failed.';
  }
}
