"""Embeddings, the Chroma vector store, and the document registry."""
