import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as JSON, gunzipped when it came gzipped. */
  readonly json: any;
  readonly rawBytes: number;
}

/** What the collector answers next: a status (with headers), or nothing at all (hang). */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** A local receiver on 127.0.0.1: records every request, answers from a script (default 204). */
export class Collector {
  readonly received: Received[] = [];
  readonly replies: Reply[] = [];
  private readonly _server: Server;
  private readonly _hanging: ServerResponse[] = [];

  private constructor(server: Server) {
    this._server = server;
  }

  static async start(): Promise<Collector> {
    const collector: Collector = new Collector(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text =
            request.headers['content-encoding'] === 'gzip'
              ? gunzipSync(raw).toString()
              : raw.toString();
          collector.received.push({
            method: request.method ?? '',
            url: request.url ?? '',
            headers: request.headers,
            json: JSON.parse(text),
            rawBytes: raw.length,
          });
          const reply = collector.replies.shift() ?? { status: 204 };
          if (reply === 'hang') {
            collector._hanging.push(response);
            return;
          }
          response.writeHead(reply.status, reply.headers);
          response.end(reply.body);
        });
      }),
    );
    await new Promise<void>(resolve => collector._server.listen(0, '127.0.0.1', resolve));
    return collector;
  }

  get url(): string {
    const address = this._server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return `http://127.0.0.1:${port}/ingest`;
  }

  async stop(): Promise<void> {
    for (const response of this._hanging) response.destroy();
    this._server.closeAllConnections();
    await new Promise(resolve => this._server.close(resolve));
  }
}
