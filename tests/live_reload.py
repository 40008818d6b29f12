#!/usr/bin/env python3
"""Opens a page of a running `tongbao serve` in headless Chromium (driven over the DevTools
pipe, standard library only), makes two edits to a data file and prints, one per line, what a
user would see: the page's <h1> before, the <h1> after a good edit (the page reloaded itself),
and the error overlay's text after a broken edit together with the <h1> still shown.

    python3 tests/live_reload.py PORT PAGE FILE NAME NEW_NAME BROKEN_OLD BROKEN_NEW

The good edit renames the project (`name: NAME` becomes `name: NEW_NAME`); the broken one
replaces BROKEN_OLD by BROKEN_NEW.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

port, page, path, old, new, broken_old, broken_new = sys.argv[1:8]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()


def pipes_as_3_and_4():
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)


chrome = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
     "--disable-component-update", "--disable-sync", "--no-first-run",
     f"--user-data-dir={tempfile.mkdtemp()}", "--remote-debugging-pipe", "about:blank"],
    pass_fds=(3, 4), preexec_fn=pipes_as_3_and_4, stderr=subprocess.DEVNULL)
os.close(to_chrome_r)
os.close(from_chrome_w)
pending = b""
last_id = 0


def call(method, params, session=None):
    """Sends one DevTools command and returns its result."""
    global pending, last_id
    last_id += 1
    message = {"id": last_id, "method": method, "params": params}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_w, json.dumps(message).encode() + b"\0")
    while True:
        while b"\0" in pending:
            raw, pending = pending.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == last_id:
                return answer["result"]
        chunk = os.read(from_chrome_r, 1 << 16)
        if not chunk:
            sys.exit("chromium closed the DevTools pipe")
        pending += chunk


def shown(session, expression):
    return call("Runtime.evaluate", {"expression": expression}, session)["result"].get("value")


def edit(before, after):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert before in text, f"{before} is not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(before, after, 1))


def wait_until(session, expression, want):
    deadline = time.time() + 10
    while time.time() < deadline:
        value = shown(session, expression)
        if value is not None and want in value:
            return value
        time.sleep(0.05)
    return shown(session, expression)


try:
    target = call("Target.createTarget", {"url": f"http://127.0.0.1:{port}/{page}"})["targetId"]
    session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    h1 = "document.querySelector('h1') && document.querySelector('h1').textContent"
    overlay = "document.getElementById('tongbao-errors') && document.getElementById('tongbao-errors').textContent"
    print(wait_until(session, h1, old))
    time.sleep(0.5)  # the page's script has asked the server to wait for the next rebuild
    edit(f"name: {old}", f"name: {new}")
    print(wait_until(session, h1, new))
    edit(broken_old, broken_new)
    print(json.dumps(wait_until(session, overlay, "错误"), ensure_ascii=False))
    print(shown(session, h1))
finally:
    chrome.kill()
