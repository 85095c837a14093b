// The self-check page: moves the DOM and calls Python, nothing else. Every text, decision, date, the
// record and the calendar file come from protocol/api.py (through engine.js); the page's markup and
// our own fixed words come from its template (site_src/theme/zelfcheck.html), written at build time.
// The modules: state.js (what was entered, in memory only), render.js (the page drawn from
// Python's answers), events.js (clicks, keys, history, leaving), offline.js (the offline cache).
// This one starts them and asks Python.
//
// The page starts in the state "static": the first question to read and a link to the static
// pages, no buttons. An inline script in the page's head shows the buttons at once, and shows the
// static route again if this module has not run by DOMContentLoaded (a file missing, a syntax
// error). Running, it leaves "static" (onStatus below), so the buttons stay.

import { engine, onProgress, onStatus, retry } from "./engine.js";
import { listen } from "./events.js";
import { keepOffline } from "./offline.js";
import { announce, drawState, ourText, showFailure, showLoading } from "./render.js";
import { createMemory, localNow, recordArgs, usableDates } from "./state.js";

const root = document.getElementById("zelfcheck");
if (root) {
  keepOffline();
  main(root);
}

function main(root) {
  const form = document.getElementById("zc-question");
  const app = {
    root, form, memory: createMemory(),
    api: null, // the engine, once ready
    current: null, // the last state Python returned
    noteTimer: 0, // a check of the note, waiting for the typing to pause
    ready, render, draw, broken, noteWarning, retry: () => retry().then(started, () => {}),
  };

  onStatus((state, error) => {
    root.dataset.state = state;
    if (state === "loading") showLoading();
    if (state === "failed") showFailure(error.reason);
    // Ready: the loading notice turns invisible but keeps its place (zelfcheck.css), so nothing
    // on the page moves under the reader's eyes or pointer.
    if (state === "ready") announce(ourText("zc-ready-text"));
  });
  onProgress((bytes) => { root.dataset.received = String(bytes); });
  // Reloaded on a later question: memory is empty, so this entry is the first question.
  history.replaceState({ zelfcheck: 0 }, "");
  listen(app);
  // Python starts at once: it loads and starts in its own worker (engine.js), so it holds up
  // neither the first paint nor the main thread.
  engine().then(started, () => {});

  function started(api) {
    app.api = api;
    // A choice made while Python was loading stays chosen.
    const checked = form.querySelector("input[name=antwoord]:checked");
    if (checked && app.memory.answers.length === 0) app.memory.chosen[form.dataset.question] = checked.value;
    render(false);
  }

  async function ready() {
    if (app.api) return app.api;
    announce(ourText("zc-waiting-text"));
    return engine();
  }

  // A bug in Python must not leave a page that looks fine but no longer answers: show the failure
  // box with the static route, as when loading fails. Memory stays: "Probeer het opnieuw" draws
  // the page again from it.
  function broken(error) {
    root.dataset.state = "failed";
    showFailure("error");
    console.error(error);
  }

  // `moveFocus`: a step to another question (Volgende, Vorige, Wijzig, history). Until Python's
  // answer is drawn the form's controls are disabled: a second click on "Volgende", or a choice
  // made in the question still on screen, cannot count for the question that comes next.
  async function render(moveFocus, announceIt = true) {
    try {
      await ready();
    } catch {
      return; // a loading failure is shown by onStatus already
    }
    if (moveFocus) hold(true);
    try {
      await draw(moveFocus, announceIt);
    } catch (error) {
      broken(error);
    } finally {
      if (moveFocus) hold(false);
    }
  }

  let holds = 0;
  function hold(on) {
    holds += on ? 1 : -1;
    for (const control of form.elements) control.disabled = holds > 0;
  }

  // aria-busy on the self-check while a draw waits for Python (assistive technology may wait for
  // it to end before reading the changes; the tests wait for it too).
  let drawing = 0;
  function busy(on) {
    drawing += on ? 1 : -1;
    if (drawing > 0) root.setAttribute("aria-busy", "true");
    else root.removeAttribute("aria-busy");
  }

  // Python answers in its worker (engine.js): the page asks for the state and the record at once and
  // then draws both in one go, so a draw never mixes an old answer with a new one. Only the draw
  // asked for last draws: one asked for earlier may come back later (it also has the note checked,
  // one call more), and would show a question the person has already answered.
  let latestDraw = 0; // the number of the draw asked for last
  let lastDrawn = 0; // and of the one drawn last
  const owed = { focus: false, announce: false }; // what a skipped draw was to do: the newer one does it
  async function draw(moveFocus, announceIt = true) {
    busy(true);
    try {
      await drawNow(moveFocus, announceIt);
    } finally {
      busy(false);
    }
  }

  async function drawNow(moveFocus, announceIt) {
    const mine = ++latestDraw;
    const { memory, api } = app;
    clearTimeout(app.noteTimer); // a check of the note still waiting belongs to the question drawn before
    // A choice not yet sent with "Volgende" stays chosen when the page is drawn again (a date changed).
    const checked = form.hidden ? null : form.querySelector("input[name=antwoord]:checked");
    if (checked) memory.chosen[form.dataset.question] = checked.value;
    const [state, made] = await Promise.all([
      api.call("state", { answers: memory.answers, dates: usableDates(memory), chosen: memory.chosen }),
      memory.answers.length === 0 ? null : api.call("record", recordArgs(memory)),
    ]);
    const warning = state.question ? await noteWarning(state.question.id) : "";
    if (mine !== latestDraw) { // a newer draw was asked for meanwhile: it draws
      if (lastDrawn < latestDraw) {
        owed.focus ||= moveFocus;
        owed.announce ||= announceIt;
      }
      return;
    }
    // A choice made in this same question while Python answered stays chosen.
    const now = form.hidden ? null : form.querySelector("input[name=antwoord]:checked");
    if (now && state.question && form.dataset.question === state.question.id) {
      memory.chosen[state.question.id] = now.value;
      state.question.given = now.value;
    }
    app.current = state;
    drawState(state, made, memory, warning);
    if (announceIt || owed.announce) announce(state.announce);
    app.guardLeaving();
    if (moveFocus || owed.focus) document.getElementById(state.question ? "zc-heading" : "zc-outcome-heading").focus();
    owed.focus = owed.announce = false;
    lastDrawn = mine;
  }

  // Python's warning about the note at this question ("" for none).
  async function noteWarning(questionId) {
    const text = app.memory.notes[questionId] ?? "";
    if (!app.api || !text.trim()) return "";
    return (await app.api.call("note", { text, today: localNow().slice(0, 10) })).warning;
  }
}
