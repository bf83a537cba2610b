#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The editor and the CLI see the core only through clearway-core.h. Every
# other core header is the core's own business: an include of one from
# src/app or src/cli would make an internal helper public behind the
# core's back, and the next change to that helper would break a front end.
#
# Usage: check-core-includes.py SOURCE_ROOT
# Prints each offending include as file:line and exits 1; exits 0 if none.

import pathlib
import re
import sys

PUBLIC = 'clearway-core.h'
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
    core = root / 'src' / 'core'
    core_headers = {p.name for p in core.rglob('*.h')}
    if PUBLIC not in core_headers:
        print(f'{core / PUBLIC} is missing', file=sys.stderr)
        return 1

    problems = []
    n_files = 0
    for front in ('app', 'cli'):
        for path in sorted((root / 'src' / front).rglob('*')):
            if path.suffix not in ('.c', '.h'):
                continue
            n_files += 1
            lines = path.read_text(encoding='utf-8').splitlines()
            for number, line in enumerate(lines, 1):
                match = INCLUDE.match(line)
                if match is None:
                    continue
                name = match.group(1)
                # a front end's own header of that name wins the search
                if (path.parent / name).exists():
                    continue
                base = pathlib.PurePosixPath(name).name
                if base in core_headers and base != PUBLIC:
                    problems.append(f'{path.relative_to(root)}:{number}: '
                                    f'includes the core-internal header "{name}"')

    if n_files == 0:
        print(f'no sources found under {root}/src/app or src/cli', file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f'Include "{PUBLIC}" instead. If a front end needs a function '
              'it does not declare, make that function public (add its '
              f'header to src/core/{PUBLIC}) or use a public one.',
              file=sys.stderr)
        return 1
    print(f'{n_files} files in src/app and src/cli include only {PUBLIC} from the core')
    return 0


if __name__ == '__main__':
    sys.exit(main())
