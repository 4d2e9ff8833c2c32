"""Package layout (the rest of the metadata is in pyproject.toml).

The settings files live in configs/ at the top of the repository, where people edit them; a wheel
carries the same files as the package-data folder pipeline/configs/, which pipeline/resources.py
finds first. This mapping is the one thing pyproject.toml cannot say beside automatic discovery.
Folders without __init__.py (data such as pipeline/evaluate/metrics/results/) are namespace
packages, so their files ship too.
"""
from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["pipeline", "pipeline.*"], exclude=["*.__pycache__"]),
              "pipeline.configs"],
    package_dir={"pipeline.configs": "configs"},
)
