"""Printed sheets: layouts drawn with QTextDocument onto a PDF writer or a printer.

`pages` holds what every sheet shares (paper, ink, fonts, pagination, atomic PDF writing,
preview and direct print); each sheet module only builds its document.
"""
