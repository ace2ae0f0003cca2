# SPDX-License-Identifier: GPL-3.0-or-later
# eval tests: splits and metrics worked out by hand (cmocka), and golden
# tests of the model subcommands train, eval, recommend and similar on
# tiny fixtures (tests/fixtures/eval).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_eval
TESTS += tests/unit/test_eval
endif
tests_unit_test_eval_SOURCES = tests/unit/test_eval.c
tests_unit_test_eval_CFLAGS = $(unit_cflags)
tests_unit_test_eval_LDADD = $(unit_ldadd)

eval_cli_tests = \
	tests/cli/model_eval.sh \
	tests/cli/model_eval_cases.sh \
	tests/cli/model_train.sh \
	tests/cli/model_recommend.sh \
	tests/cli/model_similar.sh \
	tests/cli/model_usage.sh
TESTS += $(eval_cli_tests)
EXTRA_DIST += $(eval_cli_tests) \
	tests/golden/model_eval_keys.out \
	tests/golden/model_eval_fold_keys.out \
	tests/golden/model_list_keys.out \
	tests/golden/model_recommend_cold.out \
	tests/golden/model_recommend_cold_json.out \
	tests/golden/model_similar_content.out \
	tests/fixtures/eval/17-leakage.csv \
	tests/fixtures/eval/cold-train.csv \
	tests/fixtures/eval/cold-test.csv \
	tests/fixtures/eval/cold/movies.csv \
	tests/fixtures/eval/cold/ratings.csv \
	tests/fixtures/eval/noratings/movies.csv \
	tests/fixtures/eval/tiny/movies.csv \
	tests/fixtures/eval/tiny/ratings.csv
