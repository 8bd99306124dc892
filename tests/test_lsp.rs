//! `orgit lsp` driven by a real JSON-RPC client over the process's stdin and
//! stdout, with LSP's `Content-Length` framing: the handshake, diagnostics
//! for a markdown goal's frontmatter as typed (not as saved), their
//! clearing when fixed, and a clean shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{MINIMAL_ORG, TODAY, write_files};

/// A language client talking to one `orgit lsp` process.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_orgit"))
            .args(["--today", TODAY, "lsp", "--stdio"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("orgit lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(20))
            .expect("orgit lsp answers within 20 seconds")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

#[test]
fn diagnostics_follow_the_text_as_typed_in_a_markdown_goal() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    let goal = dir.path().join("goals/2026-Q4/reliability.md");
    let saved = std::fs::read_to_string(&goal).unwrap();
    let goal_uri = uri(&goal);

    let mut client = Client::start(dir.path());
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(dir.path()), "capabilities": {}}),
    );
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"], 1,
        "{init}"
    );
    client.notify("initialized", json!({}));

    // Typed, not saved: the owner misspelled in the frontmatter.
    let typed = saved.replace("owner: bo\n", "owner: boo\n");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": goal_uri, "languageId": "markdown", "version": 1, "text": typed}}),
    );
    let diagnostics = client.diagnostics_for(&goal_uri);
    assert_eq!(
        diagnostics,
        [json!({
            "range": {"start": {"line": 3, "character": 7}, "end": {"line": 3, "character": 10}},
            "severity": 1,
            "code": "unknown-reference",
            "source": "orgit",
            "message": "owner `boo` is not a person in this org\nhelp: did you mean `bo`?",
        })]
    );
    assert_eq!(
        std::fs::read_to_string(&goal).unwrap(),
        saved,
        "nothing is written"
    );

    // Fixed as typed: the file's diagnostics are cleared.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": goal_uri, "version": 2}, "contentChanges": [{"text": saved}]}),
    );
    assert_eq!(client.diagnostics_for(&goal_uri), Vec::<Value>::new());

    // A YAML file, with a related location in another file.
    let person = dir.path().join("people/cy.yaml");
    let person_uri = uri(&person);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": person_uri, "languageId": "yaml", "version": 1,
               "text": "id: bo\nname: Cy Okafor\nteam: platform\n"}}),
    );
    let duplicate = client.diagnostics_for(&person_uri);
    let codes: Vec<&str> = duplicate
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["duplicate-id", "file-name-mismatch"]);
    assert_eq!(duplicate[1]["severity"], 2, "a warning");
    assert_eq!(
        duplicate[0]["range"],
        json!({"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 6}})
    );
    assert_eq!(
        duplicate[0]["relatedInformation"][0]["location"]["uri"],
        uri(&dir.path().join("people/bo.yaml"))
    );
    assert_eq!(
        duplicate[0]["relatedInformation"][0]["message"],
        "first defined here"
    );

    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
