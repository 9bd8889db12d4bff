"""Official documents (Decree 30/2020 layout) built from one content structure: DOCX, PDF and XLSX."""
