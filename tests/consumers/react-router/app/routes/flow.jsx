// The README's React recipe: loginradius-pin-reset/flow through useSyncExternalStore, and the
// drop-in element, in React 19. Both need the page's query (the test's tenant), so they render in
// the browser only; the flow's module is still imported during the server render.
import { createPinResetFlow } from "loginradius-pin-reset/flow";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

function Recipe({ apiKey, baseUrl }) {
  const flow = useMemo(() => createPinResetFlow({ apiKey, baseUrl }), [apiKey, baseUrl]);
  const snapshot = useSyncExternalStore(flow.subscribe, flow.getSnapshot);
  const email = useRef(null);
  const otp = useRef(null);
  const pin = useRef(null);
  return (
    <section aria-label="recipe">
      <p id="step">{snapshot.busy ? `${snapshot.step} (busy)` : snapshot.step}</p>
      {snapshot.error && <p id="error">{snapshot.error.title}</p>}
      {snapshot.step === "identify" ? (
        <>
          <input id="email" ref={email} aria-label="email" />
          <button id="send" onClick={() => flow.sendCode({ email: email.current.value })}>Send</button>
        </>
      ) : (
        <>
          <input id="otp" ref={otp} aria-label="code" />
          <input id="pin" ref={pin} aria-label="pin" />
          <button id="reset" onClick={() => flow.resetPin({ otp: otp.current.value, pin: pin.current.value })}>Reset</button>
          <button id="resend" disabled={snapshot.resendAvailableAt !== null} onClick={() => flow.sendCode({ email: snapshot.identifier.value })}>
            Resend
          </button>
        </>
      )}
    </section>
  );
}

function Element({ apiKey, baseUrl }) {
  const [event, setEvent] = useState(null);
  useEffect(() => {
    import("loginradius-pin-reset/element");
  }, []);
  return (
    <>
      <loginradius-pin-reset api-key={apiKey} base-url={baseUrl} identifiers="username" onpinreset={(e) => setEvent(e.detail)} />
      <p id="element-event">{event ? JSON.stringify(event) : ""}</p>
    </>
  );
}

export default function Flow() {
  const [query, setQuery] = useState(null);
  useEffect(() => setQuery(new URLSearchParams(window.location.search)), []);
  if (!query) return <p>Loading…</p>;
  const props = { apiKey: query.get("apiKey"), baseUrl: query.get("baseUrl") };
  return (
    <main>
      <Recipe {...props} />
      <Element {...props} />
    </main>
  );
}
