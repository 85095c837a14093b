// Build step, run under Node by site_src/hooks/zelfcheck.py: a byte-compiled standard library with
// only the modules the engine uses, for a fast start in the browser.
//
//   node site_src/zelfcheck/stdlib.mjs <pyodide dir> <protocol wheel> <requests.json> <out.zip> [module ...]
//
// Python compiling its standard library from source is most of Pyodide's start-up time. Here
// Pyodide's own Python (the same wasm the page runs, so the same bytecode magic number):
//   1. starts from the stock files, installs our wheel the way the page does (startEngine), and
//      runs every request of site_src/engine_requests.py (the same list the parity test runs:
//      every function of protocol/api.py over every path, every case and a few bad inputs);
//   2. takes every module then in sys.modules that came from the stock python_stdlib.zip, plus the
//      modules named on the command line (imported lazily, kept to be safe);
//   3. compiles each to a sourceless .pyc (zipimport imports those) in an uncompressed zip: the
//      host compresses the whole file much better (brotli/gzip) than zip does file by file.
//      Smaller still, because every byte here is downloaded: compiled as `python -OO` would
//      (no docstrings, no asserts), and with a minimal line-number table (a traceback through the
//      standard library shows each function's first line; our own package keeps its source and
//      lines).
//      Modules frozen into the runtime (os, io, importlib._bootstrap, ...) are left out: Python
//      never reads them from the zip. So are a few that start-up imports only when present
//      (LEFT_OUT);
//   4. starts Pyodide again on the new zip, runs the same calls and fails the build unless every
//      answer is the same.
// The page passes the result as loadPyodide's documented `stdLibURL`. A module that is missing
// would show as an ImportError: the parity test and the browser tests run on this zip.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, requestsPath, outPath, ...extra] = process.argv.slice(2);
if (!outPath) {
  console.error("gebruik: node stdlib.mjs <pyodide-map> <wiel> <verzoeken.json> <uit.zip> [module ...]");
  process.exit(2);
}
const requests = readFileSync(requestsPath, "utf8");
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const { startEngine } = await import(new URL("./engine.js", import.meta.url).href);

// Imported at start-up only if present (inside try/except ImportError), and never used by the
// engine: TLS for asyncio (ssl, and base64, which only ssl needs here) and the extra compressors
// of shutil and zipfile (bz2, lzma, zstd). Leaving them out saves 22 KB (brotli) and their import at
// every start. The second run below proves the engine answers the same without them.
const LEFT_OUT = ["ssl", "_ssl", "base64", "bz2", "lzma", "compression"];

// Every request of the list (site_src/engine_requests.py); returns all answers as one JSON text, so
// two runs can be compared.
const EXERCISE = String.raw`
import importlib, json
from protocol import api

answers = [api.call(r["name"], json.dumps(r["args"])) for r in json.loads(requests_json)]
for name in extra_modules:
    importlib.import_module(name)
json.dumps(answers)
`;

async function exercise(options) {
  const pyodide = await loadPyodide(options);
  startEngine(pyodide, readFileSync(wheelPath));
  pyodide.globals.set("extra_modules", pyodide.toPy(extra));
  pyodide.globals.set("requests_json", requests);
  return { pyodide, answers: pyodide.runPython(EXERCISE) };
}

const { pyodide, answers } = await exercise({ indexURL: resolve(pyodideDir) + "/" });
pyodide.globals.set("LEFT_OUT", pyodide.toPy(LEFT_OUT));

const zipBytes = pyodide.runPython(String.raw`
import importlib.util, io, marshal, sys, zipfile

STDLIB = "/lib/python314.zip"
source = zipfile.ZipFile(STDLIB)
names = set(source.namelist())
wanted = set()
for name, module in list(sys.modules.items()):
    where = getattr(module, "__file__", None) or ""
    frozen = getattr(getattr(module, "__spec__", None), "origin", None) == "frozen"
    if frozen or not where.startswith(STDLIB + "/"):
        continue  # built in, frozen into the runtime, or ours
    if name.split(".")[0] in LEFT_OUT:
        continue
    wanted.add(where[len(STDLIB) + 1:])
missing = sorted(n for n in wanted if n not in names)
if missing:
    raise RuntimeError(f"not in {STDLIB}: {missing}")

def without_lines(code):
    """The same code with a minimal location table: every instruction on the function's first line
    (entry kind 13, "no column", line delta 0, up to 8 code units each). Tracebacks still work."""
    consts = tuple(without_lines(c) if isinstance(c, type(code)) else c for c in code.co_consts)
    table = bytearray()
    units = len(code.co_code) // 2
    while units > 0:
        n = min(units, 8)
        table += bytes([0x80 | (13 << 3) | (n - 1), 0])
        units -= n
    return code.replace(co_consts=consts, co_linetable=bytes(table))

out = io.BytesIO()
header = importlib.util.MAGIC_NUMBER + b"\0\0\0\0" + b"\0" * 8  # flags 0: no source to check
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
    for name in sorted(wanted):
        code = compile(source.read(name), f"/lib/python3.14/{name}", "exec", dont_inherit=True,
                       optimize=2)
        code = without_lines(code)
        info = zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(2026, 1, 1, 0, 0, 0))
        target.writestr(info, header + marshal.dumps(code))
out.getvalue()
`);
writeFileSync(`${outPath}.tmp`, zipBytes.toJs());
zipBytes.destroy();

// The proof: the engine on the new standard library gives exactly the same answers.
const check = await exercise({ indexURL: resolve(pyodideDir) + "/", stdLibURL: resolve(`${outPath}.tmp`) });
if (check.answers !== answers) {
  console.error("de ingekorte standaardbibliotheek geeft andere antwoorden dan de volledige");
  process.exit(1);
}
renameSync(`${outPath}.tmp`, outPath);
