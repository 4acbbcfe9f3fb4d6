"""Cleaning: cut boilerplate lines, keep a map from clean offsets back to the raw input."""

from quotetrace.clean.boilerplate import ENGLISH, BoilerplateLexicon, Cleaned, clean
from quotetrace.clean.offsets import OffsetMap

__all__ = ["ENGLISH", "BoilerplateLexicon", "Cleaned", "OffsetMap", "clean"]
