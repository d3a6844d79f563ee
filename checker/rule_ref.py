"""A rule's identity: the pack it belongs to and its id within that pack.

It reads as the qualified id "pack/id", which the JSON, SARIF and baseline formats carry, and
it holds both parts, so that nothing splits the string again to learn them.
"""

from __future__ import annotations

from typing import Any


class RuleRef(str):
    """`RuleRef("default", "image-credit")` == "default/image-credit", with `.pack`, `.id`.

    A str, so that every format writes it as the qualified id without a conversion.
    """

    pack: str
    id: str

    def __new__(cls, pack: str, id: str) -> RuleRef:
        ref = super().__new__(cls, f"{pack}/{id}")
        ref.pack = pack
        ref.id = id
        return ref

    @classmethod
    def parse(cls, text: str) -> RuleRef:
        """From its written form ("pack/id"), as stored or written by a user."""
        if isinstance(text, RuleRef):
            return text
        pack, _, rule = text.rpartition("/")
        return cls(pack, rule)

    def named_by(self, name: str) -> bool:
        """A configuration or a suppression names a rule by its qualified id or its id alone."""
        return name in (self, self.id)

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send findings back pickled: rebuild from the two parts.
        return (RuleRef, (self.pack, self.id))
