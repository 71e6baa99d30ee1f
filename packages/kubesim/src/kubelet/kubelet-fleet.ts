import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { AuthPolicy } from '../api/auth/auth-policy.js';
import type { ClusterSimulation } from '../sim/cluster-simulation.js';
import type { ResponseFaultTable } from '../sim/faults.js';
import type { SimNode } from '../sim/model-types.js';
import { ByteWriterPool } from './byte-writer-pool.js';
import { KubeletAuthenticator } from './kubelet-auth.js';
import { handleKubeletRequest } from './kubelet-handler.js';
import type { KubeletRequestContext, KubeletRequestLogEntry } from './kubelet-handler.js';

/** PEM key pairs for the kubelets' HTTPS ports, one per group of node addresses. */
export interface KubeletTls {
  /** Returns the serving certificate for a group of nodes (they share a /24). */
  readonly certificateFor: (nodes: readonly SimNode[]) => Promise<{ readonly certPem: string; readonly keyPem: string }>;
  /** CA that signs client certificates the kubelets accept (omit: bearer tokens only). */
  readonly clientCaPem?: string;
}

export interface KubeletFleetOptions {
  readonly sim: ClusterSimulation;
  readonly faults: ResponseFaultTable;
  /** HTTPS port on every node address; 0 picks one free port shared by all nodes. */
  readonly port: number;
  /** Read-only HTTP port on every node address; 0 picks one shared free port. */
  readonly readOnlyPort: number;
  /** Serve the HTTPS port (needs `tls` and `authPolicy`). */
  readonly tls?: KubeletTls;
  readonly authPolicy?: AuthPolicy;
  readonly onRequest?: (entry: KubeletRequestLogEntry) => void;
  readonly onRequestStart?: () => void;
}

const BIND_BATCH = 256;
const PORT_ATTEMPTS = 8;

/**
 * All simulated kubelets. Each node gets its own listening sockets on its own loopback address;
 * accepted connections are handed to one shared HTTP server (read-only port) and one HTTPS
 * server per certificate group, which find the node by the socket's local address. Thousands
 * of nodes therefore cost thousands of listening sockets but only a handful of servers.
 */
export class KubeletFleet {
  private readonly options: KubeletFleetOptions;
  private readonly byAddress = new Map<string, SimNode>();
  private readonly listeners: NetServer[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly servers: HttpServer[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly writers = new ByteWriterPool();
  private closed = false;
  port = 0;
  readOnlyPort = 0;

  constructor(options: KubeletFleetOptions) {
    this.options = options;
    for (const node of options.sim.nodes) this.byAddress.set(node.address, node);
  }

  private context(secure: boolean): KubeletRequestContext {
    const auth = secure ? new KubeletAuthenticator(this.options.authPolicy ?? {}) : undefined;
    return { sim: this.options.sim, faults: this.options.faults, auth, timers: this.timers, writers: this.writers, ...(this.options.onRequest === undefined ? {} : { onRequest: this.options.onRequest }), ...(this.options.onRequestStart === undefined ? {} : { onRequestStart: this.options.onRequestStart }) };
  }

  private requestListener(secure: boolean): (req: IncomingMessage, res: ServerResponse) => void {
    const ctx = this.context(secure);
    return (req, res) => {
      const node = this.byAddress.get(req.socket.localAddress ?? '');
      if (node === undefined) {
        res.writeHead(404).end();
        return;
      }
      handleKubeletRequest(ctx, node, req, res, secure);
    };
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private async bindAll(nodes: readonly SimNode[], port: number, target: (node: SimNode) => HttpServer): Promise<number> {
    let chosen = port;
    for (let attempt = 0; ; attempt++) {
      const bound: NetServer[] = [];
      try {
        const first = nodes[0];
        if (first === undefined) return 0;
        bound.push(await this.listen(first, chosen, target(first)));
        chosen = (bound[0]?.address() as AddressInfo).port;
        for (let i = 1; i < nodes.length; i += BIND_BATCH) {
          const batch = nodes.slice(i, i + BIND_BATCH);
          const results = await Promise.allSettled(batch.map((n) => this.listen(n, chosen, target(n))));
          for (const r of results) if (r.status === 'fulfilled') bound.push(r.value);
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed !== undefined) throw failed.reason;
        }
        this.listeners.push(...bound);
        return chosen;
      } catch (error) {
        await Promise.all(bound.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
        const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
        // With port 0 another process may hold the kernel's pick on some node address: try another.
        if (!inUse || port !== 0 || attempt + 1 >= PORT_ATTEMPTS) {
          throw new Error(`kubelets: cannot listen on port ${chosen} of the node addresses: ${(error as Error).message}`);
        }
        chosen = 0;
      }
    }
  }

  private listen(node: SimNode, port: number, server: HttpServer): Promise<NetServer> {
    return new Promise((resolve, reject) => {
      const listener = createNetServer((socket) => {
        if (this.closed) {
          socket.destroy();
          return;
        }
        this.track(socket);
        server.emit('connection', socket);
      });
      listener.once('error', reject);
      listener.listen({ port, host: node.address, backlog: 511 }, () => {
        listener.off('error', reject);
        listener.on('error', () => undefined);
        resolve(listener);
      });
    });
  }

  /** Binds every node's ports and records them in the Node objects (daemonEndpoints). */
  async start(): Promise<void> {
    const nodes = this.options.sim.nodes;
    const plain = createHttpServer({ keepAliveTimeout: 30_000 }, this.requestListener(false));
    this.servers.push(plain);
    this.readOnlyPort = await this.bindAll(nodes, this.options.readOnlyPort, () => plain);
    if (this.options.tls !== undefined) {
      const groups = new Map<string, SimNode[]>();
      for (const n of nodes) {
        const prefix = n.address.slice(0, n.address.lastIndexOf('.'));
        const members = groups.get(prefix);
        if (members === undefined) groups.set(prefix, [n]);
        else members.push(n);
      }
      const serverFor = new Map<SimNode, HttpServer>();
      const listener = this.requestListener(true);
      for (const members of groups.values()) {
        const { certPem, keyPem } = await this.options.tls.certificateFor(members);
        const clientCa = this.options.tls.clientCaPem;
        const secure = createHttpsServer(
          { cert: certPem, key: keyPem, keepAliveTimeout: 30_000, ...(clientCa === undefined ? {} : { ca: clientCa, requestCert: true, rejectUnauthorized: false }) },
          listener,
        );
        secure.on('tlsClientError', () => undefined);
        this.servers.push(secure);
        for (const n of members) serverFor.set(n, secure);
      }
      this.port = await this.bindAll(nodes, this.options.port, (n) => serverFor.get(n) as HttpServer);
    }
    for (const node of nodes) this.options.sim.setKubeletPorts(node, this.port === 0 ? this.readOnlyPort : this.port, this.readOnlyPort);
  }

  /** Closes every listening socket and connection (hung requests included). */
  async stop(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closing = this.listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve())));
    for (const socket of this.sockets) socket.destroy();
    for (const server of this.servers) server.closeAllConnections();
    await Promise.all(closing);
    this.listeners.length = 0;
  }
}
