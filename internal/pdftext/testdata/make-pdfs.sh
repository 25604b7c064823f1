#!/usr/bin/env bash
# Makes the PDF fixtures from their sources with real producers, and the
# broken PDFs the error tests read. Run it after changing a source and
# commit what it writes (the tests do not run it):
#
#   internal/pdftext/testdata/make-pdfs.sh
#
# Needs Debian's chromium, libreoffice-writer-nogui, qpdf, fonts-noto-cjk,
# fonts-ipafont-mincho, fonts-ipafont-gothic and,
# for the LaTeX ones, texlive-luatex and texlive-lang-japanese (.ci/setup
# pdf installs them).
set -euo pipefail
cd "$(dirname "$0")"
out=pdfs
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

print() { # print HTML to PDF with Chromium: A4, the page's own @page margin boxes
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$PWD/$1" 2>/dev/null
}

# Chromium: a web article saved as PDF the way a reader does it, with the
# browser's own header and footer (date and time, the page's title, its
# address and "1/1") on a page of its own.
chromium --headless --no-sandbox --disable-gpu \
	--print-to-pdf="$out/webprint.pdf" "file://$PWD/src/webprint.html" 2>/dev/null

# Chromium: a commentary with running heads, page numbers, superscript
# markers and endnotes.
print src/commentary.html "$out/commentary.pdf"

# Chromium: the same commentary's body five times over (ten pages), for
# the benchmark.
{
	sed -n '1,/<h2>はじめに<\/h2>/p' src/commentary.html | sed '$d'
	for part in 一 二 三 四 五; do
		sed -n '/<h2>はじめに<\/h2>/,/<div class="notes">/p' src/commentary.html | sed '$d' |
			sed "s|<h2>|<h2>第${part}部　|"
	done
	sed -n '/<div class="notes">/,$p' src/commentary.html
} >"$tmp/long.html"
cp "$tmp/long.html" src/long.html
print src/long.html "$out/long.pdf"
rm src/long.html

# LibreOffice: a brief with page-bottom footnotes, a running head and page
# numbers in the footer.
soffice --headless --convert-to pdf --outdir "$tmp" src/brief.fodt >/dev/null
cp "$tmp/brief.pdf" "$out/brief.pdf"

# LibreOffice: an official notice (公文書) whose title is set in the body's
# size, centred under the document number, a spaced-out dateline, the
# addressee and the sender; questions with a hanging indent, answers set in
# as a whole, page-bottom footnotes (one with numbered items), a 【】
# caption and page numbers.
soffice --headless --convert-to pdf --outdir "$tmp" src/notice.fodt >/dev/null
cp "$tmp/notice.pdf" "$out/notice.pdf"

# LibreOffice: a council's circular whose dateline gives the era year in
# brackets (「2025年（令和７年）４月１日」) over the issuing body, ① items
# with paragraphs set in under them, and form items set with a negative
# right indent, so that their first lines run past the right margin.
soffice --headless --convert-to pdf --outdir "$tmp" src/circular.fodt >/dev/null
cp "$tmp/circular.pdf" "$out/circular.pdf"

# LibreOffice: a report whose second page ends with a small table and its
# source line right above that page's footnote, after notes on the first
# page: the table is no run-on of the last note.
soffice --headless --convert-to pdf --outdir "$tmp" src/allotment.fodt >/dev/null
cp "$tmp/allotment.pdf" "$out/allotment.pdf"

# LibreOffice: the brief with its headings bold in the body's size, as
# word processors' 見出し styles often are.
sed -e 's/fo:font-size="12.5pt" style:font-size-asian="12.5pt" fo:font-weight="bold"/fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:font-weight="bold"/' \
	src/brief.fodt >"$tmp/brief-bold.fodt"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/brief-bold.fodt" >/dev/null
cp "$tmp/brief-bold.pdf" "$out/brief-bold.pdf"

# LibreOffice: the brief with endnotes (at the end, with no heading)
# instead of footnotes.
sed -e 's/text:note-class="footnote"/text:note-class="endnote"/g' src/brief.fodt >"$tmp/brief-endnotes.fodt"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/brief-endnotes.fodt" >/dev/null
cp "$tmp/brief-endnotes.pdf" "$out/brief-endnotes.pdf"

# LibreOffice: the brief's body six times over (ten pages), for the
# benchmark of a word processor's PDF with embedded CID fonts.
{
	sed -n '1,/<text:p text:style-name="Author">/p' src/brief.fodt
	for part in 1 2 3 4 5 6; do
		sed -n '/<text:h /,/<text:p text:style-name="Box">/p' src/brief.fodt | sed '$d' |
			sed -e "s/text:id=\"ftn/text:id=\"p${part}ftn/g" -e "s|outline-level=\"1\">|outline-level=\"1\">第${part}部　|"
	done
	sed -n '/<text:p text:style-name="Box">/,$p' src/brief.fodt
} >"$tmp/long-brief.fodt"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/long-brief.fodt" >/dev/null
cp "$tmp/long-brief.pdf" "$out/long-brief.pdf"

# LibreOffice: a notice whose title is too long to be centred, set at the
# left below the sender, and an attachment on a page with other margins.
soffice --headless --convert-to pdf --outdir "$tmp" src/notice-long.fodt >/dev/null
cp "$tmp/notice-long.pdf" "$out/notice-long.pdf"

# LibreOffice: a plan with a cover page (title, month, issuing body), a
# table of contents with dot leaders (one entry wrapped over two lines),
# items opened by ●, ・ and ア labels with hanging indents.
soffice --headless --convert-to pdf --outdir "$tmp" src/report.fodt >/dev/null
cp "$tmp/report.pdf" "$out/report.pdf"

# LibreOffice: the plan with its contents headed 〔　目　次　〕, leaders of
# ・ and page numbers between dashes (「- 3 -」).
sed -e 's/style:leader-text="\."/style:leader-text="・"/' \
	-e 's|<text:tab/>\([0-9]\)</text:p>|<text:tab/>- \1 -</text:p>|' \
	-e 's|<text:p text:style-name="TocHead">目次</text:p>|<text:p text:style-name="TocHead">〔　目　次　〕</text:p>|' \
	src/report.fodt >"$tmp/report-leaders.fodt"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/report-leaders.fodt" >/dev/null
cp "$tmp/report-leaders.pdf" "$out/report-leaders.pdf"

# LibreOffice: a summary whose title, in the body's size, stands centred
# above its date and issuing body set at the right; ［］ labels, ● items.
soffice --headless --convert-to pdf --outdir "$tmp" src/summary.fodt >/dev/null
cp "$tmp/summary.pdf" "$out/summary.pdf"

# LibreOffice: a one-page abstract in two columns: title over a
# -subtitle- line in one size, the author set at the right above the
# columns, numbered headings a point larger than the body in its face
# (「2-1. 計測部」), a figure's labels over its caption, and a sentence that
# opens with the figure's label; 参考文献 alone in the body's size.
soffice --headless --convert-to pdf --outdir "$tmp" src/abstract.fodt >/dev/null
cp "$tmp/abstract.pdf" "$out/abstract.pdf"

# LibreOffice: a graduation thesis: a cover page (the thesis's kind set
# larger than the two-line title under it, the university, 氏名, the supervisor, the date of
# submission), a contents page with dot leaders, numbered headings set
# tight (「1.はじめに」) and with a tab (「1.1」), a heading that wraps, a
# numbered heading over a figure at the top of its page.
soffice --headless --convert-to pdf --outdir "$tmp" src/thesis.fodt >/dev/null
cp "$tmp/thesis.pdf" "$out/thesis.pdf"

# Chromium: a society's technical report: banner, title and ―subtitle―,
# names marked to the affiliation line under them, address and e-mail,
# a Japanese abstract set larger than the body, the English title block,
# the body in two columns; two ideographs typed as CJK radicals.
print src/proceedings.html "$out/proceedings.pdf"

# LibreOffice: a panel's report opening with its title centred and set
# larger than the body, a ～subtitle～ under it; and a follow-up summary
# with a label at the top right, the title centred a little larger, the
# date and the issuing body at the right under it.
for f in review followup; do
	soffice --headless --convert-to pdf --outdir "$tmp" "src/$f.fodt" >/dev/null
	cp "$tmp/$f.pdf" "$out/$f.pdf"
done

# LibreOffice: a call for public comments: the title centred in the
# body's size, the date and a long section name flush right under it,
# numbered items, and 御意見 all through the text.
soffice --headless --convert-to pdf --outdir "$tmp" src/comments.fodt >/dev/null
cp "$tmp/comments.pdf" "$out/comments.pdf"

# LibreOffice: a graduation-research abstract: the English title under
# the title, the student's number, name and Latin name on one line,
# headings numbered with a tab and set a little smaller than the body,
# and a list numbered the same way.
soffice --headless --convert-to pdf --outdir "$tmp" src/gradabstract.fodt >/dev/null
cp "$tmp/gradabstract.pdf" "$out/gradabstract.pdf"

# Chromium: a lab's house rules in the shape of LaTeX's article class:
# title, date and author above a contents list on the title page,
# numbered sections, nested lists marked – and ∗ with wrapped items.
print src/lablist.html "$out/lablist.pdf"

# LibreOffice: a request letter (date, addressees, the sender's post and
# name, a long centred title), and an outline whose title fills its first
# line and wraps to a centred second one.
for f in letter outline; do
	soffice --headless --convert-to pdf --outdir "$tmp" "src/$f.fodt" >/dev/null
	cp "$tmp/$f.pdf" "$out/$f.pdf"
done

# Chromium: a newsletter article in three columns under a title across
# the page, and two figures side by side with their captions on one line.
print src/threecol.html "$out/threecol.pdf"

# LibreOffice: a guide: the version date and the author on one line, a
# 目次 page whose entries end in a tab and the page number, no leaders,
# and an aside between waves under the first heading.
soffice --headless --convert-to pdf --outdir "$tmp" src/guide.fodt >/dev/null
cp "$tmp/guide.pdf" "$out/guide.pdf"

# Chromium: a survey's press release whose subtitle is set a size smaller
# than the title right under it, and whose tables of figures in a smaller
# size hold more characters than its running text; its first paragraph
# sets half-width digits in full-width cells, as a character grid does.
print src/survey.html "$out/survey.pdf"

# Chromium: a research institute's staff note whose byline is set over two
# lines at the right, the institute over the post and the name, the name
# marked for the note at the page's foot; a clause number set with letter
# spacing as on a character grid.
print src/staffnote.html "$out/staffnote.pdf"

# Chromium: a quarterly report's cover, the title over three lines, the
# term in square brackets under it, an about-this-report box, and the
# issuing office and the date at the foot of the page; raised † marks on
# terms the glossary at the end explains.
print src/quarterly.html "$out/quarterly.pdf"

# Chromium: a press release ("Press Release" set largest, a contact box),
# a label drawn twice by text-shadow (overprinted bold), and a diagram's
# SVG labels (one set larger than the title) above its caption.
print src/release.html "$out/release.pdf"

# Chromium: a discussion paper in the shape word processors give
# government papers: a running head of two lines (series over month), a
# title block of author groups (names marked to affiliation notes at the
# page's foot, names under their organisation), a boxed disclaimer, a
# revision history page, headings in the sans-serif face at the body's
# size over a serif body, numbered 「１.１」 and labelled 「1)」.
print src/paper.html "$out/paper.pdf"

# Chromium: an assessment form (評価書) in the shape of Ichitaro's: section
# titles numbered 「１ 」 standing out to the left of the boxed text under
# them, and half-width digits set on a character grid (two in two cells).
print src/assessment.html "$out/assessment.pdf"

# Chromium: a research summary set flush left whose lines end short where
# the long Latin name opening the next line would not fit, and a number
# broken after its thousands separator.
print src/wrapnote.html "$out/wrapnote.pdf"

# Chromium: a graduation thesis in the shape LaTeX's report class gives
# one: 「第1章」 over the chapter's title, a quad after a section's number
# before a Latin title, a roman page number and a head carrying the page
# number set lower than the top tenth, a figure at the side with the text
# wrapped around it, algorithm keywords in bold, mathematical italic.
print src/chapters.html "$out/chapters.pdf"

# Chromium: a technical note in the shape LaTeX's article class gives one:
# the author's 「∗」 note at the foot of page 1, a numbered heading naming
# versions, appendix sections 「A.1」 with a quad before a command's name.
print src/technote.html "$out/technote.pdf"

# Chromium: slides, one per landscape page: a title slide, slides titled
# at the top with bullets set large, a chart's labels, slide numbers.
print src/slides.html "$out/slides.pdf"

# Chromium: a guide with furigana (ルビ) over the title's and the body's
# kanji.
print src/ruby.html "$out/ruby.pdf"

# Chromium and qpdf: the commentary imposed on a B4 sheet, cropped back to
# A4 by its CropBox, as imposition tools leave a page with trim marks
# around it: the crop box does not start at the sheet's corner. The page
# content is moved in by the margin and the boxes are set around it.
qpdf --qdf --object-streams=disable "$out/commentary.pdf" "$tmp/c.qdf"
perl -0pe '
	s{/MediaBox \[\s*0\s*0\s*([\d.]+)\s*([\d.]+)\s*\]}{sprintf("/MediaBox [ 0 0 %.2f %.2f ] /CropBox [ 66.8 94.9 %.2f %.2f ] /TrimBox [ 66.8 94.9 %.2f %.2f ]", $1+133.6, $2+189.8, $1+66.8, $2+94.9, $1+66.8, $2+94.9)}ge;
	s{(%% Contents for page \d+\n%% Original object ID: \d+ 0\n\d+ 0 obj\n<<\n  /Length \d+ 0 R\n>>\nstream\n)}{$1 . "1 0 0 1 66.8 94.9 cm\n"}ge;
' "$tmp/c.qdf" >"$tmp/cropped.qdf"
fix-qdf "$tmp/cropped.qdf" >"$tmp/cropped-fixed.qdf"
qpdf "$tmp/cropped-fixed.qdf" "$out/cropped.pdf"

# Chromium and qpdf: a landscape summary in two columns as printer
# drivers write it: the content turned on a portrait sheet, the page
# turned back by /Rotate 90; its labels drawn twice (text-shadow).
print src/landscape.html "$tmp/landscape.pdf"
qpdf --rotate=+90 "$tmp/landscape.pdf" "$out/landscape.pdf"

# LibreOffice: a committee's summary of a bill set vertically (縦書き):
# the committee's name at the top of the first column, a title over two
# columns, numbered items whose next lines are set in (one running on
# over the page break), page numbers in kanji at the foot.
soffice --headless --convert-to pdf --outdir "$tmp" src/bill.fodt >/dev/null
cp "$tmp/bill.pdf" "$out/bill.pdf"

# LuaLaTeX (luatexja): a paper in two columns with \footnote notes at
# the columns' feet and the author's note from \thanks; and a page set
# vertically (縦書き) by ltjtarticle, whose commas and full stops come out
# as vertical presentation forms (「︑」「︒」); and a student's preprint
# whose English title and a byline of two lines at the right (number and
# name, supervisor) stand above the two columns; and a thesis's cover
# whose English title reads larger than the Japanese one over it, then a
# table of measurements; and a short paper whose three authors are marked
# with raised numbers to the affiliations set on one line.
for tex in twocolumn vertical preprint coverthesis coauthors; do
	cp "src/$tex.tex" "$tmp/"
	(cd "$tmp" && lualatex -interaction=nonstopmode -halt-on-error "$tex.tex" >/dev/null)
	cp "$tmp/$tex.pdf" "$out/$tex.pdf"
done

# LibreOffice: a ministry's summary sheet whose title is set in from the
# margin over numbered section titles in the body's size, each over a
# paragraph set in or over ○ items.
soffice --headless --convert-to pdf --outdir "$tmp" src/summarysheet.fodt >/dev/null
cp "$tmp/summarysheet.pdf" "$out/summarysheet.pdf"

# Chromium: a report justified letter by letter (text-justify:
# inter-character), a line spread to its width before a long program
# name; and a deck whose bullets wrap to a last line of a few characters.
print src/spread.html "$out/spread.pdf"
print src/deckwrap.html "$out/deckwrap.pdf"

# Chromium: a ministry's deck with the issuing bureau under the title, a
# slide titled 「（参考）…」 and a divider slide shown before each part.
print src/dividers.html "$out/dividers.pdf"

# Chromium: a deck in Beamer's shape, a footer line with the talk, the
# speaker and 「3 / 5」 on every slide, tight under the last bullet.
print src/deckfooter.html "$out/deckfooter.pdf"

# Chromium: an abstract whose references stand small at the page's foot
# in two columns, numbered down the left column, then the right.
print src/refcolumns.html "$out/refcolumns.pdf"

# Chromium: a hands-on deck with no title slide, very short bullets and a
# topic carried over two slides under one title.
print src/handson.html "$out/handson.pdf"

# Broken inputs: encrypted (LibreOffice with an open password), truncated,
# corrupt, and a page with no text layer (a drawing only).
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
	--outdir "$tmp/enc" src/brief.fodt >/dev/null
cp "$tmp/enc/brief.pdf" "$out/encrypted.pdf"
head -c 6000 "$out/brief.pdf" >"$out/truncated.pdf"
{ head -c 400 "$out/brief.pdf"; head -c 3000 /dev/zero | tr '\0' 'x'; } >"$out/corrupt.pdf"
print src/no-text.html "$out/no-text.pdf"
ls -l "$out"
