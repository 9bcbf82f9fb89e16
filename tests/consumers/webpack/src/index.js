// A webpack 5 app with no loader, no experiments and no config file: `webpack --mode production`
// bundles src/index.js into dist/main.js and emits the .wasm as an asset next to it.
import * as lib from "loginradius-pin-reset";
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

report(() => runScenario(lib, paramsFromLocation(window.location)));
