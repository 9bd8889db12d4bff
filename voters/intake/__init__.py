"""Intake of the spreadsheets the Office really has: petitions (the export's layout) and a meeting's opinions
(the minutes' table), with one reading of cells (dates, text, headers) and one commune resolver."""
