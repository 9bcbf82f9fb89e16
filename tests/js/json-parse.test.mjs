// Response bodies are read by the engine's JSON.parse (no JSON parser in the wasm) and classified
// by the core's one `classify`: the values handed back are exactly JSON.parse's, and every body
// shape still gets its outcome and message.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";

import { ROOT } from "./support.mjs";

const lib = await import(path.join(ROOT, "pkg", "node.mjs"));

const valid = (body, status = 200) => ({
  apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
  otp: "123456",
  pin: "2468",
  email: "ada@example.com",
  fetch: () => Promise.resolve(new Response(body, { status })),
});
const rejection = (body, status) =>
  lib.resetPinWithOtp(valid(body, status)).then(
    (value) => assert.fail(`resolved with ${JSON.stringify(value)}`),
    (error) => error,
  );

test("the success value is JSON.parse's own object: lone surrogates kept, __proto__ an own member", async () => {
  const body = '{"IsPosted":true,"x":"a\\ud800b","n":[1.5e3,-0,null],"__proto__":{"polluted":true}}';
  const value = await lib.resetPinWithOtp(valid(body));
  assert.deepEqual(value, JSON.parse(body));
  assert.equal(value.x, "a\uD800b");
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.ok(Object.hasOwn(value, "__proto__"));
  assert.equal({}.polluted, undefined);
});

test("member names in any casing, the last duplicate winning as in JSON.parse", async () => {
  assert.deepEqual(await lib.resetPinWithOtp(valid('{"isposted":false,"IsPosted":true}')), {
    isposted: false,
    IsPosted: true,
  });
  const error = await rejection('{"IsPosted":true,"IsPosted":false}', 200);
  assert.equal(error.kind, "api");
  assert.match(error.message, /IsPosted is not true/);
});

test("an error envelope in lower case: code from a digit string, issues, data as parsed", async () => {
  const error = await rejection(
    '{"errorcode":"1067","message":"Invalid OTP","description":"d","errors":[null,1,{"fieldname":"otp","errormessage":"bad"},{"FieldName":"pin"}],"data":{"Until":"\\udc00","N":[1]}}',
    400,
  );
  assert.equal(lib.isLoginRadiusError(error), true);
  assert.equal(error.kind, "api");
  assert.equal(error.errorCode, 1067);
  assert.equal(error.message, "Invalid OTP");
  assert.equal(error.description, "d");
  assert.deepEqual(error.issues, [{ field: "otp", message: "bad" }]);
  assert.deepEqual(error.data, { Until: "\uDC00", N: [1] });
});

test("error codes: whole numbers up to 15 digits (1e3 is 1000 to JSON.parse); others are no code", async () => {
  assert.equal((await rejection('{"ErrorCode":908}', 400)).errorCode, 908);
  assert.equal((await rejection('{"ErrorCode":-1,"Message":""}', 400)).message, "LoginRadius error 1");
  assert.equal((await rejection('{"ErrorCode":999999999999999}', 400)).errorCode, 999999999999999);
  assert.equal((await rejection('{"ErrorCode":1e3}', 400)).errorCode, 1000);
  for (const code of ["1e400", "1.5", "1000000000000000", '"12a"', "true"]) {
    const error = await rejection(`{"ErrorCode":${code},"Message":"m"}`, 400);
    assert.equal(error.errorCode, undefined, code);
    assert.equal(error.message, "m", code);
  }
  assert.equal((await rejection('{"ErrorCode":1,"Data":null}', 400)).data, undefined);
});

test("bodies that are not a LoginRadius answer keep their messages", async () => {
  const cases = [
    ["", 200, "an empty body"],
    [" \n\t ", 502, "an empty body"],
    ["<html>502</html>", 502, "a body that is not JSON"],
    ['{"IsPosted": tr', 200, "a body that is not JSON"],
    ["[1,2]", 200, "a JSON body that is not a LoginRadius answer"],
    ['"text"', 500, "a JSON body that is not a LoginRadius answer"],
    ["{}", 500, "a JSON body that is not a LoginRadius answer"],
  ];
  for (const [body, status, what] of cases) {
    const error = await rejection(body, status);
    assert.equal(error.kind, "invalid_response", body);
    assert.equal(
      error.message,
      `Unexpected response from the server: HTTP ${status} with ${what}. Check baseUrl, or try again later`,
    );
  }
  assert.equal((await rejection("<html>", 429)).kind, "api");
});
