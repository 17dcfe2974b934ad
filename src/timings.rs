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

    /// Prints `[timing] {text}`, when timings are on; `text` is made only then.
    pub fn note(&self, text: impl FnOnce() -> String) {
        if self.last.is_some() {
            eprintln!("[timing] {}", text());
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "[timing] {stage}: {:.0} ms{}",
                (now - last).as_secs_f64() * 1000.0,
                memory().unwrap_or_default()
            );
            self.last = Some(now);
        }
    }
}

/// `, resident N MiB (peak P MiB)`: the memory of the process now and at most so far, to see
/// which stage holds the peak (Linux only; `None` elsewhere).
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let mib = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        let kib: u64 = line[key.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kib / 1024)
    };
    Some(format!(
        ", resident {} MiB (peak {} MiB)",
        mib("VmRSS:")?,
        mib("VmHWM:")?
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn memory_reads_the_resident_size_and_its_peak() {
        let text = super::memory().expect("Linux has /proc/self/status");
        let numbers: Vec<u64> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert_eq!(numbers.len(), 2, "{text}");
        assert!(numbers[0] <= numbers[1] && numbers[1] > 0, "{text}");
    }
}
