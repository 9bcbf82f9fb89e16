// The headless flow's entry for browsers and bundlers: the flow over this package's own calls
// (./index.js, the same module an app's `import "loginradius-pin-reset"` loads, so one copy).
// scripts/build.sh bundles it with flow-core.js, flow-rules.js and the English catalog; the other
// catalogs stay separate modules, loaded only when asked for.
import * as lib from "./index.js";
import { createFlow } from "./flow-core.js";

export { DEFAULT_RESEND_COOLDOWN_MS, LOCALES, loadMessages, messages } from "./flow-core.js";

/** A PIN-reset flow: see flow.d.ts and the README's "The flow". */
export function createPinResetFlow(options) {
  return createFlow(lib, options);
}
