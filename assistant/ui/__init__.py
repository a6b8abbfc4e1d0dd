"""The Gradio chat UI (`planqa serve`): rendering, uploads and the app; the chain is the CLI's."""
