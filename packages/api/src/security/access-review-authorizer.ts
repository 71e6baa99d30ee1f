import type { AccessDecision, ReviewClient } from './review-client.js';
import { TtlCache } from './ttl-cache.js';
import type { AccessAttributes, UserInfo } from './user-info.js';

/** Decides whether a user may do what a request asks. */
export interface Authorizer {
  authorize(user: UserInfo, access: AccessAttributes): Promise<AccessDecision>;
}

export interface AccessReviewOptions {
  /** `--authorization-webhook-cache-authorized-ttl`, ms; default 10 s. */
  readonly allowedTtlMs?: number;
  /** `--authorization-webhook-cache-unauthorized-ttl`, ms; default 10 s. */
  readonly deniedTtlMs?: number;
  readonly maxCachedDecisions?: number;
  readonly now?: () => number;
}

/**
 * Delegated authorization: a SubjectAccessReview per distinct (user, attributes), cached both
 * ways for the TTLs, as kube-aggregator-registered servers do. A failed review rejects (the
 * caller answers 503) and is not cached.
 */
export class AccessReviewAuthorizer implements Authorizer {
  private readonly _cache: TtlCache<AccessDecision>;
  private readonly _allowedTtlMs: number;
  private readonly _deniedTtlMs: number;

  constructor(
    private readonly _client: ReviewClient,
    options: AccessReviewOptions = {},
  ) {
    this._allowedTtlMs = options.allowedTtlMs ?? 10_000;
    this._deniedTtlMs = options.deniedTtlMs ?? 10_000;
    this._cache = new TtlCache(options.maxCachedDecisions ?? 10_000, options.now ?? Date.now);
  }

  async authorize(user: UserInfo, access: AccessAttributes): Promise<AccessDecision> {
    const key = JSON.stringify([user.username, user.uid, user.groups, user.extra, access]);
    const cached = this._cache.get(key);
    if (cached !== undefined) return cached;
    const decision = await this._client.reviewAccess(user, access);
    this._cache.set(key, decision, decision.allowed ? this._allowedTtlMs : this._deniedTtlMs);
    return decision;
  }
}

/** Every authenticated user may do everything (no authorization delegate configured). */
export const ALLOW_AUTHENTICATED: Authorizer = {
  authorize: async () => ({ allowed: true, reason: '' }),
};
