//! The three "send me a PIN-reset code" endpoints: by phone (SMS, or a voice call with
//! `isvoiceotp=true`), by email and by username (both by email). Each runs the same gate and
//! identifier, captcha and account checks as the reset, issues a fresh code (the one the reset
//! then accepts) and records the delivery in the tenant's outbox.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::account::admit_user;
use crate::clock::iso;
use crate::envelope::{posted, posted_with, ApiError};
use crate::gate::{admit, Admitted};
use crate::identifier;
use crate::outbox::{Channel, OutboxEntry};
use crate::params::{body_text, parse_bool, Query};
use crate::reset_link;
use crate::state::AppState;
use crate::tenant::{random_hex, IdentifierKind};

pub async fn by_phone(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    send(&state, IdentifierKind::Phone, raw_query, &headers, body).await
}

pub async fn by_email(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    send(&state, IdentifierKind::Email, raw_query, &headers, body).await
}

pub async fn by_username(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    send(&state, IdentifierKind::Username, raw_query, &headers, body).await
}

async fn send(
    state: &AppState,
    kind: IdentifierKind,
    raw_query: Option<String>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let query = Query::parse(raw_query.as_deref());
    // An unreadable or oversized body (over 2 MB) is answered like an invalid one: 1079.
    let body = body.unwrap_or_default();
    match admit(state, &query, headers, &body).await {
        Ok(admitted) => handle(state, kind, &query, admitted).unwrap_or_else(|e| e.into_response()),
        Err(rejected) => rejected.into_response(),
    }
}

/// How the code travels, from the endpoint and its optional query parameters.
struct Delivery {
    channel: Channel,
    template: Option<String>,
    reset_pin_url: Option<String>,
}

impl Delivery {
    fn from_query(kind: IdentifierKind, query: &Query) -> Self {
        let text = |name: &str| query.non_empty(name).map(str::to_owned);
        match kind {
            IdentifierKind::Phone => {
                let voice = query.get("isvoiceotp").and_then(parse_bool) == Some(true);
                Delivery {
                    channel: if voice { Channel::Voice } else { Channel::Sms },
                    template: text("smstemplate"),
                    reset_pin_url: None,
                }
            }
            IdentifierKind::Email | IdentifierKind::Username => Delivery {
                channel: Channel::Email,
                template: text("emailtemplate"),
                reset_pin_url: text("resetpinurl"),
            },
        }
    }

    /// A Twilio-style message (SM…) or call (CA…) SID; email sends have none.
    fn sid(&self) -> Option<String> {
        match self.channel {
            Channel::Sms => Some(format!("SM{}", random_hex())),
            Channel::Voice => Some(format!("CA{}", random_hex())),
            Channel::Email => None,
        }
    }
}

fn handle(
    state: &AppState,
    kind: IdentifierKind,
    query: &Query,
    admitted: Admitted,
) -> Result<Response, ApiError> {
    let identifier = body_text(&admitted.body, kind.field())
        .ok_or_else(|| ApiError::missing(&[kind.field()]))?;
    identifier::check(&admitted.settings, kind, &identifier)?;
    admitted.with_tenant(state, query, |tenant| {
        let now = tenant.clock.now();
        let index = admit_user(tenant, kind, &identifier, now)?;
        let otp = tenant
            .issue_otp(index, Duration::ZERO, None)
            .ok_or_else(ApiError::internal)?;
        let delivery = Delivery::from_query(kind, query);
        // With a page to link to, the email also carries a reset link (the template decides in
        // LoginRadius; the mock always sends both).
        let reset_token = delivery
            .reset_pin_url
            .as_ref()
            .map(|_| tenant.reset_tokens.issue(index, now, None));
        let reset_pin_link = delivery
            .reset_pin_url
            .as_deref()
            .zip(reset_token.as_deref())
            .map(|(url, token)| reset_link::link(url, token));
        let user = tenant.users.get(index).ok_or_else(ApiError::internal)?;

        let sid = delivery.sid();
        let phone = (kind == IdentifierKind::Phone).then(|| kind.normalize(&identifier));
        let to = match kind {
            IdentifierKind::Phone => phone.clone(),
            // A username's code goes to the account's email address.
            IdentifierKind::Email | IdentifierKind::Username => user.email.clone(),
        };
        let entry = OutboxEntry {
            channel: delivery.channel,
            identifier: kind.normalize(&identifier),
            to,
            phone,
            otp,
            template: delivery.template,
            reset_pin_url: delivery.reset_pin_url,
            reset_pin_link,
            reset_token,
            sid: sid.clone(),
            uid: user.uid.clone(),
            sent_at: iso(now),
        };
        let response = match sid {
            Some(sid) => posted_with(json!({ "AccountSid": tenant.account_sid, "Sid": sid })),
            None => posted(),
        };
        tenant.outbox.push(entry);
        Ok(response)
    })
}
