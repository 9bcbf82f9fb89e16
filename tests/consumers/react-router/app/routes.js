import { index, route } from "@react-router/dev/routes";

export default [index("routes/home.jsx"), route("api/reset", "routes/api.reset.js"), route("flow", "routes/flow.jsx")];
