// The training pages: practising a case with feedback after each answer, and scoring the quiz.
//
// Practice runs on the same engine as the self-check (one loading promise in engine.js): Python
// (protocol/cases.py through protocol/api.py) decides what is right, quotes the protocol and names
// the flowchart parts to highlight; this file only moves the DOM. Texts go in with textContent.
// The quiz is scored here from the right answers the build wrote into the page (site_src/render/quiz.py).
// Answers and scores live only in this page: nothing is stored or sent, a reload starts over.

import { engine, onStatus } from "../../assets/zelfcheck/engine.js";

// Every word this script shows comes from the page (site_src/render/training.py, UI_TEXTS), and so
// do the labelled blocks of protocol text and of our words (<template>s rendered by protocol/present.py).
const UI = JSON.parse(document.getElementById("training-texts")?.textContent ?? "{}");

// Fill `{name}` in one of those texts, as the parts of an element: a value that is a node (a
// <strong>) goes in as that node, so the sentence, its word order and its punctuation stay the page's.
function fillParts(template, values) {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 0 ? part : values[part]));
}

// The same as one string.
function fill(template, values) {
  return fillParts(template, values).join("");
}

const practiceRoot = document.getElementById("training-practice");
if (practiceRoot) practice(practiceRoot);
const quizForm = document.getElementById("training-quiz");
if (quizForm) quiz(quizForm);

// --- small DOM helpers -------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// A clone of the page's empty block ("source" or "ours"), its first child the label; `label`
// replaces the label the template has.
function labelledBlock(voice, texts, label = "") {
  const block = document.getElementById(`training-${voice}-template`).content.firstElementChild.cloneNode(true);
  if (label) block.firstElementChild.textContent = label;
  for (const t of texts) block.append(el("p", { text: t }));
  return block;
}

// Protocol text; `where` names the place in the meldcode it stands ("antwoord JA").
function sourceBlock(texts, where = "") {
  return labelledBlock("source", texts, where ? fill(UI.sourceAt, { where }) : "");
}

function ourBlock(texts, label = "") {
  return labelledBlock("ours", texts, label);
}

function button(text, onClick, primary = true) {
  const b = el("button", { type: "button", class: primary ? "md-button md-button--primary" : "md-button", text });
  b.addEventListener("click", onClick);
  return b;
}

// --- practising a case -------------------------------------------------------------------------

function practice(root) {
  const caseId = root.dataset.case;
  const figure = document.getElementById("training-flowchart");
  // The answer key waits until the trainee has answered; without the engine it stays available.
  const key = document.getElementById("training-answer-key");
  const keyHeading = document.getElementById("antwoordsleutel");
  const showKey = (shown) => {
    for (const node of [key, keyHeading]) if (node) node.hidden = !shown;
    if (key && !shown) key.open = false;
  };
  const status = el("p", { class: "training-status", role: "status", text: UI.loading });
  const stage = el("div", { class: "training-stage" });
  root.replaceChildren(status, stage);
  showKey(false);
  // The flowchart stays in place (to read along, and nothing jumps); the paths appear on it once
  // there is a result.
  let api = null;
  let given = [];

  onStatus((state) => { root.dataset.state = state; });
  engine().then(
    (ready) => {
      api = ready;
      status.textContent = "";
      start();
    },
    () => {
      status.textContent = UI.failed;
      status.classList.add("training-failed");
      showKey(true);
    },
  );

  // Python answers in the engine's worker: a promise, rejected on an engine error.
  function ask(answers) {
    return api.call("practice", { case: caseId, answers });
  }

  // Python's answer, or null once an engine error is shown (broken).
  async function answered(answers) {
    try {
      return await ask(answers);
    } catch (error) {
      broken(error);
      return null;
    }
  }

  // An engine error after loading: say so, and give the answer key, as when loading fails.
  function broken(error) {
    console.error(error);
    status.textContent = UI.failed;
    status.classList.add("training-failed");
    showKey(true);
  }

  async function start() {
    given = [];
    const state = await answered(given);
    if (!state) return;
    stage.replaceChildren();
    highlight(null);
    showKey(false);
    showNext(state, false);
  }

  function showNext(state, focus = true) {
    const q = state.next.question;
    const box = el("section", { class: "training-step" });
    const title = el("h3", { tabindex: "-1", text: q.heading });
    const quoted = [q.text, ...q.footnotes.map((f) => f.line)];
    // The phase sentence ("De afwegingen hierna …"): Python gives it where the phase begins.
    if (q.phase.text) quoted.unshift(q.phase.text);
    const group = el("div", { class: "training-answers", role: "group", "aria-label": fill(UI.yourAnswer, { n: q.number }) });
    for (const option of q.answers) {
      const b = button(option.label, () => answer(option.id, group, b), false);
      group.append(b);
    }
    box.append(title, sourceBlock(quoted), el("p", { text: UI.question }), group);
    stage.append(box);
    if (focus) title.focus();
  }

  async function answer(answerId, group, chosen) {
    for (const b of group.querySelectorAll("button")) b.disabled = true;
    chosen.classList.add("training-chosen");
    given = [...given, answerId];
    const state = await answered(given);
    if (!state) return;
    const turn = state.feedback[state.feedback.length - 1];
    const box = el("div", { class: `training-feedback ${turn.correct ? "training-right" : "training-wrong"}` });
    const head = el("h4", { tabindex: "-1", text: turn.correct ? UI.right : UI.wrong });
    box.append(head);
    box.append(el("p", {}, ...fillParts(UI.youChose, { label: el("strong", { text: turn.given.label }),
      step: turn.given.leads_to_title })));
    if (turn.same_branch) {
      box.append(el("p", { text: fill(UI.sameBranch, { expected: turn.expected.label }) }));
    } else if (!turn.correct) {
      box.append(sourceBlock([turn.given.source], fill(UI.answerAt, { label: turn.given.label })));
      box.append(el("p", {}, ...fillParts(UI.expected, { label: el("strong", { text: turn.expected.label }) })));
    }
    box.append(sourceBlock([turn.expected.source], fill(UI.answerAt, { label: turn.expected.label })));
    box.append(ourBlock([turn.why, turn.expected.reason]));
    let more;
    if (state.next) more = button(UI.next, () => { more.remove(); showNext(state); });
    else if (state.result.follow_up) more = button(UI.later, () => { more.remove(); showLater(state); });
    else more = button(UI.finish, () => { more.remove(); showResult(state); });
    box.append(more);
    group.parentElement.append(box);
    highlight(state.highlight);
    head.focus();
  }

  // What happens later: the trainee thinks first, then reads what the meldcode says.
  function showLater(state) {
    const later = state.result.follow_up;
    const box = el("section", { class: "training-step" });
    const head = el("h3", { tabindex: "-1", text: fill(UI.laterHeading, { label: later.label }) });
    box.append(head, ourBlock(later.story, UI.caseLabel), el("p", { text: UI.laterQuestion }));
    const reveal = button(UI.reveal, () => {
      reveal.remove();
      const shown = el("div", { class: "training-feedback" });
      const title = el("h4", { tabindex: "-1", text: UI.revealTitle });
      shown.append(title);
      if (later.section) shown.append(sourceBlock(later.section.items, later.section.title));
      shown.append(ourBlock([later.why, later.explanation]));
      const finish = button(UI.finish, () => { finish.remove(); showResult(state); });
      shown.append(finish);
      box.append(shown);
      title.focus();
    });
    box.append(reveal);
    stage.append(box);
    head.focus();
  }

  function showResult(state) {
    const r = state.result;
    const box = el("section", { class: "training-result" });
    const head = el("h3", { tabindex: "-1", text: UI.resultTitle });
    box.append(head, el("p", { class: "training-score", text: fill(UI.score, { correct: r.correct, total: r.total }) }));
    const list = el("ul");
    for (const f of state.feedback) {
      list.append(el("li", { text: fill(f.correct ? UI.turnRight : UI.turnOther,
        { n: f.question.number, given: f.given.label, expected: f.expected.label }) }));
    }
    box.append(el("h4", { text: UI.summary }), list);
    box.append(el("h4", { text: UI.focus }), ourBlock([r.focus]));
    const signals = el("ul");
    for (const s of r.signals) signals.append(el("li", { text: fill(UI.signal, { label: s.label, kind: s.kind_label }) }));
    box.append(el("h4", { text: UI.signals }), signals);
    box.append(el("h4", { text: fill(UI.outcome, { title: r.outcome.title }) }), sourceBlock(r.outcome.text),
      ourBlock([r.outcome.explanation]));
    for (const s of r.sections) box.append(sourceBlock(s.items, s.title));
    box.append(button(UI.again, start, false));
    stage.append(box);
    showKey(true);
    head.focus();
  }

  function highlight(ids) {
    if (!figure) return;
    for (const node of figure.querySelectorAll(".training-expected, .training-given")) {
      node.classList.remove("training-expected", "training-given");
    }
    if (!ids) return;
    for (const [kind, cls] of [["expected", "training-expected"], ["given", "training-given"]]) {
      for (const id of [...ids[kind].nodes, ...ids[kind].edges]) {
        document.getElementById(id)?.classList.add(cls);
      }
    }
  }
}

// --- the quiz ------------------------------------------------------------------------------------

function quiz(form) {
  form.autocomplete = "off"; // the browser keeps no copy of the answers in its session files
  const actions = form.querySelector(".training-quiz-actions");
  const score = document.getElementById("training-quiz-score");
  actions.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const items = [...form.querySelectorAll("fieldset.training-quiz-item")];
    let right = 0;
    for (const item of items) {
      const correct = item.dataset.correct.split(" ").sort().join(" ");
      const chosen = [...item.querySelectorAll("input:checked")].map((i) => i.value).sort().join(" ");
      const result = item.querySelector(".training-quiz-result");
      const ok = chosen === correct;
      if (ok) right += 1;
      item.classList.toggle("training-right", ok);
      item.classList.toggle("training-wrong", !ok);
      result.textContent = ok ? UI.quizRight : chosen ? UI.quizWrong : UI.quizOpen;
    }
    score.textContent = fill(UI.quizScore, { correct: right, total: items.length });
  });
  form.addEventListener("reset", () => {
    for (const item of form.querySelectorAll("fieldset.training-quiz-item")) {
      item.classList.remove("training-right", "training-wrong");
      item.querySelector(".training-quiz-result").textContent = "";
    }
    score.textContent = "";
  });
}
