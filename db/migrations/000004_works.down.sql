DROP TABLE footnote_works;
DROP TABLE works;
