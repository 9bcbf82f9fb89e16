// The package's resetPinWithOtp written by hand with valibot 1: the rules of rules.mjs as a
// valibot schema, everything else from call.mjs.
import * as v from "valibot";
import { createResetPinClient } from "./call.mjs";
import * as rule from "./rules.mjs";

const { MESSAGES } = rule;
const matching = (pattern, message, ...more) => v.pipe(v.string(), v.regex(pattern, message), ...more);
const token = () => v.optional(matching(rule.TOKEN, MESSAGES.token, v.check(rule.tokenFits, MESSAGES.token)));

const fields = {
  apiKey: matching(rule.API_KEY, MESSAGES.apiKey),
  otp: matching(rule.OTP, MESSAGES.otp),
  pin: matching(rule.PIN, MESSAGES.pin),
  email: v.optional(matching(rule.EMAIL, MESSAGES.email, v.check(rule.emailLocalPartFits, MESSAGES.email))),
  phone: v.optional(matching(rule.PHONE, MESSAGES.phone)),
  username: v.optional(matching(rule.USERNAME, MESSAGES.username)),
  type: v.optional(v.picklist(rule.PATH_TYPES)),
  preventWebhook: v.optional(v.boolean()),
  xPreventWebhook: v.optional(v.boolean()),
  gRecaptchaResponse: token(),
  gRecaptchaResponseAlt: token(),
  hCaptchaResponse: token(),
  qqCaptchaTicket: token(),
  qqCaptchaRandstr: token(),
  baseUrl: v.optional(v.pipe(v.string(), v.maxLength(rule.MAX_BASE_URL_LENGTH, MESSAGES.baseUrl), v.regex(rule.BASE_URL, MESSAGES.baseUrl))),
  timeoutMs: v.optional(
    v.pipe(v.number(), v.integer(MESSAGES.timeoutMs), v.minValue(1, MESSAGES.timeoutMs), v.maxValue(rule.MAX_TIMEOUT_MS, MESSAGES.timeoutMs)),
  ),
  signal: v.optional(v.custom(rule.isAbortSignal, MESSAGES.signal)),
  fetch: v.optional(v.function(MESSAGES.fetch)),
};

const fieldOf = (issue) => issue.path?.[0]?.key;

const schema = v.pipe(
  // valibot's object schemas take arrays for objects; the package does not.
  v.custom(rule.isOptionsObject, MESSAGES.options),
  // Not strictObject, which stops at the first unknown key: every key is reported, as the package does.
  v.objectWithRest(fields, v.never(MESSAGES.unknownKey)),
  // rawCheck runs also when a field failed: the package reports every problem at once.
  v.rawCheck(({ dataset, addIssue }) => {
    const isValid = (field) => !dataset.issues?.some((issue) => fieldOf(issue) === field);
    for (const { field, message } of rule.crossFieldIssues(dataset.value, isValid)) {
      addIssue({ message, path: [{ type: "object", origin: "value", input: dataset.value, key: field, value: dataset.value[field] }] });
    }
  }),
);

const toIssue = (issue) => ({ field: String(fieldOf(issue) ?? "options"), message: issue.message });

function parse(options) {
  const result = v.safeParse(schema, options);
  return result.success ? { options: result.output } : { issues: result.issues.map(toIssue) };
}

export const { resetPinWithOtp, validateResetPinWithOtp, buildResetPinWithOtpRequest } = createResetPinClient(parse);
