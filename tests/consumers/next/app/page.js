// A server component page rendering the client component that imports the package: the page is
// prerendered at build time, so the package's import must also succeed on the server.
import Scenario from "./scenario.js";

export default function Page() {
  return <Scenario />;
}
