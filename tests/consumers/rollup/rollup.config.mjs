// Rollup with node-resolve and no other plugin, ES modules into a directory (chunks allowed).
import { nodeResolve } from "@rollup/plugin-node-resolve";

export default {
  input: "src/main.js",
  output: { dir: "dist", format: "es" },
  plugins: [nodeResolve()],
};
