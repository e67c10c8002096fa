"""Helpers every pipeline's train.py shares (models/gan, models/lm): the command line's config and
paths, the torchrun process group, progress formatting and stopping on a signal.

Each pipeline puts models/ on sys.path before importing this (see `use_common` at the top of
its train.py), so a pipeline still runs standalone from the repository root or its own folder.
"""
from .config import load_config, resolve, train_parser
from .distributed import setup_distributed
from .progress import fmt_time, stop_on_signals

__all__ = ["load_config", "resolve", "train_parser", "setup_distributed", "fmt_time", "stop_on_signals"]
