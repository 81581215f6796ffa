import subprocess

from tests.conftest import ROOT


def test_generated_markdown_passes_markdownlint(built_docs):
    # --prefix lets npx find our pinned linter while linting a folder elsewhere.
    result = subprocess.run(
        ["npx", "--no-install", "--prefix", str(ROOT), "markdownlint-cli2",
         "--config", str(ROOT / ".markdownlint-cli2.jsonc"), "**/*.md"],
        cwd=built_docs, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
