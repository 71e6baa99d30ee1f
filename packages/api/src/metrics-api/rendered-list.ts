import { METRICS_GROUP, MetricsJson, type MetricsVersion } from './metrics-json.js';
import { ByteWriter } from './byte-writer.js';
import { PLAIN_QUERY, type MetricsLists } from './metrics-lists.js';

type ListKind = 'PodMetricsList' | 'NodeMetricsList';

/** How a long rendering shares the event loop with scraping and other requests. */
export interface RenderSlicing {
  /** Longest stretch of rendering between two yields, ms. */
  readonly sliceMs: number;
  /** Lets queued I/O and timers run; resolves when rendering may go on. */
  readonly yieldToLoop: () => Promise<void>;
}

/** Items rendered into one string (and one Buffer) between two clock checks. */
const CHUNK_ITEMS = 256;
const FOOTER = Buffer.from(']}');
/** The first rendering's buffer size per pod; later ones start from the previous size. */
const GUESSED_BYTES_PER_POD = 400;

function header(kind: ListKind, version: MetricsVersion): string {
  return `{"kind":"${kind}","apiVersion":"${METRICS_GROUP}/${version}","metadata":{},"items":[`;
}

/**
 * An unfiltered list of one batch as bytes, rendered once: the v1beta1 body, plus where each
 * namespace's items lie in it. The v1alpha1 body and a namespace's list are cut from it (items
 * carry no apiVersion), so serving them copies bytes instead of rendering again.
 */
export class RenderedList {
  private readonly _headerLength: number;
  private _gzip: Buffer | undefined;
  private _compressMs = Number.NaN;

  constructor(
    readonly kind: ListKind,
    private readonly _body: Buffer,
    /** Byte range `[start, end)` of each namespace's items, without separating commas. */
    private readonly _namespaces: ReadonlyMap<string, readonly [number, number]>,
  ) {
    this._headerLength = Buffer.byteLength(header(kind, 'v1beta1'));
  }

  get byteLength(): number {
    return this._body.length;
  }

  /** The whole v1beta1 list gzipped, once `compress` has run (and found it big enough). */
  get gzip(): Buffer | undefined {
    return this._gzip;
  }

  /** Wall time of `compress`'s gzip, ms (on the thread pool: an upper bound of its CPU). */
  get compressMs(): number {
    return this._compressMs;
  }

  /**
   * Compresses the whole v1beta1 list with `gzip` unless it is under `minBytes`. The v1alpha1
   * body and namespaces are cut per request, so they are compressed per request too.
   */
  async compress(gzip: (body: Buffer) => Promise<Buffer>, minBytes: number): Promise<void> {
    if (this._body.length < minBytes) return;
    const started = performance.now();
    this._gzip = await gzip(this._body);
    this._compressMs = performance.now() - started;
  }

  /** The whole list, or a namespace's (an empty list for a namespace without pods). */
  body(version: MetricsVersion, namespace?: string): Buffer {
    if (namespace === undefined && version === 'v1beta1') return this._body;
    let items: Buffer;
    if (namespace === undefined) {
      items = this._body.subarray(this._headerLength, this._body.length - FOOTER.length);
    } else {
      const [start, end] = this._namespaces.get(namespace) ?? [0, 0];
      items = this._body.subarray(start, end);
    }
    return Buffer.concat([Buffer.from(header(this.kind, version)), items, FOOTER]);
  }
}

/**
 * The PodMetricsList of every pod, rendered in slices of at most `sliceMs` with a yield
 * between them: at 100,000 pods the list is ~36 MB and takes 0.5–1 s of CPU, which would
 * otherwise stall scraping and every other request for that long. Items are rendered a chunk
 * at a time, never across a namespace boundary (so each namespace's byte range is known), and
 * written straight into one buffer of about the previous list's size (`sizeHint`): no
 * 36 MB concatenation at the end.
 * creationTimestamp is the time rendering started (metrics-server uses the request's).
 */
export async function renderPodList(
  lists: MetricsLists,
  slicing: RenderSlicing,
  sizeHint = 0,
): Promise<RenderedList> {
  const s = lists.snapshot;
  const json = new MetricsJson(s, 'v1beta1', lists.now());
  const out = new ByteWriter(sizeHint > 0 ? sizeHint : s.podCount * GUESSED_BYTES_PER_POD);
  out.write(header('PodMetricsList', 'v1beta1'));
  const namespaces = new Map<string, readonly [number, number]>();
  let sliceEnd = performance.now() + slicing.sliceMs;
  for (let first = 0; first < s.podCount;) {
    const namespace = s.podNamespace(first);
    const end = s.namespaceRange(namespace)[1];
    const start = first === 0 ? out.length : out.length + 1;
    for (let k = first; k < end;) {
      const stop = Math.min(end, k + CHUNK_ITEMS);
      let text = '';
      for (; k < stop; k++) {
        const item = json.pod(k, lists.labels.pod(namespace, s.podName(k)), false);
        text += k === 0 ? item : `,${item}`;
      }
      out.write(text);
      if (performance.now() >= sliceEnd) {
        await slicing.yieldToLoop();
        sliceEnd = performance.now() + slicing.sliceMs;
      }
    }
    namespaces.set(namespace, [start, out.length]);
    first = end;
  }
  out.write(']}');
  return new RenderedList('PodMetricsList', out.bytes(), namespaces);
}

/** The NodeMetricsList of every node: ~300 bytes a node, rendered in one go. */
export function renderNodeList(lists: MetricsLists): RenderedList {
  const body = lists.nodes(PLAIN_QUERY, 'v1beta1');
  return new RenderedList(
    'NodeMetricsList',
    typeof body === 'string' ? Buffer.from(body) : body,
    new Map(),
  );
}
