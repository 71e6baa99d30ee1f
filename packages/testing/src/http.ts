// fetch with a deadline, and the error text tests want when a server says no.

const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpRequest {
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
}

export async function httpRequest(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const response = await fetch(url, {
    method: request.method ?? 'GET',
    body: request.body,
    headers: request.headers,
    signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });
  return { status: response.status, text: await response.text() };
}

/** Like httpRequest, but anything outside 2xx throws with method, URL, status and body. */
export async function httpOk(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const response = await httpRequest(url, request);
  if (response.status < 200 || response.status > 299) {
    throw new Error(
      `${request.method ?? 'GET'} ${url} returned ${response.status}: ${response.text.slice(0, 500)}`,
    );
  }
  return response;
}
