// The shapes of the pages' query results (src/app/queries/*.graphql).

export type Author = { name: string; affiliation: string | null; title?: string | null };

export type TopicName = { slug: string; name: string; nameEn: string };

export type Position = { slug: string; label: string; labelEn: string };

export type Topic = TopicName & {
  description: string;
  descriptionEn: string;
  positions: Position[];
};

export type CitationSummary = {
  id: string;
  quote: string;
  anchored: boolean;
  section: { heading: string | null } | null;
};

export type StanceSummary = {
  position: string;
  positionLabel: string;
  positionLabelEn: string;
  summary: string;
  summaryEn: string;
  citations: CitationSummary[];
};

export type ComparisonRow = {
  document: {
    slug: string;
    title: string | null;
    subtitle: string | null;
    publisher: string | null;
    publishedOn: string | null;
  };
  authors: Author[];
  coverage: number;
  stance: StanceSummary | null;
  evidence: { nodes: { snippet: string; paragraph: { ordinal: number } }[] };
};

export type TopicsData = { topics: TopicName[] };

export type CompareData = { compare: { topic: Topic; rows: ComparisonRow[] } };

export type FootnoteRef = { label: string; offset: number; footnote: { id: string } };

export type Paragraph = {
  id: string;
  ordinal: number;
  text: string;
  start: number;
  footnoteRefs: FootnoteRef[];
};

export type Footnote = { id: string; label: string; body: string | null; urls: string[] };

export type ReaderDocument = {
  slug: string;
  title: string | null;
  subtitle: string | null;
  publisher: string | null;
  url: string | null;
  series: string | null;
  seriesNumber: string | null;
  publishedOn: string | null;
  updatedOn: string | null;
  authors: Author[];
  stances: {
    topic: TopicName & { positions: { slug: string }[] };
    position: string;
    positionLabel: string;
    positionLabelEn: string;
    summary: string;
    summaryEn: string;
    citations: { id: string }[];
  }[];
  sections: { ordinal: number; heading: string | null; level: number; paragraphs: Paragraph[] }[];
  footnotes: Footnote[];
};

export type ReaderData = { document: ReaderDocument | null };

export type Citation = {
  id: string;
  quote: string;
  start: number | null;
  end: number | null;
  anchored: boolean;
  document: { slug: string };
  paragraph: { id: string } | null;
  footnotes: { id: string }[];
};

export type CitationData = { node: Citation | Record<string, never> | null };
