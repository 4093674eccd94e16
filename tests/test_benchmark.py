"""The benchmark report's import lines: the rate and what it cost the machine."""

from articles.benchmark import (
    CpuUse,
    EngineResult,
    cpu_use,
    import_lines,
    parse_proc_stat,
)

# /proc/stat's first line: user nice system idle iowait irq softirq steal guest guest_nice
PROC_STAT = "cpu  1000 50 200 5000 30 5 15 40 0 0"


def test_proc_stat_counts_steal_as_time_but_not_as_work():
    busy, total = parse_proc_stat(PROC_STAT)
    assert busy == 1000 + 50 + 200 + 5 + 15
    assert total == busy + 5000 + 30 + 40


def test_cpu_use_is_the_difference_in_seconds():
    before = parse_proc_stat(PROC_STAT)
    after = parse_proc_stat("cpu  1900 50 300 5050 30 5 15 40 0 0")
    use = cpu_use(before, after)
    ticks = 100  # SC_CLK_TCK on Linux
    assert use.busy_seconds == 1000 / ticks
    assert use.total_seconds == 1050 / ticks
    assert round(use.busy_share, 3) == round(1000 / 1050, 3)


def test_import_lines_give_the_rate_and_the_cpu_per_article():
    result = EngineResult(
        "postgresql",
        articles=100_000,
        import_seconds=250.0,
        import_cpu=CpuUse(busy_seconds=475.0, total_seconds=500.0),
    )
    lines = import_lines(result)
    assert lines[0] == "- import: 250 s, **400 articles/s**"
    assert "4.75 ms per article" in lines[1]
    assert "95% busy" in lines[1]


def test_import_lines_leave_out_what_was_not_measured():
    result = EngineResult("sqlite", articles=10, import_seconds=2.0)
    assert import_lines(result) == ["- import: 2 s, **5 articles/s**"]
