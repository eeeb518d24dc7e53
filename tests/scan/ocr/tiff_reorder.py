import struct, sys
# tiff_reorder.py IN OUT ORDER: the pages of a multi-page TIFF put in ORDER
# ("3,1,2", 1-based) by relinking its chain of image directories
src, dst, order = sys.argv[1], sys.argv[2], [int(x) - 1 for x in sys.argv[3].split(",")]
d = bytearray(open(src, "rb").read())
e = "<" if d[:2] == b"II" else ">"
ifds, off = [], struct.unpack(e + "I", d[4:8])[0]
while off:
    ifds.append(off)
    n = struct.unpack(e + "H", d[off:off + 2])[0]
    off = struct.unpack(e + "I", d[off + 2 + 12 * n:off + 6 + 12 * n])[0]
if sorted(order) != list(range(len(ifds))):
    sys.exit("tiff_reorder: %d pages, order %s" % (len(ifds), sys.argv[3]))
chain = [ifds[i] for i in order]
d[4:8] = struct.pack(e + "I", chain[0])
for k, off in enumerate(chain):
    n = struct.unpack(e + "H", d[off:off + 2])[0]
    d[off + 2 + 12 * n:off + 6 + 12 * n] = struct.pack(e + "I", chain[k + 1] if k + 1 < len(chain) else 0)
open(dst, "wb").write(bytes(d))
