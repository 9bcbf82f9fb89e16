//! Every response shape through `classify_text(Operation::ResetPin, status, retry_after, body)`.

use loginradius_pin_reset::{classify_text, ErrorKind, Issue, LoginRadiusError, Outcome};
use loginradius_pin_reset::{JsonView, Operation};
use serde_json::Value;

fn failure(status: u16, retry_after: Option<&str>, body: &str) -> LoginRadiusError {
    match classify_text(Operation::ResetPin, status, retry_after, body) {
        Outcome::Failure(e) => e,
        Outcome::Success(v) => panic!("expected a failure for {status} {body:?}, got {v:?}"),
    }
}

/// The fields every test asserts, in one comparable tuple:
/// kind, status, error_code, description, issues, message, retry_after.
type Summary<'a> = (
    ErrorKind,
    u16,
    Option<i64>,
    Option<&'a str>,
    &'a [Issue],
    &'a str,
    Option<u32>,
);

fn summary(e: &LoginRadiusError) -> Summary<'_> {
    (
        e.kind,
        e.status,
        e.error_code,
        e.description.as_deref(),
        &e.issues,
        &e.message,
        e.retry_after,
    )
}

fn invalid(status: u16, what: &str) -> String {
    format!(
        "Unexpected response from the server: HTTP {status} with {what}. Check baseUrl, or try again later"
    )
}

const NOT_CONFIRMED: &str = "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed";
const TOO_MANY: &str =
    "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again";

#[test]
fn success_is_only_2xx_with_is_posted_true() {
    for status in [200, 201, 204, 299] {
        match classify_text(Operation::ResetPin, status, None, r#"{"IsPosted":true}"#) {
            Outcome::Success(v) => {
                assert_eq!(v, serde_json::json!({"IsPosted": true}))
            }
            other => panic!("{status}: {other:?}"),
        }
    }
    // whitespace and extra members are fine, and the body is handed on as is
    match classify_text(
        Operation::ResetPin,
        200,
        Some("5"),
        " {\n \"IsPosted\" : true, \"Extra\": [1] }\n",
    ) {
        Outcome::Success(v) => {
            assert_eq!(v.member_ignore_case("IsPosted"), Some(Value::Bool(true)));
            assert_eq!(v.member_ignore_case("Extra"), Some(serde_json::json!([1])));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn is_posted_true_on_an_error_status_is_not_success() {
    let e = failure(500, None, r#"{"IsPosted":true}"#);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::InvalidResponse,
            500,
            None,
            None,
            &[][..],
            invalid(500, "a JSON body that is not a LoginRadius answer").as_str(),
            None
        )
    );
}

#[test]
fn is_posted_false_or_missing_on_200_is_api() {
    for body in [
        r#"{"IsPosted":false}"#,
        "{}",
        r#"{"IsPosted":"true"}"#,
        r#"{"IsPosted":1}"#,
        r#"{"IsPosted":null}"#,
        r#"{"Message":"ok"}"#,
    ] {
        let e = failure(200, None, body);
        assert_eq!(
            summary(&e),
            (
                ErrorKind::Api,
                200,
                None,
                None,
                &[][..],
                NOT_CONFIRMED,
                None
            ),
            "{body}"
        );
        assert_eq!(e.data, None);
    }
}

#[test]
fn pascal_case_envelope_908() {
    let body = r#"{"Description":"The apikey is a required parameter.","ErrorCode":908,"Message":"A parameter is not formatted correctly","IsProviderError":false,"ProviderErrorResponse":null}"#;
    let e = failure(400, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            400,
            Some(908),
            Some("The apikey is a required parameter."),
            &[][..],
            "A parameter is not formatted correctly",
            None
        )
    );
    assert_eq!(e.data, None);
}

#[test]
fn seed_908_envelope() {
    let body = "{\n  \"ErrorCode\": 908,\n  \"Message\": \"A parameter is not formatted correctly\",\n  \"Description\": \"The apikey is a required parameter.\"\n}";
    let e = failure(400, None, body);
    assert_eq!(e.kind, ErrorKind::Api);
    assert_eq!(e.error_code, Some(908));
    assert_eq!(e.message, "A parameter is not formatted correctly");
}

#[test]
fn pascal_case_1067_invalid_otp() {
    let body = r#"{"Description":"The OTP code is invalid, please request for a new OTP.","ErrorCode":1067,"Message":"The OTP code is invalid, please request for a new OTP.","IsProviderError":false,"ProviderErrorResponse":null}"#;
    let e = failure(403, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            403,
            Some(1067),
            Some("The OTP code is invalid, please request for a new OTP."),
            &[][..],
            "The OTP code is invalid, please request for a new OTP.",
            None
        )
    );
}

#[test]
fn camel_case_1409_from_the_seed() {
    let body = "{\n  \"errorCode\": 1409,\n  \"message\": \"Authentication failed\",\n  \"description\": \"The credentials provided could not be authenticated.\"\n}";
    let e = failure(401, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            401,
            Some(1409),
            Some("The credentials provided could not be authenticated."),
            &[][..],
            "Authentication failed",
            None
        )
    );
}

#[test]
fn lowercase_errorcode_982() {
    let body = r#"{"errorcode":982,"message":"Invalid captcha","description":"The captcha answer is not valid."}"#;
    let e = failure(403, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            403,
            Some(982),
            Some("The captcha answer is not valid."),
            &[][..],
            "Invalid captcha",
            None
        )
    );
}

#[test]
fn errors_array_becomes_issues_1134() {
    let body = r#"{"Description":"Validation failed","ErrorCode":1134,"Message":"Validation error","Errors":[{"FieldName":"pin","ErrorMessage":"The PIN must be 6 digits."},{"FieldName":"pin","ErrorMessage":"The PIN is too common."},{"fieldname":"otp","errormessage":"bad"},{"FieldName":"x"},{"ErrorMessage":"no field"},"junk",{"FieldName":7,"ErrorMessage":"numeric field name"}],"IsProviderError":false}"#;
    let e = failure(400, None, body);
    let issues = [
        Issue::new("pin", "The PIN must be 6 digits."),
        Issue::new("pin", "The PIN is too common."),
        Issue::new("otp", "bad"),
        Issue::new("", "no field"),
        Issue::new("", "numeric field name"),
    ];
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            400,
            Some(1134),
            Some("Validation failed"),
            &issues[..],
            "Validation error",
            None
        )
    );
    // Errors that is not an array is ignored
    let e = failure(
        400,
        None,
        r#"{"ErrorCode":1134,"Message":"m","Errors":{"a":1}}"#,
    );
    assert!(e.issues.is_empty());
}

#[test]
fn data_login_locked_timeout_1198_is_kept() {
    let body = r#"{"Description":"The user is blocked due to too many failed attempts.","ErrorCode":1198,"Message":"Account locked","Data":{"LoginLockedTimeout":"2018-10-11T21:40:44.875Z"}}"#;
    let e = failure(403, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            403,
            Some(1198),
            Some("The user is blocked due to too many failed attempts."),
            &[][..],
            "Account locked",
            None
        )
    );
    let data = e.data.expect("data kept");
    assert_eq!(
        data.member_ignore_case("LoginLockedTimeout"),
        Some(Value::String("2018-10-11T21:40:44.875Z".into()))
    );
    // Data: null is dropped
    let e = failure(403, None, r#"{"ErrorCode":1198,"Message":"m","Data":null}"#);
    assert_eq!(e.data, None);
}

#[test]
fn two_xx_with_an_error_envelope_is_api_with_that_code() {
    for body in [
        r#"{"ErrorCode":1067,"Message":"Invalid OTP","Description":"d"}"#,
        r#"{"IsPosted":true,"ErrorCode":1067,"Message":"Invalid OTP","Description":"d"}"#,
        r#"{"errorCode":1067,"message":"Invalid OTP","description":"d"}"#,
    ] {
        let e = failure(200, None, body);
        assert_eq!(
            summary(&e),
            (
                ErrorKind::Api,
                200,
                Some(1067),
                Some("d"),
                &[][..],
                "Invalid OTP",
                None
            ),
            "{body}"
        );
    }
}

#[test]
fn error_code_as_a_numeric_string() {
    let e = failure(400, None, r#"{"ErrorCode":"908","Message":"m"}"#);
    assert_eq!(e.error_code, Some(908));
    let e = failure(400, None, r#"{"ErrorCode":" 920 ","Message":"m"}"#);
    assert_eq!(e.error_code, Some(920));
    // not a number: no code, but Message still makes it the server's error
    let e = failure(400, None, r#"{"ErrorCode":"abc","Message":"m"}"#);
    assert_eq!((e.kind, e.error_code), (ErrorKind::Api, None));
    // a code alone gives a message of our own
    let e = failure(403, None, r#"{"ErrorCode":901}"#);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            403,
            Some(901),
            None,
            &[][..],
            "LoginRadius error 901",
            None
        )
    );
    // Description alone on an error status
    let e = failure(400, None, r#"{"Description":"only this"}"#);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            400,
            None,
            Some("only this"),
            &[][..],
            "only this",
            None
        )
    );
}

#[test]
fn empty_body() {
    for status in [200, 400, 500, 502] {
        for body in ["", "  \r\n\t"] {
            let e = failure(status, None, body);
            assert_eq!(
                summary(&e),
                (
                    ErrorKind::InvalidResponse,
                    status,
                    None,
                    None,
                    &[][..],
                    invalid(status, "an empty body").as_str(),
                    None
                )
            );
        }
    }
}

#[test]
fn html_500() {
    let e = failure(
        500,
        None,
        "<html><body><h1>500 Internal Server Error</h1></body></html>",
    );
    assert_eq!(
        summary(&e),
        (
            ErrorKind::InvalidResponse,
            500,
            None,
            None,
            &[][..],
            "Unexpected response from the server: HTTP 500 with a body that is not JSON. Check baseUrl, or try again later",
            None
        )
    );
    // an HTML 200 (a captive portal, a wrong baseUrl) is not a success either
    let e = failure(200, None, "<!doctype html><title>Login</title>");
    assert_eq!(e.kind, ErrorKind::InvalidResponse);
    assert_eq!(e.status, 200);
}

#[test]
fn truncated_json() {
    for status in [200, 400] {
        let e = failure(status, None, r#"{"IsPosted": tr"#);
        assert_eq!(
            summary(&e),
            (
                ErrorKind::InvalidResponse,
                status,
                None,
                None,
                &[][..],
                invalid(status, "a body that is not JSON").as_str(),
                None
            )
        );
    }
    let e = failure(403, None, r#"{"ErrorCode":1067,"Message":"Invalid OT"#);
    assert_eq!(e.kind, ErrorKind::InvalidResponse);
    assert_eq!(e.error_code, None);
}

#[test]
fn json_that_is_not_an_object() {
    for (status, body) in [
        (400, "[1,2,3]"),
        (500, r#""Internal error""#),
        (403, "null"),
        (400, "42"),
        (200, "[]"),
        (200, "true"),
        (400, r#"[{"ErrorCode":908}]"#),
        (404, r#"{"error":"not found"}"#),
    ] {
        let e = failure(status, None, body);
        assert_eq!(
            summary(&e),
            (
                ErrorKind::InvalidResponse,
                status,
                None,
                None,
                &[][..],
                invalid(status, "a JSON body that is not a LoginRadius answer").as_str(),
                None
            ),
            "{body}"
        );
    }
}

#[test]
fn too_many_requests() {
    for body in ["", "Too Many Requests", "{}", "[]", "<html>429</html>"] {
        let e = failure(429, Some("30"), body);
        assert_eq!(
            summary(&e),
            (ErrorKind::Api, 429, None, None, &[][..], TOO_MANY, Some(30)),
            "{body:?}"
        );
    }
    // no header
    let e = failure(429, None, "");
    assert_eq!(e.retry_after, None);
    assert_eq!(e.message, TOO_MANY);
    // a 429 that does carry an envelope keeps the server's words
    let e = failure(
        429,
        Some(" 2 "),
        r#"{"ErrorCode":1122,"Message":"limit","Description":"d"}"#,
    );
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            429,
            Some(1122),
            Some("d"),
            &[][..],
            "limit",
            Some(2)
        )
    );
}

#[test]
fn retry_after_http_date_and_junk_are_ignored() {
    for header in [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "",
        "-1",
        "1.5",
        "abc",
        "9999999999",
        "+5",
    ] {
        let e = failure(429, Some(header), "");
        assert_eq!(e.retry_after, None, "{header:?}");
        assert_eq!(e.kind, ErrorKind::Api);
    }
    assert_eq!(failure(429, Some("0"), "").retry_after, Some(0));
    assert_eq!(
        failure(429, Some("999999999"), "").retry_after,
        Some(999_999_999)
    );
    // kept on any failure that has it
    assert_eq!(failure(503, Some("120"), "").retry_after, Some(120));
}

#[test]
fn seed_6003_trial_plan_expired() {
    let body = "{\n  \"ErrorCode\": 6003,\n  \"Message\": \"Trial plan expired\",\n  \"Description\": \"The trial plan has expired. To continue using the service, please contact support.\"\n}";
    let e = failure(403, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            403,
            Some(6003),
            Some("The trial plan has expired. To continue using the service, please contact support."),
            &[][..],
            "Trial plan expired",
            None
        )
    );
}

#[test]
fn seed_950_unknown_error() {
    let body = "{\n  \"ErrorCode\": 950,\n  \"Message\": \"Operation failed due to an unknown error\",\n  \"Description\": \"An unknown error has occurred, please try again in a few minutes or contact your system admin.\"\n}";
    let e = failure(500, None, body);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            500,
            Some(950),
            Some("An unknown error has occurred, please try again in a few minutes or contact your system admin."),
            &[][..],
            "Operation failed due to an unknown error",
            None
        )
    );
}

#[test]
fn empty_message_falls_back_to_the_code() {
    let e = failure(
        400,
        None,
        r#"{"ErrorCode":1079,"Message":"  ","Description":"d"}"#,
    );
    assert_eq!(e.message, "LoginRadius error 1079");
    let e = failure(400, None, r#"{"Message":"","Description":"d"}"#);
    assert_eq!(e.message, "d");
}

#[test]
fn duplicate_keys_last_one_wins_like_json_parse() {
    match classify_text(
        Operation::ResetPin,
        200,
        None,
        r#"{"IsPosted":false,"IsPosted":true}"#,
    ) {
        Outcome::Success(_) => {}
        other => panic!("{other:?}"),
    }
    let e = failure(200, None, r#"{"IsPosted":true,"IsPosted":false}"#);
    assert_eq!(e.message, NOT_CONFIRMED);
}

#[test]
fn empty_message_and_description_still_give_a_message() {
    // found by the classify property: the message used to be empty
    let e = failure(300, None, r#"{"X":-1,"Message":"","Description":""}"#);
    assert_eq!(
        summary(&e),
        (
            ErrorKind::Api,
            300,
            None,
            Some(""),
            &[][..],
            "LoginRadius reported an error",
            None
        )
    );
}
