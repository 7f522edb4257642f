"""The deployable package, checked where no container engine runs: deploy/compose.yaml is a
valid Compose file (the Compose Specification's JSON schema, Apache-2.0, kept in tests/data),
its services run commands `rapport` accepts, in an order that starts replicas safely; the
Dockerfile builds a small non-root image with a health check. scripts/drill runs the same
commands with local processes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from bot.cli import _parser

ROOT = Path(__file__).parent.parent
COMPOSE = yaml.safe_load((ROOT / "deploy/compose.yaml").read_text(encoding="utf-8"))
SCHEMA = json.loads((Path(__file__).parent / "data/compose-spec.schema.json").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
SERVICES = COMPOSE["services"]
REPLICAS = [name for name, s in SERVICES.items() if "serve" in s.get("command", [])]


def test_the_compose_file_is_valid_against_the_compose_specification() -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(COMPOSE)


def test_the_services_run_commands_rapport_accepts() -> None:
    for name in ("migrate", *REPLICAS):
        command = SERVICES[name]["command"]
        assert command[0] == "rapport", name
        _parser().parse_args(command[1:])


def test_two_replicas_start_once_the_one_shot_migration_has_finished() -> None:
    assert len(REPLICAS) == 2
    assert SERVICES["migrate"]["command"] == ["rapport", "migrate"]
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in REPLICAS:
        assert "--no-migrate" in SERVICES[name]["command"]
        condition = SERVICES[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"
    assert SERVICES["db"]["image"] == "postgres:15"


def test_the_proxy_balances_over_exactly_the_replicas_and_only_when_ready() -> None:
    caddyfile = (ROOT / "deploy/Caddyfile").read_text(encoding="utf-8")
    upstreams = re.search(r"reverse_proxy ([^{]+)\{", caddyfile)[1].split()
    assert sorted(upstreams) == sorted(f"{name}:3000" for name in REPLICAS)
    assert "health_uri /healthz" in caddyfile
    proxy_waits_for = SERVICES["proxy"]["depends_on"]
    assert all(proxy_waits_for[name]["condition"] == "service_healthy" for name in REPLICAS)


def test_the_environment_names_only_settings_rapport_reads() -> None:
    settings = (ROOT / "bot/settings.py").read_text(encoding="utf-8")
    environment = SERVICES["app1"]["environment"]
    assert all(f'"{name}"' in settings for name in environment)


def test_the_image_runs_as_a_user_with_a_health_check_on_readiness() -> None:
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)
    user = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n.*/healthz", DOCKERFILE, re.M)
    assert 'CMD ["rapport", "serve"]' in DOCKERFILE
