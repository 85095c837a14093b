// The self-check page: moves the DOM and calls Python, nothing else. Every text, decision, date, the
// record and the calendar file come from protocol/api.py (through engine.js). Our own fixed words
// are in the page's HTML, written at build time. The answers, notes and dates live only in the
// `memory` object below: nothing is stored, and a reload forgets everything. The browser's history
// gets one entry per question (as GOV.UK's question pages do), holding only the number of answers:
// Back goes to the previous question, not away from the page.
//
// The page starts in the state "static": the first question to read and a link to the static
// pages, no buttons. An inline script in the page's head shows the buttons at once, and shows the
// static route again if this module has not run by DOMContentLoaded (a file missing, a syntax
// error). Running, it leaves "static" (onStatus below), so the buttons stay.

import { beforeReady, engine, onProgress, onStatus, retry } from "./engine.js";

const root = document.getElementById("zelfcheck");
if (root) {
  keepOffline();
  main(root);
}

// The offline cache (sw.js at the site root, built from site_src/zelfcheck/sw.js): registered at
// once, so it stores the site's files while the engine loads. It never holds answers or notes.
// The engine says "ready" only once a worker that is installing by then (the first one, or a new
// build's found when the page opened) has stored its files, so a first visit makes no request after
// "ready". A new build found later is stored in the background; the page itself asks nothing.
// (Asking the browser to look for a new build here, registration.update(), took 2-5 s: not done.)
// Without it (an old browser, a school policy) the self-check works the same, online.
function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  beforeReady((async () => {
    const registration = await navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url).href);
    await installed(registration.installing);
  })().catch(() => {})); // offline, or blocked: nothing to wait for
}

function installed(worker) {
  return new Promise((resolve) => {
    if (!worker) return resolve();
    const check = () => worker.state !== "installing" && resolve();
    worker.addEventListener("statechange", check);
    check();
  });
}

function main(root) {
  const $ = (id) => document.getElementById(id);
  const form = $("zc-question");
  const live = $("zc-live");
  // `trail`: the answers the history entries point into (Back and Forward walk along it).
  // `failedDates`: dates as typed that made a call fail; they are shown, not used.
  const memory = { answers: [], chosen: {}, notes: {}, dates: {}, failedDates: {}, trail: [] };
  let api = null;
  let current = null; // the last state Python returned
  let noteTimer = 0;
  let unsaved = false; // something entered that no download or print has taken along yet
  const objectUrls = new Set(); // downloads made in the page, until revoked

  onStatus((state, error) => {
    root.dataset.state = state;
    if (state === "loading") {
      $("zc-failed").hidden = true;
      $("zc-loading").hidden = false;
    }
    if (state === "failed") showFailure(error);
    // Ready: the loading notice turns invisible but keeps its place (zelfcheck.css), so nothing
    // on the page moves under the reader's eyes or pointer.
    if (state === "ready") live.textContent = $("zc-ready-text").textContent;
  });
  onProgress((bytes) => { root.dataset.received = String(bytes); });
  // Reloaded on a later question: memory is empty, so this entry is the first question.
  history.replaceState({ zelfcheck: 0 }, "");
  // Python starts at once: it loads and starts in its own worker (engine.js), so it holds up
  // neither the first paint nor the main thread.
  engine().then(started, () => {});

  function started(ready) {
    api = ready;
    // A choice made while Python was loading stays chosen.
    const checked = form.querySelector("input[name=antwoord]:checked");
    if (checked && memory.answers.length === 0) memory.chosen[form.dataset.question] = checked.value;
    render(false);
  }

  function showFailure(error) {
    const box = $("zc-failed");
    for (const p of box.querySelectorAll("[data-reason]")) p.hidden = p.dataset.reason !== error.reason;
    if (!box.querySelector(`[data-reason="${error.reason}"]`)) box.querySelector("[data-reason=error]").hidden = false;
    $("zc-loading").hidden = true;
    box.hidden = false;
    $("zc-failed-title").focus();
  }

  async function ready() {
    if (api) return api;
    live.textContent = $("zc-waiting-text").textContent;
    return engine();
  }

  function localNow() {
    const d = new Date();
    const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
    const offset = -d.getTimezoneOffset();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
      `${pad(d.getMinutes())}:${pad(d.getSeconds())}${offset >= 0 ? "+" : "-"}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function fill(container, nodes) {
    container.replaceChildren(...nodes);
  }

  // The meldcode's own text ("quote") and ours ("note", Toelichting), as the site's pages show them.
  function block(kind, children) {
    const box = el("div", null, `admonition ${kind}`);
    const title = $(kind === "quote" ? "zc-source-label" : "zc-ours-label").textContent;
    box.append(el("p", title, "admonition-title"), ...children);
    return box;
  }

  // --- rendering ---------------------------------------------------------------------------------

  // A bug in Python must not leave a page that looks fine but no longer answers: show the failure
  // box with the static route, as when loading fails. Memory stays: "Probeer het opnieuw" draws
  // the page again from it.
  function broken(error) {
    root.dataset.state = "failed";
    showFailure({ reason: "error" });
    console.error(error);
  }

  // The dates Python may use: not those that made a call fail.
  function usableDates() {
    return Object.fromEntries(Object.entries(memory.dates).filter(([basis]) => !(basis in memory.failedDates)));
  }

  // `moveFocus`: a step to another question (Volgende, Vorige, Wijzig, history). Until Python's
  // answer is drawn the form's controls are disabled: a second click on "Volgende", or a choice
  // made in the question still on screen, cannot count for the question that comes next.
  async function render(moveFocus, announce = true) {
    try {
      await ready();
    } catch {
      return; // a loading failure is shown by onStatus already
    }
    if (moveFocus) hold(true);
    try {
      await draw(moveFocus, announce);
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
  // then draws both in one go, so a draw never mixes an old answer with a new one. Draws answer in
  // the order they were asked (one worker, one queue), so the last one asked is the last one drawn.
  async function draw(moveFocus, announce = true) {
    busy(true);
    try {
      await drawNow(moveFocus, announce);
    } finally {
      busy(false);
    }
  }

  async function drawNow(moveFocus, announce) {
    clearTimeout(noteTimer); // a check of the note still waiting belongs to the question drawn before
    // A choice not yet sent with "Volgende" stays chosen when the page is drawn again (a date changed).
    const checked = form.hidden ? null : form.querySelector("input[name=antwoord]:checked");
    if (checked) memory.chosen[form.dataset.question] = checked.value;
    const [state, made] = await Promise.all([
      api.call("state", { answers: memory.answers, dates: usableDates(), chosen: memory.chosen }),
      memory.answers.length === 0 ? null : api.call("record", recordArgs()),
    ]);
    const warning = state.question ? await noteWarning(state.question.id) : "";
    // A choice made in this same question while Python answered stays chosen.
    const now = form.hidden ? null : form.querySelector("input[name=antwoord]:checked");
    if (now && state.question && form.dataset.question === state.question.id) {
      memory.chosen[state.question.id] = now.value;
      state.question.given = now.value;
    }
    current = state;
    renderActions(state.actions);
    renderQuestion(state.question, warning);
    renderOutcome(state.outcome, state.loops);
    renderDuties(state.duties);
    renderDates(state.dates);
    renderPath(state.answers);
    renderRecord(made);
    highlight(state.highlight);
    if (announce) live.textContent = state.announce;
    guardLeaving();
    if (moveFocus) $(state.question ? "zc-heading" : "zc-outcome-heading").focus();
  }

  function renderActions(actions) {
    const box = $("zc-actions");
    box.hidden = actions.length === 0;
    fill(box, actions.map((action) => {
      const section = el("section", null, "zc-action");
      section.append(el("h2", action.title),
        block("quote", [...action.text.map((t) => el("p", t)), ...footnoteList(action.footnotes, "text")]),
        block("note", [el("p", action.summary), el("p", action.explanation),
          ...footnoteList(action.footnotes, "explanation")]));
      return section;
    }));
  }

  // A footnote's protocol text (part "text") or our explanation of it (part "explanation").
  function footnoteList(footnotes, part) {
    return footnotes.map((f) => {
      const item = el("p", null, "zc-footnote");
      item.append(el("span", f.mark, "zc-mark"), document.createTextNode(` ${f[part]}`));
      return item;
    });
  }

  function renderQuestion(question, warning) {
    form.hidden = !question;
    if (!question) return;
    form.dataset.question = question.id;
    $("zc-phase").textContent = question.phase.title;
    $("zc-phase-text").textContent = question.phase.text;
    $("zc-phase-text").hidden = !question.phase.text;
    $("zc-heading").textContent = question.heading;
    $("zc-text").textContent = question.text;
    fill($("zc-footnotes"), footnoteList(question.footnotes, "text"));
    $("zc-explanation").textContent = question.explanation;
    fill($("zc-footnote-explanations"), footnoteList(question.footnotes, "explanation"));
    fill($("zc-answers"), question.answers.map((answer) => {
      const wrap = el("div", null, "zc-radio");
      const input = el("input");
      input.type = "radio";
      input.name = "antwoord";
      input.id = `zc-a-${answer.id}`;
      input.value = answer.id;
      input.checked = answer.id === question.given;
      wrap.append(input, el("label", answer.label));
      wrap.lastChild.htmlFor = input.id;
      return wrap;
    }));
    $("zc-error").hidden = true;
    const note = $("zc-note");
    note.value = memory.notes[question.id] ?? "";
    showNoteWarning(warning);
    $("zc-back").hidden = memory.answers.length === 0;
  }

  function renderOutcome(outcome, loops) {
    const box = $("zc-outcome");
    box.hidden = !outcome;
    if (!outcome) return;
    $("zc-outcome-heading").textContent = outcome.heading;
    $("zc-outcome-summary").textContent = outcome.summary;
    fill($("zc-outcome-text"), outcome.text.map((t) => el("p", t)));
    fill($("zc-outcome-footnotes"), footnoteList(outcome.footnotes, "text"));
    $("zc-outcome-explanation").textContent = outcome.explanation;
    fill($("zc-loops"), loops.map((loop) => {
      const box = el("div", null, "zc-loop");
      box.dataset.loop = loop.id;
      box.append(el("h4", `${loop.label}: ${loop.to.title}`),
        block("quote", loop.to.text.map((t) => el("p", t))),
        block("note", [el("p", loop.explanation)]));
      return box;
    }));
    $("zc-loops-box").hidden = loops.length === 0;
  }

  function renderDuties(duties) {
    $("zc-duties").hidden = duties.length === 0;
    fill($("zc-duties-list"), duties.map((section) => {
      const box = el("section", null, "zc-duty");
      box.dataset.section = section.id;
      const list = el("ul");
      list.append(...section.items.map((item) => el("li", item)));
      const ours = [el("p", section.summary), ...(section.explanation ? [el("p", section.explanation)] : [])];
      box.append(el("h3", section.title), block("note", ours), block("quote", [list]));
      return box;
    }));
  }

  function dateField(need) {
    const wrap = el("div", null, "zc-field");
    const input = el("input");
    input.type = "date";
    input.autocomplete = "off"; // not kept in the browser's session files
    input.id = `zc-date-${need.basis}`;
    input.value = need.value;
    input.dataset.basis = need.basis;
    const label = el("label", need.label);
    label.htmlFor = input.id;
    const problem = el("p", null, "zc-error");
    problem.id = `${input.id}-problem`;
    const warning = el("p", null, "zc-warning");
    warning.id = `${input.id}-warning`;
    wrap.append(label, input, problem, warning);
    return wrap;
  }

  function renderDates(dates) {
    const box = $("zc-dates");
    box.hidden = dates.needed.length === 0;
    const inputs = $("zc-date-inputs");
    // The same fields stay in place while someone types a date; they are rebuilt only when the
    // dates asked for change.
    const key = dates.needed.map((need) => need.basis).join(" ");
    if (inputs.dataset.key !== key) {
      fill(inputs, dates.needed.map(dateField));
      inputs.dataset.key = key;
    }
    for (const need of dates.needed) {
      const input = $(`zc-date-${need.basis}`);
      const failed = memory.failedDates[need.basis];
      // A date that made a call fail stays in its field, as typed, to be corrected.
      const value = failed ?? need.value;
      if (document.activeElement !== input && input.value !== value) input.value = value;
      const problem = $(`zc-date-${need.basis}-problem`);
      const text = failed === undefined ? need.problem : $("zc-date-failed-text").textContent;
      problem.textContent = text;
      problem.hidden = !text;
      const warning = $(`zc-date-${need.basis}-warning`);
      warning.textContent = text ? "" : need.warning;
      warning.hidden = !warning.textContent;
      if (text) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      const describedBy = [text && problem.id, warning.textContent && warning.id].filter(Boolean).join(" ");
      if (describedBy) input.setAttribute("aria-describedby", describedBy);
      else input.removeAttribute("aria-describedby");
    }
    $("zc-due-box").hidden = dates.due.length === 0;
    fill($("zc-due"), dates.due.map((d) => {
      const item = el("li");
      item.dataset.deadline = d.id;
      item.append(el("strong", `${d.title}: `), document.createTextNode(d.when), el("br"),
        el("span", d.explanation));
      if (d.counting) item.append(el("br"), el("span", d.counting, "zc-counting"));
      return item;
    }));
  }

  function renderPath(answers) {
    $("zc-path-empty").hidden = answers.length > 0;
    fill($("zc-path-list"), answers.map((answer, index) => {
      const item = el("li");
      item.append(el("span", answer.heading, "zc-path-q"), document.createTextNode(" "),
        el("strong", answer.label), document.createTextNode(" "));
      const change = el("button", answer.change, "md-button zc-small");
      change.type = "button";
      change.addEventListener("click", () => {
        saveNote();
        memory.answers = memory.answers.slice(0, index);
        history.pushState({ zelfcheck: index }, ""); // Back returns to where "Wijzig" was clicked
        render(true);
      });
      item.append(change);
      return item;
    }));
  }

  function recordArgs() {
    return { answers: memory.answers, now: localNow(), dates: usableDates(), notes: memory.notes };
  }

  // `made`: Python's record for the answers as they were when it was asked; null before any answer.
  function renderRecord(made) {
    const box = $("zc-record");
    box.hidden = memory.answers.length === 0 || !made;
    if (box.hidden) {
      $("zc-record-text").textContent = ""; // no copy of an earlier record stays in the page
      return;
    }
    $("zc-record-text").textContent = made.text;
    $("zc-download-ics").hidden = current.dates.due.length === 0;
  }

  function highlight(h) {
    const chart = $("zc-chart");
    if (!chart) return;
    for (const node of chart.querySelectorAll(".zc-walked, .zc-current")) node.classList.remove("zc-walked", "zc-current");
    for (const id of h.nodes) document.getElementById(`node-${id}`)?.classList.add("zc-walked");
    for (const id of h.edges) document.getElementById(`edge-${id}`)?.classList.add("zc-walked");
    document.getElementById(`node-${h.current}`)?.classList.add("zc-current");
  }

  // Python's warning about the note at this question ("" for none).
  async function noteWarning(questionId) {
    const text = memory.notes[questionId] ?? "";
    if (!api || !text.trim()) return "";
    return (await api.call("note", { text, today: localNow().slice(0, 10) })).warning;
  }

  function showNoteWarning(warning) {
    const box = $("zc-note-warning");
    // Said aloud once when it appears, not again for every letter typed after it.
    if (box.hidden && warning) live.textContent = warning;
    box.textContent = warning;
    box.hidden = !warning;
  }

  function download(made) {
    const url = URL.createObjectURL(new Blob([made.text], { type: `${made.mime};charset=utf-8` }));
    objectUrls.add(url);
    const link = el("a");
    link.href = url;
    link.download = made.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => forget(url), 1000); // the browser has the file by then
  }

  function forget(url) {
    URL.revokeObjectURL(url);
    objectUrls.delete(url);
  }

  // Leaving the page (closing it, another address) loses everything: ask first, but only while
  // something entered has not been downloaded or printed. Listening only then keeps the page
  // eligible for the browser's back-forward cache otherwise.
  function warnBeforeLeaving(event) {
    event.preventDefault();
    event.returnValue = "";
  }

  function guardLeaving() {
    const anything = memory.answers.length > 0 || Object.values(memory.notes).some((n) => n.trim()) ||
      Object.values(memory.dates).some(Boolean);
    if (unsaved && anything) window.addEventListener("beforeunload", warnBeforeLeaving);
    else window.removeEventListener("beforeunload", warnBeforeLeaving);
  }

  function changed() {
    unsaved = true;
    guardLeaving();
  }

  function saved() {
    unsaved = false;
    guardLeaving();
  }

  // --- history: one entry per question -------------------------------------------------------------

  function saveNote() {
    if (!form.hidden && form.dataset.question) memory.notes[form.dataset.question] = $("zc-note").value;
  }

  // "Vorige vraag" in the page is a step of its own, as a back link on GOV.UK's question pages: a
  // new history entry, so the browser's Back then returns to the question it came from.
  function goBack() {
    saveNote();
    if (memory.answers.length === 0) return;
    memory.answers.pop();
    history.pushState({ zelfcheck: memory.answers.length }, "");
    render(true);
  }

  window.addEventListener("popstate", (event) => {
    const wanted = event.state?.zelfcheck;
    if (typeof wanted !== "number") return; // not ours (a link to a heading on this page)
    saveNote();
    memory.answers = memory.trail.slice(0, Math.min(wanted, memory.trail.length));
    render(true);
  });

  // --- events -------------------------------------------------------------------------------------

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const checked = form.querySelector("input[name=antwoord]:checked");
    if (!checked) {
      $("zc-error").hidden = false;
      form.querySelector("input[name=antwoord]")?.focus();
      return;
    }
    try {
      await ready();
    } catch {
      return; // the failure box is shown already
    }
    const question = form.dataset.question;
    memory.notes[question] = $("zc-note").value;
    memory.chosen[question] = checked.value;
    memory.answers.push([question, checked.value]);
    memory.trail = memory.answers.slice();
    history.pushState({ zelfcheck: memory.answers.length }, "");
    changed();
    await render(true);
  });

  $("zc-back").addEventListener("click", goBack);
  $("zc-outcome-back").addEventListener("click", goBack);

  $("zc-note").addEventListener("input", () => {
    const question = form.dataset.question;
    memory.notes[question] = $("zc-note").value;
    changed();
    clearTimeout(noteTimer);
    noteTimer = setTimeout(async () => {
      // Only for the question it was typed at: "Volgende" may have been quicker than this check.
      const here = () => !form.hidden && form.dataset.question === question;
      if (!here()) return;
      try {
        const [warning, made] = await Promise.all([noteWarning(question),
          api && memory.answers.length > 0 ? api.call("record", recordArgs()) : null]);
        if (!here()) return; // answered while Python checked: that question's draw says what is true
        showNoteWarning(warning);
        if (api) renderRecord(made);
      } catch (error) {
        broken(error);
      }
    }, 300);
  });

  // No date a person can type may end the session: a call that fails on a date leaves that date
  // out, says so next to its field, and the page goes on with everything else.
  $("zc-date-inputs").addEventListener("change", async (event) => {
    const basis = event.target?.dataset?.basis;
    if (!basis) return;
    memory.dates[basis] = event.target.value;
    delete memory.failedDates[basis];
    changed();
    try {
      await ready();
    } catch {
      return;
    }
    try {
      await draw(false, false);
    } catch (error) {
      console.error(error);
      memory.failedDates[basis] = event.target.value;
      try {
        await draw(false, false);
      } catch (again) {
        broken(again);
        return;
      }
    }
    const problem = $(`zc-date-${basis}-problem`);
    if (problem && !problem.hidden) live.textContent = problem.textContent;
  });

  $("zc-restart").addEventListener("click", async () => {
    saveNote();
    memory.answers = [];
    history.pushState({ zelfcheck: 0 }, "");
    await render(true);
  });

  // Every copy goes: memory, the fields, the record in the page, the downloaded files' addresses.
  $("zc-clear").addEventListener("click", async () => {
    clearTimeout(noteTimer);
    memory.answers = [];
    memory.chosen = {};
    memory.notes = {};
    memory.dates = {};
    memory.failedDates = {};
    memory.trail = [];
    for (const url of [...objectUrls]) forget(url);
    form.reset();
    $("zc-note").value = "";
    $("zc-record-text").textContent = "";
    history.replaceState({ zelfcheck: 0 }, "");
    saved();
    await render(true);
    live.textContent = $("zc-cleared-text").textContent;
  });

  $("zc-print").addEventListener("click", () => {
    window.print();
    saved();
  });
  $("zc-download-record").addEventListener("click", async () => {
    try {
      download(await api.call("record", recordArgs()));
      saved();
    } catch (error) {
      broken(error);
    }
  });
  $("zc-download-ics").addEventListener("click", async () => {
    try {
      // A random id per file: two cases with the same dates never share an event's UID.
      const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
      download(await api.call("ics", { answers: memory.answers, now: localNow(), dates: usableDates(), export: id }));
    } catch (error) {
      broken(error);
    }
  });
  // Again in this page: what was typed stays. Loading starts again if it failed; after a failed
  // call the page is drawn again from memory.
  $("zc-retry").addEventListener("click", () => {
    if (api) {
      $("zc-failed").hidden = true;
      root.dataset.state = "ready";
      render(true);
      return;
    }
    retry().then(started, () => {});
  });
}
