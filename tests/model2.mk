# model2 tests: the kNN, content and hybrid kinds (tests/unit/test_knn.c,
# test_content.c, test_hybrid.c), on hand-computed fixtures and the
# handed cases 02, 03 and 15; test_model2_real on the bundled catalogues;
# test_recs: the lists the screen shows (src/recs.c).
EXTRA_DIST += tests/unit/model2_util.h \
	tests/fixtures/cases/02-cold-start.csv \
	tests/fixtures/cases/02-cold-start-items.csv \
	tests/fixtures/cases/03-all-zero-user.csv

check_PROGRAMS += tests/unit/test_knn tests/unit/test_content \
	tests/unit/test_hybrid tests/unit/test_model2_real \
	tests/unit/test_recs
TESTS += tests/unit/test_knn tests/unit/test_content \
	tests/unit/test_hybrid tests/unit/test_model2_real \
	tests/unit/test_recs

tests_unit_test_knn_SOURCES = tests/unit/test_knn.c
tests_unit_test_knn_CFLAGS = $(unit_cflags)
tests_unit_test_knn_LDADD = $(unit_ldadd)

tests_unit_test_content_SOURCES = tests/unit/test_content.c
tests_unit_test_content_CFLAGS = $(unit_cflags)
tests_unit_test_content_LDADD = $(unit_ldadd)

tests_unit_test_hybrid_SOURCES = tests/unit/test_hybrid.c
tests_unit_test_hybrid_CFLAGS = $(unit_cflags)
tests_unit_test_hybrid_LDADD = $(unit_ldadd)

tests_unit_test_model2_real_SOURCES = tests/unit/test_model2_real.c
tests_unit_test_model2_real_CFLAGS = $(unit_cflags)
tests_unit_test_model2_real_LDADD = $(unit_ldadd)

tests_unit_test_recs_SOURCES = tests/unit/test_recs.c
tests_unit_test_recs_CFLAGS = $(unit_cflags)
tests_unit_test_recs_LDADD = $(unit_ldadd)
