import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody } from '../api/auth/read-json-body.js';
import type { ExtraRoutes } from '../api/api-server.js';
import { writeJson } from '../api/json-response.js';
import { badRequest, methodNotAllowed, pathNotFound } from '../api/status.js';
import type { ClusterSimulation } from './cluster-simulation.js';
import type { FaultController, FaultRequest } from './fault-controller.js';
import { groundTruth } from './ground-truth.js';

/**
 * The simulator's own endpoints on the API server, under /_sim/ (not authenticated: they are
 * for tests and benchmarks on loopback):
 *   GET  /_sim/truth[?node=N&namespace=NS]  ground truth (see README)
 *   GET  /_sim/nodes                        node names, addresses and kubelet ports
 *   GET  /_sim/faults                       active kubelet and API faults
 *   POST /_sim/faults                       switch faults (FaultRequest JSON)
 *   POST /_sim/restart                      {"namespace","pod","container"?}: restart a container
 */
export function simRoutes(sim: ClusterSimulation, faults: FaultController): ExtraRoutes {
  const json = (res: ServerResponse, body: unknown): void => writeJson(res, 200, JSON.stringify(body));
  const post = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    if (req.method !== 'POST') throw methodNotAllowed();
    const body = await readJsonBody(req);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
    return body as Record<string, unknown>;
  };
  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    if (!path.startsWith('/_sim/') && path !== '/_sim') return false;
    switch (path) {
      case '/_sim/truth': {
        const node = url.searchParams.get('node') ?? undefined;
        const namespace = url.searchParams.get('namespace') ?? undefined;
        if (node !== undefined && !sim.nodesByName.has(node)) throw badRequest(`node: no node named ${JSON.stringify(node)}`);
        json(res, groundTruth(sim, { ...(node === undefined ? {} : { node }), ...(namespace === undefined ? {} : { namespace }) }));
        return true;
      }
      case '/_sim/nodes':
        json(res, sim.nodes.map((n) => ({ name: n.name, address: n.address, kubeletPort: n.kubeletPort, readOnlyPort: n.readOnlyPort, ready: n.ready, addressUsable: n.addressUsable })));
        return true;
      case '/_sim/faults': {
        if (req.method === 'GET') {
          json(res, faults.state());
          return true;
        }
        const body = await post(req);
        let affected: string[][];
        try {
          affected = faults.apply(body as FaultRequest);
        } catch (error) {
          throw badRequest((error as Error).message);
        }
        json(res, { affected, ...faults.state() });
        return true;
      }
      case '/_sim/restart': {
        const body = await post(req);
        const { namespace, pod, container } = body;
        if (typeof namespace !== 'string' || typeof pod !== 'string') throw badRequest('namespace and pod must be strings');
        if (container !== undefined && typeof container !== 'string') throw badRequest('container must be a string');
        if (!sim.restartContainer(namespace, pod, container)) throw badRequest(`no running container ${String(container ?? '')} in pod ${namespace}/${pod}`);
        json(res, { restarted: true });
        return true;
      }
      default:
        throw pathNotFound();
    }
  };
}
