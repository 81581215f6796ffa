from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_docs(tmp_path_factory) -> Path:
    """The real sources converted once per session into a temporary docs/."""
    # No skip when the pipeline is missing: a missing pipeline is a failure.
    from build_tools.pipeline import convert_all

    docs = tmp_path_factory.mktemp("edition") / "docs"
    convert_all(ROOT, docs)
    return docs
