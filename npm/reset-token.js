// readResetToken, shared by the browser entry (bundled into index.js) and the Node entry (bundled
// into node/lib.cjs by scripts/build.sh). Plain JavaScript: it needs no wasm, so it works before
// init(). LoginRadius's email templates put the reset token in the `vtoken` query parameter of
// the page URL (`#Url#?vtype=…&vtoken=#GUID#`; see server/README.md for the source).

// `vtoken=` after `?`, `&` or `#`: a template that writes `#Url#?vtoken=…` after a URL that already
// has a query or a fragment puts it there too (`…?lang=en?vtoken=…`, `…#/reset?vtoken=…`).
const TOKEN = /[?&#]vtoken=([^&#]*)/;

/**
 * The reset token the forgot-PIN email's link carried, from `location` (or any object with a
 * string `href`, such as a URL) or a URL string; `null` when the URL carries none.
 */
export function readResetToken(locationOrUrl) {
  const href = typeof locationOrUrl === "string" ? locationOrUrl : hrefOf(locationOrUrl);
  const match = TOKEN.exec(href);
  if (!match) return null;
  let token;
  try {
    token = decodeURIComponent(match[1].replace(/\+/g, " "));
  } catch {
    return null; // a malformed %-escape carries no token
  }
  return token === "" ? null : token;
}

function hrefOf(value) {
  const href = value !== null && typeof value === "object" ? value.href : undefined;
  if (typeof href !== "string") {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new TypeError(`readResetToken: locationOrUrl must be location, a URL or a URL string, got ${got}`);
  }
  return href;
}
