"""PDF plans: PDFium's text layer back into the document's lines and paragraphs.

lines.py       each page's lines with their geometry (PDFium via pypdfium2)
paragraphs.py  page numbers, running headers and footers dropped; wrapped lines joined
reader.py      PDF bytes → text, or InvalidInput('file', why)
"""

from broadcast.plans.pdf.reader import pdf_text

__all__ = ["pdf_text"]
