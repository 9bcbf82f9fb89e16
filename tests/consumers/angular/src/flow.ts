// The README's Angular recipe: the flow's snapshot in a signal, kept by `subscribe`; and the
// drop-in element (CUSTOM_ELEMENTS_SCHEMA), its event on `(pinreset)`. The tenant comes in the query.
import { CUSTOM_ELEMENTS_SCHEMA, Component, type OnDestroy, signal } from "@angular/core";
import { createPinResetFlow, type FlowSnapshot } from "loginradius-pin-reset/flow";
import "loginradius-pin-reset/element";

const query = new URLSearchParams(window.location.search);

@Component({
  selector: "app-root",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <section aria-label="recipe">
        <p id="step">{{ snapshot().busy ? snapshot().step + " (busy)" : snapshot().step }}</p>
        @if (snapshot().error; as error) {
          <p id="error">{{ error.title }}</p>
        }
        @if (snapshot().step === "identify") {
          <input id="email" aria-label="email" #email />
          <button id="send" (click)="flow.sendCode({ email: email.value })">Send</button>
        } @else {
          <input id="otp" aria-label="code" #otp />
          <input id="pin" aria-label="pin" #pin />
          <button id="reset" (click)="flow.resetPin({ otp: otp.value, pin: pin.value })">Reset</button>
          <button id="resend" [disabled]="snapshot().resendAvailableAt !== null" (click)="resend()">Resend</button>
        }
      </section>
      <loginradius-pin-reset [attr.api-key]="apiKey" [attr.base-url]="baseUrl" identifiers="username" (pinreset)="onReset($event)" />
      <p id="element-event">{{ event() }}</p>
    </main>
  `,
})
export class FlowPage implements OnDestroy {
  readonly apiKey = query.get("apiKey") ?? "";
  readonly baseUrl = query.get("baseUrl") ?? "";
  readonly flow = createPinResetFlow({ apiKey: this.apiKey, baseUrl: this.baseUrl });
  readonly snapshot = signal<FlowSnapshot>(this.flow.getSnapshot());
  readonly event = signal("");
  private readonly unsubscribe = this.flow.subscribe((next) => this.snapshot.set(next));

  ngOnDestroy() {
    this.unsubscribe();
  }

  resend() {
    const identifier = this.snapshot().identifier;
    if (identifier) this.flow.sendCode({ email: identifier.value });
  }

  onReset(event: Event) {
    this.event.set(JSON.stringify((event as CustomEvent).detail));
  }
}
