/** The content codings this server produces. */
export type ContentCoding = 'gzip' | 'identity';

/** RFC 9110 qvalue: 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to answer a request with, read from its Accept-Encoding as RFC 9110 §12.5.3 says:
 * `gzip` (or `x-gzip`) and `*` with their q-values, `q=0` meaning "not acceptable", `identity`
 * acceptable unless `identity;q=0` or `*;q=0` excludes it. The higher q wins, gzip a tie
 * (`gzip, identity`, `*`): the same JSON in a fourteenth of the bytes. Identity not named (nor
 * `*`) ranks after every coding named with q > 0.
 *
 * Two choices where the RFC leaves room: no header at all means identity (what kube-apiserver
 * and every HTTP server do: clients that can decompress say so, Go's transport among them),
 * and when nothing acceptable is left (`gzip;q=0, identity;q=0`) the answer is identity rather
 * than a 406, as kube-apiserver does. Malformed entries (a bad q) are ignored.
 */
export function preferredCoding(header: string | undefined): ContentCoding {
  if (header === undefined) return 'identity';
  // What Go's transport, curl --compressed and Prometheus send.
  if (header === 'gzip') return 'gzip';
  let gzip: number | undefined;
  let identity: number | undefined;
  let any: number | undefined;
  for (const entry of header.split(',')) {
    const [coding = '', ...parameters] = entry.split(';').map(part => part.trim());
    if (coding === '') continue;
    let q = 1;
    let valid = true;
    for (const parameter of parameters) {
      const eq = parameter.indexOf('=');
      if (eq < 0 || parameter.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = parameter.slice(eq + 1).trim();
      valid = QVALUE.test(value);
      q = Number(value);
    }
    if (!valid) continue;
    switch (coding.toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        gzip = Math.max(gzip ?? 0, q);
        break;
      case 'identity':
        identity = q;
        break;
      case '*':
        any = q;
        break;
      default:
        break;
    }
  }
  const gzipQ = gzip ?? any ?? 0;
  // `*` covers identity too when it is not listed; left implicit, identity is acceptable but
  // comes after any coding the client names (`gzip;q=0.5` alone asks for gzip).
  const identityQ = identity ?? any ?? 0;
  return gzipQ > 0 && gzipQ >= identityQ ? 'gzip' : 'identity';
}
