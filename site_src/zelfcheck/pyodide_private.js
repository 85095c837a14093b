// Every use of Pyodide's non-public API, in one module (the developers' guide asks this). Pyodide
// 314.0.7 marks these private or experimental (node_modules/pyodide/pyodide.d.ts):
//   - the loadPyodide options `_makeSnapshot` and `_loadSnapshot`, and `pyodide.makeMemorySnapshot()`
//     (private): a warm start from a memory snapshot of the started engine;
//   - the loadPyodide option `createPyodideModule` (experimental): our smaller runtime script,
//     imported lazily so the big downloads start first.
// They may change or go in any Pyodide release, and a snapshot is tied to the exact wasm build. So
// engine-worker.js treats all of this as optional:
//   - a Pyodide other than PRIVATE_API_VERSION, or a page that asks for it (engine({documented:
//     true})), gets `documented()`: the start with documented options only (the stock runtime
//     script, no snapshot); tests/test_offline.py starts the self-check that way and answers;
//   - a snapshot that does not restore is deleted and the engine starts from scratch; one that
//     cannot be made (or is too large, SNAPSHOT_MAX_BYTES) is not kept.

// The heap a snapshot holds is the runtime's memory; restoring a snapshot larger than the runtime's
// initial memory (480 wasm pages) fails (pyodide issue 6254), so a larger one is never kept.
export const SNAPSHOT_MAX_BYTES = 480 * 65536; // 31,457,280

// The Pyodide release these options were written and tested for; another one gets the documented
// start.
export const PRIVATE_API_VERSION = "314.0.7";

export function supported(pyodideModule) {
  return pyodideModule?.version === PRIVATE_API_VERSION;
}

// loadPyodide options for a start with our smaller runtime script. loadPyodide starts fetching the
// .wasm and the standard library before it calls createPyodideModule, so importing the runtime
// inside it lets those downloads start first. `track` counts the import as a download in flight.
export function withRuntime(options, runtimeUrl, track) {
  let runtime = null;
  const createPyodideModule = async (...args) => {
    runtime ??= track(import(runtimeUrl));
    return (await runtime).default(...args);
  };
  return { ...options, createPyodideModule };
}

// Options that make loadPyodide prepare a memory snapshot (taken later with `take`).
export function makingSnapshot(options) {
  return { ...options, _makeSnapshot: true };
}

// Options that restore the engine from a kept snapshot instead of starting Python.
export function fromSnapshot(options, bytes) {
  return { ...options, _loadSnapshot: bytes };
}

// The snapshot of a Pyodide started with makingSnapshot(), or null when its heap is larger than
// the runtime's initial memory (it would not restore) or its format is not the one we know.
export function take(pyodide) {
  const bytes = pyodide.makeMemorySnapshot();
  const heap = heapBytes(bytes);
  return heap !== null && heap <= SNAPSHOT_MAX_BYTES ? bytes : null;
}

// Pyodide 314's snapshot: "\0snp", the header's length (uint32, little-endian), ..., then the heap.
export function heapBytes(bytes) {
  if (bytes.byteLength < 8 || bytes[0] !== 0 || bytes[1] !== 0x73 || bytes[2] !== 0x6e || bytes[3] !== 0x70) {
    return null;
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  return header <= bytes.byteLength ? bytes.byteLength - header : null;
}

// The documented start: only options from Pyodide's documentation (indexURL, stdLibURL,
// lockFileContents); loadPyodide imports the stock runtime script itself.
export function documented(options) {
  const { createPyodideModule, _makeSnapshot, _loadSnapshot, ...rest } = options;
  return rest;
}
