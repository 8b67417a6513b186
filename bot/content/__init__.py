"""Content as data: YAML files in this folder, validated when loaded (see loader.py)."""

from bot.content.loader import Content, ContentError, get_content, load_content

__all__ = ["Content", "ContentError", "get_content", "load_content"]
