// The flow's published types (loginradius-pin-reset/flow), in strict mode: correct use compiles,
// and each @ts-expect-error line must be an error.
import {
  createPinResetFlow,
  loadMessages,
  messages,
  type Catalog,
  type FlowSnapshot,
  type MessageKey,
} from "loginradius-pin-reset/flow";

const flow = createPinResetFlow({ apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21", locale: "es", messages: { 1067: { title: "Nope.", action: "Again." } } });

export async function walk(): Promise<string> {
  const unsubscribe = flow.subscribe((snapshot: FlowSnapshot) => snapshot.step);
  let snapshot = await flow.sendCode({ phone: "+919876543210", isVoiceOtp: true }, { smsTemplate: "sms" });
  snapshot = await flow.sendCode({ email: "ada@example.com" }, { resetPinUrl: "https://app.example/pin" });
  snapshot = await flow.resetPin({ otp: "123456", pin: "2468" });
  snapshot = await flow.resetPinWithToken({ resetToken: "t", pin: "2468" });
  unsubscribe();
  flow.back();
  flow.cancel();
  await flow.setLocale("hi");
  const wait: number | null = snapshot.resendAvailableAt ?? snapshot.lockedUntil;
  const error = snapshot.error;
  if (error) return `${error.title} ${error.action} ${error.errorCode ?? ""} ${error.issues.length} ${wait}`;
  return snapshot.step;
}

// An app's own complete catalog: every key, checked.
export const mine: Catalog = { ...messages, cooldown: { title: "Wait.", action: "{seconds} s." } };
export const key: MessageKey = "1198";
export const loaded: Promise<Catalog> = loadMessages("es-MX");

// @ts-expect-error a catalog missing a key is refused
export const incomplete: Catalog = { validation: { title: "t", action: "a" } };
// @ts-expect-error a message needs an action
export const noAction: Catalog = { ...messages, 1067: { title: "t" } };
// @ts-expect-error not a key of the catalogs
export const unknownKey: MessageKey = "1234";
// @ts-expect-error two identifiers at once are not an identity
flow.sendCode({ email: "a@b.co", phone: "+919876543210" });
// @ts-expect-error the reset needs the PIN
flow.resetPin({ otp: "123456" });
// @ts-expect-error the token reset needs the token
flow.resetPinWithToken({ pin: "2468" });
// @ts-expect-error the snapshot is read-only
flow.getSnapshot().step = "done";
