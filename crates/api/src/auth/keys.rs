//! The signing keys: Ed25519, kept as PKCS#8 PEM in `keys.json` in the data directory.
//!
//! Several keys may be present so that old and new overlap during rotation: the newest
//! signs, all verify, and all are published at `/.well-known/jwks.json`. Each key only
//! ever verifies EdDSA; a token's `kid` is looked up in this table and nowhere else.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{DecodingKey, EncodingKey};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The key set's file name in the data directory.
pub const KEYS_FILE: &str = "keys.json";

/// What can go wrong with the key set.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("no key set at {0} (production mode does not generate one; run `nabij keys rotate`)")]
    Missing(String),
    #[error("cannot read or write the key set: {0}")]
    Io(#[from] std::io::Error),
    #[error("the key set file is malformed: {0}")]
    Malformed(String),
    #[error("the key set is empty")]
    Empty,
    #[error("cannot sign: {0}")]
    Sign(String),
}

/// One key as stored in `keys.json`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredKey {
    pub kid: String,
    /// PKCS#8 PEM of the Ed25519 private key.
    pub private_key_pem: String,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for StoredKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredKey")
            .field("kid", &self.kid)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    keys: Vec<StoredKey>,
}

/// A usable key: for signing (if newest) and verifying.
pub struct Key {
    pub kid: String,
    pub created_at: DateTime<Utc>,
    pub(crate) encoding: EncodingKey,
    pub(crate) decoding: DecodingKey,
    /// The raw 32-byte public key.
    public: [u8; 32],
    /// A secret for the console's CSRF tokens (HMAC key), derived from the private key
    /// so that every instance sharing `keys.json` has the same one.
    console_secret: [u8; 32],
}

impl Key {
    fn from_stored(stored: &StoredKey) -> Result<Self, KeyError> {
        let malformed = |what: &str| KeyError::Malformed(format!("key {}: {what}", stored.kid));
        if stored.kid.is_empty() || stored.kid.len() > 64 {
            return Err(malformed("kid must be 1 to 64 characters"));
        }
        let signing = ed25519_dalek::SigningKey::from_pkcs8_pem(&stored.private_key_pem)
            .map_err(|_| malformed("not an Ed25519 PKCS#8 PEM private key"))?;
        let public = signing.verifying_key().to_bytes();
        let console_secret: [u8; 32] = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(b"nabij console csrf v1\0");
            h.update(signing.to_bytes());
            h.finalize().into()
        };
        let encoding = EncodingKey::from_ed_pem(stored.private_key_pem.as_bytes())
            .map_err(|_| malformed("not usable for EdDSA signing"))?;
        let decoding = DecodingKey::from_ed_components(&URL_SAFE_NO_PAD.encode(public))
            .map_err(|_| malformed("public key not usable"))?;
        Ok(Key {
            kid: stored.kid.clone(),
            created_at: stored.created_at,
            encoding,
            decoding,
            public,
            console_secret,
        })
    }

    /// The public key as a JWK.
    pub fn jwk(&self) -> serde_json::Value {
        serde_json::json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(self.public),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        })
    }

    /// The raw public key bytes.
    pub fn public_key(&self) -> [u8; 32] {
        self.public
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// The keys this server signs with and accepts.
#[derive(Debug)]
pub struct KeySet {
    /// Oldest first; the last one signs.
    keys: Vec<Key>,
}

impl KeySet {
    /// Builds a key set from stored keys.
    pub fn from_stored(stored: &[StoredKey]) -> Result<Self, KeyError> {
        let mut keys = stored
            .iter()
            .map(Key::from_stored)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        keys.sort_by_key(|k| k.created_at);
        for pair in keys.windows(2) {
            if pair[0].kid == pair[1].kid {
                return Err(KeyError::Malformed(format!("kid {} twice", pair[0].kid)));
            }
        }
        Ok(KeySet { keys })
    }

    /// Reads `keys.json` from a data directory.
    pub fn load(data_dir: &Path) -> Result<Self, KeyError> {
        Self::from_stored(&read_file(data_dir)?)
    }

    /// Reads `keys.json`, or (when `generate` is true and there is none) creates it
    /// with one fresh key.
    pub fn load_or_generate(data_dir: &Path, generate: bool) -> Result<Self, KeyError> {
        let path = data_dir.join(KEYS_FILE);
        if !path.exists() {
            if !generate {
                return Err(KeyError::Missing(path.display().to_string()));
            }
            write_file(data_dir, &[generate_key()?])?;
        }
        Self::load(data_dir)
    }

    /// Adds a new signing key to `keys.json` and drops all but the newest `keep`
    /// (at least 2, so tokens signed by the previous key stay valid). Returns the new
    /// key's `kid`. Running servers pick the new key up on restart.
    pub fn rotate(data_dir: &Path, keep: usize) -> Result<String, KeyError> {
        let mut stored = match read_file(data_dir) {
            Ok(s) => s,
            Err(KeyError::Missing(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        let new = generate_key()?;
        let kid = new.kid.clone();
        stored.sort_by_key(|k| k.created_at);
        stored.push(new);
        let keep = keep.max(2);
        if stored.len() > keep {
            stored.drain(..stored.len() - keep);
        }
        Self::from_stored(&stored)?;
        write_file(data_dir, &stored)?;
        Ok(kid)
    }

    /// The key that signs new tokens (the newest).
    pub fn current(&self) -> Result<&Key, KeyError> {
        self.keys.last().ok_or(KeyError::Empty)
    }

    /// The HMAC key of the console's CSRF tokens: derived from the signing key (a key
    /// rotation invalidates forms open at the time, as it does nothing else).
    pub fn console_secret(&self) -> Result<[u8; 32], KeyError> {
        Ok(self.current()?.console_secret)
    }

    /// The key with this `kid`, if it is ours.
    pub fn find(&self, kid: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The JWK set published at `/.well-known/jwks.json`.
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": self.keys.iter().rev().map(Key::jwk).collect::<Vec<_>>() })
    }
}

/// A fresh Ed25519 key with a random `kid`.
pub fn generate_key() -> Result<StoredKey, KeyError> {
    let mut rng = rand::rngs::OsRng;
    let signing = ed25519_dalek::SigningKey::generate(&mut rng);
    let pem = signing
        .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map_err(|e| KeyError::Sign(e.to_string()))?;
    let mut id = [0u8; 8];
    rng.fill_bytes(&mut id);
    let created_at = Utc::now();
    Ok(StoredKey {
        kid: format!("{}-{}", created_at.format("%Y%m%d"), URL_SAFE_NO_PAD.encode(id)),
        private_key_pem: pem.to_string(),
        created_at,
    })
}

fn read_file(data_dir: &Path) -> Result<Vec<StoredKey>, KeyError> {
    let path = data_dir.join(KEYS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(KeyError::Missing(path.display().to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    let file: KeyFile = serde_json::from_str(&text).map_err(|e| KeyError::Malformed(e.to_string()))?;
    Ok(file.keys)
}

/// Writes the key set atomically (temporary file, then rename), readable by the owner
/// only.
fn write_file(data_dir: &Path, keys: &[StoredKey]) -> Result<(), KeyError> {
    std::fs::create_dir_all(data_dir)?;
    let text = serde_json::to_string_pretty(&KeyFile { keys: keys.to_vec() })
        .map_err(|e| KeyError::Malformed(e.to_string()))?;
    let tmp = data_dir.join(format!("{KEYS_FILE}.tmp"));
    {
        use std::io::Write as _;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, data_dir.join(KEYS_FILE))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn generate_load_rotate() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            KeySet::load_or_generate(dir.path(), false),
            Err(KeyError::Missing(_))
        ));
        let first = KeySet::load_or_generate(dir.path(), true).unwrap();
        let kid1 = first.current().unwrap().kid.clone();
        let kid2 = KeySet::rotate(dir.path(), 2).unwrap();
        let set = KeySet::load(dir.path()).unwrap();
        assert_eq!(set.current().unwrap().kid, kid2);
        assert!(set.find(&kid1).is_some());
        KeySet::rotate(dir.path(), 2).unwrap();
        let set = KeySet::load(dir.path()).unwrap();
        assert_eq!(set.keys().len(), 2);
        assert!(set.find(&kid1).is_none());
        assert_eq!(set.jwks()["keys"].as_array().unwrap().len(), 2);
    }
}
