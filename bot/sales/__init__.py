"""What a customer buys: opportunities and the forecast, contracts and their receivables,
projects and documents. Rules are plain functions; the use cases (`*_cases.py`) take an actor
and check who may see and change what inside, like the customer cards' use cases."""
