// Run the built site's engine in Pyodide under Node, the same way the page starts it
// (startEngine from the site's engine.js), and print the answers to the requests as JSON.
//
//   node tests/parity/run_pyodide.mjs <site dir> < requests.json > answers.json
//
// requests.json: [{"name": "state", "args": {...}}, ...]; answers.json: the JSON each call returned.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const site = resolve(process.argv[2]);
const requests = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(site, "assets/pyodide/pyodide.mjs")).href);
const engineModule = await import(pathToFileURL(join(site, "assets/zelfcheck/engine.js")).href);
const wheelName = decodeURIComponent(new URL(engineModule.WHEEL_URL).pathname.split("/").pop());
const pyodide = await loadPyodide({ indexURL: join(site, "assets/pyodide") + "/" });
const api = engineModule.startEngine(pyodide, readFileSync(join(site, "assets/zelfcheck", wheelName)));
const answers = requests.map(({ name, args }) => api.call(name, args));
process.stdout.write(JSON.stringify({ python: api.pythonVersion, pyodide: api.pyodideVersion, answers }));
