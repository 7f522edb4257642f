"""Delivery flows after the contract (issue 21; seeds 001 and 002): change requests,
requirement confirmation, acceptance and satisfaction, the maintenance plan."""
