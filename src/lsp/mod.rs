//! `orgit lsp`: a language server over stdio that publishes what `orgit
//! check` finds, at the same positions, as the editor holds the files (open
//! files are checked as typed, not as saved). It works for every file kind,
//! markdown frontmatter included, where the YAML language server's schema
//! modeline does not reach.
//!
//! The server is a plain loop over [`lsp_server`]'s channels: the protocol
//! is small (open, change, save, close, shutdown) and synchronous checking
//! of a whole org takes milliseconds.

mod convert;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    Url,
};

use crate::checks::{self, CheckOptions};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::source::{self, Overlay, WorkTree};

/// What the server keeps between messages.
struct Server {
    /// The text of every open document, by its URI.
    open: BTreeMap<Url, String>,
    /// Documents that were last sent diagnostics, so a fixed file is cleared.
    published: BTreeSet<Url>,
    /// `--today`, else the current date in each org's time zone.
    today: Option<Date>,
}

/// Runs the server on `connection` until the client says `exit`.
pub fn serve(connection: &Connection, today: Option<Date>) -> Result<()> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).expect("capabilities serialize");
    connection
        .initialize(capabilities)
        .map_err(|e| Error::new(format!("the editor did not start the session: {e}")))?;
    let mut server = Server {
        open: BTreeMap::new(),
        published: BTreeSet::new(),
        today,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| Error::new(format!("shutting down: {e}")))?
                {
                    return Ok(());
                }
                let response = Response::new_err(
                    request.id,
                    ErrorCode::MethodNotFound as i32,
                    format!("orgit lsp does not answer `{}`", request.method),
                );
                send(connection, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                if let Some(uri) = server.apply(notification) {
                    server.publish(connection, &uri)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Server {
    /// Takes in a document notification; the document to re-check, if any.
    fn apply(&mut self, notification: Notification) -> Option<Url> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let uri = params.text_document.uri;
                self.open.insert(uri.clone(), params.text_document.text);
                Some(uri)
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let uri = params.text_document.uri;
                // Full sync: the last change holds the whole text.
                let text = params.content_changes.into_iter().last()?.text;
                self.open.insert(uri.clone(), text);
                Some(uri)
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                Some(params.text_document.uri)
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                self.open.remove(&params.text_document.uri);
                Some(params.text_document.uri)
            }
            _ => None,
        }
    }

    /// Checks the org holding `uri` and sends every file of it its
    /// diagnostics (an empty list where they went away). A document in no
    /// org gets an empty list.
    fn publish(&mut self, connection: &Connection, uri: &Url) -> Result<()> {
        let mut by_uri: BTreeMap<Url, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        let root = uri
            .to_file_path()
            .ok()
            .and_then(|path| path.parent().map(Path::to_path_buf))
            .and_then(|dir| source::discover(&dir).ok())
            .map(|location| location.root);
        let mut stale: Vec<Url> = vec![uri.clone()];
        if let Some(root) = &root {
            by_uri = self.check(root);
            stale.extend(
                self.published
                    .iter()
                    .filter(|u| {
                        u.to_file_path()
                            .is_ok_and(|p| canonical(&p).starts_with(root))
                    })
                    .cloned(),
            );
        }
        for uri in stale {
            by_uri.entry(uri).or_default();
        }
        for (uri, diagnostics) in by_uri {
            if diagnostics.is_empty() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri.clone());
            }
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            };
            let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
            send(connection, Message::Notification(notification))?;
        }
        Ok(())
    }

    /// `orgit check` on the org at `root`, with open documents as typed,
    /// grouped by the file each diagnostic is in.
    fn check(&self, root: &Path) -> BTreeMap<Url, Vec<lsp_types::Diagnostic>> {
        let mut out = BTreeMap::new();
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        // Open documents by org-relative path, with the URI the editor
        // knows each by (it may name the folder through a symbolic link).
        let mut open: BTreeMap<String, String> = BTreeMap::new();
        let mut editor_uris: BTreeMap<String, Url> = BTreeMap::new();
        for (uri, text) in &self.open {
            let Ok(path) = uri.to_file_path() else {
                continue;
            };
            let path = canonical(&path);
            let Ok(relative) = path.strip_prefix(&canonical_root) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            open.insert(relative.clone(), text.clone());
            editor_uris.insert(relative, uri.clone());
        }
        let Ok(tree) = WorkTree::new(root) else {
            return out;
        };
        let overlay = Overlay {
            base: &tree,
            open: &open,
        };
        let Ok((org, load_diagnostics)) = crate::loader::load(&overlay) else {
            return out;
        };
        let today = self.today.unwrap_or_else(|| convert::today_in(&org));
        let diagnostics = checks::run_all(&org, load_diagnostics, CheckOptions { today });
        for diagnostic in diagnostics.into_sorted() {
            let uri_of = |file| {
                let path = &org.file(file).path;
                editor_uris
                    .get(path)
                    .cloned()
                    .or_else(|| Url::from_file_path(canonical_root.join(path)).ok())
            };
            let Some(uri) = uri_of(diagnostic.primary.file) else {
                continue;
            };
            let converted = convert::diagnostic(&org, &diagnostic, uri_of);
            out.entry(uri).or_insert_with(Vec::new).push(converted);
        }
        out
    }
}

/// `path` with symbolic links resolved where it exists (a new file: its
/// folder's), so it compares with the canonical org root.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map_or_else(|_| path.to_path_buf(), |dir| dir.join(name)),
        _ => path.to_path_buf(),
    }
}

fn send(connection: &Connection, message: Message) -> Result<()> {
    connection
        .sender
        .send(message)
        .map_err(|e| Error::new(format!("the editor went away: {e}")))
}
