// The page drawn from Python's answers: every text and id comes from protocol/api.py, every piece
// of markup from the page's <template>s (site_src/theme/zelfcheck.html, blocks from
// protocol/present.py). Here only clones are filled, with textContent: no markup, no labels.

const $ = (id) => document.getElementById(id);

export function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// A filled copy of the page's <template id="zc-NAME-template">.
function clone(name) {
  return $(`zc-${name}-template`).content.firstElementChild.cloneNode(true);
}

function slot(node, name) {
  return node.querySelector(`[data-slot="${name}"]`);
}

function fill(container, nodes) {
  container.replaceChildren(...nodes);
}

const paragraphs = (texts) => texts.map((t) => el("p", t));

// Footnote lines, finished by Python (`³ text`).
function footnotes(lines) {
  return lines.map((line) => {
    const item = clone("footnote");
    item.textContent = line;
    return item;
  });
}

// Our fixed words, written into the page at build time.
export function ourText(id) {
  return $(id).textContent;
}

export function announce(text) {
  $("zc-live").textContent = text;
}

export function showLoading() {
  $("zc-failed").hidden = true;
  $("zc-loading").hidden = false;
}

export function showFailure(reason) {
  const box = $("zc-failed");
  for (const p of box.querySelectorAll("[data-reason]")) p.hidden = p.dataset.reason !== reason;
  if (!box.querySelector(`[data-reason="${reason}"]`)) box.querySelector("[data-reason=error]").hidden = false;
  $("zc-loading").hidden = true;
  box.hidden = false;
  $("zc-failed-title").focus();
}

export function showNoteWarning(warning) {
  const box = $("zc-note-warning");
  // Said aloud once when it appears, not again for every letter typed after it.
  if (box.hidden && warning) announce(warning);
  box.textContent = warning;
  box.hidden = !warning;
}

// Everything Python's state says, and the record made for the same answers (null before any).
export function drawState(state, made, memory, warning) {
  renderActions(state.actions);
  renderQuestion(state.question, warning, memory);
  renderOutcome(state.outcome, state.loops);
  renderDuties(state.duties);
  renderDates(state.dates, memory);
  renderPath(state.answers);
  renderRecord(made, memory, state);
  highlight(state.highlight.dom);
}

function renderActions(actions) {
  const box = $("zc-actions");
  box.hidden = actions.length === 0;
  fill(box, actions.map((action) => {
    const section = clone("action");
    slot(section, "title").textContent = action.title;
    fill(slot(section, "text"), paragraphs(action.text));
    fill(slot(section, "footnotes"), footnotes(action.footnotes.map((f) => f.line)));
    slot(section, "summary").textContent = action.summary;
    slot(section, "explanation").textContent = action.explanation;
    fill(slot(section, "notes"), footnotes(action.footnotes.map((f) => f.explanation_line)));
    return section;
  }));
}

function renderQuestion(question, warning, memory) {
  const form = $("zc-question");
  form.hidden = !question;
  if (!question) return;
  form.dataset.question = question.id;
  $("zc-phase").textContent = question.phase.title;
  $("zc-phase-text").textContent = question.phase.text;
  $("zc-phase-text").hidden = !question.phase.text;
  $("zc-heading").textContent = question.heading;
  $("zc-text").textContent = question.text;
  fill($("zc-footnotes"), footnotes(question.footnotes.map((f) => f.line)));
  $("zc-explanation").textContent = question.explanation;
  fill($("zc-footnote-explanations"), footnotes(question.footnotes.map((f) => f.explanation_line)));
  fill($("zc-answers"), question.answers.map((answer) => {
    const wrap = clone("radio");
    const input = wrap.querySelector("input");
    input.id = `zc-a-${answer.id}`;
    input.value = answer.id;
    input.checked = answer.id === question.given;
    const label = wrap.querySelector("label");
    label.textContent = answer.label;
    label.htmlFor = input.id;
    return wrap;
  }));
  $("zc-error").hidden = true;
  $("zc-note").value = memory.notes[question.id] ?? "";
  showNoteWarning(warning);
  $("zc-back").hidden = memory.answers.length === 0;
}

function renderOutcome(outcome, loops) {
  $("zc-outcome").hidden = !outcome;
  if (!outcome) return;
  $("zc-outcome-heading").textContent = outcome.heading;
  $("zc-outcome-summary").textContent = outcome.summary;
  fill($("zc-outcome-text"), paragraphs(outcome.text));
  fill($("zc-outcome-footnotes"), footnotes(outcome.footnotes.map((f) => f.line)));
  $("zc-outcome-explanation").textContent = outcome.explanation;
  fill($("zc-loops"), loops.map((loop) => {
    const box = clone("loop");
    box.dataset.loop = loop.id;
    slot(box, "title").textContent = loop.heading;
    fill(slot(box, "text"), paragraphs(loop.to.text));
    slot(box, "explanation").textContent = loop.explanation;
    return box;
  }));
  $("zc-loops-box").hidden = loops.length === 0;
}

function renderDuties(duties) {
  $("zc-duties").hidden = duties.length === 0;
  fill($("zc-duties-list"), duties.map((section) => {
    const box = clone("duty");
    box.dataset.section = section.id;
    slot(box, "title").textContent = section.title;
    slot(box, "summary").textContent = section.summary;
    const explanation = slot(box, "explanation");
    if (section.explanation) explanation.textContent = section.explanation;
    else explanation.remove();
    fill(slot(box, "items"), section.items.map((item) => el("li", item)));
    return box;
  }));
}

function dateField(need) {
  const wrap = clone("date");
  const input = slot(wrap, "input");
  input.id = `zc-date-${need.basis}`;
  input.value = need.value;
  input.dataset.basis = need.basis;
  const label = slot(wrap, "label");
  label.textContent = need.label;
  label.htmlFor = input.id;
  slot(wrap, "problem").id = `${input.id}-problem`;
  slot(wrap, "warning").id = `${input.id}-warning`;
  return wrap;
}

function renderDates(dates, memory) {
  $("zc-dates").hidden = dates.needed.length === 0;
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
    const text = failed === undefined ? need.problem : ourText("zc-date-failed-text");
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
    const item = clone("due");
    item.dataset.deadline = d.id;
    slot(item, "title").textContent = d.title;
    slot(item, "when").textContent = d.when;
    slot(item, "explanation").textContent = d.explanation;
    if (d.counting) slot(item, "counting").textContent = d.counting;
    else slot(item, "counting-line").remove();
    return item;
  }));
}

// Each answer with its "Wijzig" button; the button's data-index is the number of answers kept
// (events.js listens on the list).
function renderPath(answers) {
  $("zc-path-empty").hidden = answers.length > 0;
  fill($("zc-path-list"), answers.map((answer, index) => {
    const item = clone("path");
    slot(item, "heading").textContent = answer.heading;
    slot(item, "label").textContent = answer.label;
    const change = slot(item, "change");
    change.textContent = answer.change;
    change.dataset.index = String(index);
    return item;
  }));
}

// `made`: Python's record for the answers as they were when it was asked; null before any answer.
// `state`: the state drawn with it (the calendar file only when it has dates).
export function renderRecord(made, memory, state) {
  const box = $("zc-record");
  box.hidden = memory.answers.length === 0 || !made;
  if (box.hidden) {
    $("zc-record-text").textContent = ""; // no copy of an earlier record stays in the page
    return;
  }
  $("zc-record-text").textContent = made.text;
  $("zc-download-ics").hidden = state.dates.due.length === 0;
}

// The path on the flowchart, by the SVG's DOM ids Python gives (protocol/present.py).
function highlight(dom) {
  const chart = $("zc-chart");
  if (!chart) return;
  for (const node of chart.querySelectorAll(".zc-walked, .zc-current")) node.classList.remove("zc-walked", "zc-current");
  for (const id of [...dom.nodes, ...dom.edges]) document.getElementById(id)?.classList.add("zc-walked");
  document.getElementById(dom.current)?.classList.add("zc-current");
}
