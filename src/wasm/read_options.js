// Reads the caller's options object in one pass, for src/wasm/read_options.rs.
//
// Reading it from Rust took about 70 calls into JavaScript and one copy per string; this takes
// one call and one copy. It judges nothing: it says what each value is, guards every property
// read (a getter or Proxy trap may throw), measures strings before they are copied, and hands
// the rules in Rust one string of items. An item is a tag, a length in UTF-16 units, ":" and
// that many units of text, so any text, separators included, passes unchanged.
//
// Values Rust needs as they are (numbers, the signal, the fetch function) go into `live`, and
// their item's text is their index there.

const wellFormed = String.prototype.isWellFormed
  ? (text) => text.isWellFormed()
  : (text) => {
      // Safari before 16.4: encodeURIComponent throws exactly on a lone surrogate.
      try {
        encodeURIComponent(text);
        return true;
      } catch {
        return false;
      }
    };

const item = (tag, text = "") => tag + text.length + ":" + text;

function objectTag(value) {
  try {
    if (Array.isArray(value)) return "A";
  } catch {
    return "x"; // a revoked Proxy
  }
  try {
    // Duck-typed, so a signal from another realm or a polyfill is accepted too.
    return typeof value.aborted === "boolean" && typeof value.addEventListener === "function"
      ? "S"
      : "O";
  } catch {
    return "O";
  }
}

/** An item for a value Rust needs as it is: the value goes into `live`, its index into the item. */
const liveItem = (tag, value, live) => item(tag, String(live.push(value) - 1));

function valueItem(value, live, maxString) {
  switch (typeof value) {
    case "string":
      if (value.length > maxString) return item("L", String(value.length));
      return wellFormed(value) ? item("s", value) : item("I");
    case "undefined":
      return item("u");
    case "boolean":
      return item(value ? "t" : "f");
    case "number":
      return liveItem("d", value, live);
    case "function":
      return liveItem("F", value, live);
    case "bigint":
      return item("b");
    case "symbol":
      return item("y");
    case "object": {
      if (value === null) return item("n");
      const tag = objectTag(value);
      return tag === "S" ? liveItem("S", value, live) : item(tag);
    }
    default:
      return item("?");
  }
}

// The item of each option name Rust knows: "#" and the name's index in the call's list. A known
// key then crosses as a few bytes, not its text (a third of the string, and of the reader's
// time), and Rust takes the name from its own list. Made at the first call with each list.
const knownByList = new WeakMap();
function knownItems(names) {
  let known = knownByList.get(names);
  if (!known) {
    known = new Map(names.map((name, index) => [name, item("#", String(index))]));
    knownByList.set(names, known);
  }
  return known;
}

/**
 * One string of items: the options value itself; then, for an object, "K" when its keys could
 * not be listed, "M" when it has more than `maxKeys`, or a key item ("#" for one of `names`, else
 * "k", or "c" when cut to `maxKey` + 1 units) and a value item ("x" when reading it threw) per
 * own enumerable key.
 */
export function readOptions(options, live, names, maxKeys, maxString, maxKey) {
  const top = valueItem(options, live, maxString);
  if (top[0] !== "O") return top;
  let keys;
  try {
    keys = Object.keys(options);
  } catch {
    return top + item("K");
  }
  if (keys.length > maxKeys) return top + item("M");
  const knownKeys = knownItems(names);
  let text = top;
  for (const key of keys) {
    text +=
      knownKeys.get(key) ??
      (key.length > maxKey ? item("c", key.slice(0, maxKey + 1)) : item("k", key));
    try {
      text += valueItem(options[key], live, maxString);
    } catch {
      text += item("x");
    }
  }
  return text;
}
