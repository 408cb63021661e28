EXTRA_DIST += configs/example.yaml configs/analysis.yaml \
	configs/examples/article-cyberspace-rules-2016.txt \
	configs/examples/captions-igf2020-ws81.txt \
	configs/examples/forum-highlights-shanghai-2017.txt \
	configs/examples/igf-report-form-2018-of20.txt \
	configs/examples/pipermail-ccwg-ig-2018-03-24.txt
