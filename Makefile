# chitieu: two commands on a fresh Debian machine with Swift.
#   make report   installs what is missing, builds, runs the sample pipelines
#   make test     installs what is missing (tests need LibreOffice and poppler too), runs every test

SWIFT ?= swift
RUNTIME_PACKAGES := libxlsxwriter-dev libharfbuzz-dev fonts-liberation2 pkg-config libsqlite3-dev
TEST_PACKAGES := libreoffice-calc-nogui poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIPELINES := pipelines/sample-2024.yaml pipelines/sample-2024-h1.yaml pipelines/sample-2024-cum.yaml

.PHONY: report test build deps test-deps bench accuracy fuzz clean

# Installs only the packages that are missing; a machine that has them all skips apt entirely.
define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài đặt gói còn thiếu:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(RUNTIME_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build

# The 2024 runs are remembered in reports/chitieu.sqlite; the provinces' published 2024 figures are
# imported beside them; the 2025 run of three provinces after the merger is set against them.
report: build
	@for p in $(PIPELINES); do .build/debug/chitieu run $$p || exit $$?; done
	.build/debug/chitieu history import samples/history/ket-qua-tinh-2024.csv --store reports/chitieu.sqlite
	.build/debug/chitieu run pipelines/sample-2025.yaml

test: test-deps
	$(SWIFT) test

# Benchmarks live here, not in timed tests: release build.
#  1. extraction throughput on the sample directives repeated to about 50 MB, one core;
#     the real `chitieu extract` on ~20 MB of real texts (seeds and dev set, bench/extract.py)
#     beside a Python regular expression that takes every number with a unit, and the same
#     corpus in one process on one core;
#  2. the real `chitieu run` on generated national inputs (34 provinces; 3,321 communes annual and
#     six-month; 1,660 communes for the doubling), beside pandas + XlsxWriter on the same CSVs
#     (in a virtual environment made by bench/setup-venv.sh) and beside libxlsxwriter alone
#     writing the same cells (reference/replay.c).
bench: deps
	$(SWIFT) build -c release --product chitieu-bench
	$(SWIFT) build -c release --product chitieu
	@echo "== Trích xuất: ~50 MB văn bản mẫu lặp lại, một lõi =="
	taskset -c 0 .build/release/chitieu-bench 50 samples/directives
	@echo "== chitieu extract trên ~20 MB văn bản thật (mẫu và dev set), cạnh một biểu thức chính quy Python =="
	python3 bench/extract.py .build/release/chitieu --rounds $${ROUNDS:-1}
	@echo "== Trích xuất cùng tập ấy, trong một tiến trình, một lõi =="
	taskset -c 0 .build/release/chitieu-bench 20 .build/bench/directives
	@mkdir -p .build/bench
	cc -O2 -o .build/bench/replay Sources/chitieu-bench/reference/replay.c $$(pkg-config --cflags --libs xlsxwriter)
	@echo "== Quy mô toàn quốc: chitieu run, pandas + XlsxWriter, libxlsxwriter cùng các ô =="
	python3 bench/national.py .build/release/chitieu .build/bench/replay "$$(sh bench/setup-venv.sh | tail -1)" --rounds $${ROUNDS:-1}

# libFuzzer over every parser of outside bytes (Fuzz/README.md): FUZZ_SECONDS per target
# (default 60), FUZZ_TARGETS to pick some. Built apart, in .build/fuzz, with -sanitize=fuzzer.
FUZZ_TARGETS ?= text html docx xlsx csv yaml
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
		CHITIEU_FUZZ=1 $(SWIFT) build -c release --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer \
			-Xcc -fsanitize=fuzzer-no-link --product fuzz-$$t || exit $$?; \
	done
	FUZZ_TARGETS="$(FUZZ_TARGETS)" sh Fuzz/run.sh

# Extraction scored against the hand labels: the five seeds and ../shared/devset.
accuracy: build
	.build/debug/chitieu extract samples/directives/*.txt --format json > .build/seeds.json
	python3 ../shared/tools/score_extraction.py .build/seeds.json ../shared/gold/seeds.json
	@# The dev-set files open with three "# …" header lines and a blank line: not the text.
	@mkdir -p .build/devset && for f in ../shared/devset/directives/*.txt; do \
		awk 'body { print } /^$$/ && !body { body = 1 }' "$$f" > .build/devset/$$(basename "$$f"); done
	.build/debug/chitieu extract .build/devset/*.txt --format json > .build/devset.json
	python3 ../shared/tools/score_extraction.py .build/devset.json ../shared/devset/gold

clean:
	rm -rf .build reports/sample-*
