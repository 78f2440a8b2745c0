"""The Qt-free core: domain models, validation, services, storage and pure logic.

Nothing in this package may import PySide6 (an import-linter contract enforces it).
"""
