//! `--vs-postgis`: the same population and queries in PostgreSQL 15 with PostGIS, the way
//! many services would do it: one table with a GiST-indexed point, the hard filters in the
//! `WHERE` clause and the engine's score formula (score.rs) in SQL, as a prepared
//! statement.
//!
//! The harness starts a throwaway cluster with the tests' own support
//! (`nabij_store::testing::PgCluster`, with PostgreSQL 15's binaries and more memory),
//! loads the population with `COPY`, times the queries from the client side (loopback
//! TCP, so what a service would see) and stops the cluster again, also on errors.

use anyhow::{bail, Context, Result};
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::request::RequestKind;
use nabij_engine::synth::SyntheticNeighbour;
use nabij_engine::{HelpRequest, OrgIndex, Weights};
use nabij_store::testing::{ClusterOptions, PgCluster};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where Debian's PostgreSQL 15 binaries live.
const PG_BIN: &str = "/usr/lib/postgresql/15/bin";
/// Present when the PostGIS extension for PostgreSQL 15 is installed.
const POSTGIS_CONTROL: &str = "/usr/share/postgresql/15/extension/postgis.control";
/// Belgian Lambert 2008.
const SRID: u32 = 3812;
/// Candidates per query, as in the engine benchmark.
const LIMIT: usize = 10;

/// What the PostGIS side measured.
pub struct PostgisReport {
    /// Latency of each timed query, in microseconds.
    pub samples_us: Vec<f64>,
    /// COPY, indexes and ANALYZE, in milliseconds (cluster start not included).
    pub load_ms: f64,
    /// Queries whose top-10 ids were compared with the engine's.
    pub checked: usize,
    /// Of those, queries whose ids (in order) differ from the engine's.
    pub disagreements: usize,
}

/// Loads `people` into a fresh PostGIS cluster, checks the first `check` queries against
/// the engine and times the first `timed` queries.
pub fn run(
    people: &[SyntheticNeighbour],
    requests: &[HelpRequest],
    weights: &Weights,
    index: &OrgIndex,
    timed: usize,
    check: usize,
) -> Result<PostgisReport> {
    require_postgis()?;
    let cluster = start_cluster()?;
    let mut client = connect(&cluster)?;
    let start = Instant::now();
    load(&mut client, people)?;
    let load_ms = start.elapsed().as_secs_f64() * 1e3;
    let stmt = client
        .prepare(QUERY_SQL)
        .context("preparing the PostGIS top-10 query")?;
    let checked = check.min(requests.len());
    let disagreements = count_disagreements(&mut client, &stmt, &requests[..checked], weights, index)?;
    let samples_us = time_queries(
        &mut client,
        &stmt,
        &requests[..timed.min(requests.len())],
        weights,
    )?;
    if std::env::var_os("NABIJ_BENCH_EXPLAIN").is_some() {
        explain(&mut client, &requests[..checked.min(3)], weights)?;
    }
    drop(client);
    cluster
        .stop()
        .map_err(|e| anyhow::anyhow!("stopping the PostGIS cluster: {e}"))?;
    Ok(PostgisReport {
        samples_us,
        load_ms,
        checked,
        disagreements,
    })
}

/// Fails with a hint when PostgreSQL 15 or PostGIS is missing.
fn require_postgis() -> Result<()> {
    if !Path::new(PG_BIN).join("initdb").exists() {
        bail!("PostgreSQL 15 is not installed ({PG_BIN}/initdb missing); run `make bench`, which installs what --vs-postgis needs");
    }
    if !Path::new(POSTGIS_CONTROL).exists() {
        bail!("PostGIS for PostgreSQL 15 is not installed ({POSTGIS_CONTROL} missing); run `make bench`, which installs postgresql-15-postgis-3");
    }
    Ok(())
}

/// A throwaway cluster of PostgreSQL 15 (PostGIS is installed for that version), tuned
/// for a bulk load and reads: the test support's cluster ([`PgCluster`]), stopped (and
/// its directory removed) when dropped, also on errors.
fn start_cluster() -> Result<PgCluster> {
    let options = ClusterOptions {
        bin: Some(PathBuf::from(PG_BIN)),
        start_timeout_secs: 120,
        ..ClusterOptions::default()
    }
    .setting("shared_buffers", "512MB")
    .setting("work_mem", "64MB");
    PgCluster::start_with(options).map_err(|e| anyhow::anyhow!("starting the PostGIS cluster: {e}"))
}

fn connect(cluster: &PgCluster) -> Result<Client> {
    let url = format!(
        "host=127.0.0.1 port={} user=postgres dbname=postgres",
        cluster.port()
    );
    Client::connect(&url, NoTls).context("connecting to the throwaway PostGIS cluster")
}

const SCHEMA_SQL: &str = "
CREATE EXTENSION postgis;
CREATE TABLE neighbours (
    id bigint NOT NULL,
    geom geometry(Point, 3812) NOT NULL,
    travel_radius_m real NOT NULL,
    interests bigint NOT NULL,
    talents bigint NOT NULL,
    languages int NOT NULL,
    availability int NOT NULL,
    capacity smallint NOT NULL,
    active smallint NOT NULL,
    paused boolean NOT NULL,
    chance real NOT NULL,
    protection real NOT NULL
);";

const INDEX_SQL: &str = "
ALTER TABLE neighbours ADD PRIMARY KEY (id);
CREATE INDEX neighbours_geom ON neighbours USING gist (geom);";

/// Creates the table, copies everyone in and builds the indexes.
fn load(client: &mut Client, people: &[SyntheticNeighbour]) -> Result<()> {
    client
        .batch_execute(SCHEMA_SQL)
        .context("creating the PostGIS schema")?;
    copy_people(client, people)?;
    client
        .batch_execute(INDEX_SQL)
        .context("indexing the PostGIS table")
}

/// Bulk-loads the population with text `COPY`, points as hex EWKB.
fn copy_people(client: &mut Client, people: &[SyntheticNeighbour]) -> Result<()> {
    let mut writer = client
        .copy_in(
            "COPY neighbours (id, geom, travel_radius_m, interests, talents, languages, availability, \
             capacity, active, paused, chance, protection) FROM STDIN",
        )
        .context("starting COPY")?;
    let mut buf = String::with_capacity(1 << 20);
    for p in people {
        copy_row(&mut buf, p)?;
        if buf.len() > (1 << 20) - 512 {
            writer.write_all(buf.as_bytes()).context("COPY")?;
            buf.clear();
        }
    }
    writer.write_all(buf.as_bytes()).context("COPY")?;
    writer.finish().context("finishing COPY")?;
    Ok(())
}

/// One `COPY` text row. Values are those the engine's index holds (single-precision point,
/// radius, chance and protection), so both sides rank the very same numbers.
fn copy_row(buf: &mut String, n: &SyntheticNeighbour) -> Result<()> {
    let p = &n.profile;
    let [x, y] = p.location.to_index();
    writeln!(
        buf,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        p.id.0,
        ewkb_point_hex(f64::from(x), f64::from(y)),
        p.travel_radius_m as f32,
        bits_i64(p.interests.0),
        bits_i64(p.talents.0),
        bits_i32(p.languages.0),
        bits_i32(p.availability.0),
        p.capacity,
        p.active_matches,
        if p.paused { 't' } else { 'f' },
        p.balance.chance_to_give() as f32,
        p.balance.protection() as f32,
    )?;
    Ok(())
}

/// A point with SRID as hex extended WKB (little endian), exact to the bit.
fn ewkb_point_hex(x: f64, y: f64) -> String {
    let mut bytes = Vec::with_capacity(25);
    bytes.push(1u8);
    bytes.extend_from_slice(&0x2000_0001u32.to_le_bytes());
    bytes.extend_from_slice(&SRID.to_le_bytes());
    bytes.extend_from_slice(&x.to_le_bytes());
    bytes.extend_from_slice(&y.to_le_bytes());
    bytes.iter().fold(String::with_capacity(50), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A 64-bit set as a `bigint` with the same bits.
fn bits_i64(bits: u64) -> i64 {
    i64::from_ne_bytes(bits.to_ne_bytes())
}

/// A 32-bit set as an `int` with the same bits.
fn bits_i32(bits: u32) -> i32 {
    i32::from_ne_bytes(bits.to_ne_bytes())
}

/// The top-10 query: score.rs in SQL. Parameters:
/// $1 x, $2 y, $3 request radius, $4 requester id, $5 languages, $6 window slots,
/// $7 slot count (at least 1), $8 companionship?, $9 request tags, $10 requester interests,
/// $11 declined ids, $12 met-before ids, $13..$18 weights (proximity, fit, reciprocity,
/// continuity, availability, load), $19 proximity half distance, $20 weight total.
const QUERY_SQL: &str = "
SELECT id, score, d FROM (
  SELECT n.id, c.d,
    ( $13::float8 * power(0.5::float8, greatest(c.d, 0) / $19::float8)
    + $14::float8 * (CASE WHEN $8::bool THEN
          0.7::float8 * (CASE WHEN t.n > 0
              THEN bit_count(($9::int8 & (n.interests | n.talents))::bit(64))::float8 / t.n
              ELSE 0.5::float8 END)
        + 0.3::float8 * (CASE WHEN bit_count(($10::int8 | n.interests)::bit(64)) > 0
              THEN bit_count(($10::int8 & n.interests)::bit(64))::float8
                   / bit_count(($10::int8 | n.interests)::bit(64))::float8
              ELSE 0.0::float8 END)
      ELSE
        (CASE WHEN t.n = 0 THEN 0.5::float8
         ELSE least(bit_count(($9::int8 & n.talents)::bit(64))::float8 / t.n
                    + 0.5::float8 * (bit_count(($9::int8 & n.interests & ~n.talents)::bit(64))::float8 / t.n),
                    1.0::float8) END)
      END)
    + $15::float8 * n.chance::float8
    + $16::float8 * (CASE WHEN n.id = ANY($12::int8[]) THEN 1.0::float8 ELSE 0.0::float8 END)
    + $17::float8 * (bit_count((n.availability & $6::int4)::bit(32))::float8 / $7::float8)
    + $18::float8 * (0.5::float8 * (CASE WHEN n.capacity = 0 THEN 0.0::float8
                                    ELSE (n.capacity - n.active)::float8 / n.capacity::float8 END)
                   + 0.5::float8 * least(greatest(n.protection::float8, 0.0::float8), 1.0::float8))
    ) / $20::float8 AS score
  FROM neighbours n
  CROSS JOIN LATERAL (SELECT ST_Distance(n.geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 3812)) AS d) c
  CROSS JOIN LATERAL (SELECT bit_count($9::int8::bit(64))::float8 AS n) t
  WHERE ST_DWithin(n.geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 3812), $3::float8)
    AND c.d <= n.travel_radius_m
    AND NOT n.paused AND n.active < n.capacity
    AND n.id <> $4::int8
    AND (n.languages & $5::int4) <> 0
    AND (n.availability & $6::int4) <> 0
    AND n.id <> ALL($11::int8[])
) s
ORDER BY score DESC, d ASC, id ASC
LIMIT 10";

/// A request's parameters for [`QUERY_SQL`], owned so they can be borrowed as `ToSql`.
struct QueryParams {
    x: f64,
    y: f64,
    radius: f64,
    requester: i64,
    languages: i32,
    slots: i32,
    slot_count: f64,
    companionship: bool,
    tags: i64,
    requester_interests: i64,
    declined: Vec<i64>,
    met: Vec<i64>,
    weights: [f64; 8],
}

impl QueryParams {
    fn new(r: &HelpRequest, w: &Weights) -> Result<Self> {
        let slots = r.window.slots();
        let ids = |v: &[nabij_engine::NeighbourId]| -> Result<Vec<i64>> {
            v.iter()
                .map(|id| i64::try_from(id.0).context("neighbour id beyond bigint"))
                .collect()
        };
        Ok(Self {
            x: f64::from(r.location[0]),
            y: f64::from(r.location[1]),
            radius: f64::from(r.radius_m),
            requester: i64::try_from(r.requester.0).context("requester id beyond bigint")?,
            languages: bits_i32(r.languages.0),
            slots: bits_i32(slots.0),
            slot_count: f64::from(slots.count().max(1)),
            companionship: r.kind == RequestKind::Companionship,
            tags: bits_i64(r.tags.0),
            requester_interests: bits_i64(r.requester_interests.0),
            declined: ids(&r.declined_with)?,
            met: ids(&r.met_before)?,
            weights: [
                w.proximity,
                w.fit,
                w.reciprocity,
                w.continuity,
                w.availability,
                w.load,
                w.proximity_half_m,
                w.total(),
            ],
        })
    }

    fn as_sql(&self) -> Vec<&(dyn ToSql + Sync)> {
        let mut v: Vec<&(dyn ToSql + Sync)> = vec![
            &self.x,
            &self.y,
            &self.radius,
            &self.requester,
            &self.languages,
            &self.slots,
            &self.slot_count,
            &self.companionship,
            &self.tags,
            &self.requester_interests,
            &self.declined,
            &self.met,
        ];
        v.extend(self.weights.iter().map(|w| w as &(dyn ToSql + Sync)));
        v
    }
}

/// One top-10 query; returns the ids, best first.
fn top10(client: &mut Client, stmt: &Statement, r: &HelpRequest, w: &Weights) -> Result<Vec<u64>> {
    let params = QueryParams::new(r, w)?;
    let rows = client
        .query(stmt, &params.as_sql())
        .context("running the PostGIS top-10 query")?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get(0)?;
            Ok(u64::try_from(id)?)
        })
        .collect()
}

/// Queries whose PostGIS top-10 ids differ from the engine's (also the warm-up).
fn count_disagreements(
    client: &mut Client,
    stmt: &Statement,
    requests: &[HelpRequest],
    w: &Weights,
    index: &OrgIndex,
) -> Result<usize> {
    let mut disagreements = 0;
    for (i, r) in requests.iter().enumerate() {
        let pg = top10(client, stmt, r, w)?;
        let engine: Vec<u64> = index
            .top_candidates(&CandidateQuery {
                request: r,
                limit: LIMIT,
                weights: w,
            })
            .iter()
            .map(|c| c.neighbour_id.0)
            .collect();
        if pg != engine {
            disagreements += 1;
            eprintln!("postgis disagreement on query {i}: engine {engine:?}, postgis {pg:?}");
        }
    }
    Ok(disagreements)
}

/// Prints the plans of a few queries to stderr (`NABIJ_BENCH_EXPLAIN=1`).
fn explain(client: &mut Client, requests: &[HelpRequest], w: &Weights) -> Result<()> {
    let stmt = client
        .prepare(&format!("EXPLAIN (ANALYZE, BUFFERS) {QUERY_SQL}"))
        .context("preparing EXPLAIN")?;
    for r in requests {
        let params = QueryParams::new(r, w)?;
        for row in client.query(&stmt, &params.as_sql())? {
            let line: String = row.try_get(0)?;
            eprintln!("{line}");
        }
    }
    Ok(())
}

/// Latency of each query in microseconds, measured at the client.
fn time_queries(
    client: &mut Client,
    stmt: &Statement,
    requests: &[HelpRequest],
    w: &Weights,
) -> Result<Vec<f64>> {
    let mut samples = Vec::with_capacity(requests.len());
    for r in requests {
        let params = QueryParams::new(r, w)?;
        let t = Instant::now();
        let rows = client
            .query(stmt, &params.as_sql())
            .context("running the PostGIS top-10 query")?;
        samples.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(rows);
    }
    Ok(samples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ewkb_point_is_little_endian_with_srid() {
        let hex = ewkb_point_hex(1.0, 2.0);
        assert_eq!(&hex[..18], "0101000020e40e0000");
        assert_eq!(&hex[18..34], "000000000000f03f");
        assert_eq!(hex.len(), 50);
    }

    #[test]
    fn bit_sets_keep_their_bits() {
        assert_eq!(bits_i64(u64::MAX), -1);
        assert_eq!(bits_i32(1 << 31), i32::MIN);
    }
}
