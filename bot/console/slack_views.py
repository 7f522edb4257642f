"""Slack's views methods, for SlackDouble: modals opened, pushed and updated, Home tabs
published, each checked by the referee and kept where the console and the tests read them."""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Callable
from typing import Any

from bot.console.slack_referee import Referee, refused_view


class ViewsStandIn:
    """views.open, views.push, views.update and views.publish; needs `views`, `referee` and
    `record` (SlackDouble's)."""

    views: dict[str, dict[str, Any]]
    referee: Referee
    record: Callable[..., Any]

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not str(args.get("trigger_id", "")).startswith("trigger."):
            return {"ok": False, "error": "invalid_trigger_id"}
        return self._store_view(args, kind="modal", method="views.open")

    def _m_views_push(self, args: dict[str, Any]) -> dict[str, Any]:
        return self._store_view(args, kind="modal", method="views.push")

    def _m_views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = args.get("view_id")
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        return self._store_view(args, kind="modal", method="views.update", view_id=view_id)

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        return self._store_view(args, kind="home", method="views.publish", user=args.get("user_id"))

    def _store_view(
        self,
        args: dict[str, Any],
        *,
        kind: str,
        method: str,
        view_id: str | None = None,
        user: str | None = None,
    ) -> dict[str, Any]:
        view = args["view"] if isinstance(args["view"], dict) else json.loads(args["view"])
        if found := self.referee.view(method, view, kind):
            return refused_view(found)
        view = {**view, "id": view_id or _new_view_id()}
        self.views[view["id"]] = view
        self.record(kind, None, user, {"text": "", "blocks": view.get("blocks", []), "view": view})
        return {"ok": True, "view": view}


def _new_view_id() -> str:
    """Like Slack's: unique across runs, so two console sessions never share one."""
    alphabet = string.ascii_uppercase + string.digits
    return "V" + "".join(secrets.choice(alphabet) for _ in range(10))
