// The protocol engine in the browser: our Python package (built into a wheel from protocol/) running
// in Pyodide, served from this site only. Pyodide and the engine run in a module Web Worker
// (engine-worker.js), so the page's main thread never waits for Python: typing and clicking go on
// while it starts. Every page that needs the engine (the self-check, the training cases) imports
// this module and awaits the same promise:
//
//   import { engine, onStatus } from "../assets/zelfcheck/engine.js";
//   const api = await engine();                  // loads once per page, however often it is called
//   const state = await api.call("state", { answers: [["afweging-2", "nee"]] });
//
// States: idle -> loading -> ready | failed, and failed -> loading again after retry(). A failure is an
// EngineError with a `reason`: "no-wasm" (no WebAssembly), "missing" (a file could not be fetched or
// compiled), "timeout" (a download under way received nothing for STALL_MS) or "error" (anything
// else). It never hangs, and a slow connection that keeps delivering never fails: the limit is on
// silence, not on the total time (onProgress reports the bytes received).
// This module holds no texts for people and decides nothing: the page shows what Python returns.
// It is also imported by the worker (for the file names below and startEngine) and by the Node
// parity test; nothing here runs on import.

const HERE = new URL(".", import.meta.url);
// Stock Pyodide lives next to this folder; the build copies it there from node_modules/pyodide.
export const PYODIDE_URL = new URL("../pyodide/", HERE);
// Pyodide's runtime script, made smaller at build time (site_src/fast_start.py minified_runtime);
// handed to loadPyodide through pyodide_private.js instead of the stock one.
export const RUNTIME_URL = new URL("pyodide.asm.min.mjs", PYODIDE_URL);
// The build replaces the placeholder with the wheel's file name and a content hash.
export const WHEEL_URL = new URL("__WHEEL_FILE__", HERE);
// Our standard library (site_src/zelfcheck/stdlib.mjs): byte-compiled, only what the engine imports.
// Python then need not compile its standard library from source at every start.
export const STDLIB_URL = new URL("__STDLIB_FILE__", HERE);
// A lock file without packages (we load none), so loadPyodide does not fetch the stock one.
export const LOCK_FILE = "__LOCK_FILE__";
// The worker that runs Pyodide and the engine.
export const WORKER_URL = new URL("engine-worker.js", HERE);
// Warm start. The first start of each build keeps a memory snapshot of the started engine in Cache
// Storage; later visits restore it instead of starting Python and importing the engine again. It
// needs Pyodide's private snapshot options (pyodide_private.js), so every problem falls back to the
// documented start: no Cache Storage, no snapshot yet, or one that does not restore (it is deleted,
// and a new one kept). The snapshot is taken in the worker before the page passes any answer, date
// or note: it holds none. The build fills in a key for this build's runtime, standard library and
// wheel, so a new build never restores an old engine; keeping a snapshot removes those of other
// builds.
export const SNAPSHOT_CACHE = "zelfcheck-engine";
export const SNAPSHOT_URL = new URL("__SNAPSHOT_FILE__", HERE);
// Loading fails when for this long no byte arrives and no file finishes: a slow school connection
// (100 KB/s takes about 35 s for the 3.5 MB brotli) keeps delivering and does not fail; a dead one
// does. The clock stops while nothing is in flight (the device compiling, Python starting): slow
// but sure work of this device. It runs here, on the page's timers, fed by the worker's reports.
export const STALL_MS = 30000;

export class EngineError extends Error {
  constructor(reason, cause) {
    super(`engine ${reason}${cause ? `: ${cause.message ?? cause}` : ""}`);
    this.name = "EngineError";
    this.reason = reason;
    this.cause = cause;
  }
}

// Everything loadPyodide is told on the documented path, in one place: our byte-compiled standard
// library (stdLibURL) and lock-file contents. The worker adds the smaller runtime and the snapshot
// through pyodide_private.js. The Node parity test starts Pyodide with the same options (with file
// paths: Node reads files, not URLs) and passes the runtime itself.
export function pyodideOptions({ indexURL = PYODIDE_URL.href, stdLibURL = STDLIB_URL.href,
  createPyodideModule } = {}) {
  const options = { indexURL, stdLibURL, lockFileContents: LOCK_FILE };
  return createPyodideModule ? { ...options, createPyodideModule } : options;
}

// --- the page's side ---------------------------------------------------------------------------------

let loading = null;
let status = { state: "idle", error: null };
const listeners = new Set();
const progressListeners = new Set();
let received = 0;

function mark(name) {
  // Timestamps for tests and benchmarks: performance.getEntriesByName("meldcode-engine-ready").
  globalThis.performance?.mark?.(name);
}

function setStatus(state, error = null) {
  status = { state, error };
  mark(`meldcode-engine-${state}`);
  for (const listener of listeners) listener(state, error);
}

// Call `listener(state, error)` now and on every change; returns a function that stops listening.
export function onStatus(listener) {
  listeners.add(listener);
  listener(status.state, status.error);
  return () => listeners.delete(listener);
}

// Call `listener(bytes)` with the number of bytes the engine's downloads have brought in so far.
export function onProgress(listener) {
  progressListeners.add(listener);
  listener(received);
  return () => progressListeners.delete(listener);
}

function addReceived(bytes) {
  received += bytes;
  for (const listener of progressListeners) listener(received);
}

// The one loading promise of this page. Options only count on the first call (and on a retry):
// `stallMs` (STALL_MS), and `documented: true` for the start with Pyodide's documented options only
// (no smaller runtime, no snapshot; pyodide_private.js).
export function engine({ stallMs = STALL_MS, documented = false } = {}) {
  if (!loading) {
    setStatus("loading");
    loading = load(stallMs, documented).then(
      async (api) => {
        await settled();
        setStatus("ready");
        return api;
      },
      (error) => {
        const failure = error instanceof EngineError ? error : new EngineError("error", error);
        setStatus("failed", failure);
        throw failure;
      },
    );
  }
  return loading;
}

// Load again after a failure, in this page: what the page holds (answers, notes) stays. While
// loading or ready this is the same promise as engine().
export function retry(options) {
  if (status.state === "failed") loading = null;
  return engine(options);
}

// "Ready" also means the page is quiet from then on: no request follows it. The page hands other
// work that still fetches files (the offline cache storing a build, zelfcheck.js) to beforeReady;
// ready waits for it, at most SETTLE_MS.
export const SETTLE_MS = 10000;
const pending = [];

export function beforeReady(work) {
  pending.push(work);
}

function settled() {
  if (pending.length === 0) return Promise.resolve();
  return Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
}

// Rejects with EngineError("timeout") once `poke` has not been called for `ms` while something is
// still to arrive. `rest` stops the clock when nothing is in flight: what is left is the browser
// compiling and Python starting, work of this device that a busy or slow computer does slowly but
// surely (a .wasm that never compiles is caught in the worker). The next request pokes it again.
function stallWatch(ms) {
  let timer = 0;
  let fail;
  const stalled = new Promise((_, reject) => { fail = reject; });
  stalled.catch(() => {});
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new EngineError("timeout")), ms);
  };
  poke();
  const stop = () => clearTimeout(timer);
  return { stalled, poke, rest: stop, stop };
}

function hasWebAssembly() {
  return typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.instantiate === "function";
}

// Whether the worker may keep a warm-start snapshot: only where this page has Cache Storage (a
// browser or school policy without it gets the documented start every time).
function canKeepSnapshots() {
  return typeof caches === "object" && caches !== null;
}

// Start a worker and wait until its engine answers. Messages from the worker:
//   {type: "bytes", n}  n more bytes arrived (0: a request started or finished): progress;
//   {type: "rest"}      nothing in flight now: the stall clock stops until the next "bytes";
//   {type: "mark", name} a performance mark to set in the page (the snapshot's steps);
//   {type: "ready", pythonVersion, pyodideVersion} / {type: "failed", reason, message};
//   {type: "reply", id, out | error} the answer to a call.
async function load(stallMs, documented) {
  if (!hasWebAssembly()) throw new EngineError("no-wasm");
  const watchdog = stallWatch(stallMs);
  addReceived(0);
  let worker;
  try {
    worker = new Worker(WORKER_URL, { type: "module", name: "meldcode-engine" });
  } catch (error) {
    watchdog.stop();
    throw new EngineError("missing", error);
  }
  const replies = new Map();
  let nextId = 1;
  let settle;
  let stopped = null; // the error that stopped the worker: later calls fail at once, never hang
  const started = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  const fail = (error) => {
    stopped ??= error;
    for (const { reject } of replies.values()) reject(error);
    replies.clear();
    settle.reject(error);
  };
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "bytes") {
      watchdog.poke();
      if (data.n) addReceived(data.n);
    } else if (data.type === "rest") {
      watchdog.rest();
    } else if (data.type === "mark") {
      mark(data.name);
    } else if (data.type === "ready") {
      settle.resolve(data);
    } else if (data.type === "failed") {
      settle.reject(new EngineError(data.reason, new Error(data.message)));
    } else if (data.type === "reply") {
      const waiting = replies.get(data.id);
      replies.delete(data.id);
      if (!waiting) return;
      if (data.error) waiting.reject(Object.assign(new Error(data.error.message), data.error));
      else waiting.resolve(data.out);
    }
  });
  // The worker's script (or a module it imports) missing or broken; or the worker stopped.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(new EngineError("missing", new Error(event.message || "worker")));
  });
  worker.addEventListener("messageerror", () => fail(new EngineError("error", new Error("messageerror"))));
  worker.postMessage({ type: "start", keepSnapshots: canKeepSnapshots(), documented });
  let info;
  try {
    info = await Promise.race([started, watchdog.stalled]);
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    watchdog.stop();
  }
  const send = (kind, name, args) => new Promise((resolve, reject) => {
    if (stopped) return reject(stopped);
    const id = nextId++;
    replies.set(id, { resolve, reject });
    worker.postMessage({ type: kind, id, name, args });
  });
  return {
    pythonVersion: info.pythonVersion,
    pyodideVersion: info.pyodideVersion,
    // JSON in, JSON out, as startEngine below: resolves with what protocol/api.py returns, rejects
    // on {"error": ...} (an Error with its `kind` and `message`).
    call: (name, args = {}) => send("call", name, args),
    // The answer as Python wrote it, errors included.
    answer: (name, args = {}) => send("answer", name, args),
  };
}

// --- the worker's side (and the Node parity test) ----------------------------------------------------

// Install the protocol wheel into a loaded Pyodide and return the engine's one door. Also used by
// the parity test under Node, so the browser and the test start the engine the same way.
export function startEngine(pyodide, wheelBytes) {
  // Read from sys.path (no import): `sysconfig` would cost a module compile at every start.
  const sitePackages = pyodide.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
  pyodide.unpackArchive(new Uint8Array(wheelBytes), "wheel", { extractDir: sitePackages });
  const api = pyodide.pyimport("protocol.api");
  return {
    pythonVersion: pyodide.runPython("import sys; sys.version.split()[0]"),
    pyodideVersion: pyodide.version,
    // JSON in, JSON out: `call("state", {answers})` returns what protocol/api.py returns.
    // An answer {"error": {kind, message}} (protocol/api.py's contract: bad input or a bug in the
    // engine) is never the person's doing, since the page sends only what Python asked for: it throws,
    // and the page shows its failure box while keeping the answers.
    call(name, args = {}) {
      const out = JSON.parse(api.call(name, JSON.stringify(args)));
      if (out.error) throw Object.assign(new Error(out.error.message), out.error);
      return out;
    },
    // The answer as Python wrote it, errors included: what the parity test compares with CPython.
    answer(name, args = {}) {
      return JSON.parse(api.call(name, JSON.stringify(args)));
    },
  };
}
