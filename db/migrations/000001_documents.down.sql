DROP TABLE captions;
DROP TABLE footnote_refs;
DROP TABLE footnotes;
DROP TABLE paragraphs;
DROP TABLE sections;
DROP TABLE document_authors;
DROP TABLE authors;
DROP TABLE documents;
