// The headless flow's entry for Node: the same flow over the Node entry's calls (node.mjs).
import * as lib from "./node.mjs";
import { createFlow } from "./flow-core.js";

export { DEFAULT_RESEND_COOLDOWN_MS, LOCALES, loadMessages, messages } from "./flow-core.js";

/** A PIN-reset flow: see flow.d.ts and the README's "The flow". */
export function createPinResetFlow(options) {
  return createFlow(lib, options);
}
