import { readFile } from 'node:fs/promises';
import {
  ConfigError,
  PermanentError,
  systemClock,
  type Clock,
  type FieldProblem,
} from '@heapster/runtime';

/** Where the bearer token for kubelet requests comes from; asked before every request. */
export interface BearerTokenSource {
  token(): Promise<string | undefined>;
}

export function staticBearerToken(token: string): BearerTokenSource {
  const value = token.trim();
  return { token: () => Promise.resolve(value === '' ? undefined : value) };
}

/**
 * A token file (a service account's, by default) re-read every `refreshMs`, because projected
 * service-account tokens rotate under a running pod. A failed re-read keeps the last good token;
 * a file that was never readable fails the request, naming the path.
 */
export function fileBearerToken(
  path: string,
  options: { clock?: Clock; refreshMs?: number } = {},
): BearerTokenSource {
  const clock = options.clock ?? systemClock;
  const refreshMs = options.refreshMs ?? 60_000;
  let cached: string | undefined;
  let readAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<string | undefined> | undefined;
  const read = async (): Promise<string | undefined> => {
    try {
      const text = (await readFile(path, 'utf8')).trim();
      cached = text === '' ? undefined : text;
      readAt = clock.now();
    } catch (error) {
      if (cached === undefined) {
        throw new PermanentError(
          `cannot read the kubelet bearer token file ${path}: ${(error as Error).message}`,
          {
            code: 'HEAPSTER_ERR_KUBELET_TOKEN',
            cause: error,
          },
        );
      }
    }
    return cached;
  };
  return {
    token: () => {
      if (clock.now() - readAt < refreshMs) return Promise.resolve(cached);
      // One read for all the requests that ask at once.
      pending ??= read().finally(() => (pending = undefined));
      return pending;
    },
  };
}

/** TLS material for kubelet connections, as PEM text. */
export interface KubeletTlsMaterial {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** Skip verifying the kubelet's serving certificate (Heapster's default without a CA). */
  readonly insecureSkipVerify: boolean;
}

/** File names as the source URI gives them (`kubeletCA`, `kubeletClientCert`, `kubeletClientKey`). */
export interface KubeletTlsFiles {
  readonly caFile?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly insecureSkipVerify: boolean;
}

/**
 * Reads the TLS files; every unreadable one is reported together, by option name, in the
 * options' order (the reads run at once and may fail in any order).
 */
export async function loadKubeletTls(files: KubeletTlsFiles): Promise<KubeletTlsMaterial> {
  const load = async (
    field: string,
    file: string | undefined,
  ): Promise<{ text?: string; problem?: FieldProblem }> => {
    if (file === undefined) return {};
    try {
      return { text: await readFile(file, 'utf8') };
    } catch (error) {
      return { problem: { field, message: `cannot read ${file}: ${(error as Error).message}` } };
    }
  };
  const loaded = await Promise.all([
    load('kubeletCA', files.caFile),
    load('kubeletClientCert', files.certFile),
    load('kubeletClientKey', files.keyFile),
  ]);
  const problems = loaded.flatMap(({ problem }) => (problem === undefined ? [] : [problem]));
  const [ca, cert, key] = loaded.map(({ text }) => text);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    insecureSkipVerify: files.insecureSkipVerify,
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}
