"""A pipeline's command line, its JSON config and the paths in it."""
import argparse
import json
from pathlib import Path


def load_config(path, overrides):
    """The JSON config with --set key=value overrides (values parsed as JSON when they can be)."""
    cfg = json.loads(Path(path).read_text())
    for item in overrides:
        key, _, value = item.partition("=")
        try:
            cfg[key] = json.loads(value)
        except json.JSONDecodeError:
            cfg[key] = value
    return cfg


def resolve(path, base):
    """A config path as a string: None stays None; an absolute path, or one that exists from the
    working directory, is used as given; anything else is under `base` (the pipeline's folder), so
    configs say "data/faces64.npz" and commands work from the repository root or the folder."""
    if path is None:
        return None
    return str(path if Path(path).is_absolute() or Path(path).exists() else Path(base) / path)


def train_parser(description):
    """The command line every train.py takes (its module docstring as the help text)."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True, help="JSON config (configs/*.json)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config value")
    ap.add_argument("--out", help="run folder (default runs/<config name>)")
    ap.add_argument("--resume", action="store_true", help="continue from <run>/ckpt.pt when it exists")
    ap.add_argument("--device", default="cpu", choices=("cpu", "cuda", "auto"), help="default cpu")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads for torch (default 2)")
    ap.add_argument("--stop-at", type=int, help="stop after this step as Ctrl-C would (saves ckpt.pt)")
    return ap
