// The one rule for a message the demo puts together from parts, ours and the server's or the
// package's ("New PIN " + "The pin may contain only digits."): it ends with exactly one full stop,
// so a text that already ends with a full stop, "!", "?" or "…" gets none. Plain module with no
// dependency, so tests/js/demo-text.test.mjs checks it in Node.

const ENDS_A_SENTENCE = /[.!?…]["'”’)]*$/u;

/** `text` as a sentence: trimmed, with a full stop added unless it already ends like one. */
export function sentence(text) {
  const trimmed = String(text).trim();
  return ENDS_A_SENTENCE.test(trimmed) ? trimmed : `${trimmed}.`;
}
