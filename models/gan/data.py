"""The face data: procedural face-slot textures with labels, or a folder of the user's own images.

    python models/gan/data.py                          # 20,000 faces -> data/faces64.npz (+ preview PNG)
    python models/gan/data.py --count 60000 --workers 16 --resolution 128
    python models/gan/data.py --folder ~/my_faces      # check a folder and write data/folder64.npz

A procedural face is an identity (skin tone, hair colour = brow colour and fringe shadow, eye
colour, shape and size, lashes, brow shape, mouth size and resting smile, blush) and an expression
c in the runtime's order (model.EXPRESSIONS). Faces are deterministic: face i of seed s is the
same on every machine and with any number of workers. The .npz holds `images` uint8 [N, R, R, 3],
`c` float32 [N, 10] (zeros for a folder), `identity` float32 [N, len(IDENTITY_FIELDS)] and
`meta` (JSON: counts, seed, resolution, source).
"""
import argparse
import colorsys
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from faces import paint_face
from model import EXPRESSIONS, NC

HERE = Path(__file__).resolve().parent
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
# Hair hues (HSV) that read as anime hair: pink, brown, black, blonde, silver, blue, purple, red, teal.
HAIR = [(0.95, 0.45, 0.95), (0.06, 0.55, 0.45), (0.66, 0.25, 0.18), (0.12, 0.5, 0.92), (0.6, 0.08, 0.78),
        (0.6, 0.6, 0.75), (0.78, 0.45, 0.7), (0.0, 0.7, 0.7), (0.48, 0.55, 0.65), (0.08, 0.7, 0.85)]
IDENTITY_FIELDS = ("skin_tone", "hair_r", "hair_g", "hair_b", "iris_r", "iris_g", "iris_b", "eye_w", "eye_h",
                   "iris", "eye_tilt", "lash", "brow_arch", "brow_w", "brow_len", "mouth", "smile", "blush",
                   "blush_lines", "fringe_style", "fringe_depth")


def hsv(h, s, v):
    return np.array(colorsys.hsv_to_rgb(h % 1.0, np.clip(s, 0, 1), np.clip(v, 0, 1)), np.float32)


def sample_identity(rng):
    """A random identity: the parameters faces.paint_face reads (modest skin-tone variation)."""
    tone = rng.uniform(-1, 1)
    skin = np.array([255, 231, 218], np.float32) / 255 + tone * np.array([0.0, -0.022, -0.035], np.float32)
    h, s, v = HAIR[rng.integers(len(HAIR))]
    hair = hsv(h + rng.normal(0, 0.02), s + rng.normal(0, 0.08), v + rng.normal(0, 0.06))
    bh, bs, bv = colorsys.rgb_to_hsv(*hair)
    brow = hsv(bh, min(1, bs * 1.2 + 0.1), min(bv * 0.7, 0.55))  # brows stay visible on light hair
    iris = hsv(rng.uniform(0, 1), rng.uniform(0.45, 0.9), rng.uniform(0.5, 0.85))
    scale = rng.uniform(0.9, 1.12)
    return {
        "skin_tone": tone, "skin": np.clip(skin, 0, 1), "hair": hair, "brow_color": brow,
        "lash_color": hsv(bh, 0.5, 0.12), "iris_color": iris,
        "eye_w": 0.095 * scale * rng.uniform(0.93, 1.07), "eye_h": 0.112 * scale * rng.uniform(0.9, 1.1),
        "iris": rng.uniform(0.85, 1.08), "eye_tilt": rng.uniform(-0.05, 0.18), "lash": rng.uniform(0.8, 1.3),
        "brow_arch": rng.uniform(0.0, 0.02), "brow_w": rng.uniform(0.007, 0.012), "brow_len": rng.uniform(0.85, 1.15),
        "mouth": rng.uniform(0.8, 1.2), "smile": rng.uniform(-0.002, 0.012), "blush": rng.uniform(0.0, 0.8),
        "blush_lines": bool(rng.random() < 0.35), "fringe_style": int(rng.integers(3)),
        "fringe_depth": rng.uniform(0.04, 0.13), "fringe_side": rng.choice([-1.0, 1.0]),
    }


def identity_vector(ident):
    """The identity as floats in IDENTITY_FIELDS order (labels for the evaluation networks)."""
    flat = {**ident, "hair_r": ident["hair"][0], "hair_g": ident["hair"][1], "hair_b": ident["hair"][2],
            "iris_r": ident["iris_color"][0], "iris_g": ident["iris_color"][1], "iris_b": ident["iris_color"][2]}
    return np.array([float(flat[k]) for k in IDENTITY_FIELDS], np.float32)


def sample_expression(rng):
    """c in [0, 1]^10: a tenth neutral; otherwise mouth, eyes and emotion drawn independently, with
    full, partial and zero weights all common (the runtime drives every value in between)."""
    c = np.zeros(NC, np.float32)
    idx = {name: i for i, name in enumerate(EXPRESSIONS)}
    if rng.random() < 0.1:
        return c
    if rng.random() < 0.65:  # one viseme, sometimes blended with a second
        a = rng.integers(5)
        c[a] = rng.choice([1.0, rng.uniform(0.2, 1.0)])
        if rng.random() < 0.25:
            c[(a + rng.integers(1, 5)) % 5] = rng.uniform(0, 0.5)
    r = rng.random()
    if r < 0.25:  # both eyes together, as a blink
        c[idx["blinkLeft"]] = c[idx["blinkRight"]] = rng.choice([1.0, rng.uniform(0, 1)])
    elif r < 0.35:  # a wink
        c[idx[rng.choice(["blinkLeft", "blinkRight"])]] = rng.choice([1.0, rng.uniform(0.3, 1)])
    r = rng.random()
    emotion = "happy" if r < 0.3 else "surprised" if r < 0.45 else "angry" if r < 0.6 else None
    if emotion:
        c[idx[emotion]] = rng.choice([1.0, rng.uniform(0.2, 1.0)])
    return c


def face(seed, index, resolution=64):
    """(image uint8, c, identity vector) for face `index` of `seed`: independent of batching."""
    rng = np.random.default_rng([seed, index])
    ident, c = sample_identity(rng), sample_expression(rng)
    return paint_face(ident, c, resolution), c, identity_vector(ident)


def _chunk(args):
    seed, start, stop, resolution = args
    rows = [face(seed, i, resolution) for i in range(start, stop)]
    return [np.stack(col) for col in zip(*rows)]


def build(count, seed=0, resolution=64, workers=1):
    """{"images", "c", "identity"} arrays for faces 0..count-1 of `seed`."""
    step = 500
    jobs = [(seed, s, min(count, s + step), resolution) for s in range(0, count, step)]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_chunk, jobs))
    else:
        parts = [_chunk(j) for j in jobs]
    images, c, identity = (np.concatenate(col) for col in zip(*parts))
    return {"images": images, "c": c, "identity": identity}


def load_folder(folder, resolution=64, min_side=None):
    """The images of a folder (recursively), centre-cropped square and resized, as uint8 [N, R, R, 3].

    Grey, palette and alpha images are converted to RGB (alpha over white). Raises ValueError naming
    the file for anything that cannot be used, so a bad dataset fails before training starts."""
    from PIL import Image, UnidentifiedImageError
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of images")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    if not files:
        raise ValueError(f"{folder} has no images ({', '.join(sorted(IMAGE_SUFFIXES))})")
    min_side = min_side or resolution // 2
    out = np.empty((len(files), resolution, resolution, 3), np.uint8)
    for i, path in enumerate(files):
        try:
            with Image.open(path) as im:
                im.load()
                if im.mode in ("RGBA", "LA", "P"):
                    im = im.convert("RGBA")
                    bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
                    im = Image.alpha_composite(bg, im)
                im = im.convert("RGB")
        except (UnidentifiedImageError, OSError, SyntaxError) as err:
            raise ValueError(f"{path}: not a readable image ({err}); remove or replace it") from err
        w, h = im.size
        if min(w, h) < min_side:
            raise ValueError(f"{path}: {w}x{h} is too small; images need at least {min_side} px on the short side")
        side = min(w, h)
        box = ((w - side) // 2, (h - side) // 2, (w - side) // 2 + side, (h - side) // 2 + side)
        out[i] = np.asarray(im.resize((resolution, resolution), Image.LANCZOS, box=box))
    return out


def save(arrays, path, meta):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **arrays, meta=np.array(json.dumps(meta)))


def load(path):
    """The arrays of a dataset written by save(), with meta as a dict."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: make it with `python models/gan/data.py` "
                                "(or --folder DIR for your own images)")
    with np.load(path) as f:
        out = {k: f[k] for k in f.files}
    out["meta"] = json.loads(str(out["meta"]))
    return out


def grid(images, cols):
    """uint8 images [N, R, R, 3] tiled into one picture with a 2-px white gutter."""
    n, r = len(images), images.shape[1]
    rows = (n + cols - 1) // cols
    out = np.full((rows * (r + 2) + 2, cols * (r + 2) + 2, 3), 255, np.uint8)
    for i, im in enumerate(images):
        y, x = 2 + (i // cols) * (r + 2), 2 + (i % cols) * (r + 2)
        out[y:y + r, x:x + r] = im
    return out


def save_png(array, path, scale=1):
    from PIL import Image
    im = Image.fromarray(array)
    if scale > 1:
        im = im.resize((im.width * scale, im.height * scale), Image.NEAREST)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    im.save(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20000, help="procedural faces (default 20000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resolution", type=int, default=64, choices=(64, 128))
    ap.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    ap.add_argument("--folder", help="use the images of this folder instead (unconditional training)")
    ap.add_argument("--out", help="output .npz (default data/faces<R>.npz or data/folder<R>.npz)")
    args = ap.parse_args()
    if args.folder:
        images = load_folder(args.folder, args.resolution)
        arrays = {"images": images, "c": np.zeros((len(images), NC), np.float32),
                  "identity": np.zeros((len(images), 0), np.float32)}
        meta = {"source": "folder", "folder": str(args.folder), "count": len(images), "resolution": args.resolution}
        out = Path(args.out or HERE / "data" / f"folder{args.resolution}.npz")
    else:
        arrays = build(args.count, args.seed, args.resolution, args.workers)
        meta = {"source": "procedural", "count": args.count, "seed": args.seed, "resolution": args.resolution,
                "expressions": list(EXPRESSIONS), "identity_fields": list(IDENTITY_FIELDS)}
        out = Path(args.out or HERE / "data" / f"faces{args.resolution}.npz")
    save(arrays, out, meta)
    save_png(grid(arrays["images"][:64], 8), out.with_suffix(".png"))
    print(f"{len(arrays['images'])} images {args.resolution}x{args.resolution} -> {out} (preview {out.with_suffix('.png')})")


if __name__ == "__main__":
    main()
