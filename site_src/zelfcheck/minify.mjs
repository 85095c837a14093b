// Build step: JavaScript made smaller with terser, for every visit downloads it.
//
//   node minify.mjs <jobs.json>
//
// jobs.json is a list of {source, out, name, map, keepNames}: read `source`, write the smaller
// script to `out`. With `map` (a file name): also a source map there, holding the original text, and
// a `//# sourceMappingURL=<map>` line pointing at it, so the browser's developer tools show the code
// as written. `name` is the script's own file name in the site (the map's "file" and "sources").
//
// Our own scripts: local names renamed, dead code and space removed (module mode: exports keep their
// names). Pyodide's runtime script (keepNames): function and class names are kept, because Pyodide
// compares class names at run time (LiteralMap, PythonError, ExitStatus).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { minify } from "terser";

const [jobsPath] = process.argv.slice(2);
if (!jobsPath) {
  console.error("gebruik: node minify.mjs <taken.json>");
  process.exit(2);
}

for (const job of JSON.parse(readFileSync(jobsPath, "utf8"))) {
  const code = readFileSync(job.source, "utf8");
  const options = {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    keep_classnames: Boolean(job.keepNames),
    keep_fnames: Boolean(job.keepNames),
    format: { comments: false },
  };
  if (job.map) {
    options.sourceMap = { filename: job.name, url: job.map, includeSources: true };
  }
  let result;
  try {
    result = await minify({ [job.name]: code }, options);
  } catch (error) {
    console.error(`${job.name}: ${error.message} (regel ${error.line}, kolom ${error.col})`);
    process.exit(1);
  }
  // Written under a temporary name of this process first: an interrupted build leaves no half file
  // behind, and two builds at once do not write into each other's. The map goes first: the build
  // takes a script as done once it is there.
  const tmp = `.${process.pid}.tmp`;
  if (job.map) {
    writeFileSync(`${job.out}.map${tmp}`, result.map);
    renameSync(`${job.out}.map${tmp}`, `${job.out}.map`);
  }
  writeFileSync(`${job.out}${tmp}`, result.code);
  renameSync(`${job.out}${tmp}`, job.out);
}
