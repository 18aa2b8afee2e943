"""What a rule reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based file positions."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int = 0
    severity: str = "warning"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """What a checker yields; the engine adds path, code and severity."""

    line: int
    message: str
    column: int = 1
    end_line: int = 0
