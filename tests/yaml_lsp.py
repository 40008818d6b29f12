#!/usr/bin/env python3
"""Drives yaml-language-server (the engine of VS Code's YAML extension) over LSP on stdio, as an
editor would, with one data file of tongbao's and the schema its first line names. Prints, one
per line: every diagnostic the server publishes for the file ("line:col message"), then
"completion:" and the labels it offers at the end of a line.

    python3 tests/yaml_lsp.py SERVER FILE COMPLETE_LINE

FILE is opened with its text as it is on disk; COMPLETE_LINE (1-based) is the line whose end
completion is asked at (e.g. `lead_unit: ` with the value removed).
"""
import json
import pathlib
import subprocess
import sys
import time

server_bin, path, complete_line = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[3])
text = path.read_text(encoding="utf-8")
uri = path.as_uri()
server = subprocess.Popen([server_bin, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("the server closed")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


settings = {"yaml": {"validate": True, "completion": True, "hover": True, "schemas": {}, "schemaStore": {"enable": False}}}


def answer(message):
    """Answers the server's own requests (configuration, registrations)."""
    if message.get("method") == "workspace/configuration":
        items = message["params"]["items"]
        send({"jsonrpc": "2.0", "id": message["id"], "result": [settings.get(i.get("section"), settings["yaml"]) for i in items]})
    elif "id" in message and "method" in message:
        send({"jsonrpc": "2.0", "id": message["id"], "result": None})


def wait_for(done, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        message = receive()
        answer(message)
        if done(message):
            return message
    sys.exit("no answer from the server")


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "processId": None, "rootUri": path.parent.as_uri(),
    "capabilities": {"textDocument": {"publishDiagnostics": {}, "completion": {"completionItem": {}}},
                     "workspace": {"configuration": True}},
}})
wait_for(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": settings}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
    "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
published = wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                     and m["params"]["diagnostics"])
for d in published["params"]["diagnostics"]:
    start = d["range"]["start"]
    print(f"{start['line'] + 1}:{start['character'] + 1} {d['message']}")
line = text.split("\n")[complete_line - 1]
send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {
    "textDocument": {"uri": uri}, "position": {"line": complete_line - 1, "character": len(line)}}})
result = wait_for(lambda m: m.get("id") == 2)["result"]
items = result.get("items", []) if isinstance(result, dict) else (result or [])
print("completion: " + " ".join(sorted(i["label"] for i in items)))
send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
server.kill()
