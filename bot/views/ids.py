"""Every block_id, action_id and callback_id the app uses, in one place."""


def help_block(part: str, command: str) -> str:
    """`help_body_customer`, `help_body_log` …: the Home tab shows both commands' help, and
    Slack refuses a view whose block ids repeat."""
    return f"help_{part}_{command.lstrip('/')}"


ERROR_BLOCK = "error"
HOME_INTRO = "home_intro"
LOG_MESSAGE_SHORTCUT = "log_message"

# customer cards
CUSTOMER_NEW_VIEW = "customer_new"
CUSTOMER_EDIT_VIEW = "customer_edit"
CONTACT_ADD_VIEW = "contact_add"
CONTACT_EDIT_VIEW = "contact_edit"
VALUE = "value"  # the action_id of every input element: the block id says which field
OPEN_CARD = "customer_open"
EDIT_CARD = "customer_edit_open"
ADD_CONTACT = "contact_add_open"
CONTACT_MENU = "contact_menu"
SHARE_CARD = "customer_share"
CREATE_NAMED = "customer_create_named"
CARD_HEADER = "card_header"
CARD_ACTIONS = "card_actions"
FIND_RESULTS = "find_results"


def field_block(field: str) -> str:
    """The block id of a modal input: `field_legal_name`, `field_phone` …"""
    return f"field_{field}"


CONTACT_REMOVE_VIEW = "contact_remove"

# contact records (/log)
LOG_VIEW = "log_new"
LOG_MESSAGE_VIEW = "log_message_save"
LOG_EDIT_VIEW = "log_edit"
LOG_TIME_VIEW = "log_time"
LOG_CUSTOMER_SELECT = "log_customer"
LOG_CONTACT_SELECT = "log_contact"
LOG_UNDO = "log_undo"
LOG_CHANGE_TIME = "log_change_time"
LOG_SAVE_ANYWAY = "log_save_anyway"
LOG_FROM_CARD = "log_from_card"
LOG_PICK_CUSTOMER = "log_pick_customer"  # + ".N": one button per card offered
RECORD_MENU = "record_menu"
TIMELINE_OLDER = "timeline_older"
HISTORY_OLDER = "history_older"

# phases, milestones, channels
PHASE_VIEW = "phase_change"
PHASE_OPEN = "phase_open"
MILESTONE_VIEW = "milestone_new"
MILESTONE_OPEN = "milestone_open"
MILESTONE_DONE = "milestone_done"
MILESTONES_MORE = "milestones_more"  # value `<card>:<offset>`: the next page of milestones
FOLLOW_UPS_MORE = "follow_ups_more"  # value `<card>:<offset>`: a card's open follow-ups
META_CUSTOMER_ID = "customer_id"  # private metadata of the phase and milestone forms
META_CHANNEL = "channel"
META_FROM_PHASE = "from_phase"  # the phase form: the card's phase when it was opened

# reminders
REMINDER_DONE = "reminder_done"
REMINDER_SNOOZE = "reminder_snooze"

# merges and value
MERGE_CONFIRM = "merge_confirm"
VALUE_VIEW = "value_assess"

# App Home
HOME_NEW_CUSTOMER = "home_new_customer"
HOME_LOG = "home_log"
HOME_FOLLOW_UP = "home_follow_up"

# opportunities, the forecast, contracts, projects, documents (bot/views/deals.py …)
DEAL_VIEW = "deal_save"
DEAL_NEW = "deal_new"  # value: the card
DEAL_EDIT = "deal_edit"  # value: the deal
DEAL_OPEN = "deal_open"  # value: the deal
DEAL_STAGE = "deal_stage"  # + ".N": one button per stage; value `<deal>:<stage>`
DEAL_CONFIRM = "deal_confirm_close"  # value: the held line
DEAL_PICK = "deal_pick"  # value: "<the held line>:<the deal picked for it>"
DEALS_MORE = "deals_more"  # value `<card>:<offset>`
CONTRACT_VIEW = "contract_save"
CONTRACT_NEW = "contract_new"  # value: the card
CONTRACT_FROM_DEAL = "contract_from_deal"  # value: the won deal
CONTRACT_OPEN = "contract_open"  # value: the contract
CONTRACT_CANCEL_VIEW = "contract_cancel"
CONTRACT_CANCEL = "contract_cancel_open"  # value: the contract
CONTRACTS_MORE = "contracts_more"  # value `<card>:<offset>`
RECEIVED = "receivable_received"  # + ".N"; value: the receivable
PROJECT_VIEW = "project_save"
PROJECT_NEW = "project_new"  # value: the card
PROJECT_FROM_CONTRACT = "project_from_contract"  # value: the contract
PROJECT_OPEN = "project_open"  # value: the project
PROJECT_CHANNEL_VIEW = "project_channel"
PROJECT_CHANNEL = "project_channel_open"  # value: the project
PROJECT_PHASE = "project_phase"  # + ".N"; value `<project>:<phase>`
PROJECTS_MORE = "projects_more"  # value `<card>:<offset>`
DOCUMENT_VIEW = "document_save"
DOCUMENT_NEW = "document_new"  # value `<card>:<contract>:<project>` (0: none)
DOCUMENTS_MORE = "documents_more"  # value `<card>:<offset>`
DOCUMENT_SHORTCUT = "attach_message"
DOCUMENT_CUSTOMER_SELECT = "document_customer"
DOCUMENT_TARGET_SELECT = "document_target"
PIPELINE_CSV = "pipeline_csv"  # value: the filters typed
PIPELINE_CHART = "pipeline_chart"  # value: the filters typed
DOCUMENT_MESSAGE_VIEW = "document_message_save"
# statistics, roles, change notices, shortcuts and workflow steps (issue 19)
STATS_ACTIONS = "stats_actions"
STATS_SHARE = "stats_share"  # value: the filters as typed back (StatsFilters.to_text)
STATS_EXPORT = "stats_export"
STATS_CHART = "stats_chart"  # + ".N": the image blocks of the charts
CONTACT_ROLE_VIEW = "contact_role"
NEW_CUSTOMER_SHORTCUT = "new_customer_shortcut"
LOG_CONTACT_SHORTCUT = "log_contact_shortcut"
NEW_CUSTOMER_STEP = "new_customer_step"
LOG_CONTACT_STEP = "log_contact_step"
# change requests (issue 21)
CHANGE_VIEW = "change_save"  # the request form
CHANGE_NEW = "change_new"  # value: the card
CHANGE_LIST = "change_list"  # value: the card
CHANGE_OPEN = "change_open"  # value: the request
CHANGE_EVALUATE = "change_evaluate"  # value: the request; opens the evaluation
CHANGE_EVALUATION_VIEW = "change_evaluation"
CHANGE_ANSWER = "change_answer"  # + ".confirm" / ".decline"; value: the request
CHANGE_ANSWER_VIEW = "change_answer_save"
CHANGE_STEP = "change_step"  # + ".<step>"; value `<request>:<step>` (no form needed)
CHANGE_ASK_CUSTOMER = "change_ask_customer"  # value: the request
CHANGE_CUSTOMER = "change_customer"  # + ".confirm" / ".decline": the customer's own buttons
CHANGE_ACTIONS = "change_actions"
# requirement lists (issue 21)
REQUIREMENT_VIEW = "requirement_save"  # the add form; metadata: the card
REQUIREMENT_NEW = "requirement_new"  # value: the card
REQUIREMENT_LIST = "requirement_list"  # value: the card
REQUIREMENTS_CONFIRMED = "requirements_confirmed"  # value: the list; opens who confirmed
REQUIREMENTS_CONFIRMED_VIEW = "requirements_confirmed_save"
REQUIREMENTS_ASK = "requirements_ask"  # value: the list
REQUIREMENTS_CUSTOMER = "requirements_customer_confirm"  # value: the list (customer's own)
REQUIREMENT_ACTIONS = "requirement_actions"
# customers' requests and complaints (issue 21)
SERVICE_RESPONDED = "service_responded"  # value: the service request
SERVICE_RESOLVE = "service_resolve"  # value: the service request; opens the resolution
SERVICE_RESOLVE_VIEW = "service_resolve_save"
# Acceptance, satisfaction surveys and feedback items (issue 21, item 3)
ACCEPTANCE_VIEW = "acceptance_save"  # the acceptance form: who accepted on the customer's side
SURVEY_FILL = "survey_fill"  # value: the survey; the PM's form after a call
SURVEY_SEND = "survey_send"  # value: the survey; posts it where the customer answers
SURVEY_VIEW = "survey_save"
SURVEY_CUSTOMER = "survey_customer"  # value: the survey; the customer's own *Answer* button
SURVEY_CUSTOMER_VIEW = "survey_customer_save"
SURVEY_ACTIONS = "survey_actions"
FEEDBACK_OPEN = "feedback_open"  # value: the feedback item
FEEDBACK_LIST = "feedback_list"  # value: the card; its feedback items, open and closed
FEEDBACK_CLOSE = "feedback_close"  # value: the feedback item; opens the closing form
FEEDBACK_CLOSE_VIEW = "feedback_close_save"

# The relationship maintenance plan (issue 21 item 5)
MAINT_OPEN = "maint_open"  # value: the card; shows its period plan
MAINT_ADD = "maint_add"  # value: the card; opens the activity form
MAINT_ACTIVITY_VIEW = "maint_activity_save"
MAINT_UPDATE = "maint_update"  # value: the activity; opens its outcome form
MAINT_OUTCOME_VIEW = "maint_outcome_save"
MAINT_NOTES = "maint_notes"  # value: `<card>:<plan or 0>`; opens the period and notes form
MAINT_NOTES_VIEW = "maint_notes_save"
MAINT_REVIEW = "maint_review"  # value: the plan; opens the review form
MAINT_REVIEW_VIEW = "maint_review_save"
