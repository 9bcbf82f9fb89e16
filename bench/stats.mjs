// Medians and the markdown cells every bench table uses: "median (min–max)".

const sorted = (xs) => [...xs].sort((a, b) => a - b);

export function median(xs) {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
export const fmt = (x, digits = 2) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits));
export const cell = (s, unit = "", digits) => `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
export const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
/** Bytes as "12,345 B". */
export const bytes = (n) => `${n.toLocaleString("en-US")} B`;

/** A markdown report being written: `p(line)` adds a line, `table(header, rows)` a table. */
export function markdown() {
  const lines = [];
  const p = (s = "") => lines.push(s);
  const table = (header, rows) => {
    p(`| ${header.join(" | ")} |`);
    p(`|${header.map(() => "---").join("|")}|`);
    for (const row of rows) p(`| ${row.join(" | ")} |`);
  };
  return { lines, p, table };
}
