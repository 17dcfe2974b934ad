//! Stage timings for `BALISE_TIMINGS=1` (see README, "Performance").

use std::time::Instant;

/// With `BALISE_TIMINGS=1`, prints how long each build stage took on stderr (see README,
/// "Performance"); otherwise does nothing.
pub struct StageTimings {
    last: Option<Instant>,
}

impl StageTimings {
    pub fn from_env() -> Self {
        let on = std::env::var_os("BALISE_TIMINGS").is_some_and(|v| v != "0");
        StageTimings {
            last: on.then(Instant::now),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "[timing] {stage}: {:.0} ms",
                (now - last).as_secs_f64() * 1000.0
            );
            self.last = Some(now);
        }
    }
}
