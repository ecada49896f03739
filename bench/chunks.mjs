// Bundle sizes per app: the first load (shell HTML, stylesheet, glue, loader, main module) and,
// per chunk, what opening its first page fetches on a cold start (the chunk and every shared chunk
// it needs) and what it adds alone. Compressed here (brotli q11, gzip -9), or with SERVED=<base
// URL> the bytes a running server sends for each file with `Accept-Encoding: br` and `gzip`
// (wrangler dev compresses on the fly, about 14 % larger than q11 for wasm).
// Usage: [SERVED=http://127.0.0.1:8787] node bench/chunks.mjs [frontend/dist] [target/web]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] || 'frontend/dist';
const web = process.argv[3] || 'target/web';
const served = process.env.SERVED;
const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const wire = (url, encoding) => new Promise((resolve, reject) => {
  http.get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
    let n = 0;
    res.on('data', (c) => { n += c.length; });
    res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
  }).on('error', reject);
});
const size = async (f) => {
  if (!served) { const b = fs.readFileSync(f); return { br: br(b), gz: gz(b) }; }
  const rel = path.relative(dist, f).split(path.sep).join('/');
  const url = `${served}/${rel === 'index.html' ? '' : rel === 'portal.html' ? 'portal/login' : rel}`;
  return { br: await wire(url, 'br'), gz: await wire(url, 'gzip') };
};
const add = (a, b) => ({ br: a.br + b.br, gz: a.gz + b.gz });
const sum = async (files) => { let t = { br: 0, gz: 0 }; for (const f of files) t = add(t, await size(f)); return t; };

const result = {};
for (const [app, shell] of [['staff', 'index.html'], ['portal', 'portal.html']]) {
  const html = fs.readFileSync(path.join(dist, shell), 'utf8');
  const dir = html.match(new RegExp(`/assets/${app}-[0-9a-f]+`))[0];
  const css = html.match(/\/assets\/style-[0-9a-f]+\.css/)[0];
  const at = (f) => path.join(dist, dir, f);
  const first = await sum([path.join(dist, shell), path.join(dist, css), at(`${app}.js`), at('__wasm_split.js'), at(`${app}_bg.wasm`)]);
  const chunks = JSON.parse(fs.readFileSync(path.join(web, `${app}-chunks.json`), 'utf8'));
  const rows = [];
  for (const [name, files] of Object.entries(chunks)) {
    const own = await size(at(`split_${name}.wasm`));
    const cold = await sum(files.map((f) => at(`${f}.wasm`)));
    rows.push({ name, own, cold, files: files.length });
  }
  const all = fs.readdirSync(path.join(dist, dir)).filter((f) => f.endsWith('.wasm')).length;
  result[app] = { first, rows, files: all };
  console.log(`${app}: first load ${kb(first.br)} br / ${kb(first.gz)} gz; ${all} wasm files`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(18)} chunk ${kb(r.own.br).padStart(9)} br   cold open ${kb(r.cold.br).padStart(9)} br / ${kb(r.cold.gz).padStart(9)} gz in ${r.files} files`);
  }
}
if (process.env.JSON) console.log(JSON.stringify(result));

// CHECK=1: fail when a bundle outgrows its limit (sizes are deterministic, so CI can hold them;
// scripts/test checks them as wrangler dev serves them, SERVED). The limits are issue 11's
// budgets, a page's limit held on its cold open (its chunk and every shared chunk it needs).
if (process.env.CHECK) {
  const limits = { staff: { first: 250, chunk: 150 }, portal: { first: 150, chunk: 150 } };
  const over = [];
  for (const [app, r] of Object.entries(result)) {
    if (r.first.br / 1024 > limits[app].first) over.push(`${app} first load ${kb(r.first.br)} > ${limits[app].first} KB`);
    for (const c of r.rows) {
      if (c.cold.br / 1024 > limits[app].chunk) over.push(`${app} cold open of ${c.name} ${kb(c.cold.br)} > ${limits[app].chunk} KB`);
    }
  }
  if (over.length) {
    console.error(`bundle budgets exceeded:\n  ${over.join('\n  ')}`);
    process.exit(1);
  }
  console.log('bundle budgets: within limits');
}
