// An Rsbuild app with no configuration file: Rsbuild's default entry and generated page, so the
// result node is made here.
import * as lib from "loginradius-pin-reset";
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

document.body.append(Object.assign(document.createElement("pre"), { id: "result" }));
report(() => runScenario(lib, paramsFromLocation(window.location)));
