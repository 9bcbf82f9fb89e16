// readResetToken, shared by the browser entry (bundled into index.js) and the Node entry (bundled
// into node/lib.cjs by scripts/build.sh). Plain JavaScript: it needs no wasm, so it works before
// init(). LoginRadius's email templates put the reset token in the `vtoken` query parameter of
// the page URL (`#Url#?vtype=…&vtoken=#GUID#`; see server/README.md for the source).

/**
 * The reset token the forgot-PIN email's link carried, from `location` (or any object with a
 * string `href`, such as a URL) or a URL string; `null` when the URL carries none.
 */
export function readResetToken(locationOrUrl) {
  const href = typeof locationOrUrl == "string" ? locationOrUrl : locationOrUrl?.href;
  if (typeof href != "string") {
    throw new TypeError(`readResetToken takes location, a URL or a string, not ${locationOrUrl === null ? "null" : typeof locationOrUrl}`);
  }
  // `vtoken=` after `?`, `&` or `#`: a template that writes `#Url#?vtoken=…` after a URL that
  // already has a query or a fragment puts it there too (`…?lang=en?vtoken=…`, `…#/r?vtoken=…`).
  const match = /[?&#]vtoken=([^&#]*)/.exec(href);
  try {
    return match?.[1] ? decodeURIComponent(match[1].replace(/\+/g, " ")) : null;
  } catch {
    return null; // a malformed %-escape carries no token
  }
}
