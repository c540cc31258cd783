"""A JSON array of findings, each with its flow from the nil source to the fault."""

from __future__ import annotations

import json

from goguard.findings import Finding
from goguard.output import formatter


@formatter("json")
def render(findings: list[Finding], **_context) -> str:
    return json.dumps([f.to_json() for f in findings], indent=2) + "\n"
