# Bundled catalogues, installed under $(pkgdatadir)/data.
nobase_dist_pkgdata_DATA = \
	data/README \
	data/movies/README.txt data/movies/links.csv data/movies/movies.csv \
	data/movies/ratings.csv data/movies/tags.csv \
	data/books/LICENSE data/books/books.csv data/books/tags.csv \
	data/housing/README data/housing/housing.csv
