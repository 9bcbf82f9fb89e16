"use client";
// The package imported at the top of a client component: its server render (prerender, SSR)
// evaluates this import in Node, the browser runs the shared scenario.
import * as lib from "loginradius-pin-reset";
import { useEffect } from "react";
// Outside the app: Turbopack follows it because it takes the repository (its package-lock.json) as
// the workspace root, and says so in a warning (it refuses files outside its root).
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

// React's Strict Mode (on in `next dev`) runs effects twice; the scenario must run once.
let started = false;

export default function Scenario() {
  useEffect(() => {
    if (started) return;
    started = true;
    report(() => runScenario(lib, paramsFromLocation(window.location)));
  }, []);
  return <pre id="result" />;
}
