# The core library: everything but curses. The CLI, the TUI and the
# tests all link it.
noinst_LIBRARIES += libtaste.a
libtaste_a_SOURCES = \
	src/util.c src/util.h src/i18n.h src/topk.h \
	src/log.c src/log.h \
	src/json.c src/json.h \
	src/text.c src/text.h \
	src/intern.c src/intern.h \
	src/scale.c src/scale.h \
	src/safe.c src/safe.h \
	src/report.c src/report.h \
	src/csvread.c src/csvread.h src/csvwrite.c src/csvwrite.h \
	src/zipinfo.c src/zipinfo.h \
	src/matrix.c src/matrix.h \
	src/ratings_file.c src/ratings_file.h \
	src/paths.c src/paths.h src/replace.c src/replace.h \
	src/profile.c src/profile.h src/origin.c src/origin.h \
	src/catalog.c src/catalog.h \
	src/catalog_cache.c src/catalog_cache.h \
	src/import.c src/import.h src/import_priv.h \
	src/import_personal.c src/import_match.c src/import_report.c \
	src/usertags.c src/usertags.h \
	src/search.c src/search.h \
	src/view.c src/view.h \
	src/stats.c src/stats.h \
	src/plot.c src/plot.h \
	src/regress.c src/regress.h \
	src/cli_regress.c src/cli_regress.h \
	src/tune.c src/tune.h src/cli_tune.c src/cli_tune.h \
	src/synth.c src/synth.h \
	src/blockmap.c src/blockmap.h \
	src/options.h \
	src/cli.c src/cli.h \
	src/cli_model.c src/cli_model.h \
	src/cli_import.c src/cli_import.h \
	src/recs.c src/recs.h \
	src/eval.c src/eval.h \
	src/trainer.c src/trainer.h \
	src/model/model.c src/model/model.h src/model/kinds.h \
	src/model/baseline.c src/model/als.c src/model/knn.c \
	src/model/content.c src/model/hybrid.c \
	src/model/store.c src/model/store.h src/model/knn.h \
	src/model/content.h src/model/hybrid.h
