// The module's embedded copy, for where a bundler did not emit the .wasm (see load.js): imported
// lazily, so what it takes to unpack the bytes is downloaded only by those who need it.
// scripts/build.sh bundles it with ./wasm-bytes-data.js (the .wasm gzipped, base64) into
// pkg/wasm-bytes.js.
import base64 from "./wasm-bytes-data.js";

/** The .wasm's bytes; rejects with a message for the person who must act on it. */
export default async function unpack() {
  if (typeof DecompressionStream !== "function") {
    throw new Error(
      "this browser cannot unpack the module's embedded copy (no DecompressionStream: Safari 16.4, Chrome 80 " +
        "and Firefox 113 have it); have the bundler emit loginradius_pin_reset_bg.wasm, or pass its URL to init()",
    );
  }
  const text = atob(base64);
  const gzipped = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) gzipped[i] = text.charCodeAt(i);
  const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
