# chitieu: two commands on a fresh Debian machine with Swift.
#   make report   installs what is missing, builds, runs the sample pipelines
#   make test     installs what is missing (tests need LibreOffice and poppler too), runs every test

SWIFT ?= swift
RUNTIME_PACKAGES := libxlsxwriter-dev libharfbuzz-dev fonts-liberation2 pkg-config
TEST_PACKAGES := libreoffice-calc-nogui poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIPELINES := pipelines/sample-2024.yaml pipelines/sample-2024-h1.yaml

.PHONY: report test build deps test-deps bench clean

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

report: build
	@for p in $(PIPELINES); do .build/debug/chitieu run $$p || exit $$?; done

test: test-deps
	$(SWIFT) test

# Benchmarks live here, not in timed tests: release build, one core.
bench: deps
	$(SWIFT) build -c release --product chitieu-bench
	@echo "== Trích xuất: ~50 MB văn bản mẫu lặp lại, một lõi =="
	taskset -c 0 .build/release/chitieu-bench 50 samples/directives
	@echo "== Ghi sổ tính quy mô toàn quốc: 3 355 đơn vị x 120 chỉ tiêu x 2 kỳ, chế độ bộ nhớ cố định =="
	@mkdir -p .build/bench
	cc -O2 -o .build/bench/national-c Sources/chitieu-bench/reference/national.c $$(pkg-config --cflags --libs xlsxwriter)
	for i in 1 2 3; do taskset -c 0 .build/bench/national-c .build/bench/national-c.xlsx; \
		taskset -c 0 .build/release/chitieu-bench national .build/bench/national-swift.xlsx; done

clean:
	rm -rf .build reports/sample-*
