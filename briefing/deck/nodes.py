"""Composed YAML nodes checked one way wherever briefing reads YAML: decks, theme files, config.yaml.

What every such file must be before its own schema is read: a mapping of text keys, each
key once, no tags (every value is plain text, nothing is constructed), and each problem a
diagnostic at the node's own line and column. The deck reader's hot loop tests the common
case inline (a plain key is a ``ScalarNode`` with the plain tag) and calls in here for the
rest, so the rules and their messages live only here.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import codes
from .model import Diagnostic, Place, Severity
from .text import quoted
from .yamlsafe import MAP_TAG, SEQ_TAG, STR_TAG, Locator

KIND_NAMES = {ScalarNode: "text", SequenceNode: "a list", MappingNode: "a mapping"}
PLAIN_TAGS = {ScalarNode: STR_TAG, SequenceNode: SEQ_TAG, MappingNode: MAP_TAG}


def kind_of(node: Node) -> str:
    """'text', 'a list' or 'a mapping': what a message says the author wrote."""
    return KIND_NAMES.get(type(node), "something else")


class NodeChecker:
    """Checks nodes of one file, adding each problem to ``diagnostics``.

    ``document`` names the file in messages: "a deck", "a theme file", "config.yaml".
    """

    __slots__ = ("diagnostics", "document", "locator")

    def __init__(self, locator: Locator, diagnostics: list[Diagnostic], document: str) -> None:
        self.locator = locator
        self.diagnostics = diagnostics
        self.document = document

    def place(self, node: Node) -> Place:
        return self.locator.place(node.start_mark)

    def error(self, node: Node, message: str, code: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(node.start_mark), Severity.ERROR, message, code))

    def tag_ok(self, node: Node) -> bool:
        """False, with an error, for a node that carries a tag (``!!python/object``, ``!x``).

        A tag that only repeats the node's plain kind (``!!str``) is harmless and allowed.
        """
        tag = node.tag
        if tag == PLAIN_TAGS.get(type(node)):
            return True
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.error(node, f"tags such as {quoted(shown)} are not allowed in {self.document} "
                         "(remove it: every value is plain text)", codes.TAG)
        return False

    def is_mapping(self, node: Node, what: str, example: str) -> bool:
        """Whether ``node`` is an untagged mapping; an error naming ``what`` and an example if not."""
        if type(node) is MappingNode:
            return self.tag_ok(node)
        self.error(node, f"{what} must be a mapping of keys ({example}), not {kind_of(node)}", codes.NOT_A_MAPPING)
        return False

    def key_ok(self, key_node: Node, noun: str = "key") -> bool:
        """Whether a mapping's key is plain text; an error at it if not."""
        if type(key_node) is not ScalarNode:
            self.error(key_node, f"a {noun} must be text, not {kind_of(key_node)}", codes.KEY_NOT_TEXT)
            return False
        return key_node.tag is STR_TAG or self.tag_ok(key_node)

    def duplicate(self, key_node: Node, first: Node, noun: str = "key") -> None:
        line = self.place(first).line
        self.error(key_node, f"duplicate {noun} {quoted(key_node.value)} (first at line {line})", codes.DUPLICATE_KEY)

    def pairs(self, mapping: MappingNode, noun: str = "key") -> Iterator[tuple[ScalarNode, Node, str]]:
        """Each (key node, value node, key text); keys that are not text or come again are
        reported and skipped (YAML would silently keep the last of two)."""
        first: dict[str, Node] = {}
        for key_node, value_node in mapping.value:
            if not self.key_ok(key_node, noun):
                continue
            key = key_node.value
            earlier = first.get(key)
            if earlier is not None:
                self.duplicate(key_node, earlier, noun)
                continue
            first[key] = key_node
            yield key_node, value_node, key
