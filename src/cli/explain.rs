use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Outcome, print};
use crate::diagnostics::{Code, did_you_mean};
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A diagnostic code, e.g. `late-dependency`; without one, list every code
    pub code: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// For people: one line per code, or one code's explanation
    Text,
    /// Every code (or the one asked for) with its severity, summary and
    /// explanation, for editors and tools (see docs/diagnostics.md)
    Json,
}

/// One code as `explain --format json` prints it.
#[derive(Serialize)]
struct Entry {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
    explanation: &'static str,
}

impl Entry {
    fn of(code: Code) -> Self {
        Entry {
            code: code.as_str(),
            severity: code.severity().as_str(),
            summary: code.summary(),
            explanation: code.explanation(),
        }
    }
}

fn json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plain data serializes");
    text.push('\n');
    text
}

pub fn run(args: &ExplainArgs) -> Result<Outcome> {
    let Some(name) = &args.code else {
        if args.format == ExplainFormat::Json {
            let all: Vec<Entry> = Code::ALL.iter().map(|c| Entry::of(*c)).collect();
            print(&json(&all))?;
            return Ok(Outcome::Clean);
        }
        let width = Code::ALL
            .iter()
            .map(|c| c.as_str().len())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for code in Code::ALL {
            out.push_str(&format!(
                "{:<width$}  {:<7}  {}\n",
                code.as_str(),
                code.severity().as_str(),
                code.summary()
            ));
        }
        print(&out)?;
        return Ok(Outcome::Clean);
    };
    let Some(code) = Code::from_name(name) else {
        let known = Code::ALL.iter().map(|c| c.as_str());
        let error = Error::new(format!("unknown diagnostic code `{name}`"));
        return Err(match did_you_mean(name, known) {
            Some(close) => error.hint(format!("did you mean `{close}`?")),
            None => error.hint("`orgit explain` lists every code"),
        });
    };
    if args.format == ExplainFormat::Json {
        print(&json(&Entry::of(code)))?;
        return Ok(Outcome::Clean);
    }
    print(&format!(
        "{} ({}): {}\n\n{}\n",
        code.as_str(),
        code.severity().as_str(),
        code.summary(),
        code.explanation()
    ))?;
    Ok(Outcome::Clean)
}
