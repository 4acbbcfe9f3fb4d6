"""Training commands for quotetrace's learned components (not shipped in the package)."""
