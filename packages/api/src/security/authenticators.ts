import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { X509Certificate } from 'node:crypto';
import { CertificateBundle, subjectValues } from './certificate-bundle.js';
import type { ReviewClient } from './review-client.js';
import { TtlCache } from './ttl-cache.js';
import type { UserInfo } from './user-info.js';

/** Request headers with one value per header line (`IncomingMessage.headersDistinct`). */
export type DistinctHeaders = Readonly<Record<string, readonly string[] | undefined>>;

/** The front proxy (the kube-apiserver aggregator) and how it passes the user on. */
export interface RequestHeaderConfig {
  /** `--requestheader-client-ca-file` contents (PEM). */
  readonly clientCaPem: string;
  /** `--requestheader-allowed-names`: CNs the proxy may use; empty = any. */
  readonly allowedNames?: readonly string[];
  readonly usernameHeaders?: readonly string[];
  readonly groupHeaders?: readonly string[];
  readonly extraHeadersPrefixes?: readonly string[];
}

/**
 * Front-proxy authentication (`requestheader`): the user in X-Remote-User / X-Remote-Group /
 * X-Remote-Extra-* is believed only when the connection's client certificate was issued by the
 * front-proxy CA and its CN is an allowed name. From anyone else the headers are ignored.
 */
export class RequestHeaderAuthenticator {
  readonly ca: CertificateBundle;
  private readonly _allowed: ReadonlySet<string>;
  private readonly _users: readonly string[];
  private readonly _groups: readonly string[];
  private readonly _extras: readonly string[];

  constructor(config: RequestHeaderConfig) {
    this.ca = new CertificateBundle(config.clientCaPem, '--requestheader-client-ca-file');
    this._allowed = new Set(config.allowedNames ?? []);
    const lower = (list: readonly string[] | undefined, fallback: string): string[] =>
      (list === undefined || list.length === 0 ? [fallback] : list).map(h => h.toLowerCase());
    this._users = lower(config.usernameHeaders, 'X-Remote-User');
    this._groups = lower(config.groupHeaders, 'X-Remote-Group');
    this._extras = lower(config.extraHeadersPrefixes, 'X-Remote-Extra-');
  }

  /** `headers` as `IncomingMessage.headersDistinct`: one entry per header line. */
  authenticate(
    chain: readonly X509Certificate[] | undefined,
    headers: DistinctHeaders,
  ): UserInfo | undefined {
    if (chain === undefined || !this.ca.vouchesFor(chain)) return undefined;
    const leaf = chain[0] as X509Certificate;
    if (this._allowed.size > 0 && !subjectValues(leaf, 'CN').some(cn => this._allowed.has(cn)))
      return undefined;
    const username = this._users.map(h => first(headers[h])).find(v => v !== undefined && v !== '');
    if (username === undefined) return undefined;
    const groups = this._groups.flatMap(h => all(headers[h]));
    const extra: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      const prefix = this._extras.find(p => name.startsWith(p));
      if (prefix === undefined) continue;
      const key = safeDecode(name.slice(prefix.length)).toLowerCase();
      (extra[key] ??= []).push(...all(value));
    }
    return { username, groups, ...(Object.keys(extra).length > 0 ? { extra } : {}) };
  }
}

/** Client certificates issued by `--client-ca-file`: user = CN, groups = O, as kube-apiserver. */
export class ClientCertAuthenticator {
  readonly ca: CertificateBundle;

  constructor(clientCaPem: string, field = '--client-ca-file') {
    this.ca = new CertificateBundle(clientCaPem, field);
  }

  authenticate(chain: readonly X509Certificate[] | undefined): UserInfo | undefined {
    if (chain === undefined || !this.ca.vouchesFor(chain)) return undefined;
    const leaf = chain[0] as X509Certificate;
    const username = subjectValues(leaf, 'CN')[0];
    if (username === undefined || username === '') return undefined;
    return { username, groups: subjectValues(leaf, 'O') };
  }
}

export interface TokenReviewOptions {
  /** `--authentication-token-webhook-cache-ttl`, ms; default 10 s. 0 disables the cache. */
  readonly cacheTtlMs?: number;
  readonly maxCachedTokens?: number;
  readonly now?: () => number;
}

/**
 * Bearer tokens via TokenReview. Answers (both ways) are cached per token hash for the TTL, and
 * concurrent requests with one token share one review. A failed review rejects and is not cached.
 */
export class TokenReviewAuthenticator {
  private readonly _cache: TtlCache<UserInfo | null>;
  private readonly _inFlight = new Map<string, Promise<UserInfo | null>>();
  private readonly _ttlMs: number;

  constructor(
    private readonly _client: ReviewClient,
    options: TokenReviewOptions = {},
  ) {
    this._ttlMs = options.cacheTtlMs ?? 10_000;
    this._cache = new TtlCache(options.maxCachedTokens ?? 10_000, options.now ?? Date.now);
  }

  async authenticate(token: string): Promise<UserInfo | undefined> {
    const key = createHash('sha256').update(token).digest('base64');
    const cached = this._cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let pending = this._inFlight.get(key);
    if (pending === undefined) {
      pending = this._review(key, token).finally(() => this._inFlight.delete(key));
      this._inFlight.set(key, pending);
    }
    return (await pending) ?? undefined;
  }

  private async _review(key: string, token: string): Promise<UserInfo | null> {
    const result = await this._client.reviewToken(token);
    const user = result.authenticated && result.user !== undefined ? result.user : null;
    this._cache.set(key, user, this._ttlMs);
    return user;
  }
}

/** `Authorization: Bearer <token>`; undefined without one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

function first(value: readonly string[] | undefined): string | undefined {
  return value?.[0];
}

// Each header line is one value (a group name may contain ", "), as Go's Header[key].
function all(value: readonly string[] | undefined): string[] {
  return (value ?? []).filter(v => v !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
