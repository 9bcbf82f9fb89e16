// Rollup into a single file: the package loads its fallback with `import()`, which Rollup puts in
// a chunk of its own unless told to inline it ("when building multiple chunks, the output.dir
// option must be used").
import { nodeResolve } from "@rollup/plugin-node-resolve";

export default {
  input: "src/main.js",
  output: { file: "dist-file/main.js", format: "es", inlineDynamicImports: true },
  plugins: [nodeResolve()],
};
