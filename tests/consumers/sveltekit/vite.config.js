// SvelteKit 3 takes its configuration here (svelte.config.js is gone): adapter-node for `node build`.
import adapter from "@sveltejs/adapter-node";
import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

export default defineConfig({ plugins: [sveltekit({ adapter: adapter() })] });
