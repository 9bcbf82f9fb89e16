// The Node adapter (standalone) so the app has a server: the reset endpoint runs there. Nothing
// for loginradius-pin-reset.
import node from "@astrojs/node";
import { defineConfig } from "astro/config";

export default defineConfig({
  adapter: node({ mode: "standalone" }),
});
