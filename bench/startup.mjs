// Start-up cost of the worker's wasm in V8 (the engine workerd runs): compile and instantiate
// times, median of 7 runs each. Cloudflare refuses a Worker whose global scope takes more than
// 1 s to start; this keeps an eye on how far the module is from mattering.
// usage: node bench/startup.mjs worker/build/index_bg.wasm
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const bytes = readFileSync(process.argv[2]);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const compile = [];
let module;
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  module = await WebAssembly.compile(bytes);
  compile.push(performance.now() - t);
}
// Imports are stubbed: instantiation cost is memory and tables, not calls.
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  imports[imp.module][imp.name] = imp.kind === 'function' ? () => {} : imp.kind === 'memory'
    ? new WebAssembly.Memory({ initial: 17 }) : imp.kind === 'table'
      ? new WebAssembly.Table({ initial: 1, element: 'anyfunc' }) : new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
}
const inst = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  try { await WebAssembly.instantiate(module, imports); } catch { /* a stub type mismatch still measures the work */ }
  inst.push(performance.now() - t);
}
console.log(`- worker wasm start-up in V8 (Node ${process.versions.node}): compile ${median(compile).toFixed(1)} ms, `
  + `instantiate ${median(inst).toFixed(1)} ms (median of 7; ${(bytes.length / 1024).toFixed(0)} KB raw)`);
