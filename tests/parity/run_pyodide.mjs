// Run the built site's engine in Pyodide under Node, the same way the page starts it (the
// site's engine.js: its loadPyodide options, so our trimmed, byte-compiled standard library and the
// smaller runtime script, and startEngine), and print the answers to the requests as JSON. A module the engine needs but the
// trimmed standard library lacks fails here with an ImportError.
//
//   node tests/parity/run_pyodide.mjs <site dir> < requests.json > answers.json
//
// requests.json: [{"name": "state", "args": {...}}, ...]; answers.json: the JSON each call returned.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// An error is printed as its message only: Node's own report of an uncaught error starts with the
// minified source line (1.2 MB) and a pipe may cut it off before the Python traceback.
try {
  const site = resolve(process.argv[2]);
  const requests = JSON.parse(readFileSync(0, "utf8"));
  const { loadPyodide } = await import(pathToFileURL(join(site, "assets/pyodide/pyodide.mjs")).href);
  const engineModule = await import(pathToFileURL(join(site, "assets/zelfcheck/engine.js")).href);
  const wheelName = decodeURIComponent(new URL(engineModule.WHEEL_URL).pathname.split("/").pop());
  const stdlibName = new URL(engineModule.STDLIB_URL).pathname.split("/").pop();
  const runtimeName = new URL(engineModule.RUNTIME_URL).pathname.split("/").pop();
  const runtime = await import(pathToFileURL(join(site, "assets/pyodide", runtimeName)).href);
  const options = engineModule.pyodideOptions({
    indexURL: join(site, "assets/pyodide") + "/",
    stdLibURL: join(site, "assets/zelfcheck", stdlibName),
    createPyodideModule: runtime.default,
  });
  const pyodide = await loadPyodide(options);
  const modules = () => pyodide.runPython("import sys; sorted(sys.modules)").toJs();
  const modulesAtStart = modules();
  const api = engineModule.startEngine(pyodide, readFileSync(join(site, "assets/zelfcheck", wheelName)));
  const answers = requests.map(({ name, args }) => api.answer(name, args));
  const modulesAfter = modules();
  // Where the standard library came from: our zip holds compiled files only (json/__init__.pyc).
  const stdlib = pyodide.runPython("import json; json.__file__");
  const tomllib = pyodide.runPython("import sys; getattr(sys.modules.get('tomllib'), '__file__', None)");
  process.stdout.write(JSON.stringify({ python: api.pythonVersion, pyodide: api.pyodideVersion, stdlib,
    options: { ...options, lockFileContents: typeof options.lockFileContents,
      createPyodideModule: typeof options.createPyodideModule }, modulesAtStart, modulesAfter, tomllib,
    answers }));
} catch (error) {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exitCode = 1;
}
