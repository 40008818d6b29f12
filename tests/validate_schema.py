"""Validates data files against tongbao's JSON Schema with the reference Python validator
(jsonschema), independently of tongbao's own Rust types.

usage: validate_schema.py SCHEMA_DIR FILE... ; prints one line per invalid file, exits 1 if any.
Each file's schema is chosen by its place: config.yaml, orgs.yaml, projects/, progress/,
meetings/ and bulletins/ (the YAML front matter of the Markdown file).
"""
import json
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """Reads YAML as 1.2 (serde_yaml, yaml-language-server) does: dates stay strings, and only
    true/false are booleans (1.1 also took no/yes/on/off, so the key `no:` became false)."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def schema_for(path):
    name = path.replace("\\", "/")
    if name.endswith("config.yaml"):
        return "config"
    if name.endswith("orgs.yaml"):
        return "orgs"
    if "/projects/" in name:
        return "project"
    if "/progress/" in name:
        return "progress"
    if "/meetings/" in name:
        return "meeting"
    if "/bulletins/" in name:
        return "bulletin"
    raise SystemExit(f"no schema for {path}")


def document(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".md"):
        text = text.split("---\n")[1]
    data = yaml.load(text, Loader=Yaml12Loader)
    # JSON object keys are strings (years: {2026: …} → {"2026": …}).
    return json.loads(json.dumps(data))


def main():
    schema_dir, files = sys.argv[1], sys.argv[2:]
    schemas = {}
    invalid = 0
    for path in files:
        kind = schema_for(path)
        if kind not in schemas:
            with open(f"{schema_dir}/{kind}.schema.json", encoding="utf-8") as f:
                schemas[kind] = jsonschema.Draft7Validator(json.load(f))
        try:
            errors = sorted(schemas[kind].iter_errors(document(path)), key=lambda e: list(e.path))
        except yaml.YAMLError as e:
            print(f"{path}: not YAML: {e}")
            invalid += 1
            continue
        if errors:
            invalid += 1
            print(f"{path}: {errors[0].message}")
    print(f"{len(files) - invalid} valid, {invalid} invalid")
    sys.exit(1 if invalid else 0)


main()
