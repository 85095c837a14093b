// Build step: brotli (quality 11) and gzip (level 9) copies of files, for hosts that serve
// pre-compressed files (nginx brotli_static/gzip_static, Netlify, ...). Python has no brotli; Node does.
//
// Brotli's window is 2 MB (lgwin 21), not the default 4 MB: measured on Pyodide 314.0.7's
// pyodide.asm.wasm (9.6 MB) it makes the file every first visit downloads 20 KB smaller
// (2,720,718 B instead of 2,741,061; 20: 2,799,168; 23: 2,769,119; 24: 2,766,607). The other
// files stay within 0.1% either way. Every browser decodes any window up to 16 MB.
//
//   node site_src/zelfcheck/compress.mjs <source> <dest.br> <dest.gz> [<source> <dest.br> <dest.gz> ...]
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) {
  console.error("gebruik: node compress.mjs <bron> <doel.br> <doel.gz> ...");
  process.exit(2);
}
for (let i = 0; i < args.length; i += 3) {
  const [source, br, gz] = args.slice(i, i + 3);
  const data = readFileSync(source);
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_LGWIN]: 21,
    [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  };
  // Written under a temporary name first: an interrupted build leaves no half file behind.
  writeFileSync(`${br}.tmp`, brotliCompressSync(data, { params }));
  renameSync(`${br}.tmp`, br);
  writeFileSync(`${gz}.tmp`, gzipSync(data, { level: 9 }));
  renameSync(`${gz}.tmp`, gz);
}
