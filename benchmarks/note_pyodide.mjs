// `make bench`: the note check on a pasted text in Pyodide under Node, started as the page starts it
// (the site's engine.js). Prints one JSON line: median and best milliseconds per call (CPU time of
// this process, process.cpuUsage, so other jobs on the machine do not count; wall time beside it),
// and the first call (which reads the name lists).
//
//   node benchmarks/note_pyodide.mjs <site dir> <runs> < text
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const site = resolve(process.argv[2]);
const runs = Number(process.argv[3] || 9);
const text = readFileSync(0, "utf8");
const { loadPyodide } = await import(pathToFileURL(join(site, "assets/pyodide/pyodide.mjs")).href);
const engine = await import(pathToFileURL(join(site, "assets/zelfcheck/engine.js")).href);
const wheel = decodeURIComponent(new URL(engine.WHEEL_URL).pathname.split("/").pop());
const stdlib = new URL(engine.STDLIB_URL).pathname.split("/").pop();
const runtimeName = new URL(engine.RUNTIME_URL).pathname.split("/").pop();
const runtime = await import(pathToFileURL(join(site, "assets/pyodide", runtimeName)).href);
const pyodide = await loadPyodide(engine.pyodideOptions({
  indexURL: join(site, "assets/pyodide") + "/",
  stdLibURL: join(site, "assets/zelfcheck", stdlib),
  createPyodideModule: runtime.default,
}));
const api = engine.startEngine(pyodide, readFileSync(join(site, "assets/zelfcheck", wheel)));
const timed = (note) => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  api.call("note", { text: note, today: "2026-12-24" });
  const used = process.cpuUsage(cpu);
  return [(used.user + used.system) / 1000, performance.now() - wall];
};
const first = timed("Daan")[0];
const runsDone = Array.from({ length: runs }, () => timed(text));
const cpu = runsDone.map((r) => r[0]).sort((a, b) => a - b);
const wall = runsDone.map((r) => r[1]).sort((a, b) => a - b);
const mid = Math.floor(runs / 2);
process.stdout.write(JSON.stringify({ first, median: cpu[mid], best: cpu[0], wall: wall[mid] }) + "\n");
