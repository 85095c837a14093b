// What the person entered, and nothing else: the answers, the choices not yet sent, the notes and
// the dates. They live only in this object: nothing is stored, and a reload forgets everything.
// Python (protocol/api.py) gets them with every call and answers with everything to show.

// `trail`: the answers the history entries point into (Back and Forward walk along it).
// `failedDates`: dates as typed that made a call fail; they are shown, not used.
export function createMemory() {
  return { answers: [], chosen: {}, notes: {}, dates: {}, failedDates: {}, trail: [] };
}

// Every copy goes ("Wis alles").
export function forgetAll(memory) {
  Object.assign(memory, createMemory());
}

// The dates Python may use: not those that made a call fail.
export function usableDates(memory) {
  return Object.fromEntries(Object.entries(memory.dates).filter(([basis]) => !(basis in memory.failedDates)));
}

// Anything entered that leaving the page would lose.
export function anythingEntered(memory) {
  return memory.answers.length > 0 || Object.values(memory.notes).some((n) => n.trim()) ||
    Object.values(memory.dates).some(Boolean);
}

// An answer sent with "Volgende": the trail of history entries starts again from here.
export function answer(memory, question, value, note) {
  memory.notes[question] = note;
  memory.chosen[question] = value;
  memory.answers.push([question, value]);
  memory.trail = memory.answers.slice();
}

// The local moment with its offset (ISO 8601), for the record and the calendar file.
export function localNow() {
  const d = new Date();
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
    `${pad(d.getMinutes())}:${pad(d.getSeconds())}${offset >= 0 ? "+" : "-"}${pad(offset / 60)}:${pad(offset % 60)}`;
}

// The arguments of Python's "record" (the record for the leerlingdossier).
export function recordArgs(memory) {
  return { answers: memory.answers, now: localNow(), dates: usableDates(memory), notes: memory.notes };
}

// The arguments of Python's "ics" (the calendar file). A random id per file: two cases with the
// same dates never share an event's UID.
export function icsArgs(memory) {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  return { answers: memory.answers, now: localNow(), dates: usableDates(memory), export: id };
}
