"""Paints one anime-style face-slot texture from identity parameters and an expression vector.

The picture is the anchor's face region (assets/anchor/face-layout.json): skin with eyes, brows,
mouth, blush, a nose tick and the fringe's shadow at the top; the hair itself is a mesh on the
model. Landmarks in UV (origin top-left): eyes (0.297, 0.422) and (0.703, 0.422), mouth
(0.5, 0.719), chin (0.5, 0.956). The border fades to the mesh's skin colour #FFE7DA so the texture
meets the untextured Skin material without a seam.

Shapes are signed-distance tests in UV units, covered with a one-pixel ramp at `supersample`× the
output size and box-filtered down, so edges are antialiased twice over. Everything is numpy;
one 64×64 face takes ~3 ms.
"""
import numpy as np

from model import EXPRESSIONS

EDGE_SKIN = np.array([255, 231, 218], np.float32) / 255
EYES_UV = ((0.297, 0.422), (0.703, 0.422))  # the model's right eye (viewer's left), then left
MOUTH_UV, NOSE_UV = (0.5, 0.719), (0.5, 0.583)

# Per viseme: (opening in UV, width change in UV, roundness 0..1, teeth 0..1).
VISEMES = {"aa": (0.1, 0.014, 0.3, 0.5), "ih": (0.035, 0.03, 0.0, 1.0), "ou": (0.055, -0.02, 1.0, 0.0),
           "ee": (0.045, 0.036, 0.0, 1.0), "oh": (0.08, -0.006, 0.8, 0.0)}


class Canvas:
    """An RGB float image over UV [0, 1]², painted region by region at supersampled resolution."""

    def __init__(self, size, background):
        self.size, self.px = size, 1.0 / size
        self.rgb = np.empty((size, size, 3), np.float32)
        self.rgb[:] = background

    def grid(self, u0, u1, v0, v1):
        """(slice, U, V): the pixels whose centres lie in the box, with their UV coordinates."""
        n = self.size
        i0, i1 = max(0, int(v0 * n)), min(n, int(np.ceil(v1 * n)))
        j0, j1 = max(0, int(u0 * n)), min(n, int(np.ceil(u1 * n)))
        v = (np.arange(i0, i1, dtype=np.float32) + 0.5) / n
        u = (np.arange(j0, j1, dtype=np.float32) + 0.5) / n
        U, V = np.meshgrid(u, v)
        return (slice(i0, i1), slice(j0, j1)), U, V

    def cover(self, distance):
        """Coverage 0..1 from a signed distance in UV (negative inside), one-pixel ramp."""
        return np.clip(0.5 - distance / self.px, 0.0, 1.0)

    def fill(self, region, coverage, color, alpha=1.0):
        a = (coverage * alpha)[..., None]
        self.rgb[region] = self.rgb[region] * (1 - a) + np.asarray(color, np.float32) * a

    def multiply(self, region, amount, color):
        """Darkens towards `color` (a multiply blend) by `amount` 0..1 per pixel."""
        a = amount[..., None]
        self.rgb[region] = self.rgb[region] * (1 - a + a * np.asarray(color, np.float32))

    def downsample(self, factor):
        n = self.size // factor
        return self.rgb.reshape(n, factor, n, factor, 3).mean((1, 3))


def expression_dict(c):
    return dict(zip(EXPRESSIONS, (float(x) for x in c)))


def paint_skin(cv, ident):
    """Skin with a soft vertical gradient, faded to EDGE_SKIN at the border."""
    region, U, V = cv.grid(0, 1, 0, 1)
    skin = np.asarray(ident["skin"], np.float32)
    edge = np.minimum(np.minimum(U, 1 - U), np.minimum(V, 1 - V))
    t = np.clip(edge / 0.22, 0, 1)
    t = (t * t * (3 - 2 * t))[..., None]  # smoothstep: no visible frame where skin meets edge colour
    shade = (1 - 0.02 * np.clip((V - 0.55) / 0.4, 0, 1))[..., None]
    cv.rgb[region] = EDGE_SKIN * (1 - t) + skin * shade * t


def paint_fringe_shadow(cv, ident):
    """The hair's shadow on the forehead: straight, in locks, or swept to one side."""
    region, U, V = cv.grid(0, 1, 0, 0.3)
    depth, style = ident["fringe_depth"], ident["fringe_style"]
    if style == 0:
        edge = depth + 0.01 * np.sin(U * 40)
    elif style == 1:
        edge = depth + 0.05 * np.abs(np.sin((U - 0.5) * np.pi * 4.5))
    else:
        edge = depth + 0.09 * (U - 0.5) * ident["fringe_side"] + 0.02 * np.abs(np.sin(U * np.pi * 3))
    amount = np.clip((edge - V) / 0.05 + 0.5, 0, 1) * 0.35
    tint = 0.75 + 0.25 * np.asarray(ident["hair"], np.float32)
    cv.multiply(region, amount, tint * np.array([0.92, 0.85, 0.85], np.float32))


def paint_blush(cv, ident, e):
    amount = min(1.0, ident["blush"] + 0.45 * e["happy"] + 0.2 * e["angry"])
    for cu in (0.5 - 0.225, 0.5 + 0.225):
        region, U, V = cv.grid(cu - 0.14, cu + 0.14, 0.47, 0.66)
        g = np.exp(-(((U - cu) / 0.075) ** 2 + ((V - 0.562) / 0.036) ** 2))
        cv.fill(region, g, (1.0, 0.55, 0.6), 0.55 * amount)
        if ident["blush_lines"] and amount > 0.2:
            for k in (-1, 0, 1):
                x0 = cu + k * 0.03
                d = np.abs((U - x0) * 0.8 + (V - 0.562) * 0.6) - 0.004
                d = np.maximum(d, np.abs(V - 0.562) - 0.018)
                cv.fill(region, cv.cover(d), (0.93, 0.42, 0.5), 0.7 * amount)


def eye_curves(x, ident, e, blink):
    """(upper lid, lower lid, closed line) in the eye's local units (y down, ±1 = half height)."""
    xc = np.clip(x, -1, 1)
    s = np.sqrt(1 - xc * xc)
    happy, wide = e["happy"], e["surprised"]
    top_rest = -(s ** 0.55) * (1 + 0.12 * wide) - 0.08 * wide
    bottom_rest = (s ** 0.9) * (0.88 + 0.1 * wide) * (1 - 0.35 * happy)
    closed = (0.5 - 0.3 * xc * xc) * (1 - happy) + (0.15 + 0.35 * xc * xc) * happy  # ‿ blink, ^ smile
    openness = np.clip((1 - blink) * (1 - 0.6 * happy ** 1.5), 0, 1)
    tilt = ident["eye_tilt"] * -xc  # the outer corner (x < 0) higher
    top = closed + (top_rest - closed) * openness + tilt
    bottom = closed + (bottom_rest - closed) * np.minimum(1, openness * 1.5) + tilt
    return top, bottom, closed + tilt, openness


def paint_eye(cv, ident, e, centre, side, blink):
    """One eye: sclera, iris, pupil, highlights inside the lids, lash line on the upper lid."""
    cu, cvv = centre
    ew, eh = ident["eye_w"], ident["eye_h"]
    region, U, V = cv.grid(cu - ew * 1.4, cu + ew * 1.4, cvv - eh * 1.6, cvv + eh * 1.3)
    x = (U - cu) / ew * side  # x > 0 towards the nose, x < 0 the outer corner
    y = (V - cvv) / eh
    top, bottom, _, openness = eye_curves(x, ident, e, blink)
    inside = np.maximum(np.maximum(top - y, y - bottom) * eh, (np.abs(x) - 1) * ew)
    aperture = cv.cover(inside)
    if openness > 0.02:
        sclera = np.array([0.99, 0.99, 1.0], np.float32)
        cv.fill(region, aperture, sclera)
        cv.fill(region, aperture * np.clip((top + 0.45 - y) / 0.4, 0, 1), (0.78, 0.78, 0.9), 0.6)
        iris_r = ident["iris"] * (1 - 0.22 * e["surprised"])
        ix, iy = x * ew / (ew * 0.5 * iris_r), (y - 0.12) / (0.78 * iris_r)
        r = np.sqrt(ix * ix + iy * iy)
        iris_col = np.asarray(ident["iris_color"], np.float32)
        grad = np.clip((iy + 1) / 2, 0, 1)[..., None]
        col = iris_col * (0.45 + 0.75 * grad)
        a = aperture * cv.cover((r - 1) * eh * 0.78 * iris_r)
        cv.rgb[region] = cv.rgb[region] * (1 - a[..., None]) + np.clip(col, 0, 1) * a[..., None]
        cv.fill(region, a * np.clip((r - 0.78) / 0.22, 0, 1), iris_col * 0.35, 0.8)
        cv.fill(region, aperture * cv.cover((np.hypot(ix / 0.42, iy / 0.5) - 1) * eh * 0.3), iris_col * 0.18)
        for (hx, hy, hr) in ((0.35 * side, -0.45, 0.2), (-0.3 * side, 0.4, 0.09)):
            d = np.hypot(x * ew - hx * ew * iris_r * 0.5 * side, (y - 0.12 - hy * 0.78 * iris_r) * eh) - hr * eh
            cv.fill(region, aperture * cv.cover(d), (1, 1, 1), 0.95)
        lower = np.maximum(np.abs(y - bottom) * eh - 0.004, (x + 0.1) * ew)
        cv.fill(region, cv.cover(lower), ident["lash_color"] * 0.6 + 0.4 * EDGE_SKIN, 0.8 * openness)
    thick = ident["lash"] * (0.16 + 0.1 * np.clip(-x, 0, 1)) + 0.1 * (1 - openness)
    reach = np.where(x < 0, 1.18, 1.02)
    lash_y = top + np.where(x < -1, (x + 1) * 0.9, 0)  # the wing rises past the outer corner
    band = np.maximum(np.maximum(lash_y - thick - y, y - lash_y - 0.05) * eh, (np.abs(x) - reach) * ew)
    cv.fill(region, cv.cover(band), ident["lash_color"])


def paint_brow(cv, ident, e, centre, side):
    cu, cvv = centre
    region, U, V = cv.grid(cu - 0.14, cu + 0.14, cvv - 0.26, cvv - 0.06)
    x = (U - cu) / (ident["eye_w"] * ident["brow_len"]) * side  # > 0 towards the nose
    base = cvv - ident["eye_h"] * 1.45 - 0.035 * e["surprised"] + 0.022 * e["angry"] - 0.008 * e["happy"]
    arch = ident["brow_arch"] + 0.02 * e["surprised"] - 0.01 * e["angry"]
    y = base - arch * (1 - np.clip(x, -1, 1) ** 2) + e["angry"] * 0.03 * (x + 0.3) - 0.01 * e["surprised"] * x
    half = ident["brow_w"] * (0.55 + 0.45 * np.clip((x + 1) / 2, 0, 1))  # thicker at the inner end
    d = np.maximum(np.abs(V - y) - half, (np.abs(x) - 1) * ident["eye_w"] * ident["brow_len"])
    cv.fill(region, cv.cover(d), ident["brow_color"])


def mouth_shape(ident, e):
    """(half width, opening, roundness, teeth, smile) in UV from the visemes and emotions."""
    weights = {k: e[k] for k in VISEMES}
    total = sum(weights.values())
    norm = max(1.0, total)
    opening = sum(w * VISEMES[k][0] for k, w in weights.items()) / norm
    widen = sum(w * VISEMES[k][1] for k, w in weights.items()) / norm
    round_ = sum(w * VISEMES[k][2] for k, w in weights.items()) / max(total, 1e-6)
    teeth = sum(w * VISEMES[k][3] for k, w in weights.items()) / max(total, 1e-6)
    opening += 0.03 * e["surprised"] * (1 - min(1, total))
    widen += -0.015 * e["surprised"] + 0.01 * e["happy"] - 0.008 * e["angry"]
    smile = 0.02 * e["happy"] - 0.022 * e["angry"] + ident["smile"] * (1 - e["angry"])
    size = ident["mouth"]
    return size * (0.036 + widen), size * opening, round_, teeth, smile


def paint_mouth(cv, ident, e):
    cu, cvv = MOUTH_UV
    half, opening, round_, teeth, smile = mouth_shape(ident, e)
    region, U, V = cv.grid(cu - 0.13, cu + 0.13, cvv - 0.08, cvv + 0.12)
    x = (U - cu) / half
    xc = np.clip(x, -1, 1)
    curve = -smile * xc * xc  # corners up when smiling
    line_col = (0.55, 0.25, 0.27)
    if opening < 0.01:
        d = np.maximum(np.abs(V - cvv - curve) - 0.008 - 0.25 * opening, (np.abs(x) - 1) * half)
        cv.fill(region, cv.cover(d), line_col)
        return
    s = np.sqrt(1 - xc * xc)
    top = cvv + curve - opening * 0.35 * s ** (0.5 + round_)
    bottom = cvv + curve * (1 - round_) + opening * 0.65 * s ** (0.7 - 0.3 * round_)
    inside = np.maximum(np.maximum(top - V, V - bottom), (np.abs(x) - 1) * half)
    mask = cv.cover(inside)
    cv.fill(region, cv.cover(inside - 0.006), line_col)
    cv.fill(region, mask, (0.5, 0.12, 0.18))
    tongue = np.hypot((U - cu) / (half * 0.6), (V - bottom) / (opening * 0.45)) - 1
    cv.fill(region, mask * cv.cover(tongue * opening * 0.45), (0.93, 0.45, 0.5))
    if teeth > 0:
        band = np.maximum(V - (top + opening * 0.22), np.abs(x) - 0.8)
        cv.fill(region, mask * cv.cover(band), (1, 1, 1), teeth)


def paint_nose(cv, ident):
    region, U, V = cv.grid(0.46, 0.54, 0.55, 0.62)
    d = np.hypot((U - NOSE_UV[0]) * 1.6, V - NOSE_UV[1]) - 0.008
    cv.fill(region, cv.cover(d), np.asarray(ident["skin"]) * np.array([0.85, 0.7, 0.68]), 0.7)


def paint_face(ident, c, resolution=64, supersample=4):
    """uint8 [R, R, 3] face-slot texture for identity `ident` (see data.sample_identity) and c."""
    e = expression_dict(c)
    cv = Canvas(resolution * supersample, EDGE_SKIN)
    paint_skin(cv, ident)
    paint_fringe_shadow(cv, ident)
    paint_blush(cv, ident, e)
    paint_nose(cv, ident)
    for (centre, side, blink) in ((EYES_UV[0], 1, e["blinkRight"]), (EYES_UV[1], -1, e["blinkLeft"])):
        paint_brow(cv, ident, e, centre, side)
        paint_eye(cv, ident, e, centre, side, blink)
    paint_mouth(cv, ident, e)
    return (np.clip(cv.downsample(supersample), 0, 1) * 255 + 0.5).astype(np.uint8)
