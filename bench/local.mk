# Benchmarks: 'make bench' measures and writes bench/RESULTS.md.
