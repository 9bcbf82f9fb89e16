// The headless flow's CommonJS entry (built into flow.cjs): the same flow over node.cjs's calls.
import lib from "./node.cjs";
import { createFlow } from "./flow-core.js";

export { DEFAULT_RESEND_COOLDOWN_MS, LOCALES, loadMessages, messages } from "./flow-core.js";

/** A PIN-reset flow: see flow.d.ts and the README's "The flow". */
export function createPinResetFlow(options) {
  return createFlow(lib, options);
}
