"""Every block_id, action_id and callback_id the app uses, in one place."""

HELP_HEADER = "help_header"
HELP_BODY = "help_body"
HELP_NOTE = "help_note"
ERROR_BLOCK = "error"
HOME_INTRO = "home_intro"
LOG_MESSAGE_SHORTCUT = "log_message"
