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
    notes: list[str] = Field(default_factory=list, description="the document's own notes (名词解释) for the note "
                                                                "markers ［n］ the passage carries")


class Context(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class Flag(BaseModel):
    kind: str = Field(description="unknown_marker | uncited | figure_not_in_source")
    sentence: str = ""
    detail: str = ""


class Timings(BaseModel):
    condense: float = 0.0
    retrieve: float = 0.0
    answer: float = 0.0
    total: float = 0.0


class AnswerResult(BaseModel):
    question: str
    standalone_question: str | None = Field(None, description="the follow-up rewritten with the chat history")
    answer: str
    refused: bool
    citations: list[Citation] = Field(default_factory=list)
    contexts: list[Context] = Field(default_factory=list, description="all retrieved passages, best first")
    grounding: float | None = Field(None, description="share of answer sentences cited with their figures in the source")
    flags: list[Flag] = Field(default_factory=list)
    backend: str = "extractive"
    notice: str = Field("", description="e.g. the LLM answer failed the citation check and was replaced")
    reason: str = Field("", description="why it refused")
    answerability: dict | None = Field(None, description="probability that the passages answer, the threshold, "
                                                         "and the features behind it")
    timings_ms: Timings = Field(default_factory=Timings)
