// The package imported at the top of a route module (so also during the server render); the
// shared browser scenario runs in an effect, in the browser.
import * as lib from "loginradius-pin-reset";
import { useEffect } from "react";
import { paramsFromLocation, report, runScenario } from "../../../shared/scenario.js";

// StrictMode runs effects twice in development; the scenario's reset must run once.
let started = false;

export default function Home() {
  useEffect(() => {
    if (started) return;
    started = true;
    report(() => runScenario(lib, paramsFromLocation(window.location)));
  }, []);
  return <pre id="result" />;
}
