"""The aktstykke: a ministry's request to Folketingets Finansudvalg."""
