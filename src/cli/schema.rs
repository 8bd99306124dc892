use std::path::PathBuf;

use clap::Args;

use super::{Outcome, Session, print};
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// Folder to write the schemas into
    #[arg(long, value_name = "DIR", default_value = "schema")]
    pub out: PathBuf,
    /// Do not write; exit 1 if the files in DIR differ from what would be written
    #[arg(long)]
    pub check: bool,
}

pub fn run(session: &Session, args: &SchemaArgs) -> Result<Outcome> {
    let dir = session.cwd.join(&args.out);
    let mut stale = Vec::new();
    for (name, text) in crate::schema::all() {
        let path = dir.join(&name);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        if args.check {
            stale.push(name);
            continue;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
        print(&format!("wrote {}\n", path.display()))?;
    }
    if !stale.is_empty() {
        print(&format!(
            "stale in {}: {}\nrun `orgit schema` to regenerate them\n",
            dir.display(),
            stale.join(", ")
        ))?;
        return Ok(Outcome::Problems);
    }
    Ok(Outcome::Clean)
}
