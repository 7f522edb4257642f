"""`python -m bench.quality.memory`: what the duplicate check's word lists cost a served
process — RSS after the app's imports, after reading a first name (pypinyin, the place list),
after a first check of an English and a Chinese name (brand list, CC-CEDICT meanings)."""

from __future__ import annotations

import time


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) / 1024


def main() -> None:
    import bot.commands.app  # noqa: F401  (what `python -m bot serve` imports)

    base = rss_mb()
    print(f"after the app's imports: {base:.0f} MB")
    began = time.perf_counter()
    from bot.customers.names import read_company_name

    read_company_name("上海金科电子有限公司")
    print(f"+ a first name read: +{rss_mb() - base:.0f} MB in {time.perf_counter() - began:.2f} s")
    began = time.perf_counter()
    from bot.customers.keys import CardFacts, probes

    probes(CardFacts("Yangtze Logistics Ltd", "x"))
    probes(CardFacts("长江物流有限公司", "y"))
    print(f"+ a first check: +{rss_mb() - base:.0f} MB in {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
