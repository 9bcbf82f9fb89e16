// A standalone Angular app with no configuration for the package: its own import works in
// `ng build` (esbuild) and `ng serve`. noImplicitAny is off in tsconfig.json only so that the
// shared scenario, plain JavaScript without types, can be imported.
import { Component, afterNextRender } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import * as lib from "loginradius-pin-reset";
import { paramsFromLocation, report, runScenario } from "../../shared/scenario.js";

@Component({ selector: "app-root", template: `<pre id="result"></pre>` })
class App {
  constructor() {
    afterNextRender(() => report(() => runScenario(lib, paramsFromLocation(window.location))));
  }
}

// /flow (tests/consumers/frameworks-flow.test.mjs): the flow's recipe and the element, in a chunk
// of its own, so the scenario's page downloads what it did before.
const root = window.location.pathname === "/flow" ? import("./flow").then((module) => module.FlowPage) : Promise.resolve(App);
root.then((component) => bootstrapApplication(component)).catch((error) => console.error(error));
