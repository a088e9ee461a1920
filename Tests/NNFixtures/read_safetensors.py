"""Independent reader for the safetensors files Lunette writes (standard library only): prints each
tensor's name, dtype, shape and first values, and the metadata keys. A manual check that the format is
what other tools expect:

    python3 Tests/NNFixtures/read_safetensors.py model.safetensors
"""
import json, struct, sys

with open(sys.argv[1], "rb") as f:
    data = f.read()
(length,) = struct.unpack("<Q", data[:8])
header = json.loads(data[8:8 + length])
start = 8 + length
assert length % 8 == 0, "header not padded to 8 bytes"
for name, info in sorted(header.items()):
    if name == "__metadata__":
        print("metadata:", sorted(info))
        continue
    begin, end = info["data_offsets"]
    count = (end - begin) // 4
    values = struct.unpack("<%df" % count, data[start + begin:start + end])
    size = 1
    for s in info["shape"]:
        size *= s
    assert size == count, name
    print(name, info["dtype"], info["shape"], [round(v, 4) for v in values[:4]])
