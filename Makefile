# kubec - plain make builds bin/kubec-server, bin/kubec-agent and
# bin/kubec; `make test` runs every suite; `make deps` installs
# Debian's packages.  SAN=1 builds everything with ASan+UBSan into build-san/.

CC	?= cc
PKGS	:= jansson yaml-0.1 sqlite3 libmicrohttpd gnutls libcurl libseccomp libarchive zlib
PREFIX	?= /usr/local

ifeq ($(SAN),1)
B	?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BIN	?= $(B)/bin
else
B	?= build
SANFLAGS :=
BIN	?= bin
endif

OPT	?= -O2
CFLAGS	?= $(OPT) -g
CFLAGS	+= -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation \
	   -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
	   -D_GNU_SOURCE -pthread $(SANFLAGS) \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl is not linked: lib/curlapi.c loads it when first used
LDLIBS	+= $(shell pkg-config --libs $(filter-out libcurl,$(PKGS)) 2>/dev/null) -lpthread -lm
LDFLAGS	+= -pthread $(SANFLAGS)

LIB_SRC	:= $(wildcard lib/*.c)
STORE_SRC := $(wildcard server/store/*.c)
REG_SRC	:= $(wildcard server/registry/*.c)
SRV_SRC	:= $(filter-out server/main.c,$(wildcard server/*.c server/controllers/*.c \
	   server/scheduler/*.c))
AGENT_SRC := $(filter-out agent/main.c,$(wildcard agent/*.c))
CONSOLE_SRC := $(wildcard console/*.c console/cmd/*.c console/describe/*.c console/ui/*.c)
UNIT_SRC := $(wildcard tests/unit/test-*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)

LIB_OBJ	:= $(LIB_SRC:%.c=$(B)/%.o)
SRV_OBJ	:= $(SRV_SRC:%.c=$(B)/%.o)
STORE_OBJ := $(STORE_SRC:%.c=$(B)/%.o)
REG_OBJ	:= $(REG_SRC:%.c=$(B)/%.o)
AGENT_OBJ := $(AGENT_SRC:%.c=$(B)/%.o)
CONSOLE_OBJ := $(CONSOLE_SRC:%.c=$(B)/%.o)
CONSOLE_LIB_OBJ := $(filter-out $(B)/console/main.o,$(CONSOLE_OBJ))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# test-store-* link the store, test-reg-* the registry, test-srv-* all of
# the server, test-agent-* the agent, test-con-* the console; the others
# only lib/.
STORE_TESTS := $(filter $(B)/tests/test-store-%,$(UNIT_BIN))
REG_TESTS := $(filter $(B)/tests/test-reg-%,$(UNIT_BIN))
SRV_TESTS := $(filter $(B)/tests/test-srv-%,$(UNIT_BIN))
AGENT_TESTS := $(filter $(B)/tests/test-agent-%,$(UNIT_BIN))
CON_TESTS := $(filter $(B)/tests/test-con-%,$(UNIT_BIN))
LIB_TESTS := $(filter-out $(STORE_TESTS) $(REG_TESTS) $(SRV_TESTS) $(AGENT_TESTS) $(CON_TESTS),$(UNIT_BIN))

all: $(BIN)/kubec-server $(BIN)/kubec-agent $(BIN)/kubec

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libkubec.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

SERVER_OBJ := $(SRV_OBJ) $(REG_OBJ) $(STORE_OBJ)

$(BIN)/kubec-server: $(B)/server/main.o $(SERVER_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/kubec-agent: $(B)/agent/main.o $(AGENT_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the console links only what it uses: a CLI starts often
CONSOLE_LIBS := $(shell pkg-config --libs jansson yaml-0.1 gnutls libarchive ncursesw zlib 2>/dev/null) -lpthread
$(BIN)/kubec: $(CONSOLE_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CONSOLE_LIBS)

$(LIB_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(STORE_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(STORE_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(REG_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(REG_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(SRV_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(SERVER_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(AGENT_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(AGENT_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(CON_TESTS): $(B)/tests/%: $(B)/tests/unit/%.o $(CONSOLE_LIB_OBJ) $(B)/libkubec.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs ncursesw 2>/dev/null)

unit: $(UNIT_BIN)

# Fuzz targets (libFuzzer, clang): make fuzz builds them and runs each for
# FUZZ_SECONDS (0: build only).
FUZZ_SECONDS ?= 30
fuzz: $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
	@if [ "$(FUZZ_SECONDS)" -gt 0 ]; then for f in $^; do \
	    echo "== $$f"; $$f -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=0 2>&1 | tail -2 || exit 1; done; fi
build-fuzz/%: tests/fuzz/%.c $(LIB_SRC)
	@mkdir -p build-fuzz
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	    $(shell pkg-config --cflags $(PKGS)) -o $@ $^ $(LDLIBS)

test: all unit
	$(MAKE) SAN=1 all unit
	tests/run.sh

# Benchmarks (not part of make test): figures beside etcd's, same run.
bench: all
	tests/bench/api.sh
	tests/bench/pod-start.sh
	tests/bench/scale.sh
	tests/bench/proxy.sh

# Only the C unit tests, with and without sanitizers.
test-unit: unit
	$(MAKE) SAN=1 unit
	TESTS=unit tests/run.sh

deps:
	tests/deps.sh

# A single-node cluster in the background: the server on the embedded
# store, then an agent that joins it (logs and pid files in DATA).
DATA	?= /var/lib/kubec
POD_CIDR ?= 10.42.0.0/24
up: all
	@mkdir -p $(DATA)
	@bin/kubec-server --data-dir $(DATA)/server >>$(DATA)/server.log 2>&1 & \
	    echo $$! >$(DATA)/server.pid
	@for i in $$(seq 100); do [ -s $(DATA)/server/node-token ] && \
	    curl -sk https://127.0.0.1:6443/readyz >/dev/null && break; sleep 0.2; done
	@bin/kubec-agent --server https://127.0.0.1:6443 \
	    --token "$$(cat $(DATA)/server/node-token)" --data-dir $(DATA)/agent \
	    --pod-cidr $(POD_CIDR) >>$(DATA)/agent.log 2>&1 & \
	    echo $$! >$(DATA)/agent.pid
	@echo "kubec is up: export KUBECONFIG=$(DATA)/server/admin.kubeconfig"
	@echo "logs: $(DATA)/server.log $(DATA)/agent.log; stop it with make down"

# Stops the agent (its containers keep running; a new agent adopts them)
# and the server.
down:
	-@[ -s $(DATA)/agent.pid ] && kill $$(cat $(DATA)/agent.pid); rm -f $(DATA)/agent.pid
	-@[ -s $(DATA)/server.pid ] && kill $$(cat $(DATA)/server.pid); rm -f $(DATA)/server.pid

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 755 bin/kubec-server bin/kubec-agent bin/kubec $(DESTDIR)$(PREFIX)/bin/
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 man/*.8 $(DESTDIR)$(PREFIX)/share/man/man8/

clean:
	rm -rf build build-san build-fuzz bin

.PHONY: all unit fuzz test test-unit bench deps up down install clean
.SECONDARY:

-include $(shell find build build-san -name '*.d' 2>/dev/null)
