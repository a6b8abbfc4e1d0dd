"""The PlanQA assistant: retrieval, answers with citations, CLI."""
