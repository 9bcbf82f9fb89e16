// @ts-check
// The flow's messages for people, in English: a title and what to do, for every error kind, every
// refusal of the flow itself and every LoginRadius code the package knows (flow-rules.js, CODES).
// `{seconds}` and `{until}` are filled in by the flow. The other catalogs have exactly these keys
// (TypeScript checks it: tests/types/tsconfig.catalogs.json).

/** @satisfies {import("loginradius-pin-reset/flow").Catalog} */
const en = {
  // The LoginRadiusError kinds
  validation: { title: "Some fields need fixing.", action: "Correct the fields marked below, then try again." },
  api: { title: "The request was refused.", action: "Try again. If it keeps happening, contact support." },
  network: { title: "We could not reach the server.", action: "Check your internet connection, then try again." },
  timeout: { title: "The server did not answer in time.", action: "Try again in a moment." },
  aborted: { title: "You cancelled the request.", action: "Send the code again when you are ready." },
  invalid_response: {
    title: "The server sent an answer we could not read.",
    action: "Try again in a moment. If it keeps happening, contact support.",
  },
  load: { title: "This form could not load.", action: "Check your connection and reload the page." },
  not_loaded: { title: "This form is not ready yet.", action: "Reload the page, then try again." },
  // The flow's own outcomes
  cooldown: {
    title: "A code is already on its way.",
    action: "Wait {seconds} seconds before asking for another: a new code makes the one you have stop working.",
  },
  locked: { title: "This account is locked for now.", action: "Try again after {until}." },
  send_timeout: {
    title: "We are not sure the code was sent.",
    action: "If a code arrives, type it below. If none arrives, ask for a new one when the button allows.",
  },
  reset_timeout: {
    title: "We did not hear back, so your PIN may or may not have changed.",
    action: "Ask for a new code and use it to set your PIN again.",
  },
  token_timeout: {
    title: "We did not hear back, so your PIN may or may not have changed.",
    action: "Try signing in with your new PIN. If it does not work, ask for a new reset email.",
  },
  reset_aborted: {
    title: "You stopped waiting, so your PIN may or may not have changed.",
    action: "Ask for a new code and use it to set your PIN again.",
  },
  rate_limited: { title: "Too many attempts in a short time.", action: "Wait {seconds} seconds, then try again." },
  lockout_untimed: {
    title: "Too many wrong codes: this account is locked for now.",
    action: "Wait a while, then ask for a new code.",
  },
  token_rejected: {
    title: "This reset link no longer works.",
    action: "It may have been used or be too old. Ask for a new reset email.",
  },
  setup: { title: "PIN reset is not set up correctly on this site.", action: "Contact the site's support." },
  server_error: { title: "The server had a problem.", action: "Try again in a few minutes." },
  // What to type, for a field the person typed wrong (the package's own words name the rule)
  field_email: "Type your email address, like name@example.com.",
  field_phone: "Type your phone number with its country code and no spaces, like +919876543210.",
  field_username: "Type your username, without spaces.",
  field_identifier: "Type your email address, phone number or username.",
  field_otp: "Type the code from your message: letters and digits, no spaces.",
  field_pin: "Type a new PIN, without spaces.",
  field_resetToken: "This reset link is incomplete. Ask for a new reset email.",
  // LoginRadius's codes
  901: { title: "PIN reset is not set up correctly on this site.", action: "Contact the site's support." },
  908: { title: "Something needed was missing.", action: "Fill in every field, then try again." },
  920: { title: "PIN reset is not set up correctly on this site.", action: "Contact the site's support." },
  938: { title: "We could not find that account.", action: "Check what you typed, or try another email, phone or username." },
  950: { title: "The server had a problem.", action: "Try again in a few minutes." },
  982: { title: "The captcha was not accepted.", action: "Complete the captcha again, then retry." },
  991: { title: "This account is blocked.", action: "Contact the site's support to unblock it." },
  1038: { title: "That email address is not valid.", action: "Check it for typos, then try again." },
  1066: { title: "This phone number is not verified.", action: "Use your email or username instead, or verify the number first." },
  1067: { title: "That code is not right.", action: "Check the code in your message and type it again." },
  1068: { title: "That code was already used.", action: "Ask for a new code." },
  1069: { title: "That code has expired.", action: "Ask for a new code." },
  1074: { title: "Phone numbers cannot be used here.", action: "Use your email or username instead." },
  1079: { title: "The request could not be read.", action: "Reload the page, then try again." },
  1083: { title: "The request could not be read.", action: "Reload the page, then try again." },
  1096: { title: "That phone number is not valid.", action: "Type it with the country code, for example +14155550123." },
  1132: { title: "This account is locked.", action: "Sign in on the site and complete the captcha to unlock it." },
  1134: { title: "That PIN is not allowed.", action: "Choose a PIN that follows the rules shown below." },
  1148: { title: "This account is locked.", action: "Sign in on the site and answer your security question to unlock it." },
  1183: { title: "Email addresses cannot be used here.", action: "Use your username instead." },
  1198: { title: "Too many wrong codes: this account is locked.", action: "Wait until {until}, then ask for a new code." },
  1214: { title: "What you typed contains characters that are not allowed.", action: "Remove < and & signs, then try again." },
  1233: { title: "PINs are not enabled on this site.", action: "Contact the site's support." },
  1238: { title: "Usernames cannot be used here.", action: "Use your email or phone number instead." },
  1409: { title: "PIN reset is not set up correctly on this site.", action: "Contact the site's support." },
  6003: { title: "PIN reset is not available on this site right now.", action: "Contact the site's support." },
};

export default en;
