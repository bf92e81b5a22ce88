#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) over its seeds (Fuzz/seeds/<target>)
# and its regression cases (Tests/Fixtures/fuzz/<target>), and prints one line per target.
# Inputs run in child processes (-fork=1), each for a while: Foundation's XMLParser leaks about
# 70 bytes for every libxml2 error it reports, which in one process running a million inputs adds
# up to the memory limit; in a child it cannot, so the limit measures what one input takes.
# A crash, an input slower than 2 s or one that passes 500 MB is written to
# .build/fuzz/findings/<target>/ and makes the run fail: turn it into a regression case.
set -u
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"text html docx xlsx csv yaml"}
bin=.build/fuzz/release
failed=0
summary=.build/fuzz/summary.txt
printf '%-6s %8s %12s %8s %16s %s\n' "đích" "giây" "lượt chạy" "lượt/s" "oom/chậm/lỗi" "phát hiện" > "$summary"
for t in $targets; do
    case $t in
        text|html) max=32768 ;; docx|xlsx) max=65536 ;; csv) max=16384 ;; yaml) max=4096 ;;
    esac
    corpus=.build/fuzz/corpus/$t findings=.build/fuzz/findings/$t log=.build/fuzz/logs/$t.log
    mkdir -p "$corpus" "$findings" .build/fuzz/logs
    regressions=Tests/Fixtures/fuzz/$t
    [ -d "$regressions" ] || regressions=
    echo "== fuzz-$t: $seconds giây =="
    # Swift's own crash report would end the process before libFuzzer keeps the input.
    SWIFT_BACKTRACE=enable=no "$bin/fuzz-$t" "$corpus" "Fuzz/seeds/$t" $regressions -fork=1 -max_total_time="$seconds" -timeout=2 \
        -rss_limit_mb=500 -max_len=$max -artifact_prefix="$findings/" \
        > "$log" 2>&1
    status=$?
    # The last progress line of fork mode: "#50000: cov: … exec/s: 1089 oom/timeout/crash: 0/0/0 …".
    last=$(grep -E '^#[0-9]+: ' "$log" | tail -1)
    runs=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
    rate=$(echo "$last" | sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p')
    rss=$(echo "$last" | sed -n 's/.*oom\/timeout\/crash: \([0-9\/]*\).*/\1/p')
    found=$(ls "$findings" | wc -l)
    # A trap that left no input behind still counts.
    if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then found="lỗi (mã $status)"; fi
    printf '%-6s %8s %12s %8s %16s %s\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "${rss:-?}" "$found" >> "$summary"
    if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        echo "fuzz-$t tìm thấy lỗi (mã $status): xem $log và $findings/"
        grep -m3 -E "ERROR|Fatal|timeout|rss" "$log"
    fi
done
cat "$summary"
exit $failed
