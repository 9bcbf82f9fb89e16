// A Rollup bundle (node-resolve, no other plugin, no loader): the package's own import works.
import * as lib from "loginradius-pin-reset";
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

report(() => runScenario(lib, paramsFromLocation(window.location)));
