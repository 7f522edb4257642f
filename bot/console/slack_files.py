"""Slack's external file upload, for SlackDouble: an upload URL handed out, the bytes sent
to it, the upload completed into a channel (where the console and the tests see the file)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.console.slack_referee import Referee


class FilesStandIn:
    """files.getUploadURLExternal, the upload itself and files.completeUploadExternal; needs
    `files`, `url`, `_ids`, `referee` and `record` (SlackDouble's)."""

    files: dict[str, dict[str, Any]]
    url: str
    _ids: Any
    referee: Referee
    record: Callable[..., Any]

    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._ids)}"
        self.files[file_id] = {"name": args.get("filename", ""), "data": b""}
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        self.referee.files(
            "files.completeUploadExternal", files, str(args.get("initial_comment") or "")
        )
        for item in files:
            stored = self.files.get(item["id"], {})
            self.record(
                "file",
                args.get("channel_id"),
                None,
                {"text": stored.get("name", ""), "file": stored},
            )
        return {"ok": True, "files": [{"id": f["id"]} for f in files]}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self.files:
            return web.Response(status=404)
        reader = await request.post() if request.content_type.startswith("multipart") else None
        if reader is not None:
            part = next(iter(reader.values()))
            data = part.file.read() if hasattr(part, "file") else str(part).encode()
        else:
            data = await request.read()
        self.files[file_id]["data"] = data
        return web.Response(text="OK")
