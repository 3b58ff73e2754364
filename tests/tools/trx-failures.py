#!/usr/bin/env python3
"""Prints each failed test of the given .trx files with the first lines of its message and stack.

run-all.sh calls it at the end because CI shows only the tail of the output."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"  {path}: unreadable ({e})")
        continue
    suite = path.rsplit("/", 1)[-1].removesuffix(".trx")
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        print(f"  {suite}: {result.get('testName')} ({result.get('duration')})")
        for tag, limit in (("Message", 8), ("StackTrace", 6)):
            node = result.find(f".//t:ErrorInfo/t:{tag}", NS)
            if node is not None and node.text:
                for line in node.text.strip().splitlines()[:limit]:
                    print(f"      {line}")
