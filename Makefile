# hookkit: make test is what CI runs. Every tool it needs is installed from its Go module.
GO               ?= go
BIN              := $(CURDIR)/.bin
STATICCHECK_VER  ?= v0.8.2
STATICCHECK      := $(BIN)/staticcheck-$(STATICCHECK_VER)
FUZZTIME         ?= 30s
BENCHTIME        ?= 1s
# The River integration is a module of its own, so the core module has no PostgreSQL driver.
RIVER            := deliver/riverdeliver

.PHONY: test fmt vet staticcheck race bench fuzz cover clean

## test: gofmt check, go vet, staticcheck and the race-enabled tests.
test: fmt vet staticcheck race

fmt:
	@out=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	cd $(RIVER) && $(GO) vet ./...

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...
	cd $(RIVER) && $(STATICCHECK) ./...

$(STATICCHECK):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VER)
	mv $(BIN)/staticcheck $@

race:
	$(GO) test -race -count=1 ./...
	@if [ -z "$$HOOKKIT_TEST_DATABASE_URL" ]; then \
		echo "note: $(RIVER) tests skip: no PostgreSQL configured (HOOKKIT_TEST_DATABASE_URL); run '.ci/with-postgres make test' to include them"; \
	fi
	cd $(RIVER) && $(GO) test -race -count=1 ./...

## bench: every benchmark, with allocations, on one and two CPUs.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -cpu 1,2 ./...
	cd $(RIVER) && $(GO) test -run '^$$' -bench . -benchtime 3000x ./...

## fuzz: each fuzz target for FUZZTIME.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

## cover: coverage by function, and the total.
cover:
	$(GO) test -coverpkg=./... -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -n 1

clean:
	rm -rf $(BIN) cover.out
