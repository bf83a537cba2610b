#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# clearway-cli lint --json against data/lint-schema.json: the sample (no
# errors, exit 0) and a deck without a safety card (an error, exit 1).
# A required test: without python3-jsonschema it fails rather than skips.

import json
import os
import subprocess
import sys
import tempfile

import jsonschema

source_root = sys.argv[1]
cli = os.environ['CLEARWAY_CLI']
with open(os.path.join(source_root, 'data', 'lint-schema.json'), encoding='utf-8') as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)

BAD = '''<?xml version="1.0" encoding="UTF-8"?>
<deck xmlns="https://clearway.github.io/ns/deck" version="1">
  <meta><title>No safety card</title><language>en</language></meta>
  <theme base="night"/>
  <slides>
    <slide id="intro" template="title"><text name="headline">Hello</text></slide>
  </slides>
</deck>
'''

failures = 0
with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, 'bad.clearway')
    with open(bad, 'w', encoding='utf-8') as f:
        f.write(BAD)
    for args, status in ((['--format', 'tiktok,landscape', '--lang', 'all'], 0), ([bad], 1)):
        run = subprocess.run([cli, 'lint', '--json'] + args, capture_output=True, text=True)
        document = json.loads(run.stdout)
        try:
            jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
        except jsonschema.ValidationError as e:
            print(f'not valid: {args}: {e.message}')
            failures += 1
        if run.returncode != status:
            print(f'exit status {run.returncode} for {args}, expected {status}')
            failures += 1
        if status == 1 and document['summary']['errors'] < 1:
            print('no error reported for a deck without a safety card')
            failures += 1
sys.exit(1 if failures else 0)
