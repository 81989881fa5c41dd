//! Every parameter of the simulated world in one place, each with where its value comes
//! from: a published figure (`../shared/evidence/helping-in-practice.md`, summarised in
//! docs/simulation.md) or a stated assumption. Assumptions are what the sensitivity sweep
//! varies. The world was calibrated under the status-quo policy (`regulars`) and is the
//! same for every policy.

use serde::Serialize;

/// Where a parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A published figure (the text names it).
    Evidence(&'static str),
    /// No figure found: chosen, stated and swept.
    Assumption(&'static str),
    /// Fitted under the `regulars` policy so that the world reproduces a published figure.
    Calibrated(&'static str),
}

/// One parameter, for the documentation, the sweep and the tests.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Param {
    pub name: &'static str,
    pub value: f64,
    pub source: Source,
}

/// The world's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModelParams {
    /// Share of registered people who, in practice, almost never take up a request.
    pub dormant_share: f64,
    /// Willingness of the others: lognormal with this sigma (median 1), heavy-tailed.
    pub willingness_sigma: f64,
    /// Acceptance of a proposal = `accept_scale × min(1, willing_median × w)` × distance
    /// decay × fit term.
    pub accept_scale: f64,
    /// Willingness of the median willing person, before `accept_scale`.
    pub willing_median: f64,
    /// Acceptance of a dormant person (as a fraction of `accept_scale`).
    pub dormant_accept: f64,
    /// Distance at which acceptance halves (help that needs travel), metres.
    pub distance_half_m: f64,
    /// Share of residents who ask often (their own group).
    pub frequent_asker_share: f64,
    /// Requests per day of a frequent asker / of anyone else.
    pub frequent_rate: f64,
    pub occasional_rate: f64,
    /// Frequent askers: acceptance for help that needs no travel (phone, listening, skills
    /// at home), relative to an ordinary willing person; help needing travel is rarer.
    pub frequent_no_travel_accept: f64,
    pub frequent_travel_accept: f64,
    /// Frequent askers' travel radius, metres (less mobile).
    pub frequent_radius_m: f64,
    /// Chance of help back after a match: ordinary people / frequent askers (who rarely
    /// offer unless asked).
    pub help_back: f64,
    pub frequent_help_back: f64,
    /// Yearly share of helpers who stop, whatever their load.
    pub stop_base_per_year: f64,
    /// Extra stopping hazard per unit of load above what a person is comfortable with
    /// (acts in the last 90 days / comfortable acts − 1), as a multiple of the base hazard.
    pub stop_overload_factor: f64,
    /// Acts per 90 days a helper is comfortable with, per unit of capacity.
    pub comfortable_acts_per_capacity: f64,
    /// Chance that a tie goes on after a match ends, when the person who asked has also
    /// given (balanced) and when they only received (unbalanced).
    pub tie_continue_balanced: f64,
    pub tie_continue_unbalanced: f64,
}

impl Default for ModelParams {
    fn default() -> Self {
        Self {
            dormant_share: 0.55,
            willingness_sigma: 1.2,
            accept_scale: 0.9,
            willing_median: 0.25,
            dormant_accept: 0.04,
            distance_half_m: 1500.0,
            frequent_asker_share: 0.12,
            frequent_rate: 1.0 / 30.0,
            occasional_rate: 1.0 / 1000.0,
            frequent_no_travel_accept: 0.8,
            frequent_travel_accept: 0.1,
            frequent_radius_m: 600.0,
            help_back: 0.12,
            frequent_help_back: 0.03,
            stop_base_per_year: 0.35,
            stop_overload_factor: 2.0,
            comfortable_acts_per_capacity: 2.0,
            tie_continue_balanced: 0.6,
            tie_continue_unbalanced: 0.4,
        }
    }
}

macro_rules! params_table {
    ($self:ident; $($name:ident => $src:expr),* $(,)?) => {
        vec![$(Param { name: stringify!($name), value: $self.$name, source: $src }),*]
    };
}

impl ModelParams {
    /// Every parameter with its source, in declaration order.
    pub fn table(&self) -> Vec<Param> {
        use Source::{Assumption as A, Calibrated as C, Evidence as E};
        params_table!(self;
            dormant_share => C("a large share never helps in a year: NHS responders scheme 2020, two thirds of ~600k approved did no task; NSW time banks 2015, 368 of 5,462 ever traded; Spain 2016, 25 % never exchanged; Surrey scheme 8 of 44 active"),
            willingness_sigma => C("concentration: CSGVP Canada 2007/2010, the top 10 % of those who helped gave 53-54 % of hours, top 25 % gave 78 %; England civic core, ~31 % gave 87-90 %"),
            accept_scale => C("first-contact success 25-60 %: Meppelvoorelkaar 2016-19, 1 in 4 first replies became a match; Dutch matching centres 37 % online, 50 % in person (Van Gilst 2015)"),
            willing_median => C("concentration and first-contact success together (see willingness_sigma, accept_scale)"),
            dormant_accept => A("how rarely a registered but inactive person says yes when asked directly; I&O/NOS 2018: 60 % of non-helpers say nobody asks them"),
            distance_half_m => A("no measured acceptance-distance curve was found; swept"),
            frequent_asker_share => A("share of people who ask often; WeHelpen reports about five times more people offering than asking"),
            frequent_rate => A("a frequent asker asks about once a month"),
            occasional_rate => A("anyone else asks about once in three years"),
            frequent_no_travel_accept => A("frequent askers have real capacity for help that needs no travel (Collom 2008: older time-bank members as active as others); swept"),
            frequent_travel_accept => A("frequent askers are less mobile"),
            frequent_radius_m => A("frequent askers are less mobile"),
            help_back => A("spontaneous help back after being helped"),
            frequent_help_back => A("frequent askers rarely offer unless asked (Movisie 2013: 'don't ask more than you give'; I&O/NOS 2018: nobody asks them)"),
            stop_base_per_year => E("CNCS 2008, 2012: 34-36 % of US people who served one year do not serve the next"),
            stop_overload_factor => A("no published dropout rate by load; burnout predicts quitting (Allen & Mueller 2013; Magrone et al. 2024), people asked too often (Movisie 2018, on help close to home); swept"),
            comfortable_acts_per_capacity => A("load a helper is comfortable with; swept"),
            tie_continue_balanced => A("LASA (1,692 people, 7,415 neighbour ties): perceived balance made continued help more likely four years later; size of the effect not given, swept"),
            tie_continue_unbalanced => A("LASA: ties where one side only receives end more often; swept"),
        )
    }

    /// Sets one parameter by name (for the sweep and `--set`).
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
        if !value.is_finite() || value < 0.0 {
            return Err(format!("{name}: {value} must be a finite number ≥ 0"));
        }
        let slot = match name {
            "dormant_share" => &mut self.dormant_share,
            "willingness_sigma" => &mut self.willingness_sigma,
            "accept_scale" => &mut self.accept_scale,
            "willing_median" => &mut self.willing_median,
            "dormant_accept" => &mut self.dormant_accept,
            "distance_half_m" => &mut self.distance_half_m,
            "frequent_asker_share" => &mut self.frequent_asker_share,
            "frequent_rate" => &mut self.frequent_rate,
            "occasional_rate" => &mut self.occasional_rate,
            "frequent_no_travel_accept" => &mut self.frequent_no_travel_accept,
            "frequent_travel_accept" => &mut self.frequent_travel_accept,
            "frequent_radius_m" => &mut self.frequent_radius_m,
            "help_back" => &mut self.help_back,
            "frequent_help_back" => &mut self.frequent_help_back,
            "stop_base_per_year" => &mut self.stop_base_per_year,
            "stop_overload_factor" => &mut self.stop_overload_factor,
            "comfortable_acts_per_capacity" => &mut self.comfortable_acts_per_capacity,
            "tie_continue_balanced" => &mut self.tie_continue_balanced,
            "tie_continue_unbalanced" => &mut self.tie_continue_unbalanced,
            _ => {
                return Err(format!(
                    "unknown parameter `{}`",
                    name.chars().take(40).collect::<String>()
                ))
            }
        };
        let is_share = !matches!(
            name,
            "willingness_sigma"
                | "distance_half_m"
                | "frequent_radius_m"
                | "stop_overload_factor"
                | "comfortable_acts_per_capacity"
        );
        if is_share && value > 1.0 {
            return Err(format!("{name}: {value} must be between 0 and 1"));
        }
        *slot = value;
        Ok(())
    }

    /// The assumptions the sensitivity sweep varies, each with a low and a high value.
    pub fn sweep_grid() -> Vec<(&'static str, [f64; 2])> {
        vec![
            ("distance_half_m", [750.0, 3000.0]),
            ("stop_overload_factor", [0.0, 5.0]),
            ("comfortable_acts_per_capacity", [1.0, 4.0]),
            ("frequent_no_travel_accept", [0.4, 1.0]),
            ("frequent_asker_share", [0.06, 0.2]),
            ("tie_continue_unbalanced", [0.2, 0.6]),
            ("dormant_accept", [0.0, 0.1]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_has_a_source_and_can_be_set() {
        let p = ModelParams::default();
        let table = p.table();
        assert_eq!(table.len(), 19);
        for row in &table {
            let text = match row.source {
                Source::Evidence(t) | Source::Assumption(t) | Source::Calibrated(t) => t,
            };
            assert!(text.len() > 10, "{} has no source", row.name);
            let mut q = p;
            q.set(row.name, row.value).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(q, p);
        }
        // Every swept parameter is an assumption.
        for (name, _) in ModelParams::sweep_grid() {
            let row = table.iter().find(|r| r.name == name);
            assert!(
                matches!(row.map(|r| r.source), Some(Source::Assumption(_))),
                "{name} swept but not an assumption"
            );
        }
        let mut q = p;
        assert!(q.set("nope", 1.0).is_err());
        assert!(q.set("help_back", 2.0).is_err());
        assert!(q.set("help_back", f64::NAN).is_err());
    }
}
