import type { AccessAttributes, UserInfo } from './user-info.js';

/** The answer of a TokenReview: who the token stands for, if anyone. */
export interface TokenReviewResult {
  readonly authenticated: boolean;
  readonly user?: UserInfo;
  /** Why not, when the API server said (`status.error`). */
  readonly error?: string;
}

/** The answer of a SubjectAccessReview. */
export interface AccessDecision {
  readonly allowed: boolean;
  /** `status.reason` (or `evaluationError`); '' when none. */
  readonly reason: string;
}

/**
 * Delegated authentication and authorization: the API server decides (TokenReview,
 * SubjectAccessReview), as for any aggregated API server. A failed call rejects; a decision is
 * never guessed.
 */
export interface ReviewClient {
  reviewToken(token: string): Promise<TokenReviewResult>;
  reviewAccess(user: UserInfo, access: AccessAttributes): Promise<AccessDecision>;
}
