// Build step: brotli (quality 11) and gzip (level 9) copies of files, for hosts that serve
// pre-compressed files (nginx brotli_static/gzip_static, Netlify, ...). Python has no brotli; Node does.
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
    [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  };
  // Written under a temporary name first: an interrupted build leaves no half file behind.
  writeFileSync(`${br}.tmp`, brotliCompressSync(data, { params }));
  renameSync(`${br}.tmp`, br);
  writeFileSync(`${gz}.tmp`, gzipSync(data, { level: 9 }));
  renameSync(`${gz}.tmp`, gz);
}
