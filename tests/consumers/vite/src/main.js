// A Vite app with no wasm plugin and no configuration: the package's own import works. With
// `?selfHosted` in the URL, the app hosts the module itself instead: the `.wasm` exported by the
// package, imported with Vite's `?url`, passed to init().
import * as lib from "loginradius-pin-reset";
import wasmUrl from "loginradius-pin-reset/loginradius_pin_reset_bg.wasm?url";
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

const params = paramsFromLocation(window.location);
if (new URLSearchParams(window.location.search).has("selfHosted")) {
  report(async () => {
    await lib.init(wasmUrl);
    return { wasmUrl, issues: lib.validateResetPinWithOtp(params), result: await lib.resetPinWithOtp(params) };
  });
} else {
  report(() => runScenario(lib, params));
}
