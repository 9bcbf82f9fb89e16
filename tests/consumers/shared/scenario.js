// The browser scenario every browser consumer runs (Vite, webpack, plain page, worker): the
// synchronous functions before init() must throw a LoginRadiusError asking for `await init()`,
// then a real reset against the mock, an API error narrowed with isLoginRadiusError, and the
// synchronous functions after the module has loaded. `lib` is the package's module namespace;
// `params` come from the test through the page URL: baseUrl, apiKey, username, otp, pin.
export async function runScenario(lib, params) {
  const { baseUrl, apiKey, username, otp, pin } = params;
  const options = { apiKey, username, otp, pin, baseUrl };
  const out = { beforeInit: {} };

  for (const fn of ["validateResetPinWithOtp", "buildResetPinWithOtpRequest"]) {
    try {
      lib[fn](options);
      out.beforeInit[fn] = { threw: false };
    } catch (error) {
      out.beforeInit[fn] = {
        threw: true,
        isLoginRadiusError: lib.isLoginRadiusError(error),
        name: error.name,
        kind: error.kind,
        message: error.message,
      };
    }
  }

  // No init(): the first call loads the module itself.
  out.result = await lib.resetPinWithOtp(options);

  // The same OTP again: already used (1068), a typed API error.
  try {
    await lib.resetPinWithOtp(options);
    out.reuse = { threw: false };
  } catch (error) {
    out.reuse = lib.isLoginRadiusError(error)
      ? { kind: error.kind, status: error.status, errorCode: error.errorCode }
      : { notLoginRadiusError: String(error) };
  }

  await lib.init(); // explicit preload stays available and is idempotent
  out.afterInit = {
    validate: lib.validateResetPinWithOtp(options),
    invalid: lib.validateResetPinWithOtp({ ...options, pin: "" }).map((i) => i.field),
    request: lib.buildResetPinWithOtpRequest(options).method,
  };
  return out;
}

/** Reads the scenario's parameters from the page's query string. */
export function paramsFromLocation(location) {
  const query = new URLSearchParams(location.search);
  const params = {};
  for (const name of ["baseUrl", "apiKey", "username", "otp", "pin"]) params[name] = query.get(name);
  return params;
}

/** Runs `work` and shows its outcome in #result (data-state "done" or "error") for the test. */
export async function report(work) {
  const node = document.getElementById("result");
  try {
    node.textContent = JSON.stringify(await work());
    node.dataset.state = "done";
  } catch (error) {
    node.textContent = `${error && error.name}: ${error && error.message}\n${error && error.stack}`;
    node.dataset.state = "error";
  }
}
