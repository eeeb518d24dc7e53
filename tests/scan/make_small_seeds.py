#!/usr/bin/python3
"""make_small_seeds.py -- small seeds for the page image fuzzers (fuzz_scan,
fuzz_image: tests/fuzz/run.sh takes every image in tests/scan/seeds/).

The seeds beside them are whole pages (14-76 KB, each run decodes and reads
a page: a few runs a second under ASan).  These are pieces of a page and
small images in the formats and variants the readers take, each under
12 KB, so that the fuzzer spends its runs on the decoders' headers, the QR
code, the fiducials and a box rather than on a page's pixels:

- the top left of a generated form's page (the QR code, a fiducial, the first
  row's box) as a G4 TIFF, a 1-bit LZW TIFF of two pages (the second upside
  down), an 8-bit PNG and a greyscale JPEG (baseline and progressive);
- the QR code alone (8-bit PNG, 1-bit PNG);
- the whole page at 40 dpi (1-bit PNG: not OCRed, no QR code readable);
- 48 x 48 images in the other modes (palette, RGBA, 16-bit grey PNG,
  uncompressed and PackBits TIFF, CMYK JPEG).

From samples/scans/scan-bra-page5-png.png (a generated page at 150 dpi).
Deterministic: the same bytes each run (Pillow's encoders, no metadata
dates).  Usage: make_small_seeds.py [OUTDIR] (default: beside this file,
tests/scan/seeds/).
"""
import os
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SRC = os.path.join(ROOT, "samples", "scans", "scan-bra-page5-png.png")
LIMIT = 12 * 1024


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "seeds")
    page = Image.open(SRC).convert("L")
    dpi = (150, 150)
    top = page.crop((100, 40, 700, 300))         # QR code, a fiducial, the first box
    qr = page.crop((560, 50, 690, 180))          # the QR code and its quiet zone
    bits = top.point(lambda v: 255 if v >= 160 else 0).convert("1")
    small = Image.new("L", (48, 48), 235)
    small.paste(page.crop((420, 236, 450, 266)), (9, 9))   # a box of the first row
    made = {}

    def save(name, im, **kw):
        path = os.path.join(out, "small-" + name)
        im.save(path, **kw)
        made[name] = os.path.getsize(path)

    save("top-g4.tif", bits, compression="group4", dpi=dpi)
    save("top-2p-lzw.tif", bits, compression="tiff_lzw", dpi=dpi, save_all=True,
         append_images=[bits.rotate(180)])
    save("top.png", top.point(lambda v: v // 16 * 16), optimize=True, dpi=dpi)
    save("top.jpg", top, quality=30, dpi=dpi)
    save("top-progressive.jpg", top, quality=30, progressive=True, dpi=dpi)
    save("qr.png", qr, optimize=True, dpi=dpi)
    save("qr-1bit.png", qr.point(lambda v: 255 if v >= 128 else 0).convert("1"), optimize=True, dpi=dpi)
    save("page-40dpi.png", page.resize((331, 468)).point(lambda v: 255 if v >= 160 else 0).convert("1"),
         optimize=True, dpi=(40, 40))
    save("box-palette.png", small.convert("P"), dpi=dpi)
    save("box-rgba.png", small.convert("RGBA"), dpi=dpi)
    save("box-16bit.png", small.convert("I;16"), dpi=dpi)
    save("box-raw.tif", small, dpi=dpi)
    save("box-packbits.tif", small.convert("1"), compression="packbits", dpi=dpi)
    save("box-cmyk.jpg", small.convert("CMYK"), quality=50)
    big = [n for n, size in made.items() if size > LIMIT]
    for n in sorted(made):
        print("%-24s %6d bytes" % ("small-" + n, made[n]))
    if big:
        sys.exit("make_small_seeds: over %d bytes: %s" % (LIMIT, ", ".join(big)))


if __name__ == "__main__":
    main()
