use clap::Args;

use super::{Outcome, print};
use crate::diagnostics::{Code, did_you_mean};
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A diagnostic code, e.g. `late-dependency`; without one, list every code
    pub code: Option<String>,
}

pub fn run(args: &ExplainArgs) -> Result<Outcome> {
    let Some(name) = &args.code else {
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
    print(&format!(
        "{} ({}): {}\n\n{}\n",
        code.as_str(),
        code.severity().as_str(),
        code.summary(),
        code.explanation()
    ))?;
    Ok(Outcome::Clean)
}
