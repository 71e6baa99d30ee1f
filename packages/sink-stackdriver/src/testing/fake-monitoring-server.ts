import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protos } from '@google-cloud/monitoring';
import { answerFromCanned, type ListPage, type RecordedListRequest } from './list-time-series.js';

const require = createRequire(import.meta.url);
const monitoringRoot = dirname(require.resolve('@google-cloud/monitoring/package.json'));
// google/api and google/protobuf imports ship with the client's own google-gax.
const gaxProtos = join(
  dirname(createRequire(join(monitoringRoot, 'package.json')).resolve('google-gax')),
  '..',
  'protos',
);

/** One CreateTimeSeries request as the server decoded it (int64 as strings, enums as names). */
export interface RecordedRequest {
  readonly name: string;
  readonly timeSeries: any[];
  readonly metadata: Record<string, string>;
}

/** What the fake answers one call with: success, an error status, or a partial failure. */
export type FakeReply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly code: grpc.status; readonly message: string }
  | { readonly kind: 'partial'; readonly success: number; readonly message: string };

/** What the fake answers one ListTimeSeries call with, when scripted. */
export type FakeListReply = Exclude<FakeReply, { readonly kind: 'partial' }>;

/**
 * A Cloud Monitoring MetricService on 127.0.0.1, serving the real service definition shipped in
 * @google-cloud/monitoring, recording every CreateTimeSeries and ListTimeSeries request (failed
 * ones too). CreateTimeSeries replies are scripted per call with `reply(...)`, ListTimeSeries
 * ones with `replyList(...)`; unscripted calls succeed. A successful ListTimeSeries answers with
 * `listAnswer(request)`, by default the `cannedSeries` its filter selects (list-time-series.ts).
 */
export class FakeMonitoringServer {
  readonly requests: RecordedRequest[] = [];
  readonly listRequests: RecordedListRequest[] = [];
  /** The time series ListTimeSeries answers from (as the server encodes them: camelCase keys). */
  cannedSeries: any[] = [];
  /** Answers one successful ListTimeSeries call; replace it to play an aligned or paged answer. */
  listAnswer: (request: RecordedListRequest) => ListPage = request =>
    answerFromCanned(this.cannedSeries, request);
  /** Holds every reply this long (to make requests overlap); 0 answers at once. */
  delayMs = 0;
  /** Holds every ListTimeSeries answer this long (to run a reader into its deadline). */
  listDelayMs = 0;
  /** The most calls that were being answered at the same time. */
  maxInFlight = 0;
  private _inFlight = 0;
  private readonly _script: FakeReply[] = [];
  private readonly _listScript: FakeListReply[] = [];
  private readonly _server = new grpc.Server();
  private _port = 0;

  get endpoint(): string {
    return `127.0.0.1:${this._port}`;
  }

  /** Queues replies for the next calls, in order. */
  reply(...replies: FakeReply[]): void {
    this._script.push(...replies);
  }

  /** Queues replies for the next ListTimeSeries calls, in order. */
  replyList(...replies: FakeListReply[]): void {
    this._listScript.push(...replies);
  }

  async start(): Promise<void> {
    const definition = protoLoader.loadSync('google/monitoring/v3/metric_service.proto', {
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
      includeDirs: [join(monitoringRoot, 'build', 'protos'), gaxProtos],
    });
    const loaded = grpc.loadPackageDefinition(definition) as any;
    this._server.addService(loaded.google.monitoring.v3.MetricService.service, {
      CreateTimeSeries: (
        call: grpc.ServerUnaryCall<any, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        this.requests.push({
          name: call.request.name,
          timeSeries: call.request.timeSeries ?? [],
          metadata: metadataOf(call.metadata),
        });
        const reply = this._script.shift() ?? { kind: 'ok' };
        this.maxInFlight = Math.max(this.maxInFlight, ++this._inFlight);
        setTimeout(() => {
          this._inFlight--;
          if (reply.kind === 'ok') callback(null, {});
          else if (reply.kind === 'error') callback({ code: reply.code, details: reply.message });
          else
            callback(
              partialFailure(call.request.timeSeries?.length ?? 0, reply.success, reply.message),
            );
        }, this.delayMs);
      },
      ListTimeSeries: (
        call: grpc.ServerUnaryCall<any, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        const request: RecordedListRequest = {
          ...call.request,
          metadata: metadataOf(call.metadata),
        };
        this.listRequests.push(request);
        const reply = this._listScript.shift() ?? { kind: 'ok' };
        const answer = (): void => {
          if (reply.kind === 'error') {
            callback({ code: reply.code, details: reply.message });
            return;
          }
          try {
            callback(null, this.listAnswer(request));
          } catch (error) {
            // A filter the fake cannot read is what Cloud Monitoring refuses as INVALID_ARGUMENT.
            callback({ code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message });
          }
        };
        // unref: a held answer whose caller gave up must not keep the test process alive.
        if (this.listDelayMs > 0) setTimeout(answer, this.listDelayMs).unref();
        else answer();
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

function metadataOf(metadata: grpc.Metadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.getMap())) out[key] = String(value);
  return out;
}

/** INVALID_ARGUMENT carrying a CreateTimeSeriesSummary, as Cloud Monitoring reports refused series. */
function partialFailure(
  total: number,
  success: number,
  message: string,
): Partial<grpc.StatusObject> {
  const summary = protos.google.monitoring.v3.CreateTimeSeriesSummary.encode({
    totalPointCount: total,
    successPointCount: success,
    errors: [
      { status: { code: grpc.status.INVALID_ARGUMENT, message }, pointCount: total - success },
    ],
  }).finish();
  const status = protos.google.rpc.Status.encode({
    code: grpc.status.INVALID_ARGUMENT,
    message,
    details: [
      {
        type_url: 'type.googleapis.com/google.monitoring.v3.CreateTimeSeriesSummary',
        value: summary,
      },
    ],
  }).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  return { code: grpc.status.INVALID_ARGUMENT, details: message, metadata };
}
