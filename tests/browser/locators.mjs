// The few Playwright page and locator methods the demo tests use, on any engine's page (see
// engines/index.mjs): DOM reads and edits run in the page as one small script each; typing and
// key presses go through the engine's own keyboard. Like Playwright's, every locator method
// first waits for its element.
const WAIT_MS = 30_000; // Playwright's default: generous on a loaded machine
const POLL_MS = 25;

/** `page` plus getByTestId, locator, waitForFunction, evaluate, keyboard, setViewportSize, screenshot. */
export function withLocators(page) {
  const locator = (selector) => new Locator(page, selector);
  return {
    driver: page,
    locator,
    getByTestId: (id) => locator(`[data-testid="${id}"]`),
    evaluate: (fn, arg) => page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`),
    waitForFunction: (fn) => poll(page, `(${fn})()`, (ok) => ok, `waitForFunction ${fn}`),
    keyboard: { type: (text) => page.type(text), press: (key) => page.press(key) },
    /** Resizes the viewport (WebKit: the window), and checks the page got at most that width. */
    async setViewportSize(size) {
      await page.setViewport(size);
      const width = await page.evaluate("window.innerWidth");
      if (width > size.width) throw new Error(`the viewport is ${width}px wide, not ${size.width}px`);
    },
    screenshot: ({ path }) => page.screenshot(path),
  };
}

/** Evaluates `expression` until `done(value)`, or throws after WAIT_MS. */
async function poll(page, expression, done, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await page.evaluate(expression);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * One DOM operation in the page, on the first element matching `selector` (or on all, for
 * "count" and "state"). Self-contained: its source is sent to the page.
 */
function domOperation(selector, op, arg) {
  // "host >>> inner" looks inside the open shadow roots of the hosts that match "host".
  const parts = selector.split(" >>> ");
  const last = parts.pop();
  const roots = parts.reduce(
    (scopes, host) => scopes.flatMap((scope) => [...scope.querySelectorAll(host)].map((node) => node.shadowRoot).filter(Boolean)),
    [document],
  );
  const all = roots.flatMap((root) => [...root.querySelectorAll(last)]);
  const visible = (e) => !!e && (e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0);
  // The first visible match (a shadow root may keep the controls of other steps, hidden).
  const el = all.find(visible) ?? all[0];
  if (op === "element") return el ?? null;
  if (op === "count") return all.length;
  if (op === "state") return { attached: all.length > 0, visible: all.some(visible) };
  if (op === "isHidden") return !visible(el); // like Playwright: a missing element is hidden
  if (!el) return { missing: true };
  const fire = (...types) => types.forEach((type) => el.dispatchEvent(new Event(type, { bubbles: true })));
  switch (op) {
    case "fill":
      el.focus();
      el.value = arg;
      fire("input");
      return null;
    case "selectOption":
      el.value = arg;
      fire("input", "change");
      return null;
    case "click":
    case "check":
      if (op === "check" && el.checked) return null;
      el.click();
      return null;
    case "focus":
      el.focus();
      return null;
    case "textContent":
      return el.textContent;
    case "inputValue":
      return el.value;
    case "getAttribute":
      return el.getAttribute(arg);
    case "isDisabled":
      return el.disabled === true;
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

class Locator {
  constructor(page, selector) {
    this.page = page;
    this.selector = selector;
  }

  /** Runs `op` once the element is there. */
  async #do(op, arg) {
    const expression = `(${domOperation})(${JSON.stringify(this.selector)}, ${JSON.stringify(op)}, ${JSON.stringify(arg ?? null)})`;
    return poll(this.page, expression, (v) => !v?.missing, `${op} ${this.selector}`);
  }

  fill(value) { return this.#do("fill", value); }
  selectOption(value) { return this.#do("selectOption", value); }
  click() { return this.#do("click"); }
  check() { return this.#do("check"); }
  focus() { return this.#do("focus"); }
  textContent() { return this.#do("textContent"); }
  inputValue() { return this.#do("inputValue"); }
  getAttribute(name) { return this.#do("getAttribute", name); }
  isDisabled() { return this.#do("isDisabled"); }
  async isEnabled() { return !(await this.isDisabled()); }
  isHidden() { return this.#do("isHidden"); }
  /** Runs `fn(element)` in the page (its source is sent, so it must be self-contained). */
  async evaluate(fn) {
    await this.waitFor({ state: "attached" });
    return this.page.evaluate(`(${fn})((${domOperation})(${JSON.stringify(this.selector)}, "element"))`);
  }

  count() {
    return this.page.evaluate(`(${domOperation})(${JSON.stringify(this.selector)}, "count")`);
  }

  /** Waits for "visible" (default), "hidden", "attached" or "detached". */
  waitFor({ state = "visible" } = {}) {
    const wanted = {
      visible: (s) => s.visible,
      hidden: (s) => !s.visible,
      attached: (s) => s.attached,
      detached: (s) => !s.attached,
    }[state];
    const expression = `(${domOperation})(${JSON.stringify(this.selector)}, "state")`;
    return poll(this.page, expression, wanted, `waitFor ${state} ${this.selector}`).then(() => undefined);
  }

  /** Types into the element with the engine's keyboard, one key at a time. */
  async pressSequentially(text) {
    await this.focus();
    await this.page.type(text);
  }

  /** Presses one key (or types one character) on the element. */
  async press(key) {
    await this.focus();
    if (key.length === 1) await this.page.type(key);
    else await this.page.press(key);
  }
}
