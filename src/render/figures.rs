//! Pictures drawn at build time, as SVG with no script: bar charts of a page's figures and the
//! timeline of the conventions. Each picture comes with the same numbers as a table in the
//! template, which is its text alternative.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use crate::model::frontmatter::Figure;
use crate::model::site::Site;

use super::context::Say;
use crate::text::escape_markup;

/// A horizontal bar chart: labels on the left, bars, values at the end of each bar.
pub fn bar_chart(figure: &Figure) -> String {
    let max = figure
        .data
        .iter()
        .map(|d| d.value)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let row = 28;
    let (label_w, bar_w, value_w) = (120, 360, 90);
    let height = row * figure.data.len().max(1) + 8;
    let width = label_w + bar_w + value_w;
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-hidden="true" focusable="false" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">"#
    );
    for (i, d) in figure.data.iter().enumerate() {
        let y = i * row + 4;
        let w = ((d.value / max) * bar_w as f64).round().max(1.0);
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text><rect x="{label_w}" y="{y}" width="{w}" height="{}" class="chart-bar"></rect><text x="{}" y="{}" class="chart-value">{}</text>"#,
            label_w - 8,
            y + 15,
            escape_markup(&d.label),
            row - 8,
            label_w as f64 + w + 6.0,
            y + 15,
            format_number(d.value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// `1234.5` → `1 234,5`, as French readers write numbers.
pub fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let int = rounded.trunc() as i64;
    let digits = int.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(c);
    }
    let sign = if int < 0 { "-" } else { "" };
    let frac = ((rounded.fract()).abs() * 100.0).round() as i64;
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        format!(
            "{sign}{grouped},{}",
            format!("{frac:02}").trim_end_matches('0')
        )
    }
}

pub fn figure_value(figure: &Figure) -> Value {
    json!({
        "title": figure.title,
        "unit": figure.unit,
        "source": figure.source,
        "svg": bar_chart(figure),
        "rows": figure.data.iter().map(|d| json!({ "label": d.label, "value": format_number(d.value) })).collect::<Vec<_>>(),
    })
}

/// The periods of every convention of a section on one time axis, and the rows of its table.
pub fn convention_timeline(site: &Site, section: usize, say: Say) -> Value {
    let items: Vec<(usize, &crate::model::conventions::Timeline)> = site.section_pages[section]
        .iter()
        .filter_map(|i| site.timelines.get(i).map(|t| (*i, t)))
        .collect();
    if items.is_empty() {
        return Value::Null;
    }
    let first_year = items
        .iter()
        .map(|(_, t)| t.start.year())
        .min()
        .unwrap_or(site.today.year());
    let last_year = items
        .iter()
        .filter_map(|(_, t)| t.period_end.map(|e| e.year()))
        .chain([site.today.year()])
        .max()
        .unwrap_or(site.today.year())
        + 1;
    let axis_start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(site.today);
    let span_days = (NaiveDate::from_ymd_opt(last_year, 1, 1).unwrap_or(site.today) - axis_start)
        .num_days()
        .max(1) as f64;
    let (label_w, plot_w, row) = (290.0, 480.0, 30.0);
    let x = |d: NaiveDate| label_w + plot_w * ((d - axis_start).num_days() as f64 / span_days);
    let height = row * items.len() as f64 + 40.0;
    let mut svg = format!(
        r#"<svg class="timeline" role="img" aria-hidden="true" focusable="false" viewBox="0 0 {} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">"#,
        // Room on the right for the last year's label, centred on its line.
        label_w + plot_w + 30.0
    );
    for year in first_year..=last_year {
        let xx = x(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(axis_start));
        let _ = write!(
            svg,
            r#"<line x1="{xx:.1}" x2="{xx:.1}" y1="0" y2="{}" class="timeline-grid"></line>"#,
            height - 20.0
        );
        if (year - first_year) % 2 == 0 {
            let _ = write!(
                svg,
                r#"<text x="{xx:.1}" y="{}" text-anchor="middle" class="timeline-year">{year}</text>"#,
                height - 5.0
            );
        }
    }
    let today_x = x(site.today);
    let _ = write!(
        svg,
        r#"<line x1="{today_x:.1}" x2="{today_x:.1}" y1="0" y2="{}" class="timeline-today"></line>"#,
        height - 20.0
    );
    let mut rows = Vec::new();
    for (n, (i, t)) in items.iter().enumerate() {
        let page = &site.pages[*i];
        let y = n as f64 * row + 6.0;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" class="timeline-label">{}</text>"#,
            label_w - 8.0,
            y + 14.0,
            escape_markup(&shorten(&short_title(&page.meta.title), 38))
        );
        for (k, (s, e)) in t.periods.iter().enumerate() {
            let class = if k == 0 {
                "timeline-period"
            } else {
                "timeline-renewal"
            };
            let (x1, x2) = (x(*s), x(*e));
            let _ = write!(
                svg,
                r#"<rect x="{x1:.1}" y="{y}" width="{:.1}" height="18" class="{class}"></rect>"#,
                (x2 - x1).max(2.0)
            );
        }
        rows.push(json!({
            "title": page.meta.title,
            "url": site.href(&page.url),
            "start": say.date(t.start),
            "period_end": t.period_end.map(|d| say.date(d)),
            "renewals": t.periods.len().saturating_sub(1),
            "status": say.text(&format!("status-{}", t.status.code())),
        }));
    }
    svg.push_str("</svg>");
    json!({ "svg": svg, "rows": rows, "today": say.date(site.today) })
}

/// Most titles start with "Convention entre": the picture's labels keep the part that differs.
fn short_title(title: &str) -> String {
    let rest = title
        .strip_prefix("Convention entre ")
        .or_else(|| title.strip_prefix("convention entre "))
        .unwrap_or(title);
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title.to_string(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!(
            "{}…",
            text.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::frontmatter::DataPoint;

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(format_number(1234.0), "1\u{202F}234");
        assert_eq!(format_number(12.5), "12,5");
        assert_eq!(format_number(7.0), "7");
    }

    #[test]
    fn timeline_labels_drop_the_common_prefix() {
        assert_eq!(
            short_title("Convention entre la HALDE et l'AMF"),
            "La HALDE et l'AMF"
        );
        assert_eq!(
            short_title("Charte de partenariat"),
            "Charte de partenariat"
        );
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    #[test]
    fn bar_chart_has_one_bar_per_value_and_escapes_labels() {
        let f = Figure {
            title: "Jeunes sensibilisés".into(),
            unit: None,
            source: None,
            data: vec![
                DataPoint {
                    label: "2016 <a>".into(),
                    value: 10.0,
                },
                DataPoint {
                    label: "2017".into(),
                    value: 20.0,
                },
            ],
        };
        let svg = bar_chart(&f);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("2016 &lt;a&gt;"));
    }
}
