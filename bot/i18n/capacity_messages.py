"""What a person is told when Rapport has no room for their request, or the database was too
busy to take it: nothing was saved, and sending it again will work."""

CAPACITY_MESSAGES: dict[str, dict[str, str]] = {
    "busy.refused": {
        "en": "Rapport is busy — nothing was saved. Please send it again in a moment.",
        "zh": "Rapport 正忙，本次操作未保存任何内容。请稍后重新发送。",
    },
}
