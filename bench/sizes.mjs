// Transfer sizes of a page's first load as the server sends them: the HTML, then every file it
// references under /assets/ (stylesheet, module script, preloaded wasm), each fetched with the
// given Accept-Encoding; the bytes on the wire are counted (compressed if the server compresses;
// otherwise the file is compressed here with the same encoding, as Cloudflare's edge would, and
// marked so). Usage: node bench/sizes.mjs BASE PATH... ; prints one Markdown row per path.
import http from 'node:http';
import zlib from 'node:zlib';

const [base, ...paths] = process.argv.slice(2);

function get(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function decode(r) {
  const e = r.headers['content-encoding'];
  if (e === 'br') return zlib.brotliDecompressSync(r.body);
  if (e === 'gzip') return zlib.gunzipSync(r.body);
  return r.body;
}

function wire(r, encoding) {
  if (r.headers['content-encoding'] === encoding) return { bytes: r.body.length, edge: false };
  const raw = decode(r);
  const bytes = encoding === 'br'
    ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length
    : zlib.gzipSync(raw, { level: 9 }).length;
  return { bytes, edge: true };
}

async function load(path, encoding) {
  const page = await get(base + path, encoding);
  const html = decode(page).toString('utf8');
  const refs = [...new Set([...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*"(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
  let total = wire(page, encoding).bytes;
  let raw = decode(page).length;
  let edge = false;
  for (const ref of refs) {
    const r = await get(base + ref, encoding);
    if (r.status !== 200) throw new Error(`${ref}: ${r.status}`);
    const w = wire(r, encoding);
    total += w.bytes;
    raw += decode(r).length;
    edge ||= w.edge;
  }
  return { total, raw, files: refs.length + 1, edge, status: page.status };
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
for (const path of paths) {
  const br = await load(path, 'br');
  const gz = await load(path, 'gzip');
  const note = br.edge ? ' (compressed here: the dev server sent it uncompressed)' : '';
  console.log(`| ${path} (HTTP ${br.status}) | ${br.files} | ${kb(br.raw)} | ${kb(gz.total)} | ${kb(br.total)}${note} |`);
}
