"""The answer contract (`planqa ask --json`): one object per question."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    id: int = Field(description="the n used as [n] in the answer")
    doc: str = Field(description="file name")
    title: str
    section: str
    text: str = Field(description="the passage: equals the document's cleaned text[start:end]")
    start: int
    end: int


class Context(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class Timings(BaseModel):
    retrieve: float = 0.0
    answer: float = 0.0
    total: float = 0.0


class AnswerResult(BaseModel):
    question: str
    answer: str
    refused: bool
    citations: list[Citation] = Field(default_factory=list)
    contexts: list[Context] = Field(default_factory=list)
    timings_ms: Timings = Field(default_factory=Timings)
