//! Rate limits and connection limits.
//!
//! Two token buckets per request: one per client address and, for a request with a
//! valid bearer token, one per caller (organisation and `sub`). An empty bucket answers
//! 429 `too_many_requests` with `Retry-After` (whole seconds, at least 1). `/health`,
//! `/ready`, `/metrics`, `/openapi.yaml` and the JWKS are not limited. The buckets are
//! `governor`'s keyed limiter; what stays here is which keys count (below), the
//! settings, and the body's idle timeout ([`idle_limited`]: actix bounds the time to a
//! request's head but not the pauses inside a body, and no crate does it for a
//! `Payload`).
//!
//! The client address is the TCP peer. `X-Forwarded-For` is read only when the peer is
//! one of [`LimitSettings::trusted_proxies`] (none by default): then the address is the
//! right-most entry that is not itself a trusted proxy, so a client cannot pick its own
//! bucket by sending the header.
//!
//! Slow clients: [`LimitSettings::client_request_timeout`] bounds the time to receive a
//! request's head (a half-sent request gets 408 and the connection is closed),
//! [`LimitSettings::client_disconnect_timeout`] the shutdown of a connection, and
//! [`LimitSettings::keep_alive`] an idle keep-alive connection. Connections are served
//! asynchronously, so a slow client holds a socket, never a worker.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::Quota;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// A bucket's size and refill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Requests allowed at once (bucket size, at least 1).
    pub burst: u32,
    /// Tokens added per second.
    pub per_second: f64,
}

impl Rate {
    /// `RATE/BURST` (`100/200`) or `RATE` (burst = 2 × rate); `None` for `off`.
    pub fn parse(text: &str) -> Result<Option<Rate>, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("off") || text == "0" {
            return Ok(None);
        }
        let (rate, burst) = match text.split_once('/') {
            Some((r, b)) => (r, Some(b)),
            None => (text, None),
        };
        let per_second: f64 = rate
            .trim()
            .parse()
            .map_err(|_| format!("`{text}`: expected RATE/BURST, e.g. 100/200, or off"))?;
        if !(per_second.is_finite() && per_second > 0.0) {
            return Err(format!("`{text}`: the rate must be positive"));
        }
        let burst = match burst {
            Some(b) => b
                .trim()
                .parse::<u32>()
                .map_err(|_| format!("`{text}`: the burst must be a whole number"))?,
            None => (per_second * 2.0).ceil().min(f64::from(u32::MAX)) as u32,
        };
        Ok(Some(Rate {
            burst: burst.max(1),
            per_second,
        }))
    }
}

/// Limits of one instance (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitSettings {
    /// Per client address; `None` disables. Default 500/s, burst 1000.
    pub per_ip: Option<Rate>,
    /// Per token subject; `None` disables. Default 250/s, burst 500.
    pub per_client: Option<Rate>,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Default none.
    pub trusted_proxies: Vec<IpAddr>,
    /// Time allowed to receive a request's head. Default 5 s.
    pub client_request_timeout: Duration,
    /// Time allowed for a connection's shutdown. Default 2 s.
    pub client_disconnect_timeout: Duration,
    /// Idle keep-alive connections are closed after this. Default 15 s.
    pub keep_alive: Duration,
    /// Longest wait for the next piece of a request body; a client that stalls
    /// mid-body gets 400 and loses the connection. Default 10 s.
    pub client_body_timeout: Duration,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            per_ip: Some(Rate {
                burst: 1000,
                per_second: 500.0,
            }),
            per_client: Some(Rate {
                burst: 500,
                per_second: 250.0,
            }),
            trusted_proxies: Vec::new(),
            client_request_timeout: Duration::from_secs(5),
            client_disconnect_timeout: Duration::from_secs(2),
            keep_alive: Duration::from_secs(15),
            client_body_timeout: Duration::from_secs(10),
        }
    }
}

impl LimitSettings {
    /// Overrides from the environment: `NABIJ_RATE_LIMIT_IP`, `NABIJ_RATE_LIMIT_CLIENT`
    /// (`RATE/BURST` or `off`), `NABIJ_RATE_LIMIT=off` (both off) and
    /// `NABIJ_TRUSTED_PROXIES` (comma-separated addresses).
    pub fn apply_env(&mut self) -> Result<(), String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(v) = var("NABIJ_RATE_LIMIT") {
            if Rate::parse(&v)?.is_none() {
                self.per_ip = None;
                self.per_client = None;
            } else {
                return Err("NABIJ_RATE_LIMIT only takes `off`".into());
            }
        }
        if let Some(v) = var("NABIJ_RATE_LIMIT_IP") {
            self.per_ip = Rate::parse(&v)?;
        }
        if let Some(v) = var("NABIJ_RATE_LIMIT_CLIENT") {
            self.per_client = Rate::parse(&v)?;
        }
        if let Some(v) = var("NABIJ_TRUSTED_PROXIES") {
            self.trusted_proxies = v
                .split(',')
                .map(|a| {
                    a.trim()
                        .parse()
                        .map_err(|_| format!("NABIJ_TRUSTED_PROXIES: `{a}`"))
                })
                .collect::<Result<_, _>>()?;
        }
        Ok(())
    }
}

/// Keys kept before the ones indistinguishable from a full bucket are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// Token buckets by key: `governor`'s keyed GCRA limiter (equivalent to a token bucket
/// of `rate.burst` refilled at `rate.per_second`), with its stale keys pruned.
pub struct RateLimiter<K: Hash + Eq + Clone, C: Clock = DefaultClock> {
    limiter: governor::RateLimiter<K, DashMapStateStore<K>, C, NoOpMiddleware<C::Instant>>,
}

impl<K: Hash + Eq + Clone, C: Clock> std::fmt::Debug for RateLimiter<K, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("keys", &self.limiter.len())
            .finish()
    }
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    pub fn new(rate: Rate) -> Self {
        Self::with_clock(rate, DefaultClock::default())
    }
}

impl<K: Hash + Eq + Clone, C: Clock> RateLimiter<K, C> {
    /// As [`RateLimiter::new`], on another clock (tests use a fake one).
    pub fn with_clock(rate: Rate, clock: C) -> Self {
        RateLimiter {
            limiter: governor::RateLimiter::dashmap_with_clock(quota(rate), clock),
        }
    }

    /// Takes a token of `key`'s bucket; `Err(wait)` when it is empty.
    pub fn check(&self, key: &K) -> Result<(), Duration> {
        if self.limiter.len() > PRUNE_ABOVE {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }
}

/// The `governor` quota of a rate: one token every `1 / per_second`, `burst` at once.
fn quota(rate: Rate) -> Quota {
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    // `Rate::parse` keeps the rate positive and finite; the period is at least 1 ns.
    let period = Duration::try_from_secs_f64(1.0 / rate.per_second)
        .unwrap_or(Duration::MAX)
        .max(Duration::from_nanos(1));
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
        .allow_burst(burst)
}

/// The limiters of one application (shared by its workers).
#[derive(Debug)]
pub struct Limits {
    /// See [`LimitSettings::client_body_timeout`].
    pub body_timeout: Duration,
    per_ip: Option<RateLimiter<IpAddr>>,
    per_client: Option<RateLimiter<String>>,
    trusted_proxies: Vec<IpAddr>,
}

/// Which bucket ran empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    Ip,
    Client,
}

impl Limited {
    pub fn as_str(self) -> &'static str {
        match self {
            Limited::Ip => "ip",
            Limited::Client => "client",
        }
    }
}

impl Limits {
    pub fn new(settings: &LimitSettings) -> Self {
        Limits {
            body_timeout: settings.client_body_timeout,
            per_ip: settings.per_ip.map(RateLimiter::new),
            per_client: settings.per_client.map(RateLimiter::new),
            trusted_proxies: settings.trusted_proxies.clone(),
        }
    }

    /// The client's address: the peer, or behind a trusted proxy the right-most
    /// untrusted `X-Forwarded-For` entry.
    pub fn client_ip(&self, peer: Option<IpAddr>, forwarded_for: Option<&str>) -> Option<IpAddr> {
        client_ip(&self.trusted_proxies, peer, forwarded_for)
    }

    /// Takes a token for the address and, when known, the caller; `Err` with the
    /// bucket and the whole seconds to wait (at least 1) when one is empty.
    pub fn check(&self, ip: Option<IpAddr>, caller: Option<&str>) -> Result<(), (Limited, u64)> {
        let secs = |d: Duration| d.as_secs_f64().ceil().max(1.0) as u64;
        if let (Some(limiter), Some(ip)) = (&self.per_ip, ip) {
            limiter.check(&ip).map_err(|d| (Limited::Ip, secs(d)))?;
        }
        if let (Some(limiter), Some(caller)) = (&self.per_client, caller) {
            limiter
                .check(&caller.to_string())
                .map_err(|d| (Limited::Client, secs(d)))?;
        }
        Ok(())
    }
}

/// `payload` with at most `idle` between its pieces; a stall ends it with an error.
pub fn idle_limited(payload: actix_web::dev::Payload, idle: Duration) -> actix_web::dev::Payload {
    use futures_util::StreamExt as _;
    let stream = futures_util::stream::unfold(Some(payload), move |state| async move {
        let mut payload = state?;
        match actix_web::rt::time::timeout(idle, payload.next()).await {
            Ok(Some(piece)) => Some((piece, Some(payload))),
            Ok(None) => None,
            Err(_) => {
                let stalled = std::io::Error::new(std::io::ErrorKind::TimedOut, "the request body stalled");
                Some((Err(actix_web::error::PayloadError::Io(stalled)), None))
            }
        }
    });
    let boxed: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<actix_web::web::Bytes, actix_web::error::PayloadError>>>,
    > = Box::pin(stream);
    actix_web::dev::Payload::from(boxed)
}

/// See [`Limits::client_ip`].
pub fn client_ip(trusted: &[IpAddr], peer: Option<IpAddr>, forwarded_for: Option<&str>) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let Some(header) = forwarded_for else {
        return Some(peer);
    };
    for entry in header.rsplit(',') {
        match entry.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return Some(ip),
            // Garbage in the chain: stop believing it.
            Err(_) => return Some(peer),
        }
    }
    Some(peer)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use governor::clock::FakeRelativeClock;

    #[test]
    fn a_bucket_empties_and_refills() {
        let clock = FakeRelativeClock::default();
        let l = RateLimiter::with_clock(
            Rate {
                burst: 3,
                per_second: 2.0,
            },
            clock.clone(),
        );
        let a = "a".to_string();
        for _ in 0..3 {
            assert!(l.check(&a).is_ok());
        }
        let wait = l.check(&a).unwrap_err();
        assert!(
            wait > Duration::from_millis(400) && wait <= Duration::from_millis(500),
            "{wait:?}"
        );
        // Another key has its own bucket.
        assert!(l.check(&"b".to_string()).is_ok());
        clock.advance(Duration::from_millis(500));
        assert!(l.check(&a).is_ok());
        assert!(l.check(&a).is_err());
        // Never more than the burst after a long pause.
        clock.advance(Duration::from_secs(3600));
        for _ in 0..3 {
            assert!(l.check(&a).is_ok());
        }
        assert!(l.check(&a).is_err());
    }

    #[test]
    fn many_keys_are_pruned() {
        let clock = FakeRelativeClock::default();
        let l = RateLimiter::with_clock(
            Rate {
                burst: 1,
                per_second: 1000.0,
            },
            clock.clone(),
        );
        for i in 0..(PRUNE_ABOVE + 10) {
            l.check(&i).unwrap();
        }
        clock.advance(Duration::from_secs(1));
        l.check(&usize::MAX).unwrap();
        assert!(l.limiter.len() < 10, "{}", l.limiter.len());
    }

    #[test]
    fn a_slow_rate_waits_long() {
        let l = RateLimiter::new(Rate {
            burst: 1,
            per_second: 0.01,
        });
        l.check(&1u8).unwrap();
        let wait = l.check(&1u8).unwrap_err();
        assert!(
            wait > Duration::from_secs(90) && wait <= Duration::from_secs(100),
            "{wait:?}"
        );
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let spoof = Some("1.2.3.4, 203.0.113.7");
        assert_eq!(client_ip(&[], Some(proxy), spoof), Some(proxy));
        assert_eq!(client_ip(&[proxy], Some(proxy), spoof), Some(client));
        assert_eq!(client_ip(&[proxy], Some(client), spoof), Some(client));
        assert_eq!(client_ip(&[proxy], Some(proxy), Some("nonsense")), Some(proxy));
        assert_eq!(client_ip(&[proxy], Some(proxy), Some("10.0.0.1")), Some(proxy));
        assert_eq!(client_ip(&[proxy], Some(proxy), None), Some(proxy));
    }

    #[test]
    fn rates_parse() {
        assert_eq!(Rate::parse("off").unwrap(), None);
        assert_eq!(
            Rate::parse("10/20").unwrap(),
            Some(Rate {
                burst: 20,
                per_second: 10.0
            })
        );
        assert_eq!(Rate::parse("5").unwrap().unwrap().burst, 10);
        assert!(Rate::parse("-1").is_err());
        assert!(Rate::parse("x/2").is_err());
    }
}
