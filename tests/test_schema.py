"""The JSON export validates against the schema shipped in the package."""

from __future__ import annotations

import json

import jsonschema
import pytest

import citenorm
from citenorm.emit.json import schema
from tests.conftest import CORPUS, ROOT


@pytest.mark.parametrize("paths", [[str(CORPUS)], [str(ROOT / "tests/golden/inputs")]])
def test_export_validates(paths: list[str]) -> None:
    document = json.loads(citenorm.load(paths).to_json())
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_broken_export() -> None:
    document = json.loads(citenorm.load([str(CORPUS)]).to_json())
    del document["chapters"][0]["notes"][0]["markers"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
