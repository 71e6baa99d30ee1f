import { ApiError, entityNotFound } from '../errors/api-error.js';

/**
 * The metrics.k8s.io failures, as the package's coded ApiErrors: on `/api` and `/apis` paths the
 * error handler writes them as Kubernetes `Status` bodies, which kubectl prints verbatim
 * (`Error from server (NotFound): nodemetrics.metrics.k8s.io "x" not found`).
 */

/** `nodemetrics.metrics.k8s.io "x" not found`, `nodes "x" not found`: kube-apiserver's wording. */
export function resourceNotFound(group: string, resource: string, name: string): ApiError {
  return entityNotFound(group === '' ? resource : `${resource}.${group}`, name);
}

export function methodNotAllowed(what: string): ApiError {
  return new ApiError(
    'HEAPSTER_ERR_BAD_REQUEST',
    `the server does not allow this method on the requested resource (${what})`,
    { status: 405 },
  );
}
