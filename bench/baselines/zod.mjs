// The package's resetPinWithOtp written by hand with zod 4: the rules of rules.mjs as a zod
// schema, everything else from call.mjs.
// The namespace import zod 4 advises: `import { z }` keeps every locale in a bundle (97 KB gzip, not 31).
import * as z from "zod";
import { createResetPinClient } from "./call.mjs";
import * as rule from "./rules.mjs";

const { MESSAGES } = rule;
const matching = (pattern, message) => z.string().regex(pattern, message);
const token = () => matching(rule.TOKEN, MESSAGES.token).refine(rule.tokenFits, MESSAGES.token).optional();

const fields = {
  apiKey: matching(rule.API_KEY, MESSAGES.apiKey),
  otp: matching(rule.OTP, MESSAGES.otp),
  pin: matching(rule.PIN, MESSAGES.pin),
  email: matching(rule.EMAIL, MESSAGES.email).refine(rule.emailLocalPartFits, MESSAGES.email).optional(),
  phone: matching(rule.PHONE, MESSAGES.phone).optional(),
  username: matching(rule.USERNAME, MESSAGES.username).optional(),
  type: z.enum(rule.PATH_TYPES).optional(),
  preventWebhook: z.boolean().optional(),
  xPreventWebhook: z.boolean().optional(),
  gRecaptchaResponse: token(),
  gRecaptchaResponseAlt: token(),
  hCaptchaResponse: token(),
  qqCaptchaTicket: token(),
  qqCaptchaRandstr: token(),
  baseUrl: z.string().max(rule.MAX_BASE_URL_LENGTH, MESSAGES.baseUrl).regex(rule.BASE_URL, MESSAGES.baseUrl).optional(),
  timeoutMs: z.number().int(MESSAGES.timeoutMs).min(1, MESSAGES.timeoutMs).max(rule.MAX_TIMEOUT_MS, MESSAGES.timeoutMs).optional(),
  signal: z.custom(rule.isAbortSignal, MESSAGES.signal).optional(),
  fetch: z.custom((value) => typeof value === "function", MESSAGES.fetch).optional(),
};

const schema = z.strictObject(fields).superRefine(
  (options, ctx) => {
    const isValid = (field) => fields[field].safeParse(options[field]).success;
    for (const { field, message } of rule.crossFieldIssues(options, isValid)) {
      ctx.addIssue({ code: "custom", path: [field], message });
    }
  },
  // Also when a field failed: the package reports every problem at once.
  { when: () => true },
);

/** zod's issues as the package's { field, message }; each unknown key is its own issue. */
const toIssues = (issue) =>
  issue.code === "unrecognized_keys"
    ? issue.keys.map((key) => ({ field: key, message: MESSAGES.unknownKey }))
    : [{ field: issue.path.length ? String(issue.path[0]) : "options", message: issue.message }];

function parse(options) {
  const result = schema.safeParse(options);
  return result.success ? { options: result.data } : { issues: result.error.issues.flatMap(toIssues) };
}

export const { resetPinWithOtp, validateResetPinWithOtp, buildResetPinWithOtpRequest } = createResetPinClient(parse);
