//! The working tree with some files replaced by text not saved yet: what an
//! editor holds open. `orgit lsp` checks the org as the editor shows it.

use std::collections::BTreeMap;

use super::{RawFile, Source, finish, layout};
use crate::error::Result;

/// `base`'s files, with `open` (org-relative path → text) in their place
/// and added where they are not on disk yet.
pub struct Overlay<'a> {
    pub base: &'a dyn Source,
    pub open: &'a BTreeMap<String, String>,
}

impl Source for Overlay<'_> {
    fn read_files(&self) -> Result<Vec<RawFile>> {
        let mut files = self.base.read_files()?;
        for file in &mut files {
            if let Some(text) = self.open.get(&file.path) {
                file.content = Ok(text.clone().into_bytes());
            }
        }
        for (path, text) in self.open {
            if layout::classify(path).is_some() && !files.iter().any(|f| &f.path == path) {
                files.push(RawFile {
                    path: path.clone(),
                    content: Ok(text.clone().into_bytes()),
                });
            }
        }
        Ok(finish(files))
    }
}
