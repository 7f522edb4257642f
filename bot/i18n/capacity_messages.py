"""What a person is told when Rapport has no room for their request, or the database was too
busy to take it: nothing was saved, and sending it again will work. Or when a colleague's
save at the same moment took a value theirs would have (a contract's number, a milestone's
acceptance; bot/store/races.py): nothing was saved, and sending it again shows where it
stands."""

CAPACITY_MESSAGES: dict[str, dict[str, str]] = {
    "busy.refused": {
        "en": "Rapport is busy — nothing was saved. Please send it again in a moment.",
        "zh": "Rapport 正忙，本次操作未保存任何内容。请稍后重新发送。",
    },
    "busy.saved_meanwhile": {
        "en": "A colleague's save at the same moment came first — nothing of yours was saved. "
        "Send it again to see where it stands now.",
        "zh": "同事在同一时刻的保存先完成了，你的这次操作未保存任何内容。"
        "请重新发送，查看最新情况。",
    },
}
