import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protos } from '@google-cloud/logging';

const require = createRequire(import.meta.url);
// The GAPIC client and its protos live in @google-cloud/logging-api, a dependency of the client.
const apiRoot = dirname(
  createRequire(require.resolve('@google-cloud/logging/package.json')).resolve(
    '@google-cloud/logging-api/package.json',
  ),
);
const gaxProtos = join(
  dirname(createRequire(join(apiRoot, 'package.json')).resolve('google-gax')),
  '..',
  'protos',
);

/** One WriteLogEntries request as the server decoded it (int64 as strings, enums as names). */
export interface RecordedWrite {
  readonly logName: string;
  readonly resource: { type: string; labels: Record<string, string> };
  readonly partialSuccess: boolean;
  readonly entries: any[];
}

/** What the fake answers one call with: success, an error status, or refused entries. */
export type FakeReply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly code: grpc.status; readonly message: string }
  | { readonly kind: 'refuse'; readonly indexes: readonly number[]; readonly message: string };

/**
 * A Cloud Logging LoggingServiceV2 on 127.0.0.1, serving the real service definition shipped
 * with @google-cloud/logging, recording every WriteLogEntries request (failed ones too).
 * Replies are scripted per call with `reply(...)`; unscripted calls succeed.
 */
export class FakeLoggingServer {
  readonly writes: RecordedWrite[] = [];
  /** Entries accepted, one per (insertId, timestamp) as Cloud Logging deduplicates them. */
  readonly stored = new Map<string, any>();
  private readonly _script: FakeReply[] = [];
  private readonly _server = new grpc.Server();
  private _port = 0;

  get endpoint(): string {
    return `127.0.0.1:${this._port}`;
  }

  reply(...replies: FakeReply[]): void {
    this._script.push(...replies);
  }

  async start(): Promise<void> {
    const definition = protoLoader.loadSync('google/logging/v2/logging.proto', {
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
      includeDirs: [join(apiRoot, 'build', 'protos'), gaxProtos],
    });
    const loaded = grpc.loadPackageDefinition(definition) as any;
    this._server.addService(loaded.google.logging.v2.LoggingServiceV2.service, {
      WriteLogEntries: (
        call: grpc.ServerUnaryCall<any, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        const request = call.request;
        const entries: any[] = request.entries ?? [];
        this.writes.push({
          logName: request.logName,
          resource: request.resource,
          partialSuccess: request.partialSuccess === true,
          entries,
        });
        const reply = this._script.shift() ?? { kind: 'ok' };
        if (reply.kind === 'error') {
          callback({ code: reply.code, details: reply.message });
          return;
        }
        const refused = reply.kind === 'refuse' ? new Set(reply.indexes) : new Set<number>();
        entries.forEach((entry, index) => {
          // Cloud Logging's dedup: one entry per (insertId, timestamp).
          if (!refused.has(index))
            this.stored.set(`${entry.insertId}@${entry.timestamp?.seconds}`, entry);
        });
        if (reply.kind === 'ok') callback(null, {});
        else callback(refusal(reply.indexes, reply.message));
      },
    });
    this._port = await new Promise<number>((resolve, reject) => {
      this._server.bindAsync(
        '127.0.0.1:0',
        grpc.ServerCredentials.createInsecure(),
        (error, port) => (error ? reject(error) : resolve(port)),
      );
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => this._server.tryShutdown(() => resolve()));
  }
}

/** INVALID_ARGUMENT with WriteLogEntriesPartialErrors, as Cloud Logging reports refused entries. */
function refusal(indexes: readonly number[], message: string): Partial<grpc.StatusObject> {
  const errors: Record<number, { code: number; message: string }> = {};
  for (const index of indexes) errors[index] = { code: grpc.status.INVALID_ARGUMENT, message };
  const partial = protos.google.logging.v2.WriteLogEntriesPartialErrors.encode({
    logEntryErrors: errors,
  }).finish();
  const status = protos.google.rpc.Status.encode({
    code: grpc.status.INVALID_ARGUMENT,
    message,
    details: [
      {
        type_url: 'type.googleapis.com/google.logging.v2.WriteLogEntriesPartialErrors',
        value: partial,
      },
    ],
  }).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  return { code: grpc.status.INVALID_ARGUMENT, details: message, metadata };
}
