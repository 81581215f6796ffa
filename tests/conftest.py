import shutil
import zipfile
from pathlib import Path

import pytest

from build_tools.site import build_site, bundle_name, make_offline_bundle

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_docs(tmp_path_factory) -> Path:
    """The real sources converted once per session into a temporary docs/."""
    # No skip when the pipeline is missing: a missing pipeline is a failure.
    from build_tools.pipeline import convert_all

    docs = tmp_path_factory.mktemp("edition") / "docs"
    convert_all(ROOT, docs)
    return docs


def build(tmp: Path) -> Path:
    site = build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")
    return make_offline_bundle(ROOT, site_dir=site, dist_dir=tmp / "dist")


@pytest.fixture(scope="session")
def docs_copy(built_docs, tmp_path_factory):
    def copy():
        tmp = tmp_path_factory.mktemp("build")
        shutil.copytree(built_docs, tmp / "docs")
        return tmp
    return copy


@pytest.fixture(scope="session")
def bundle(docs_copy) -> Path:
    return build(docs_copy())


@pytest.fixture(scope="session")
def unpacked(bundle, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(out)
    return out / bundle_name(ROOT)
