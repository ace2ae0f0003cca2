# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmarks: 'make bench' builds the bench programs (never built by
# 'make' or 'make check': they are EXTRA_PROGRAMS) and runs bench/run.sh,
# which measures the figures of BRIEF §9 with taste itself, bench_als
# and the numpy peer, and writes $(top_srcdir)/bench/RESULTS.md.
# MovieLens 100k is read from ../shared/data/ml-100k beside the source
# tree and skipped cleanly when absent; so is the peer without
# python3-numpy and python3-scipy.
EXTRA_PROGRAMS = bench/bench_als
bench_bench_als_SOURCES = bench/bench_als.c
bench_bench_als_LDADD = $(CORE_LIBS)
CLEANFILES += bench/bench_als$(EXEEXT) bench/RESULTS.md.tmp
# bench_signals: P@10 of the iALS fold-in with and without "seen"
# signals on ML-100k (bench/NOTES.md); built on demand, not by 'make
# bench': make bench/bench_signals.
EXTRA_PROGRAMS += bench/bench_signals
bench_bench_signals_SOURCES = bench/bench_signals.c
bench_bench_signals_LDADD = $(CORE_LIBS)
CLEANFILES += bench/bench_signals$(EXEEXT)
EXTRA_DIST += bench/run.sh bench/peer_numpy.py bench/NOTES.md \
	bench/ui-latency.sh bench/matrix-latency.sh bench/train-latency.sh \
	bench/import-speed.sh \
	bench/RESULTS.md

bench_env = \
	TASTE='$(abs_top_builddir)/taste$(EXEEXT)' \
	BENCH_ALS='$(abs_top_builddir)/bench/bench_als$(EXEEXT)' \
	ML100K='$(abs_top_srcdir)/../shared/data/ml-100k' \
	SRCDIR='$(abs_top_srcdir)' BUILDDIR='$(abs_top_builddir)'

bench: taste$(EXEEXT) bench/bench_als$(EXEEXT)
	$(MKDIR_P) bench
	$(bench_env) $(SHELL) $(top_srcdir)/bench/run.sh \
		>bench/RESULTS.md.tmp
	mv bench/RESULTS.md.tmp $(top_srcdir)/bench/RESULTS.md
	@echo "bench: wrote $(top_srcdir)/bench/RESULTS.md"
.PHONY: bench
