"""Delivery: entitlement becomes payment under national quotas and take-up rates."""

from openfisca_indonesia_sosial.delivery.context import DeliveryContext
from openfisca_indonesia_sosial.delivery.quota import Delivered, deliver, reusable_programs

__all__ = ["Delivered", "DeliveryContext", "deliver", "reusable_programs"]
