"""Evaluation harness: drives the assistant from outside (suites, metrics, reports)."""
