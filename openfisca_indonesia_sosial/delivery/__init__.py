"""Delivery: entitlement becomes payment under national quotas and take-up rates."""

from openfisca_indonesia_sosial.delivery.quota import (
    Delivered,
    PopulationContext,
    deliver,
    parameter_at,
    reusable_programs,
)

__all__ = ["Delivered", "PopulationContext", "deliver", "parameter_at", "reusable_programs"]
