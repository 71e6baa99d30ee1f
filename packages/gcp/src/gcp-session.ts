import { ConfigError, PermanentError } from '@heapster/runtime';
import { gcpEnvironment, type GcpEnvironment } from './gcp-environment.js';
import type { RetryPolicy } from './request-sender.js';

/** What a sink needs of its generated client besides its one call. */
export interface GcpServiceClient {
  /** The Application Default Credentials project (throws when there is none). */
  adcProject(): Promise<string>;
  close(): Promise<void>;
}

/** Seams for tests; production uses the real client, GCE detection and retry schedule. */
export interface GcpSinkDeps<C extends GcpServiceClient> {
  readonly client?: C;
  readonly environment?: GcpEnvironment;
  readonly retry?: Partial<RetryPolicy>;
}

export interface GcpSessionOptions<C extends GcpServiceClient, T> {
  /** Makes the production client (on first use, so a sink that never writes never connects). */
  readonly createClient: () => C;
  /** Fills in what the options leave out (project, cluster...), or rejects with a ConfigError. */
  readonly resolveTarget: (environment: GcpEnvironment) => Promise<T>;
  readonly deps: GcpSinkDeps<C>;
}

/**
 * A sink's link to its Google service: the client, made on first use, and the target (where
 * the data goes), detected once. A failed detection is not cached: the next use tries again.
 */
export class GcpSession<C extends GcpServiceClient, T> {
  private readonly _options: GcpSessionOptions<C, T>;
  private _client: C | undefined;
  private _target: Promise<T> | undefined;

  constructor(options: GcpSessionOptions<C, T>) {
    this._options = options;
  }

  client(): C {
    this._client ??= this._options.deps.client ?? this._options.createClient();
    return this._client;
  }

  /** The target; rejects with the ConfigError naming each option detection could not fill in. */
  target(): Promise<T> {
    if (this._target === undefined) {
      const environment =
        this._options.deps.environment ?? gcpEnvironment(() => this.client().adcProject());
      this._target = this._options.resolveTarget(environment);
      void this._target.catch(() => {
        this._target = undefined;
      });
    }
    return this._target;
  }

  /** The target for a write: a ConfigError fails it permanently (every write would fail so). */
  async targetForWrite(): Promise<T> {
    try {
      return await this.target();
    } catch (error) {
      if (error instanceof ConfigError) throw new PermanentError(error.message, { cause: error });
      throw error;
    }
  }

  /** Closes the client, if one was made; a failure to close is of no use to anyone. */
  async close(): Promise<void> {
    await this._client?.close().catch(() => undefined);
  }
}
