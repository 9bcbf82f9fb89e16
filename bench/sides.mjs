// The four things compared: the package and the three hand-written calls. Paths are relative to
// the repository root; `browser` is where the bench page imports each from (the mock serves
// bench/ at / and the package at /pkg/; the zod and valibot baselines need a bundle, see bundle.mjs).

/** The package measured: pkg/, or the snapshot of it scripts/bench.sh takes (so a rebuild mid-run cannot mix two builds). */
export const PKG_DIR = process.env.BENCH_PKG ?? "pkg";

export const SIDES = {
  ours: { label: "loginradius-pin-reset", source: `${PKG_DIR}/index.js`, node: `${PKG_DIR}/node.mjs`, browser: "/pkg/index.js", reset: "resetPinWithOtp" },
  baseline: { label: "plain fetch", source: "bench/baseline.mjs", node: "bench/baseline.mjs", browser: "/baseline.mjs", reset: "resetBaseline" },
  valibot: { label: "fetch + valibot", source: "bench/baselines/valibot.mjs", node: "bench/baselines/valibot.mjs", browser: "/out/lib-valibot.js", reset: "resetPinWithOtp" },
  zod: { label: "fetch + zod", source: "bench/baselines/zod.mjs", node: "bench/baselines/zod.mjs", browser: "/out/lib-zod.js", reset: "resetPinWithOtp" },
};

export const WASM = `${PKG_DIR}/loginradius_pin_reset_bg.wasm`;
/** The sides in table order: the package first, then the baselines from the least to the most work. */
export const SIDE_IDS = ["ours", "baseline", "valibot", "zod"];
