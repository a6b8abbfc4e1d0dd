"""Load, clean, section and chunk documents."""
