//! Access tokens: EdDSA-signed JWTs with a `kid` from our own key table.

use crate::auth::keys::{KeyError, KeySet};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, Header, Validation};
use nabij_ops::Caller;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Clock skew tolerated on `exp` and `nbf`, in seconds.
pub const LEEWAY_SECS: u64 = 30;

/// Longest token we try to parse.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

pub use nabij_ops::Role;

/// The claims of our tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// `user:<id>` for accounts, `client:<client_id>` for partner apps.
    pub sub: String,
    /// The organisation id.
    pub org: i64,
    pub org_slug: String,
    pub role: Role,
    /// Neighbourhood ids a coordinator is limited to; absent when not limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbourhoods: Option<Vec<i64>>,
    /// Scopes of a partner app (`neighbours:write`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// For an account's token (`user:<id>`): the account's `session_epoch` when it was
    /// issued. Refused once the account is logged out everywhere or disabled (absent
    /// reads as 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ep: Option<i64>,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
}

/// `iss` and `aud` of tokens, from the settings.
#[derive(Debug, Clone)]
pub struct TokenConfig {
    pub issuer: String,
    pub audience: String,
}

/// A signed token and its lifetime.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedToken {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: u64,
}

/// Why a token was refused. Never sent in detail to the client (all are 401).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("token is malformed")]
    Malformed,
    #[error("token has no kid")]
    NoKid,
    #[error("token kid is not one of ours")]
    UnknownKid,
    #[error("token uses a key reference header")]
    KeyReference,
    #[error("token algorithm is not EdDSA")]
    WrongAlgorithm,
    #[error("token is expired")]
    Expired,
    #[error("token is not valid yet")]
    NotYetValid,
    #[error("token signature or claims are invalid")]
    Invalid,
}

impl KeySet {
    /// Signs a token for `who` with the newest key.
    pub fn issue(&self, config: &TokenConfig, who: &Caller, ttl: Duration) -> Result<IssuedToken, KeyError> {
        self.issue_with_epoch(config, who, ttl, None)
    }

    /// Signs a token for an account, carrying its `session_epoch` (see [`Claims::ep`]).
    pub fn issue_with_epoch(
        &self,
        config: &TokenConfig,
        who: &Caller,
        ttl: Duration,
        epoch: Option<i64>,
    ) -> Result<IssuedToken, KeyError> {
        let key = self.current()?;
        let now = chrono::Utc::now().timestamp();
        let ttl_secs = ttl.as_secs().clamp(1, 366 * 24 * 3600);
        let mut jti = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut jti);
        let claims = Claims {
            iss: config.issuer.clone(),
            aud: config.audience.clone(),
            sub: who.subject.clone(),
            org: who.org.get(),
            org_slug: who.org_slug.clone(),
            role: who.role,
            neighbourhoods: who
                .neighbourhoods
                .as_ref()
                .map(|v| v.iter().map(|n| n.get()).collect()),
            scopes: who.scopes.clone(),
            ep: epoch,
            iat: now,
            nbf: now,
            exp: now.saturating_add(i64::try_from(ttl_secs).unwrap_or(i64::MAX)),
            jti: URL_SAFE_NO_PAD.encode(jti),
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(key.kid.clone());
        header.typ = Some("JWT".to_string());
        let access_token = jsonwebtoken::encode(&header, &claims, &key.encoding)
            .map_err(|e| KeyError::Sign(e.to_string()))?;
        Ok(IssuedToken {
            access_token,
            token_type: "Bearer",
            expires_in: ttl_secs,
        })
    }

    /// Verifies a token: the `kid` must be in our table, the algorithm EdDSA, the
    /// signature valid, `exp`, `nbf`, `iss`, `aud` and `sub` present and right.
    pub fn verify(&self, config: &TokenConfig, token: &str) -> Result<Claims, TokenError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(TokenError::Malformed);
        }
        // `decode_header` fails on algorithms jsonwebtoken does not know, `none` included.
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        if header.jku.is_some() || header.x5u.is_some() || header.jwk.is_some() || header.x5c.is_some() {
            return Err(TokenError::KeyReference);
        }
        let kid = header.kid.ok_or(TokenError::NoKid)?;
        let key = self.find(&kid).ok_or(TokenError::UnknownKid)?;
        if header.alg != Algorithm::EdDSA {
            return Err(TokenError::WrongAlgorithm);
        }
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.leeway = LEEWAY_SECS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &key.decoding, &validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                ErrorKind::ImmatureSignature => TokenError::NotYetValid,
                ErrorKind::InvalidAlgorithm => TokenError::WrongAlgorithm,
                _ => TokenError::Invalid,
            }
        })?;
        let claims = data.claims;
        if claims.sub.is_empty() || claims.org <= 0 {
            return Err(TokenError::Invalid);
        }
        Ok(claims)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::auth::keys::generate_key;
    use nabij_store::{NeighbourhoodId, OrgId};

    fn setup() -> (KeySet, TokenConfig, Caller) {
        let set = KeySet::from_stored(&[generate_key().unwrap()]).unwrap();
        let cfg = TokenConfig {
            issuer: "nabij".into(),
            audience: "nabij-api".into(),
        };
        let who = Caller {
            subject: "user:1".into(),
            org: OrgId(7),
            org_slug: "pelt".into(),
            role: Role::Coordinator,
            neighbourhoods: Some(vec![NeighbourhoodId(3)]),
            scopes: vec![],
        };
        (set, cfg, who)
    }

    #[test]
    fn round_trip() {
        let (set, cfg, who) = setup();
        let t = set.issue(&cfg, &who, Duration::from_secs(60)).unwrap();
        let c = set.verify(&cfg, &t.access_token).unwrap();
        assert_eq!(c.org, 7);
        assert_eq!(c.neighbourhoods, Some(vec![3]));
        assert_eq!(c.role, Role::Coordinator);
    }

    #[test]
    fn another_key_set_is_refused() {
        let (set, cfg, who) = setup();
        let (other, _, _) = setup();
        let t = other.issue(&cfg, &who, Duration::from_secs(60)).unwrap();
        assert_eq!(set.verify(&cfg, &t.access_token), Err(TokenError::UnknownKid));
    }

    #[test]
    fn wrong_audience_and_issuer_are_refused() {
        let (set, cfg, who) = setup();
        let t = set.issue(&cfg, &who, Duration::from_secs(60)).unwrap();
        let other = TokenConfig {
            issuer: "nabij".into(),
            audience: "elsewhere".into(),
        };
        assert_eq!(set.verify(&other, &t.access_token), Err(TokenError::Invalid));
        let other = TokenConfig {
            issuer: "evil".into(),
            audience: "nabij-api".into(),
        };
        assert_eq!(set.verify(&other, &t.access_token), Err(TokenError::Invalid));
    }
}
