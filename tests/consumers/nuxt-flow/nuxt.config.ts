// Nothing here is for the package: the compatibility date Nuxt asks for, and no devtools or
// telemetry in tests.
export default defineNuxtConfig({
  compatibilityDate: "2026-01-01",
  devtools: { enabled: false },
  telemetry: false,
});
