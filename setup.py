"""Packaging glue that pyproject.toml cannot say: ship the top-level `resources/` folder.

`resources/` stays at the top of the repository (its licences, its generator scripts), and
is installed as `attune_desktop/_resources/` inside the package, so an installed wheel finds
fonts, pictograms, sounds and starter content through `importlib.resources`
(see `attune_desktop.core.config.resources_dir`). Which files go in: pyproject.toml's
package-data.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["attune_desktop*"]), "attune_desktop._resources"],
    package_dir={"attune_desktop._resources": "resources"},
)
