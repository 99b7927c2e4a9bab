"""Write docs/cli.md from the commands' own --help, or check that it is current.

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 when docs/cli.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from dyadwatch.cli import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
COMMANDS = [
    "ingest", "analyze", "reuse", "report", "dyads", "dyad", "events", "event", "document",
    "search", "serve", "watch", "export", "rejects", "summary",
]  # fmt: skip


def reference() -> str:
    runner = CliRunner()
    env = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    parts = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `scripts/cli_reference.py`; a test fails when it is stale.",
        "",
    ]
    for args in [[], *([c] for c in COMMANDS)]:
        out = runner.invoke(app, [*args, "--help"], env=env, prog_name="dyadwatch").output
        title = " ".join(["dyadwatch", *args])
        lines = [line.rstrip() for line in out.strip().splitlines()]
        parts += [f"## `{title}`", "", "```text", *lines, "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = reference()
    if "--check" in sys.argv:
        if DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is stale: run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
