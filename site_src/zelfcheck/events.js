// What the person does on the self-check page: answering, going back (the page's buttons and the
// browser's history), notes, dates, starting again, clearing, printing and downloading, and
// leaving the page. `app` (zelfcheck.js) holds the memory, the engine and the drawing.
//
// The browser's history gets one entry per question (as GOV.UK's question pages do), holding only
// the number of answers: Back goes to the previous question, not away from the page.

import { announce, ourText, renderRecord, showNoteWarning } from "./render.js";
import { anythingEntered, answer, forgetAll, icsArgs, recordArgs } from "./state.js";

export function listen(app) {
  const { form, memory } = app;
  const $ = (id) => document.getElementById(id);
  let unsaved = false; // something entered that no download or print has taken along yet
  const objectUrls = new Set(); // downloads made in the page, until revoked

  // --- leaving the page ---------------------------------------------------------------------------

  // Leaving the page (closing it, another address) loses everything: ask first, but only while
  // something entered has not been downloaded or printed. Listening only then keeps the page
  // eligible for the browser's back-forward cache otherwise.
  function warnBeforeLeaving(event) {
    event.preventDefault();
    event.returnValue = "";
  }

  app.guardLeaving = () => {
    if (unsaved && anythingEntered(memory)) window.addEventListener("beforeunload", warnBeforeLeaving);
    else window.removeEventListener("beforeunload", warnBeforeLeaving);
  };

  function changed() {
    unsaved = true;
    app.guardLeaving();
  }

  function saved() {
    unsaved = false;
    app.guardLeaving();
  }

  // --- history: one entry per question -------------------------------------------------------------

  function saveNote() {
    if (!form.hidden && form.dataset.question) memory.notes[form.dataset.question] = $("zc-note").value;
  }

  // Keep the first `count` answers and show the question after them, as a new history entry.
  function stepTo(count) {
    memory.answers = memory.answers.slice(0, count);
    history.pushState({ zelfcheck: count }, "");
    return app.render(true);
  }

  // "Vorige vraag" in the page is a step of its own, as a back link on GOV.UK's question pages: a
  // new history entry, so the browser's Back then returns to the question it came from.
  function goBack() {
    saveNote();
    if (memory.answers.length === 0) return;
    stepTo(memory.answers.length - 1);
  }

  window.addEventListener("popstate", (event) => {
    const wanted = event.state?.zelfcheck;
    if (typeof wanted !== "number") return; // not ours (a link to a heading on this page)
    saveNote();
    memory.answers = memory.trail.slice(0, Math.min(wanted, memory.trail.length));
    app.render(true);
  });

  // "Wijzig" at an answer in the path: back to that question (Back returns to where it was clicked).
  $("zc-path-list").addEventListener("click", (event) => {
    const change = event.target.closest?.("button[data-index]");
    if (!change) return;
    saveNote();
    stepTo(Number(change.dataset.index));
  });

  // --- answering ----------------------------------------------------------------------------------

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const checked = form.querySelector("input[name=antwoord]:checked");
    if (!checked) {
      $("zc-error").hidden = false;
      form.querySelector("input[name=antwoord]")?.focus();
      return;
    }
    try {
      await app.ready();
    } catch {
      return; // the failure box is shown already
    }
    answer(memory, form.dataset.question, checked.value, $("zc-note").value);
    history.pushState({ zelfcheck: memory.answers.length }, "");
    changed();
    await app.render(true);
  });

  $("zc-back").addEventListener("click", goBack);
  $("zc-outcome-back").addEventListener("click", goBack);

  $("zc-note").addEventListener("input", () => {
    const question = form.dataset.question;
    memory.notes[question] = $("zc-note").value;
    changed();
    clearTimeout(app.noteTimer);
    app.noteTimer = setTimeout(async () => {
      // Only for the question it was typed at: "Volgende" may have been quicker than this check.
      const here = () => !form.hidden && form.dataset.question === question;
      if (!here()) return;
      try {
        const [warning, made] = await Promise.all([app.noteWarning(question),
          app.api && memory.answers.length > 0 ? app.api.call("record", recordArgs(memory)) : null]);
        if (!here()) return; // answered while Python checked: that question's draw says what is true
        showNoteWarning(warning);
        if (app.api) renderRecord(made, memory, app.current);
      } catch (error) {
        app.broken(error);
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
      await app.ready();
    } catch {
      return;
    }
    try {
      await app.draw(false, false);
    } catch (error) {
      console.error(error);
      memory.failedDates[basis] = event.target.value;
      try {
        await app.draw(false, false);
      } catch (again) {
        app.broken(again);
        return;
      }
    }
    const problem = $(`zc-date-${basis}-problem`);
    if (problem && !problem.hidden) announce(problem.textContent);
  });

  // --- starting again -----------------------------------------------------------------------------

  $("zc-restart").addEventListener("click", async () => {
    saveNote();
    await stepTo(0);
  });

  // Every copy goes: memory, the fields, the record in the page, the downloaded files' addresses.
  $("zc-clear").addEventListener("click", async () => {
    clearTimeout(app.noteTimer);
    forgetAll(memory);
    for (const url of [...objectUrls]) forget(url);
    form.reset();
    $("zc-note").value = "";
    $("zc-record-text").textContent = "";
    history.replaceState({ zelfcheck: 0 }, "");
    saved();
    await app.render(true);
    announce(ourText("zc-cleared-text"));
  });

  // Again in this page: what was typed stays. Loading starts again if it failed; after a failed
  // call the page is drawn again from memory.
  $("zc-retry").addEventListener("click", () => {
    if (app.api) {
      $("zc-failed").hidden = true;
      app.root.dataset.state = "ready";
      app.render(true);
      return;
    }
    app.retry();
  });

  // --- printing and downloading -------------------------------------------------------------------

  function download(made) {
    const url = URL.createObjectURL(new Blob([made.text], { type: `${made.mime};charset=utf-8` }));
    objectUrls.add(url);
    const link = document.createElement("a");
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

  $("zc-print").addEventListener("click", () => {
    window.print();
    saved();
  });
  $("zc-download-record").addEventListener("click", async () => {
    try {
      download(await app.api.call("record", recordArgs(memory)));
      saved();
    } catch (error) {
      app.broken(error);
    }
  });
  $("zc-download-ics").addEventListener("click", async () => {
    try {
      download(await app.api.call("ics", icsArgs(memory)));
    } catch (error) {
      app.broken(error);
    }
  });
}
