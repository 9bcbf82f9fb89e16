// React Router's framework mode is a Vite plugin; nothing for loginradius-pin-reset.
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({ plugins: [reactRouter()] });
